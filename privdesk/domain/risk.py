"""Severity of a personal data breach (ENISA 2013) and the advice on notifying (Art. 33 and 34).

The severity follows ENISA's "Recommendations for a methodology of the assessment of severity
of personal data breaches" (v1.0, December 2013): SE = DPC × EI + CB, where

- DPC (data processing context, 1–4) starts from the type of the data (simple 1, behavioural 2,
  financial 3, sensitive 4), is adjusted for what the data reveal, and here also for the school's
  aggravating factors (children and vulnerable people, special-needs data, identity numbers);
  the highest category counts, capped at 4;
- EI (ease of identification) is 0.25, 0.5, 0.75 or 1;
- CB (circumstances of the breach) adds 0 / 0.25 / 0.5 for each of loss of confidentiality,
  integrity and availability, and 0.5 for malicious intent;
- the bands are low < 2 ≤ medium < 3 ≤ high < 4 ≤ very high.

The advice does not follow the score alone. It follows Art. 33(1) (notify the authority unless
the breach is unlikely to result in a risk), Art. 34(1) (tell the people when the risk is likely
to be high) with the exemptions of Art. 34(3), and the conclusions of EDPB Guidelines 01/2021
and the WP29 guidelines (WP250 rev.01) on which facts remove or raise the risk. Every reason is
a msgid with parameters, translated where it is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from privdesk.domain import codes
from privdesk.domain.errors import N_, NP_, plural_text
from privdesk.domain.incidents import (
    NOTIFY_WITHIN,
    hours_to_notification,
    is_late,
    notify_by,
    processor_reported_first,
)
from privdesk.domain.records import Incident

BANDS = codes.SEVERITY_BANDS

# ENISA's four types of data and their base scores.
SIMPLE, BEHAVIOURAL, FINANCIAL, SENSITIVE = "simple", "behavioural", "financial", "sensitive"
BASE_SCORES = {SIMPLE: 1, BEHAVIOURAL: 2, FINANCIAL: 3, SENSITIVE: 4}

CATEGORY_TYPES = {
    "identity": SIMPLE, "contact": SIMPLE, "national_id": SIMPLE, "education": SIMPLE,
    "special_needs": SIMPLE, "images": SIMPLE, "other": SIMPLE,
    "location": BEHAVIOURAL, "behaviour": BEHAVIOURAL, "communication": BEHAVIOURAL,
    "credentials": BEHAVIOURAL,
    "financial": FINANCIAL,
    **{category: SENSITIVE for category in codes.SPECIAL_CATEGORIES},
    codes.CRIMINAL_CATEGORY: SENSITIVE,
}

# ENISA's adjusting factors as they apply to a category whatever the incident: how much more
# the data reveal than their type says.
CATEGORY_ADJUSTMENTS: dict[str, tuple[int, str]] = {
    # Simple data from which health or development can be inferred: ENISA's +2.
    "special_needs": (2, N_("Special-needs notes allow assumptions about a child's health or "
                            "development, so they weigh almost like health data.")),
    # School factor: an identity number opens the door to identity fraud.
    "national_id": (2, N_("National identity numbers can be misused for identity fraud.")),
    # ENISA: credentials weigh as what they give access to; in a school, accounts with pupils'
    # and staff's data, so at least one step above behavioural data.
    "credentials": (1, N_("Passwords or other credentials give access to more data about the "
                          "people.")),
}

TYPE_REASONS = {
    SIMPLE: N_("The data are ordinary personal data, such as names, contact details or school "
               "work."),
    BEHAVIOURAL: N_("The data describe behaviour, location, communication or account access."),
    FINANCIAL: N_("The data include financial information."),
    SENSITIVE: N_("The data include special categories (such as health) or criminal-offence "
                  "data."),
}

# Ease of identification.
EI_NEGLIGIBLE, EI_LIMITED, EI_SIGNIFICANT, EI_MAXIMUM = 0.25, 0.5, 0.75, 1.0
DIRECT_IDENTIFIERS = frozenset({"identity", "national_id", "contact", "images", "biometric"})
SMALL_GROUP = 30  # a class: anyone who knows the school can tell who is who

# Circumstances of the breach.
CB_NONE, CB_SOME, CB_FULL = 0.0, 0.25, 0.5
MALICE = 0.5

# An outage restored from backup within this many hours is "recovered without difficulty"
# (EDPB 01/2021 case 1: restored within hours, no notification; case 3 and WP250 (viii): one or
# two days in a hospital, notification).
BRIEF_OUTAGE_HOURS = 24.0
# From this many people the number itself weighs (ENISA lists it among the final criteria;
# WP250's mailing-list examples turn on "a large number").
MANY_PEOPLE = 100
# From this many people, informing each one may be a disproportionate effort (Art. 34(3)(c)).
DISPROPORTIONATE = 10_000

EXPOSED_SOMEHOW = ("known_trusted", "known_untrusted", "unknown", "public")


@dataclass(frozen=True, slots=True)
class Reason:
    """One plain-language sentence of the assessment: a msgid and its parameters.

    A sentence whose words follow a number ("within 1 hour", "within 5 hours") is an ``NP_``
    pair with that number as ``count``: a fraction (1.5 hours) takes the plural form, as it
    does in nb, sv and en.
    """

    message: str | tuple[str, str]
    params: Mapping[str, object] = field(default_factory=dict)
    count: float | None = None

    def render(self, gettext: Callable[[str], str] | None = None) -> str:
        if isinstance(self.message, tuple):
            count = self.count if self.count is not None else 0
            whole = int(count) if count == int(count) else 2  # a fraction: the "other" form
            template = plural_text(gettext, self.message, whole)
        else:
            template = gettext(self.message) if gettext is not None else self.message
        return template.format(**self.params) if self.params else template


@dataclass(frozen=True, slots=True)
class Severity:
    """ENISA's three criteria, the score and its band."""

    dpc: int
    ei: float
    cb: float
    score: float
    band: str


