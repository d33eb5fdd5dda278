"""The privacy notice (Art. 13 and 14 GDPR) as the register says it, before any words are chosen.

The notice tells pupils, parents or staff what the school does with their data. Everything it
says comes from the register: the organisation and its DPO, and for each processing activity
the purposes, legal bases (with the statutory basis the DPO recorded), categories of data,
sources, recipients and processors, transfers out of the EEA with their safeguards (derived
as the access letter derives them, ``domain.transfers``), retention and automated decisions.

What must never reach the public is left out here, not in the documents: the DPO's notes on
transfers, activity and processor refs, owners, systems, security measures and DPIA details.
An activity that lacks what Art. 13 requires (a purpose, a legal basis, a retention, a valid
safeguard for a transfer) refuses the notice with one line per gap, unless the DPO asks for the
gaps to be marked in the notice instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from privdesk.domain.codes import LANGUAGES
from privdesk.domain.errors import N_, UserError
from privdesk.domain.letters import Gap
from privdesk.domain.records import Activity, Organisation, Processor
from privdesk.domain.transfers import Chains

AUDIENCES = ("parents", "pupils", "staff")
# Whose data a notice for each audience is about (the activities' ``subjects``).
AUDIENCE_GROUPS = {
    "parents": frozenset({"pupils", "guardians"}),
    "pupils": frozenset({"pupils"}),
    "staff": frozenset({"staff"}),
}

# What an activity lacks, as the notice marks it when the DPO lets it be written anyway.
MISSING_PURPOSE = "purpose"
MISSING_LEGAL_BASIS = "legal_basis"
MISSING_RETENTION = "retention"
MISSING_SAFEGUARD = "safeguard"

# The kind of document the notice is kept as (``RegisterService.record_document``).
DOCUMENT_KIND = "privacy_notice"


class NoticeRefused(UserError):
    """The notice is refused because the register has gaps; ``gaps`` says each one."""

    def __init__(self, gaps: Sequence[Gap]) -> None:
        super().__init__(N_("the privacy notice is not written: fix the {count} gaps listed, "
                            "or let the notice mark them as missing"), count=len(gaps))
        self.gaps = tuple(gaps)


@dataclass(frozen=True, slots=True)
class NoticeRecipient:
    """A processor (or other controller) that receives an activity's data."""

    name: str
    country: str | None
    role: str  # a code of ``codes.PROCESSOR_ROLES``
    engaged_by: str | None = None  # the name of the processor that engaged a subprocessor


@dataclass(frozen=True, slots=True)
class NoticeTransfer:
    """Data leaving the EEA: where, to whom, under which safeguard (None: none recorded)."""

    country: str
    recipient: str
    safeguard: str | None
    derogation: str | None = None


@dataclass(frozen=True, slots=True)
class NoticeActivity:
    """One processing activity as the notice tells it (nothing internal)."""

    anchor: str
    name: str
    purposes: tuple[str, ...]
    legal_bases: tuple[str, ...]
    special_conditions: tuple[str, ...]
    statutory_basis: str | None
    data_categories: tuple[str, ...]
    source: str | None
    recipients: tuple[NoticeRecipient, ...]
    other_recipients: tuple[str, ...]
    transfers: tuple[NoticeTransfer, ...]
    retention: str | None
    retention_by_category: tuple[tuple[str, str], ...]
    automated_decisions: str | None
    missing: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Notice:
    """Everything one privacy notice says, read at one moment (rendered by the documents)."""

    organisation: Organisation
    audience: str
    language: str
    today: date
    version: int
    activities: tuple[NoticeActivity, ...]
    refs: tuple[str, ...]  # the activities' refs: kept in the audit trail, never printed

    @property
    def consent(self) -> bool:
        """Whether any activity rests on consent (then it can be withdrawn, Art. 13(2)(c))."""
        return any("6.1.a" in a.legal_bases or "9.2.a" in a.special_conditions
                   for a in self.activities)

    @property
    def country(self) -> str:
        return (self.organisation.country or "").upper()

    def by_category(self) -> list[tuple[str, tuple[NoticeActivity, ...]]]:
        """Each category of data and the activities that use it, so that a parent asking
        "what about my child's grades?" finds the activities under "Education and
        assessment"; in the order the categories first appear."""
        found: dict[str, list[NoticeActivity]] = {}
        for activity in self.activities:
            for category in activity.data_categories:
                found.setdefault(category, []).append(activity)
        return [(category, tuple(activities)) for category, activities in found.items()]


