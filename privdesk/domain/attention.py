"""What in the register needs the DPO's attention now, most urgent first, and how much it holds.

Deadlines the law sets come first: the 72-hour clock of a breach (Art. 33(1)), the month to
answer a data subject (Art. 12(3)) and the notice of an extension; then overdue reviews and
agreements; then the standing gaps of the record (Art. 30: a legal basis, a retention period,
a review date; Art. 28(3): a processor agreement; Art. 9(2): a condition for special categories;
Chapter V: a valid safeguard for every transfer outside the EEA, derived from the processor
chain as the workbook and the letter derive it; Art. 35: a DPIA required but not done, and a
DPIA screening the activity has outgrown, ``domain/dpia.py``). Each item is a msgid with
parameters, so the window shows it in its own language; dates stay dates for the window to
format.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from privdesk.domain.codes import lacks_special_condition
from privdesk.domain.deadlines import request_deadlines
from privdesk.domain.dpia import out_of_date as dpia_out_of_date
from privdesk.domain.errors import N_, NP_, plural_text
from privdesk.domain.incidents import authority_notified_at, hours_left, notify_by
from privdesk.domain.kinds import zone_for
from privdesk.domain.records import Activity, Incident, Processor, Register, Request
from privdesk.domain.retention import Due
from privdesk.domain.transfers import Chains, DerivedTransfer

# Urgency levels, most urgent first. A breach's 72 hours come before everything: no overdue
# review or missing agreement can be put right in hours, a notification can.
BREACH = 0  # an incident's clock runs or has run out, nobody notified or decided yet
OVERDUE = 1  # another deadline has passed
RUNNING = 2  # a request or an extension notice is due within days
SOON = 3  # due within the warning period
GAP = 4  # something the record lacks, without a date

# A request or an extension notice due within this many days is shown as running out.
REQUEST_WARNING_DAYS = 7
# An agreement or activity review within this many days is shown as due (as the processor list
# shows an agreement "due for review").
REVIEW_WARNING_DAYS = 60

OPEN_REQUEST_STATUSES = ("open", "extended")
_KIND_ORDER = {"incidents": 0, "requests": 1, "processors": 2, "activities": 3}


@dataclass(frozen=True, slots=True)
class Item:
    """One thing to look at: the record it concerns, how urgent it is and what to say.

    ``topic`` names the check (``incident_clock``, ``request_due``, ``extension_notice``,
    ``identity_unverified``, ``agreement_missing``, ``agreement_expired``, ``agreement_review``,
    ``no_legal_basis``, ``no_retention``, ``no_review_date``, ``review_overdue``,
    ``review_soon``, ``special_without_condition``, ``transfer_without_safeguard``,
    ``dpia_not_done``, ``dpia_screening_out_of_date``, ``retention_due``,
    ``retention_document``, ``retention_backup``).
    ``hours`` is the time left to the deadline (negative once it passed; None without one).
    ``message`` is an English msgid with ``{name}`` placeholders, or a singular and plural
    pair (``NP_``) whose form follows the parameter named by ``number``.
    """

    kind: str
    ref: str
    topic: str
    urgency: int
    hours: float | None
    message: str | tuple[str, str]
    params: Mapping[str, object] = field(default_factory=dict)
    number: str = ""

    def sort_key(self) -> tuple[int, float, int, str, str]:
        hours = self.hours if self.hours is not None else math.inf
        return (self.urgency, hours, _KIND_ORDER.get(self.kind, 9), self.ref, self.topic)

    def render(self, gettext: Callable[[str], str] | None = None,
               value_text: Callable[[object], str] | None = None) -> str:
        """The item as a sentence; ``value_text`` turns dates and moments into text."""
        if isinstance(self.message, tuple):
            count = self.params[self.number]
            assert isinstance(count, int)
            template = plural_text(gettext, self.message, count)
        else:
            template = gettext(self.message) if gettext is not None else self.message
        shown = {k: value_text(v) if value_text is not None else v
                 for k, v in self.params.items()}
        return template.format(**shown) if shown else template


@dataclass(frozen=True, slots=True)
class Counts:
    """How much the register holds, and how much is open."""

    activities: int
    processors: int
    open_incidents: int
    open_requests: int


def counts(register: Register) -> Counts:
    return Counts(
        activities=len(register.activities),
        processors=len(register.processors),
        open_incidents=sum(1 for i in register.incidents if i.status == "open"),
        open_requests=sum(1 for r in register.requests if r.status in OPEN_REQUEST_STATUSES),
    )


def local_today(now: datetime, country: str | None) -> date:
    """The organisation's calendar day at ``now`` (deadlines are counted in its days)."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    return now.astimezone(ZoneInfo(zone_for(country))).date()


def _day_hours(day: date, today: date) -> float:
    # A deadline day runs to its end: on the last day there are still hours left.
    return float(((day - today).days + 1) * 24)


def _level(days: int, warning: int) -> int:
    if days < 0:
        return OVERDUE
    return RUNNING if days <= warning else SOON