@dataclass(frozen=True, slots=True)
class Assessment:
    """The severity and the advice, with the reasons a DPO can defend later."""

    severity: Severity
    notify_authority: bool
    notify_subjects: bool
    notify_by: datetime
    reasons: tuple[Reason, ...]
    public_communication: bool = False
    # The reasons that decide the two answers (all among ``reasons``), and the losses
    # (confidentiality, integrity, availability) that put the people at risk.
    deciding: tuple[Reason, ...] = ()
    at_risk: tuple[str, ...] = ()


def band(score: float) -> str:
    """ENISA's band of a severity score."""
    if score < 2:
        return "low"
    if score < 3:
        return "medium"
    if score < 4:
        return "high"
    return "very_high"


def severity(dpc: int, ei: float, cb: float) -> Severity:
    """SE = DPC × EI + CB, with its band."""
    if not 1 <= dpc <= 4:
        raise ValueError(f"DPC must be 1 to 4, got {dpc}")
    if ei not in (EI_NEGLIGIBLE, EI_LIMITED, EI_SIGNIFICANT, EI_MAXIMUM):
        raise ValueError(f"EI must be 0.25, 0.5, 0.75 or 1, got {ei}")
    if not 0 <= cb <= 2:
        raise ValueError(f"CB must be 0 to 2, got {cb}")
    score = round(dpc * ei + cb, 4)
    return Severity(dpc=dpc, ei=ei, cb=cb, score=score, band=band(score))


# --- what the facts say -----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Facts:
    """The incident's facts as the assessment reads them (unknowns resolved cautiously)."""

    confidentiality: bool
    integrity: bool
    availability: bool
    exposure: str  # one of codes.EXPOSURES; "unknown" when not recorded
    unintelligible: bool
    contained: bool  # a trusted recipient gave the data back or deleted them
    took_back: bool  # any known recipient gave the data back or deleted them
    malicious: bool
    possible_exfiltration: bool  # an attack where copying out has not been ruled out
    outage_brief: bool
    outage_permanent: bool
    restore_time_unknown: bool  # restored from a backup, how long it took not recorded
    children: bool
    vulnerable: bool
    sensitive: bool  # Art. 9 or 10 data, health or special needs
    many: bool
    count_unknown: bool


