"""DPIA screening: which processing needs a data protection impact assessment, and why.

The questions come from three documents, each item named with its source:

- the nine criteria of the Article 29 Working Party's "Guidelines on Data Protection Impact
  Assessment (DPIA) and determining whether processing is 'likely to result in a high risk'
  for the purposes of Regulation 2016/679", WP248 rev.01 (4 October 2017, endorsed by the
  EDPB on 25 May 2018), section III.B.a, criteria 1 to 9;
- Datatilsynet's list under Art. 35(4) for Norway, "Liste over behandlingsaktiviteter som
  krever vurdering av personvernkonsekvenser (DPIA)" (2019), the items that matter for
  schools and municipalities, paraphrased in our own words;
- IMY's (then Datainspektionen's) list under Art. 35(4) for Sweden, "Förteckning enligt
  artikel 35.4 i dataskyddsförordningen" (DI-2018-13200, 2019). It lists WP248's nine
  criteria and says a DPIA must be made when two or more are met; it adds no questions.

``docs/dpia.md`` says which items were checked against which published text, and which not.

The decision (``decide``): an item of the national list met means a DPIA is required
(Art. 35(4)); two or more WP248 criteria mean it is required (WP248: "in most cases, a data
controller can consider that a processing meeting two criteria would require a DPIA"; in
Sweden IMY's list makes it so); one
criterion means it is recommended (WP248: "in some cases" one is enough, and where it is not
clear a DPIA should be carried out); none means it is not required. The criteria that decided
it are always given with the result.

Answers are pre-filled from what the register holds (``prefill``): children or staff among the
subjects (criterion 7, vulnerable data subjects: WP248 names both), special categories or
highly personal data (criterion 4), behaviour data (criterion 1), data reaching a country
without an adequacy decision, the United States included, through the processor chain
(``domain/transfers.py``; criterion 9, see ``_transfers_answer``), biometric data (the
national biometric items). What the register cannot know (large scale, matching datasets, new
technology, cameras) is left for the DPO to answer. The register records neither a number of
data subjects nor the policy review's tracking flags on an activity, so neither pre-fills.

A screening keeps a fingerprint of the activity's fields its answers depend on
(``fingerprint``): when the activity changes so that the answers may differ, the screening is
out of date and the overview asks for a new one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from privdesk.domain import codes
from privdesk.domain.errors import N_, UserError
from privdesk.domain.labels import GROUPS, label
from privdesk.domain.records import Activity, Screening, ScreeningAnswer
from privdesk.domain.transfers import DerivedTransfer

WP248 = "wp248"
DATATILSYNET = "datatilsynet"
IMY = "imy"

# The documents, as a screen or a document names them (msgids).
SOURCES = {
    WP248: N_("WP248 rev.01, Guidelines on DPIA (Article 29 Working Party, endorsed by the "
              "EDPB)"),
    DATATILSYNET: N_("Datatilsynet: list of processing that requires a DPIA (Norway, "
                     "Art. 35(4))"),
    IMY: N_("IMY: list of processing that requires a DPIA (Sweden, Art. 35(4))"),
}
SHORT_SOURCES = {WP248: "WP248", DATATILSYNET: "Datatilsynet", IMY: "IMY"}
# Whose list applies to an organisation in each country.
NATIONAL_LISTS = {"NO": DATATILSYNET, "SE": IMY}

REQUIRED, RECOMMENDED, NOT_REQUIRED = codes.DPIA_RESULTS
RESULT_LABELS = {
    REQUIRED: N_("DPIA required"),
    RECOMMENDED: N_("DPIA recommended"),
    NOT_REQUIRED: N_("DPIA not required"),
}


@dataclass(frozen=True, slots=True)
class Criterion:
    """One question of the screening: ``label`` is a msgid, ``item`` the criterion's number
    in its ``source`` document."""

    id: str
    label: str
    source: str
    item: str

    @property
    def reference(self) -> str:
        """``WP248 3``, ``Datatilsynet``: where the question comes from, in short (the item's
        number where it could be checked)."""
        return f"{SHORT_SOURCES[self.source]} {self.item}".strip()


CRITERIA: tuple[Criterion, ...] = (
    # WP248 rev.01, section III.B.a, criteria 1-9.
    Criterion("evaluation", N_("Evaluation or scoring, including profiling and predicting"),
              WP248, "1"),
    Criterion("automated_decision",
              N_("Automated decision-making with legal or similarly significant effect"),
              WP248, "2"),
    Criterion("monitoring", N_("Systematic monitoring"), WP248, "3"),
    Criterion("sensitive", N_("Sensitive data or data of a highly personal nature"),
              WP248, "4"),
    Criterion("large_scale", N_("Data processed on a large scale"), WP248, "5"),
    Criterion("matching", N_("Matching or combining datasets"), WP248, "6"),
    Criterion("vulnerable", N_("Data concerning vulnerable data subjects (children, "
                               "employees)"), WP248, "7"),
    Criterion("innovative", N_("Innovative use or new technological or organisational "
                               "solutions"), WP248, "8"),
    Criterion("prevents_rights", N_("The processing prevents data subjects from exercising a "
                                    "right or using a service or a contract"), WP248, "9"),
    # Datatilsynet, "Liste over behandlingsaktiviteter som krever vurdering av
    # personvernkonsekvenser (DPIA)" (2019): the items for schools and municipalities,
    # checked against secondary sources (docs/dpia.md); the list's own numbering could not
    # be checked, so ``item`` is empty.
    Criterion("no.biometric", N_("Biometric data to identify persons, together with at "
                                 "least one further criterion"), DATATILSYNET, ""),
    Criterion("no.location", N_("Location data, together with at least one further "
                                "criterion"), DATATILSYNET, ""),
    Criterion("no.employees", N_("Systematic monitoring of employees (e-mail, internet use, "
                                 "camera surveillance)"), DATATILSYNET, ""),
    Criterion("no.learning", N_("Evaluating learning, coping and well-being in schools or "
                                "kindergartens"), DATATILSYNET, ""),
    Criterion("no.innovative", N_("Innovative technology, such as artificial intelligence "
                                  "or machine learning"), DATATILSYNET, ""),
    Criterion("no.matching", N_("Personal data obtained from third parties, together with "
                                "at least one further criterion"), DATATILSYNET, ""),
    # IMY (Datainspektionen), "Förteckning enligt artikel 35.4 i dataskyddsförordningen"
    # (DI-2018-13200, 2019) is not a list of kinds of processing but WP248's nine criteria
    # with a rule: two or more of them met, a DPIA must be made. These five questions were
    # encoded from memory as if it were such a list; they are kept so that screenings saved
    # with them still read, but no longer asked (``RETIRED``).
    Criterion("se.biometric", N_("Biometric data to identify persons, together with at "
                                 "least one further criterion"), IMY, ""),
    Criterion("se.location", N_("Location data processed systematically or on a large "
                                "scale"), IMY, ""),
    Criterion("se.employees", N_("Systematic monitoring of employees (e-mail, internet use, "
                                 "camera surveillance)"), IMY, ""),
    Criterion("se.pupils", N_("Systematic monitoring or evaluation of pupils or other "
                              "children"), IMY, ""),
    Criterion("se.innovative", N_("New technology, such as artificial intelligence, used to "
                                  "analyse or predict people's behaviour"), IMY, ""),
)
BY_ID = {c.id: c for c in CRITERIA}
assert tuple(BY_ID) == codes.DPIA_CRITERIA  # one list of ids, in one order
# Questions no longer asked (see above); a saved screening that answered them is out of date.
RETIRED = frozenset(c.id for c in CRITERIA if c.source == IMY)

# Data of "a highly personal nature" besides Art. 9 and Art. 10 (WP248, criterion 4: location,
# financial data, electronic communications), and a child's special needs.
_HIGHLY_PERSONAL = ("special_needs", "location", "financial", "communication")


def criteria_for(country: str | None) -> tuple[Criterion, ...]:
    """The questions for an organisation in ``country``: WP248's, then its authority's list."""
    national = NATIONAL_LISTS.get(country or "")
    return tuple(c for c in CRITERIA
                 if c.source in (WP248, national) and c.id not in RETIRED)


@dataclass(frozen=True, slots=True)
class Answer:
    """An answer as the screening form holds it: ``met`` None while unanswered; ``reason``
    the DPO's (or the register's suggestion); ``prefilled`` True while it is the register's
    suggestion, unchanged."""

    criterion: str
    met: bool | None
    reason: str = ""
    prefilled: bool = False


@dataclass(frozen=True, slots=True)
class Decision:
    """The result and the questions answered "yes" that decided it (ids, in order)."""

    result: str
    deciding: tuple[str, ...]
    unanswered: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not self.unanswered


def decide(answers: Iterable[Answer | ScreeningAnswer], country: str | None) -> Decision:
    """The screening's result (see the module's docstring); unanswered questions count as not
    met and are listed, so a screening is saved only when ``complete``."""
    given = {a.criterion: a.met for a in answers}
    asked = criteria_for(country)
    unanswered = tuple(c.id for c in asked if given.get(c.id) is None)
    national = tuple(c.id for c in asked if c.source != WP248 and given.get(c.id))
    general = tuple(c.id for c in asked if c.source == WP248 and given.get(c.id))
    if national:
        return Decision(REQUIRED, national + general, unanswered)
    if len(general) >= 2:
        return Decision(REQUIRED, general, unanswered)
    if general:
        return Decision(RECOMMENDED, general, unanswered)
    return Decision(NOT_REQUIRED, (), unanswered)


# ------------------------------------------------------------------ pre-filling


@dataclass(frozen=True, slots=True)
class Suggestion:
    """What the register says about one question: ``met`` (None: it cannot tell), and the
    reason as a msgid with parameters; ``codes`` are parameters that list codes of a label
    group (``labels.GROUPS``), shown in words in the reader's language."""

    met: bool | None
    message: str
    params: Mapping[str, str] = field(default_factory=dict)
    codes: Mapping[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)

    def text(self, gettext: Callable[[str], str] | None = None) -> str:
        shown = dict(self.params)
        for name, (group, found) in self.codes.items():
            # Mid-sentence: a code's label in lower case ("the data subjects include pupils");
            # a label the DPO typed stays as typed.
            shown[name] = ", ".join(_lower(label(group, code, gettext)) if code in GROUPS[group]
                                    else code for code in found)
        return (gettext(self.message) if gettext else self.message).format(**shown)


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _vulnerable(activity: Activity) -> Suggestion | None:
    groups = [g for g in activity.subjects if g in ("pupils", "staff")]
    if groups:
        return Suggestion(True, N_("The data subjects include {groups} (WP248 names children "
                                   "and employees as vulnerable)."),
                          codes={"groups": ("subjects", tuple(groups))})
    if activity.subjects:
        return Suggestion(False, N_("The data subjects are {groups}: no children or "
                                    "employees."),
                          codes={"groups": ("subjects", activity.subjects)})
    return None