def incident_items(incident: Incident, now: datetime) -> list[Item]:
    """The clock of an open incident nobody has notified or decided on yet."""
    if incident.status != "open" or authority_notified_at(incident) is not None:
        return []
    if incident.decided_not_to_notify_at is not None:
        return []  # the DPO decided, explicitly and with reasons, not to notify
    left = hours_left(incident, now)
    params: dict[str, object] = {"ref": incident.ref, "title": incident.title,
                                 "deadline": notify_by(incident)}
    if left <= -48:  # long past: days read better than "908 hours"
        return [Item("incidents", incident.ref, "incident_clock", BREACH, left,
                     NP_("{ref} {title}: the 72 hours ran out {days} day ago; notify the "
                         "authority now or record the decision",
                         "{ref} {title}: the 72 hours ran out {days} days ago; notify the "
                         "authority now or record the decision"),
                     {**params, "days": _whole(-left / 24)}, "days")]
    if left < 0:
        return [Item("incidents", incident.ref, "incident_clock", BREACH, left,
                     NP_("{ref} {title}: the 72 hours ran out {hours} hour ago; notify the "
                         "authority now or record the decision",
                         "{ref} {title}: the 72 hours ran out {hours} hours ago; notify the "
                         "authority now or record the decision"),
                     {**params, "hours": _whole(-left)}, "hours")]
    return [Item("incidents", incident.ref, "incident_clock", BREACH, left,
                 NP_("{ref} {title}: {hours} hour left to notify the authority (by "
                     "{deadline})",
                     "{ref} {title}: {hours} hours left to notify the authority (by "
                     "{deadline})"), {**params, "hours": _whole(left)}, "hours")]


def _whole(hours: float) -> int:
    return max(int(math.floor(hours)), 0)


def request_items(request: Request, today: date, country: str | None) -> list[Item]:
    """The answer's deadline, the extension notice, and an unverified identity."""
    if request.status not in OPEN_REQUEST_STATUSES:
        return []
    found: list[Item] = []
    deadlines = request_deadlines(request, country)
    name = request.subject.name
    days = (deadlines.current - today).days
    base: dict[str, object] = {"ref": request.ref, "name": name, "date": deadlines.current}
    if days < 0:
        found.append(Item("requests", request.ref, "request_due", OVERDUE,
                          _day_hours(deadlines.current, today),
                          NP_("{ref} ({name}): the answer was due {date}, {days} day ago",
                              "{ref} ({name}): the answer was due {date}, {days} days ago"),
                          {**base, "days": -days}, "days"))
    else:
        found.append(Item("requests", request.ref, "request_due",
                          _level(days, REQUEST_WARNING_DAYS),
                          _day_hours(deadlines.current, today),
                          NP_("{ref} ({name}): answer by {date}, {days} day left",
                              "{ref} ({name}): answer by {date}, {days} days left"),
                          {**base, "days": days}, "days"))
    extension = request.extension
    if extension is not None and extension.months > 0 and extension.notified is None:
        notice_by = deadlines.extension_notice_by
        notice_days = (notice_by - today).days
        params: dict[str, object] = {"ref": request.ref, "name": name, "date": notice_by}
        if notice_days < 0:
            found.append(Item("requests", request.ref, "extension_notice", OVERDUE,
                              _day_hours(notice_by, today),
                              N_("{ref} ({name}): the requester was not told of the extension "
                                 "by {date}"), params))
        else:
            found.append(Item("requests", request.ref, "extension_notice",
                              _level(notice_days, REQUEST_WARNING_DAYS),
                              _day_hours(notice_by, today),
                              N_("{ref} ({name}): tell the requester of the extension and its "
                                 "reasons by {date}"), params))
    if not request.identity.verified:
        found.append(Item("requests", request.ref, "identity_unverified",
                          min(_level(days, REQUEST_WARNING_DAYS), GAP),
                          _day_hours(deadlines.current, today),
                          N_("{ref} ({name}): the requester's identity is not verified"),
                          {"ref": request.ref, "name": name}))
    return found


def processor_items(processor: Processor, today: date) -> list[Item]:
    """The processor agreement of Art. 28(3): missing, past its review, or due for review."""
    if processor.role not in ("processor", "subprocessor"):
        return []
    params: dict[str, object] = {"ref": processor.ref, "name": processor.name}
    if processor.dpa.signed is None:
        return [Item("processors", processor.ref, "agreement_missing", GAP, None,
                     N_("{ref} {name}: no processor agreement"), params)]
    due = processor.dpa.review_due
    if due is None:
        return []
    days = (due - today).days
    if days < 0:
        return [Item("processors", processor.ref, "agreement_expired", OVERDUE,
                     _day_hours(due, today),
                     N_("{ref} {name}: the agreement's review was due {date}"),
                     {**params, "date": due})]
    if days <= REVIEW_WARNING_DAYS:
        return [Item("processors", processor.ref, "agreement_review", SOON,
                     _day_hours(due, today),
                     N_("{ref} {name}: the agreement is due for review by {date}"),
                     {**params, "date": due})]
    return []