def _facts(incident: Incident) -> _Facts:
    types = set(incident.breach_types)
    categories = set(incident.data_categories)
    exposure = incident.exposure
    possible_exfiltration = bool(
        incident.malicious and incident.exfiltrated is None
        and exposure in (None, "unknown") and types & {"availability", "integrity"})
    confidentiality = bool(
        "confidentiality" in types or incident.exfiltrated
        or exposure in EXPOSED_SOMEHOW or possible_exfiltration)
    if exposure is None:
        exposure = "unknown" if confidentiality else "none"
    if incident.exfiltrated and exposure == "none":
        exposure = "unknown"  # data that left cannot have been seen by no one
    restored = incident.restored_within_hours
    availability = "availability" in types
    unintelligible = bool(incident.encrypted) and incident.key_compromised is False
    took_back = (exposure in ("known_trusted", "known_untrusted")
                 and incident.recovered_or_deleted_by_recipient is True)
    return _Facts(
        confidentiality=confidentiality,
        integrity="integrity" in types,
        availability=availability,
        exposure=exposure,
        unintelligible=unintelligible,
        contained=took_back and exposure == "known_trusted" and not incident.malicious,
        took_back=took_back,
        malicious=bool(incident.malicious),
        possible_exfiltration=possible_exfiltration,
        outage_brief=(availability and incident.backup_available is True
                      and (restored <= BRIEF_OUTAGE_HOURS if restored is not None
                           else not incident.ongoing)),
        outage_permanent=(availability and incident.backup_available is False
                          and restored is None),
        restore_time_unknown=(availability and incident.backup_available is True
                              and restored is None and not incident.ongoing),
        children=bool(incident.children) or "pupils" in incident.subject_groups,
        vulnerable=bool(incident.vulnerable),
        sensitive=bool(categories & (codes.SPECIAL_CATEGORIES
                                     | {codes.CRIMINAL_CATEGORY, "special_needs"})),
        many=(incident.subjects_count or 0) >= MANY_PEOPLE,
        count_unknown=incident.subjects_count is None,
    )


def data_processing_context(incident: Incident) -> tuple[int, list[Reason]]:
    """ENISA's DPC: the highest adjusted score of the categories, plus the people's factor."""
    reasons: list[Reason] = []
    categories = [c for c in incident.data_categories if c in CATEGORY_TYPES]
    if not categories:
        reasons.append(Reason(N_("No categories of data are recorded; the data were assessed "
                                 "as simple data such as names.")))
        best = BASE_SCORES[SIMPLE]
    else:
        scores = {}
        for category in categories:
            adjustment = CATEGORY_ADJUSTMENTS.get(category, (0, ""))[0]
            scores[category] = BASE_SCORES[CATEGORY_TYPES[category]] + adjustment
        best = max(scores.values())
        # Explain the categories that set the score: an adjusted category by its adjustment,
        # otherwise by ENISA's type of data.
        leading = [c for c in categories if scores[c] == best]
        adjusted = [c for c in leading if c in CATEGORY_ADJUSTMENTS]
        for category in adjusted:
            reasons.append(Reason(CATEGORY_ADJUSTMENTS[category][1]))
        if not adjusted:
            kind = CATEGORY_TYPES[leading[0]]
            reasons.append(Reason(TYPE_REASONS[kind]))
    facts = _facts(incident)
    if facts.children or facts.vulnerable:
        # ENISA: minors and vulnerable groups make the same data more critical for them.
        best += 1
        if facts.children:
            reasons.append(Reason(N_("The people affected are children, who need particular "
                                     "protection (recital 38).")))
        if facts.vulnerable:
            reasons.append(Reason(N_("The people affected include vulnerable people.")))
    return min(best, 4), reasons


def ease_of_identification(incident: Incident) -> tuple[float, list[Reason]]:
    """ENISA's EI from what identifies the people in the data."""
    facts = _facts(incident)
    categories = set(incident.data_categories)
    if facts.unintelligible:
        return EI_NEGLIGIBLE, [Reason(N_("The data were encrypted and the key is safe, so no "
                                         "one can read them."))]
    if categories & DIRECT_IDENTIFIERS or not categories:
        return EI_MAXIMUM, [Reason(N_("The people can be identified directly from the data "
                                      "(names, identity numbers, contact details or images)."))]
    count = incident.subjects_count
    if facts.children or (count is not None and count <= SMALL_GROUP):
        return EI_SIGNIFICANT, [Reason(N_("The data carry no names, but in a small group such "
                                          "as a class the people can easily be singled out."))]
    return EI_LIMITED, [Reason(N_("The data carry no names or other direct identifiers."))]