def _sensitive(activity: Activity) -> Suggestion | None:
    found = [c for c in activity.data_categories
             if codes.is_special_category(c) or c == codes.CRIMINAL_CATEGORY
             or c in _HIGHLY_PERSONAL]
    if found:
        return Suggestion(True, N_("The register lists {categories}."),
                          codes={"categories": ("data_categories", tuple(found))})
    if activity.data_categories:
        return Suggestion(False, N_("No special categories, criminal records or highly "
                                    "personal data among the categories recorded."))
    return None


def _evaluation(activity: Activity) -> Suggestion | None:
    if "behaviour" in activity.data_categories:
        return Suggestion(True, N_("The register lists behaviour data: check whether it is "
                                   "used to evaluate or predict."))
    return None


def _transfers_answer(transfers: Sequence[DerivedTransfer], names: Mapping[str, str]
                      ) -> Suggestion | None:
    """Data reaching a country without an adequacy decision (the United States included: the
    Data Privacy Framework covers certified recipients only). WP248 lists no criterion for
    transfers; we put them under criterion 9 because the data subjects there may have no
    effective remedy (CJEU C-311/18, Schrems II), and the DPO confirms or answers "no"."""
    outside = list(dict.fromkeys(
        f"{names.get(t.recipient, t.recipient)} ({t.country})" for t in transfers
        if t.country not in codes.ADEQUACY_COUNTRIES and codes.is_third_country(t.country)))
    if outside:
        return Suggestion(True, N_("Data reach {recipients}, where there is no adequacy "
                                   "decision: the data subjects may not be able to enforce "
                                   "their rights there."), {"recipients": ", ".join(outside)})
    return None