def activity_items(activity: Activity, today: date,
                   transfers: tuple[DerivedTransfer, ...] = (),
                   names: Mapping[str, str] | None = None) -> list[Item]:
    """What the activity's record lacks (Art. 30(1)), and its review date; with its
    ``transfers`` (``transfers.Chains``), those outside the EEA without a valid safeguard,
    each recipient by its name in ``names`` (processor ref -> name)."""
    if activity.status == "retired":
        return []
    params: dict[str, object] = {"ref": activity.ref, "name": activity.name}
    found: list[Item] = []
    unsafe = [t for t in transfers if not t.valid]
    if unsafe:
        # Chapter V: without a valid safeguard the transfer is unlawful (Art. 44).
        where = ", ".join(dict.fromkeys(
            f"{(names or {}).get(t.recipient, t.recipient)} ({t.country})" for t in unsafe))
        found.append(Item("activities", activity.ref, "transfer_without_safeguard", GAP, None,
                          N_("{ref} {name}: data goes outside the EEA without a valid "
                             "safeguard: {recipients}"), {**params, "recipients": where}))
    if activity.dpia.required and activity.dpia.done is None:
        # Art. 35(1): the assessment comes before the processing.
        found.append(Item("activities", activity.ref, "dpia_not_done", GAP, None,
                          N_("{ref} {name}: a DPIA is required but not done"), params))
    if dpia_out_of_date(activity, transfers):
        found.append(Item("activities", activity.ref, "dpia_screening_out_of_date", GAP, None,
                          N_("{ref} {name}: the DPIA screening is out of date: the activity "
                             "has changed since; screen it again"), params))
    if lacks_special_condition(activity):
        # Art. 9(1) prohibits the processing unless a condition of Art. 9(2) applies.
        found.append(Item("activities", activity.ref, "special_without_condition", GAP, None,
                          N_("{ref} {name}: special categories of data without an Art. 9 "
                             "condition"), params))
    # Processing on behalf of a controller: the legal basis is the controller's to record.
    if activity.role != "processor" and not activity.legal_bases:
        found.append(Item("activities", activity.ref, "no_legal_basis", GAP, None,
                          N_("{ref} {name}: no legal basis"), params))
    if not (activity.retention or activity.retention_period):
        found.append(Item("activities", activity.ref, "no_retention", GAP, None,
                          N_("{ref} {name}: no retention period"), params))
    due = activity.review_due
    if due is None:
        found.append(Item("activities", activity.ref, "no_review_date", GAP, None,
                          N_("{ref} {name}: no review date"), params))
    else:
        days = (due - today).days
        if days < 0:
            found.append(Item("activities", activity.ref, "review_overdue", OVERDUE,
                              _day_hours(due, today),
                              N_("{ref} {name}: the review was due {date}"),
                              {**params, "date": due}))
        elif days <= REVIEW_WARNING_DAYS:
            found.append(Item("activities", activity.ref, "review_soon", SOON,
                              _day_hours(due, today),
                              N_("{ref} {name}: review due by {date}"),
                              {**params, "date": due}))
    return found


def attention(register: Register, now: datetime) -> list[Item]:
    """Everything that needs attention at ``now`` (aware), most urgent first."""
    country = register.organisation.country if register.organisation else None
    today = local_today(now, country)
    found: list[Item] = []
    for incident in register.incidents:
        found += incident_items(incident, now)
    for request in register.requests:
        found += request_items(request, today, country)
    for processor in register.processors:
        found += processor_items(processor, today)
    chains = Chains(register.processors)
    names = {p.ref: p.name for p in register.processors}
    for activity in register.activities:
        found += activity_items(activity, today, chains.transfers(activity), names)
    return sorted(found, key=Item.sort_key)


def retention_items(due: Iterable[Due]) -> list[Item]:
    """The closed records and kept documents the register keeps past the DPO's retention
    period (``services.erasure.Erasure.due``): erase them, or run ``privdesk purge``."""
    found: list[Item] = []
    for item in due:
        if item.kind == "backups":
            found.append(Item("backups", item.ref, "retention_backup", SOON, None,
                              N_("Backup {ref} is past its retention period (since {date}); "
                                 "purge it"), {"ref": item.ref, "date": item.due}))
        elif item.kind == "documents":
            owner = "incidents" if item.document == "breach_report" else "requests"
            found.append(Item(owner, item.ref, "retention_document", SOON, None,
                              N_("{ref}: a kept letter or report is past its retention period "
                                 "(since {date}); purge it"),
                              {"ref": item.ref, "date": item.due}))
        else:
            found.append(Item(item.kind, item.ref, "retention_due", SOON, None,
                              N_("{ref}: closed on {closed}, past its retention period since "
                                 "{date}; erase it or purge"),
                              {"ref": item.ref, "closed": item.closed, "date": item.due}))
    return found


__all__ = ["BREACH", "GAP", "OVERDUE", "RUNNING", "SOON", "Counts", "Item", "attention", "counts",
           "local_today", "retention_items"]