def circumstances(incident: Incident) -> tuple[float, list[Reason]]:
    """ENISA's CB: loss of confidentiality, integrity and availability, and malicious intent."""
    facts = _facts(incident)
    reasons: list[Reason] = []
    cb = 0.0
    if facts.confidentiality:
        if facts.exposure == "none":
            part = CB_NONE
            reasons.append(Reason(N_("The data were exposed, but there is no sign that anyone "
                                     "saw them.")))
        elif facts.exposure in ("known_trusted", "known_untrusted"):
            part = CB_SOME
            reasons.append(Reason(N_("The data reached a known number of known recipients.")))
        else:
            part = CB_FULL
            if facts.exposure == "public":
                reasons.append(Reason(N_("The data were made public.")))
            else:
                reasons.append(Reason(N_("It is not known who, or how many, could see the "
                                         "data.")))
        if facts.possible_exfiltration:
            reasons.append(Reason(N_("It has not been ruled out that the attacker copied the "
                                     "data; they were assessed as if copied.")))
        cb += part
    if facts.integrity:
        if incident.backup_available:
            part = CB_NONE
            reasons.append(Reason(N_("Altered data can be restored from a backup.")))
        elif facts.malicious:
            part = CB_FULL
            reasons.append(Reason(N_("Data were altered on purpose and cannot be restored.")))
        else:
            part = CB_SOME
            reasons.append(Reason(N_("Altered data may not be restorable.")))
        cb += part
    if facts.availability:
        if facts.outage_brief and facts.restore_time_unknown:
            # Decided (EDPB 01/2021 cases 1 and 10): a backup the data came back from is no
            # outage risk; the time it took is not recorded, so the DPO is asked to record it
            # when it was longer than a day (which would make it one, as in case 3).
            part = CB_NONE
            reasons.append(Reason(N_("The data can be restored from a backup; no restore time "
                                     "is recorded, so the outage was taken as brief (record "
                                     "the hours if it lasted more than a day).")))
        elif facts.outage_brief:
            part = CB_NONE
            reasons.append(Reason(NP_("The data were restored from a backup within {hours} hour.",
                                      "The data were restored from a backup within {hours} "
                                      "hours."),
                                  {"hours": _number(incident.restored_within_hours)},
                                  _rounded(incident.restored_within_hours)))
        elif facts.outage_permanent:
            part = CB_FULL
            reasons.append(Reason(N_("The data are lost: there is no backup to restore them "
                                     "from.")))
        else:
            part = CB_SOME
            if incident.restored_within_hours is not None:
                reasons.append(Reason(NP_("The data were unavailable for {hours} hour.",
                                          "The data were unavailable for {hours} hours."),
                                      {"hours": _number(incident.restored_within_hours)},
                                      _rounded(incident.restored_within_hours)))
            else:
                reasons.append(Reason(N_("The data are unavailable for a while.")))
        cb += part
    if facts.malicious:
        cb += MALICE
        reasons.append(Reason(N_("Someone caused the breach on purpose.")))
        if incident.exfiltrated is False:
            reasons.append(Reason(N_("It was established that no data were copied out.")))
    return cb, reasons


def _rounded(value: float | None) -> float | None:
    """The number ``_number`` writes, for choosing the plural form."""
    return None if value is None else round(value, 1)


def _number(value: float | None) -> str:
    if value is None:
        return ""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


# --- the advice -------------------------------------------------------------------------------

