"""How long the register keeps its own records once they are closed (Art. 5(1)(e)), and which
are due for erasure.

The periods are the DPO's to set; the defaults are a starting point, justified in
docs/retention.md from Norwegian and Swedish practice. A public body's archive law may require
keeping a case longer (or keeping it in the archive rather than here): the DPO decides.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from privdesk.domain.deadlines import add_months
from privdesk.domain.errors import N_, NP_, UserError, plural_text
from privdesk.domain.records import AuditEntry, Incident, Register, Request

# The kinds of the register's own records with a retention period, in the order shown.
RETENTION_KINDS = ("requests", "incidents", "documents", "backups")
# Months kept after closing (a request answered, refused or withdrawn; an incident closed),
# after writing (a kept letter or report) or after copying (a backup). docs/retention.md.
DEFAULT_MONTHS: Mapping[str, int] = {"requests": 36, "incidents": 60, "documents": 36,
                                     "backups": 3}
# The longest period the register accepts (100 years): longer is keeping for ever.
MAX_MONTHS = 1200
# Which kind of record a kept document belongs to (its ``ref`` is that record's).
DOCUMENT_RECORD_KIND: Mapping[str, str] = {"access_letter": "requests",
                                           "breach_report": "incidents"}
CLOSED_REQUEST_STATUSES = ("answered", "refused", "withdrawn")
# How an erasure's counts are said (its tombstone's "removed", in this order).
REMOVED_TEXTS: Mapping[str, tuple[str, str]] = {
    "requests": NP_("{count} request", "{count} requests"),
    "incidents": NP_("{count} incident", "{count} incidents"),
    "data_items": NP_("{count} data item", "{count} data items"),
    "documents": NP_("{count} kept document", "{count} kept documents"),
    "audit_entries": NP_("{count} audit entry", "{count} audit entries"),
}
# The retention kinds as the DPO reads them.
KIND_TITLES: Mapping[str, str] = {
    "requests": N_("Closed requests"), "incidents": N_("Closed incidents"),
    "documents": N_("Kept letters and reports"), "backups": N_("Backups"),
}


def document_kinds(record_kind: str) -> tuple[str, ...]:
    """The kinds of document kept for a record of ``record_kind``."""
    return tuple(k for k, owner in DOCUMENT_RECORD_KIND.items() if owner == record_kind)


def check_months(kind: str, months: int) -> None:
    """Refuse an unknown kind or a period outside 0 to ``MAX_MONTHS`` months."""
    if kind not in RETENTION_KINDS:
        raise UserError(N_("no retention period for {kind}; choose one of {kinds}"),
                        kind=kind, kinds=", ".join(RETENTION_KINDS))
    if not 0 <= months <= MAX_MONTHS:
        raise UserError(N_("a retention period is 0 to {most} months, not {months}"),
                        most=MAX_MONTHS, months=months)


@dataclass(frozen=True, slots=True)
class Due:
    """A closed record (or kept document) whose retention period has run out."""

    kind: str  # "requests", "incidents" or "documents"
    ref: str
    closed: date  # when it was closed (or written)
    due: date  # the first day it may be erased
    document: str | None = None  # a document's kind (access_letter, breach_report)
    document_id: int | None = None


def request_closed(request: Request, last_change: date | None) -> date | None:
    """The day a request was closed: the day it was answered, else its last change once it
    is refused or withdrawn; None while it is open."""
    if request.status not in CLOSED_REQUEST_STATUSES:
        return None
    return request.answered or last_change


def incident_closed(incident: Incident, last_change: date | None) -> date | None:
    """The day an incident was closed (its last change once its status is closed)."""
    return last_change if incident.status == "closed" else None


def due_records(register: Register, last_changes: Mapping[tuple[str, str], date],
                months: Mapping[str, int], today: date) -> list[Due]:
    """The closed requests and incidents whose period has run out by ``today``, oldest first."""
    found: list[Due] = []
    for request in register.requests:
        closed = request_closed(request, last_changes.get(("requests", request.ref)))
        if closed is not None:
            due = add_months(closed, months["requests"])
            if due <= today:
                found.append(Due("requests", request.ref, closed, due))
    for incident in register.incidents:
        closed = incident_closed(incident, last_changes.get(("incidents", incident.ref)))
        if closed is not None:
            due = add_months(closed, months["incidents"])
            if due <= today:
                found.append(Due("incidents", incident.ref, closed, due))
    return sorted(found, key=lambda d: (d.due, d.kind, d.ref))


def names_in(value: object, names: tuple[str, ...]) -> bool:
    """True when any of ``names`` occurs in ``value`` (any nesting of text), case folded."""
    wanted = [n.casefold() for n in names if n.strip()]
    if not wanted:
        return False

    def walk(item: object) -> bool:
        if isinstance(item, str):
            folded = " ".join(item.casefold().split())
            return any(name in folded for name in wanted)
        if isinstance(item, Mapping):
            return any(walk(v) for v in item.values())
        if isinstance(item, (list, tuple)):
            return any(walk(v) for v in item)
        return False

    return walk(value)


def removed_text(counts: Mapping[str, int], gettext: object = None) -> str:
    """An erasure's counts as words ("1 request, 4 data items, 1 kept document")."""
    return ", ".join(plural_text(gettext, REMOVED_TEXTS[key], count).format(count=count)
                     for key, count in counts.items() if key in REMOVED_TEXTS and count)


# One erased record, as a document and the window list them (ref, day, counts: no names).
ERASED_ITEM = N_("{ref} (erased {day}: {what})")


@dataclass(frozen=True, slots=True)
class Erased:
    """A record erased from the register, as its tombstone says: no personal data."""

    kind: str
    ref: str
    at: datetime
    removed: tuple[tuple[str, int], ...]  # the tombstone's counts, in its order


def erased_records(tombstones: Iterable[AuditEntry]) -> list[Erased]:
    """The records (not lone kept documents) the tombstones say were erased, in their order."""
    found = []
    for entry in tombstones:
        if entry.action != "erase" or entry.field is not None:
            continue
        after = entry.after if isinstance(entry.after, Mapping) else {}
        removed = after.get("removed")
        counts = tuple((str(k), int(v)) for k, v in removed.items()
                       if isinstance(v, int)) if isinstance(removed, Mapping) else ()
        found.append(Erased(entry.kind, entry.ref, entry.at, counts))
    return found


def erased_text(erased: Iterable[Erased], gettext: Callable[[str], str],
                day: Callable[[datetime], str]) -> str:
    """The erased records in one line: "DSAR-2026-001 (erased 2026-12-01: 1 request, 4 data
    items, 3 audit entries); …"; ``day`` writes the moment of each erasure as a date."""
    return "; ".join(gettext(ERASED_ITEM).format(ref=item.ref, day=day(item.at),
                                                  what=removed_text(dict(item.removed), gettext))
                     for item in erased)