def _biometric(activity: Activity) -> Suggestion | None:
    if "biometric" in activity.data_categories:
        return Suggestion(True, N_("The register lists biometric data: confirm that it "
                                   "identifies persons."))
    return None


def _automated(activity: Activity) -> Suggestion | None:
    if activity.automated_decisions:
        return Suggestion(None, N_("The register notes: {note}"),
                          {"note": activity.automated_decisions})
    return None


def suggestions(activity: Activity, transfers: Sequence[DerivedTransfer],
                names: Mapping[str, str] | None = None) -> dict[str, Suggestion]:
    """What the register says, by question id (questions it says nothing about are absent);
    ``names`` gives processors' names by ref."""
    found = {
        "evaluation": _evaluation(activity),
        "automated_decision": _automated(activity),
        "sensitive": _sensitive(activity),
        "vulnerable": _vulnerable(activity),
        "prevents_rights": _transfers_answer(transfers, names or {}),
        "no.biometric": _biometric(activity),
        "se.biometric": _biometric(activity),
    }
    return {k: v for k, v in found.items() if v is not None}


def prefill(activity: Activity, transfers: Sequence[DerivedTransfer], country: str | None,
            stored: Screening | None = None, gettext: Callable[[str], str] | None = None,
            names: Mapping[str, str] | None = None) -> tuple[Answer, ...]:
    """The answers a new screening starts from: the stored screening's where there is one
    (the DPO's answers stay), else the register's suggestions, their reasons in the language
    of ``gettext``; questions neither answers are unanswered."""
    kept = {a.criterion: a for a in stored.answers} if stored is not None else {}
    found = suggestions(activity, transfers, names)
    out = []
    for criterion in criteria_for(country):
        if criterion.id in kept:
            a = kept[criterion.id]
            out.append(Answer(a.criterion, a.met, a.reason, a.prefilled))
        elif criterion.id in found:
            s = found[criterion.id]
            out.append(Answer(criterion.id, s.met, s.text(gettext), s.met is not None))
        else:
            out.append(Answer(criterion.id, None))
    return tuple(out)