def assess(incident: Incident) -> Assessment:
    """The ENISA severity of ``incident`` and whether to notify the authority and the people.

    The reasons that decide each answer are kept in ``deciding`` and are always among the
    reasons shown; no reason shown says the opposite of the advice.
    """
    dpc, dpc_reasons = data_processing_context(incident)
    ei, ei_reasons = ease_of_identification(incident)
    cb, cb_reasons = circumstances(incident)
    result = severity(dpc, ei, cb)
    facts = _facts(incident)
    reasons: list[Reason] = [*dpc_reasons, *ei_reasons, *cb_reasons]
    deciding: list[Reason] = []

    # Which losses put the people at risk at all (Art. 33(1): "unless unlikely").
    at_risk: list[str] = []
    if facts.confidentiality:
        if facts.unintelligible:
            reasons.append(Reason(N_("Disclosure is unlikely to harm anyone: the data cannot be "
                                     "read without the key.")))
        elif facts.contained:
            reasons.append(Reason(N_("The data reached a trusted recipient who has given them "
                                     "back or deleted them, so the disclosure is unlikely to "
                                     "result in a risk.")))
        elif facts.exposure == "none":
            pass  # the reason was given with the circumstances
        else:
            at_risk.append("confidentiality")
    # Altered data restored from a backup are whole again; malice is weighed in the severity
    # (ENISA's CB), not taken as a loss of integrity by itself (EDPB 01/2021 case 1).
    if facts.integrity and incident.backup_available is not True:
        at_risk.append("integrity")
    if facts.availability:
        if facts.outage_brief:
            reasons.append(Reason(N_("The data came back from a backup without difficulty: "
                                     "the loss of availability is unlikely to put the people "
                                     "at risk.")))
        else:
            at_risk.append("availability")
    unknown = not (facts.confidentiality or facts.integrity or facts.availability)

    aggravating = (facts.children or facts.vulnerable or facts.sensitive or facts.many
                   or facts.malicious or result.band != "low")
    limited_disclosure = (at_risk == ["confidentiality"]
                          and facts.exposure in ("known_trusted", "known_untrusted"))
    if unknown:
        notify_authority = True
        deciding.append(Reason(N_("Too little is recorded about what happened to rule out a "
                                  "risk; when in doubt, notify the authority and complete the "
                                  "notification later (Art. 33(4)).")))
    elif not at_risk:
        notify_authority = False
        deciding.append(Reason(N_("The breach is unlikely to result in a risk to the people: "
                                  "notifying the authority is not required, but the breach "
                                  "must be documented (Art. 33(5)).")))
    elif limited_disclosure and not aggravating and not facts.count_unknown:
        notify_authority = False
        deciding.append(Reason(N_("Ordinary data went to a few known recipients and nothing "
                                  "makes it worse: the breach is unlikely to result in a risk "
                                  "(Art. 33(1)), but it must be documented (Art. 33(5)).")))
    else:
        notify_authority = True
        deciding += _losses(at_risk)
        if limited_disclosure and not aggravating:
            # EDPB 01/2021 case 16: letters went to known recipients, but how many is not
            # known; an unknown number is not a small one.
            deciding.append(Reason(N_("The number of people affected is not known, so it "
                                      "cannot be taken to be small.")))
        if facts.many:
            deciding.append(Reason(N_("Many people are affected ({count})."),
                                   {"count": incident.subjects_count}))
        deciding.append(Reason(N_("The breach is likely to result in a risk to the people: "
                                  "notify the supervisory authority within 72 hours of "
                                  "becoming aware (Art. 33(1)).")))

    high = notify_authority and not unknown and _high_risk(result, facts, at_risk)
    notify_subjects = False
    public = False
    subjects: list[Reason] = []
    if high:
        if "confidentiality" in at_risk and facts.took_back and not facts.malicious and not (
                "availability" in at_risk or "integrity" in at_risk):
            # Art. 34(3)(b): the measures taken mean the high risk will no longer materialise.
            subjects.append(Reason(N_("The recipients have given back or deleted the data, so "
                                      "the high risk is no longer likely to materialise: "
                                      "telling the people is not required (Art. 34(3)(b)), "
                                      "though it may still be good practice.")))
        else:
            notify_subjects = True
            subjects.append(Reason(N_("The breach is likely to result in a high risk to the "
                                      "people: tell them without undue delay, in clear and "
                                      "plain language, what happened and what they can do "
                                      "(Art. 34(1) and (2)).")))
            count = incident.subjects_count
            if count is not None and count >= DISPROPORTIONATE:
                public = True
                subjects.append(Reason(N_("With {count} people, telling each one may take "
                                          "disproportionate effort; a public communication "
                                          "that informs them as effectively may be used "
                                          "instead (Art. 34(3)(c))."), {"count": count}))
    elif notify_authority and not unknown:
        if facts.confidentiality and facts.unintelligible:
            subjects.append(Reason(N_("The data are unintelligible to anyone without the key, "
                                      "so the people need not be told (Art. 34(3)(a)).")))
        subjects.append(Reason(N_("A high risk to the people is not likely: telling them is "
                                  "not required (Art. 34(1)).")))
    elif not notify_authority and facts.confidentiality and facts.unintelligible:
        subjects.append(Reason(N_("The data are unintelligible to anyone without the key, so "
                                  "the people need not be told (Art. 34(3)(a)).")))

    reasons += deciding + subjects + _timing_reasons(incident)
    return Assessment(severity=result, notify_authority=notify_authority,
                      notify_subjects=notify_subjects, notify_by=notify_by(incident),
                      reasons=tuple(reasons), public_communication=public,
                      deciding=tuple(deciding + subjects), at_risk=tuple(at_risk))