def notice_language(explicit: str | None, organisation: Organisation | None) -> str:
    """The one the DPO asked for, else the organisation's, else English."""
    for candidate in (explicit, organisation.language if organisation else None):
        if candidate in LANGUAGES:
            return candidate
    return "en"


def choose_activities(activities: Sequence[Activity], audience: str,
                      refs: Iterable[str] = ()) -> list[Activity]:
    """The activities a notice covers: those named (in the order named; one the school only
    processes for another controller is refused), else every activity the organisation
    controls, not retired, about the audience's people."""
    if audience not in AUDIENCES:
        raise UserError(N_("unknown audience {audience}: choose pupils, parents or staff"),
                        audience=audience)
    by_ref = {activity.ref: activity for activity in activities}
    named = list(dict.fromkeys(refs))
    if named:
        for ref in named:
            if ref not in by_ref:
                raise UserError(N_("there is no processing activity {ref} in the register"),
                                ref=ref)
            if by_ref[ref].role == "processor":
                # The school only processes it on another's behalf: telling the people is that
                # controller's duty (Art. 13/14), and the school's notice would claim it.
                raise UserError(N_("{ref} “{name}” is processed for another controller: it "
                                   "belongs in that controller's privacy notice, not in ours"),
                                ref=ref, name=by_ref[ref].name)
        return [by_ref[ref] for ref in named]
    groups = AUDIENCE_GROUPS[audience]
    chosen = [a for a in activities if a.role == "controller" and a.status != "retired"
              and groups.intersection(a.subjects)]
    if not chosen:
        raise UserError(N_("no processing activity in the register concerns this audience: "
                           "record whose data each activity holds, or name the activities"))
    return chosen


def _gap(message: str, activity: Activity, **params: object) -> Gap:
    return Gap(message, True, {"ref": activity.ref, "name": activity.name, **params})


def activity_gaps(activity: Activity, chains: Chains) -> list[tuple[str, Gap]]:
    """What Art. 13 needs and ``activity`` lacks: (what is missing, the line saying so)."""
    found: list[tuple[str, Gap]] = []
    if not activity.purposes:
        found.append((MISSING_PURPOSE, _gap(N_(
            "{ref} “{name}”: no purpose is recorded; say why the data are processed"),
            activity)))
    if not activity.legal_bases:
        found.append((MISSING_LEGAL_BASIS, _gap(N_(
            "{ref} “{name}”: no legal basis is recorded; choose the basis in Art. 6(1)"),
            activity)))
    if "6.1.f" in activity.legal_bases and not activity.legal_basis_note:
        found.append((MISSING_LEGAL_BASIS, _gap(N_(
            "{ref} “{name}”: rests on legitimate interests, but they are not described; say "
            "which interests in the legal basis note (Art. 13(1)(d))"), activity)))
    if not (activity.retention or activity.retention_period or activity.retention_by_category):
        found.append((MISSING_RETENTION, _gap(N_(
            "{ref} “{name}”: no retention is recorded; say how long the data are kept"),
            activity)))
    for transfer in chains.transfers(activity):
        if not transfer.valid:
            processor = chains.by_ref.get(transfer.recipient)
            found.append((MISSING_SAFEGUARD, _gap(N_(
                "{ref} “{name}”: the transfer to {recipient} in {country} has no valid "
                "safeguard; record one or stop the transfer"), activity,
                recipient=processor.name if processor else transfer.recipient,
                country=transfer.country)))
    return found