# ------------------------------------------------------------------ keeping


def fingerprint(activity: Activity, transfers: Sequence[DerivedTransfer]) -> str:
    """A digest of the activity's fields the answers depend on: what is done, to whom, with
    which data, through which processors and to which countries. A change elsewhere (a
    review date, the retention) leaves it alone."""
    basis = {
        "purposes": list(activity.purposes),
        "subjects": sorted(activity.subjects),
        "data_categories": sorted(activity.data_categories),
        "data_items": sorted(activity.data_items),
        "processors": sorted(activity.processors),
        "transfers": sorted(f"{t.country} {t.recipient}" for t in transfers),
        "automated_decisions": activity.automated_decisions or "",
        "source": activity.source or "",
        "systems": sorted(activity.systems),
    }
    text = json.dumps(basis, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def parse_answer(text: str) -> tuple[Answer, ...]:
    """``CRITERION[,CRITERION…]=yes|no[:reason]`` (the command line's ``--answer``) as
    answers, one per criterion named."""
    keys, equals, rest = text.partition("=")
    value, _, reason = rest.partition(":")
    names = [k.strip() for k in keys.split(",")]
    value = value.strip().casefold()
    if not equals or not all(n in BY_ID for n in names):
        raise UserError(N_('"{text}" is not CRITERION=yes|no[:reason]; the criteria are '
                           '{criteria}'), text=text, criteria=", ".join(codes.DPIA_CRITERIA))
    if value not in ("yes", "no"):
        raise UserError(N_('answer "{criterion}" with yes or no, not "{value}"'),
                        criterion=keys.strip(), value=value)
    return tuple(Answer(n, value == "yes", reason.strip(), False) for n in names)


def merge_answers(base: Sequence[Answer], given: Iterable[Answer]) -> tuple[Answer, ...]:
    """``base`` with the answers in ``given`` put in their places. An answer that confirms
    the base's, without a reason of its own, keeps the base's reason (and stays marked
    pre-filled when it was); one that differs carries only its own reason."""
    new = {a.criterion: a for a in given}
    out = []
    for a in base:
        g = new.pop(a.criterion, None)
        if g is None:
            out.append(a)
        else:
            same = g.met == a.met
            out.append(Answer(a.criterion, g.met, g.reason or (a.reason if same else ""),
                              a.prefilled and same and not g.reason))
    if new:
        raise UserError(N_("these criteria are not asked for this organisation: {criteria}"),
                        criteria=", ".join(new))
    return tuple(out)


def make_screening(answers: Sequence[Answer], country: str | None, fingerprint_: str,
                   by: str, at: datetime) -> Screening:
    """The screening to store; refused (a UserError) while a question is unanswered."""
    decision = decide(answers, country)
    if not decision.complete:
        raise UserError(N_("answer every question before saving; unanswered: {criteria}"),
                        criteria=", ".join(decision.unanswered))
    return Screening(
        at=at, by=by, result=decision.result,
        country=country if country in NATIONAL_LISTS else None, fingerprint=fingerprint_,
        answers=tuple(ScreeningAnswer(criterion=a.criterion, met=bool(a.met),
                                      reason=a.reason, prefilled=a.prefilled)
                      for a in answers))


def contradicts(required: bool | None, screening: Screening | None) -> bool:
    """True when an activity's "DPIA required" says other than its saved screening: the
    screening found a DPIA required and the field does not say so, or found none needed and
    the field says one is. "Recommended" leaves the choice to the DPO."""
    if screening is None:
        return False
    if screening.result == REQUIRED:
        return required is not True
    return screening.result == NOT_REQUIRED and required is True


def out_of_date(activity: Activity, transfers: Sequence[DerivedTransfer]) -> bool:
    """True when the activity was screened and has since changed where the answers look."""
    screening = activity.dpia.screening
    return screening is not None and (
        screening.fingerprint != fingerprint(activity, transfers)
        or any(a.criterion in RETIRED for a in screening.answers))


__all__ = ["BY_ID", "CRITERIA", "DATATILSYNET", "IMY", "NATIONAL_LISTS", "NOT_REQUIRED",
           "RECOMMENDED", "REQUIRED", "RESULT_LABELS", "RETIRED", "SHORT_SOURCES", "SOURCES",
           "WP248", "Answer", "Criterion", "Decision", "Suggestion", "contradicts",
           "criteria_for", "decide", "fingerprint", "make_screening", "merge_answers",
           "out_of_date", "parse_answer", "prefill", "suggestions"]