LOSS_REASONS = {
    "confidentiality": N_("Readable data may be with people who should not have them: the "
                          "loss of confidentiality is likely to put the people at risk."),
    "integrity": N_("Altered data cannot be restored from a backup, or no backup is "
                    "recorded: the loss of integrity is likely to put the people at risk."),
    "availability": N_("The data are lost, or did not come back from a backup within a day: "
                       "the loss of availability is likely to put the people at risk."),
}


def _losses(at_risk: list[str]) -> list[Reason]:
    """The deciding reason for each loss that puts the people at risk."""
    return [Reason(LOSS_REASONS[loss]) for loss in at_risk]


def _high_risk(result: Severity, facts: _Facts, at_risk: list[str]) -> bool:
    """Whether the risk to the people is likely to be high (Art. 34(1))."""
    if result.band in ("high", "very_high"):
        return True
    # Identifiable, readable data in the hands of an attacker or of the public: phishing,
    # fraud and blackmail are likely (EDPB 01/2021 cases 5, 7 and 11; WP250 (ii) and (vi)).
    in_wrong_hands = ("confidentiality" in at_risk and facts.malicious
                      and facts.exposure in ("unknown", "public"))
    exposed_children = ("confidentiality" in at_risk and facts.exposure == "public"
                        and (facts.children or facts.vulnerable))
    return in_wrong_hands or exposed_children


def _timing_reasons(incident: Incident) -> list[Reason]:
    reasons: list[Reason] = []
    if processor_reported_first(incident):
        reasons.append(Reason(N_("A processor reported the breach before the recorded "
                                 "awareness: the school was aware from the processor's report "
                                 "(Art. 33(2)), so the 72 hours run from then.")))
    elif incident.reported_by_processor is not None:
        reasons.append(Reason(N_("A processor reported the breach: the 72 hours run from when "
                                 "it told the school.")))
    elapsed = hours_to_notification(incident)
    if elapsed is not None and is_late(incident):
        if (incident.delay_reason or "").strip():
            reasons.append(Reason(N_("The authority was notified {hours} hours after the "
                                     "school became aware; the reasons for the delay are "
                                     "recorded."), {"hours": _number(elapsed)}))
        else:
            reasons.append(Reason(N_("The authority was notified {hours} hours after the "
                                     "school became aware, later than 72 hours: the reasons "
                                     "for the delay must be given (Art. 33(1))."),
                                  {"hours": _number(elapsed)}))
    return reasons


def to_json(assessment: Assessment, gettext: Callable[[str], str] | None = None,
            warnings: Sequence[str] = ()) -> dict[str, object]:
    """The assessment as ``assess-incident --json`` prints it (docs/cli.md).

    ``clock_starts_at`` is when the 72 hours started (``notify_by`` less 72 hours): the
    recorded awareness, or a processor's earlier report (Art. 33(2)). ``warnings`` are what to
    check in the record, each as one line.
    """
    s = assessment.severity
    return {
        "severity": {"dpc": s.dpc, "ei": _json_number(s.ei), "cb": _json_number(s.cb),
                     "score": _json_number(s.score), "band": s.band},
        "notify_authority": assessment.notify_authority,
        "notify_subjects": assessment.notify_subjects,
        "notify_by": assessment.notify_by.isoformat(),
        "clock_starts_at": (assessment.notify_by - NOTIFY_WITHIN).isoformat(),
        "reasons": [reason.render(gettext) for reason in assessment.reasons],
        "warnings": list(warnings),
    }


def _json_number(value: float) -> int | float:
    """1 rather than 1.0, as docs/cli.md shows the numbers."""
    return int(value) if value == int(value) else value