def notice_gaps(activities: Sequence[Activity], processors: Sequence[Processor],
                organisation: Organisation | None) -> list[Gap]:
    """Every gap that keeps the notice from telling what Art. 13 requires, the organisation
    first."""
    gaps: list[Gap] = []
    if organisation is None or not organisation.name:
        gaps.append(Gap(N_("the register has no organisation: record the school's name and "
                           "contact details before writing a notice"), True))
    chains = Chains(processors)
    for activity in activities:
        gaps.extend(gap for _missing, gap in activity_gaps(activity, chains))
    return gaps


def _recipients(activity: Activity, chains: Chains) -> list[NoticeRecipient]:
    """The activity's processors, each followed by the subprocessors it engaged."""
    found: list[NoticeRecipient] = []
    for path in chains.chain(activity):
        processor = chains.by_ref[path[-1]]
        parent = chains.by_ref[path[-2]].name if len(path) > 1 else None
        found.append(NoticeRecipient(processor.name, processor.country, processor.role,
                                     parent))
    return found


def notice_activity(activity: Activity, chains: Chains, number: int,
                    missing: Sequence[str] = ()) -> NoticeActivity:
    """What the notice says of one activity; ``number`` makes its anchor (never the ref)."""
    recipients = _recipients(activity, chains)
    names = [r.name.casefold() for r in recipients if r.name]
    # Free-text recipients besides the processors (an authority, say); those that only name
    # a processor again are left out.
    others = tuple(text for text in activity.recipients
                   if not any(name in text.casefold() for name in names))
    transfers: list[NoticeTransfer] = []
    for transfer in chains.transfers(activity):
        processor = chains.by_ref.get(transfer.recipient)
        # ``transfer.note`` is the DPO's own (whom they asked, when): never in the notice.
        transfers.append(NoticeTransfer(
            transfer.country, processor.name if processor else transfer.recipient,
            transfer.safeguard if transfer.valid else None, transfer.derogation))
    return NoticeActivity(
        anchor=f"processing-{number}",
        name=" ".join(activity.name.split()),
        purposes=activity.purposes,
        legal_bases=activity.legal_bases,
        special_conditions=activity.special_conditions,
        statutory_basis=activity.legal_basis_note or None,
        data_categories=activity.data_categories,
        source=activity.source or None,
        recipients=tuple(recipients),
        other_recipients=others,
        transfers=tuple(transfers),
        retention=activity.retention or activity.retention_period or None,
        retention_by_category=tuple((r.category, r.retention)
                                    for r in activity.retention_by_category),
        automated_decisions=activity.automated_decisions or None,
        missing=tuple(dict.fromkeys(missing)),
    )


def build_notice(activities: Sequence[Activity], processors: Sequence[Processor],
                 organisation: Organisation | None, *, audience: str, language: str,
                 today: date, version: int, mark_gaps: bool = False) -> Notice:
    """The notice of ``activities`` (already chosen, ``choose_activities``).

    Refused (``NoticeRefused``, one line per gap) when a gap remains, unless ``mark_gaps``:
    then each activity says what it lacks. A register without an organisation is always
    refused: a notice must name its controller (Art. 13(1)(a)).
    """
    gaps = notice_gaps(activities, processors, organisation)
    if gaps and (not mark_gaps or organisation is None or not organisation.name):
        raise NoticeRefused(gaps)
    assert organisation is not None
    chains = Chains(processors)
    chosen = tuple(
        notice_activity(activity, chains, number,
                        [missing for missing, _gap in activity_gaps(activity, chains)])
        for number, activity in enumerate(activities, start=1))
    return Notice(organisation=organisation, audience=audience, language=language,
                  today=today, version=version, activities=chosen,
                  refs=tuple(activity.ref for activity in activities))


__all__ = ["AUDIENCES", "AUDIENCE_GROUPS", "DOCUMENT_KIND", "MISSING_LEGAL_BASIS",
           "MISSING_PURPOSE", "MISSING_RETENTION", "MISSING_SAFEGUARD", "Notice",
           "NoticeActivity", "NoticeRecipient", "NoticeRefused", "NoticeTransfer",
           "activity_gaps", "build_notice", "choose_activities", "notice_activity",
           "notice_gaps", "notice_language"]
