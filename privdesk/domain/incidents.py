"""The 72-hour clock of Art. 33(1) GDPR and the checks on when and how an incident was notified.

The clock runs from the moment of awareness as elapsed time: 72 hours are added in UTC, so a
daylight-saving change in Oslo or Stockholm never moves the deadline (wall-clock arithmetic
would make it 71 or 73 real hours). Local time is only for display.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from privdesk.domain.errors import N_
from privdesk.domain.records import Activity, Incident, Notification, Organisation, Processor

NOTIFY_WITHIN = timedelta(hours=72)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something about an incident's record that the DPO must fix or explain.

    ``message`` is an English msgid with ``{name}`` placeholders (translated where shown);
    ``place`` names the incident's field in the interchange format.
    """

    message: str
    place: str
    params: Mapping[str, object] = field(default_factory=dict)

    def render(self, gettext: Callable[[str], str] | None = None) -> str:
        template = gettext(self.message) if gettext is not None else self.message
        return template.format(**self.params) if self.params else template



@dataclass(frozen=True)
class ReportInputs:
    """Everything the notification draft is made of, read at one moment (the service reads
    it, ``documents.breach_report.render_report`` renders it)."""

    incident: Incident
    organisation: Organisation | None
    activities: tuple[Activity, ...]
    processors: tuple[Processor, ...]
    language: str
    now: datetime


def _utc(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must carry a UTC offset, got {moment.isoformat()}")
    return moment.astimezone(UTC)


def clock_start(incident: Incident) -> datetime:
    """When the 72 hours started, in UTC: the earlier of ``aware_at`` and the processor's report.

    Art. 33(2) has the processor tell the controller without undue delay, and the controller is
    aware from the moment the processor tells it (EDPB Guidelines 9/2022, WP250 rev.01 II.A.2):
    a processor's report earlier than the recorded awareness starts the clock, whatever was
    written in ``aware_at``.
    """
    aware = _utc(incident.aware_at, "aware_at")
    if incident.reported_by_processor is None:
        return aware
    return min(aware, _utc(incident.reported_by_processor, "reported_by_processor"))


def processor_reported_first(incident: Incident) -> bool:
    """Whether a processor's report came before the recorded awareness (the clock starts there)."""
    return clock_start(incident) < _utc(incident.aware_at, "aware_at")


def notify_by(incident: Incident) -> datetime:
    """When the authority must have been told: 72 elapsed hours from ``clock_start``, in UTC."""
    return clock_start(incident) + NOTIFY_WITHIN


def hours_left(incident: Incident, now: datetime) -> float:
    """Elapsed hours from ``now`` to the deadline; negative once it has passed."""
    return (notify_by(incident) - _utc(now, "now")).total_seconds() / 3600


def authority_notified_at(incident: Incident) -> datetime | None:
    """When the authority was first told: the recorded moment, else the first notification."""
    if incident.authority_notified_at is not None:
        return incident.authority_notified_at
    sequence = notifications(incident)
    return sequence[0].at if sequence else None


def hours_to_notification(incident: Incident) -> float | None:
    """Elapsed hours from the clock's start to the first notification to the authority (None
    if none)."""
    notified = authority_notified_at(incident)
    if notified is None:
        return None
    elapsed = _utc(notified, "authority_notified_at") - clock_start(incident)
    return elapsed.total_seconds() / 3600


def is_late(incident: Incident, now: datetime | None = None) -> bool:
    """True when the authority was told after the deadline, or (given ``now``) still is not."""
    notified = authority_notified_at(incident)
    if notified is not None:
        return _utc(notified, "authority_notified_at") > notify_by(incident)
    return now is not None and _utc(now, "now") > notify_by(incident)


def notifications(incident: Incident) -> tuple[Notification, ...]:
    """The phased notifications to the authority (Art. 33(4)) in time order.

    A register that records only ``authority_notified_at`` has one initial notification; the
    sequence is then that one, with the authority's reference.
    """
    if incident.notifications:
        order = {"initial": 0, "follow_up": 1, "complete": 2}
        return tuple(sorted(incident.notifications,
                            key=lambda n: (_utc(n.at, "notifications.at"), order.get(n.kind, 1))))
    if incident.authority_notified_at is not None:
        return (Notification(at=incident.authority_notified_at, kind="initial",
                             reference=incident.authority_ref),)
    return ()


def _hours(value: float) -> str:
    """Hours as a person writes them: whole when whole, else one decimal."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def problems(incident: Incident) -> list[Problem]:
    """What is inconsistent or missing in the incident's dates and notifications."""
    found: list[Problem] = []
    aware = _utc(incident.aware_at, "aware_at")
    if incident.occurred_at is not None and _utc(incident.occurred_at, "occurred_at") > aware:
        found.append(Problem(N_("the breach cannot have occurred after the school became "
                                "aware of it"), "occurred_at"))
    if incident.reported_by_processor is not None:
        reported = _utc(incident.reported_by_processor, "reported_by_processor")
        if aware > reported:
            found.append(Problem(
                N_("the processor reported the breach on {reported}, before the recorded "
                   "awareness: the school was aware from the processor's report (Art. 33(2)), "
                   "so the 72 hours run from then"), "aware_at",
                {"reported": reported.strftime("%Y-%m-%d %H:%M UTC")}))
    notified = authority_notified_at(incident)
    if notified is not None and _utc(notified, "authority_notified_at") < aware:
        found.append(Problem(N_("the authority cannot have been notified before the school "
                                "became aware of the breach"), "authority_notified_at"))
    elapsed = hours_to_notification(incident)
    if elapsed is not None and is_late(incident) and not (incident.delay_reason or "").strip():
        found.append(Problem(
            N_("the authority was notified {hours} hours after the school became aware, later "
               "than 72 hours: record the reasons for the delay (Art. 33(1))"),
            "delay_reason", {"hours": _hours(elapsed)}))
    if incident.subjects_notified_at is not None and (
            _utc(incident.subjects_notified_at, "subjects_notified_at") < aware):
        found.append(Problem(N_("the people affected cannot have been informed before the "
                                "school became aware of the breach"), "subjects_notified_at"))
    if incident.ended_at is not None:
        ended = _utc(incident.ended_at, "ended_at")
        if incident.ongoing:
            found.append(Problem(N_("the breach is recorded as ongoing and as ended; record "
                                    "one of them"), "ongoing"))
        if incident.occurred_at is not None and ended < _utc(incident.occurred_at,
                                                             "occurred_at"):
            found.append(Problem(N_("the breach cannot have ended before it occurred"),
                                 "ended_at"))
    found += _sequence_problems(incident)
    return found


def _sequence_problems(incident: Incident) -> list[Problem]:
    sequence = notifications(incident)
    if not incident.notifications:
        return []
    found: list[Problem] = []
    if sequence[0].kind != "initial":
        found.append(Problem(N_("the first notification to the authority must be the initial "
                                "one"), "notifications[0].kind"))
    if sum(1 for n in sequence if n.kind == "initial") > 1:
        found.append(Problem(N_("there can be only one initial notification; later ones are "
                                "follow-ups"), "notifications"))
    completes = [i for i, n in enumerate(sequence) if n.kind == "complete"]
    if completes and completes[0] != len(sequence) - 1:
        found.append(Problem(N_("the complete notification must be the last one"), "notifications"))
    recorded = incident.authority_notified_at
    if recorded is not None and (
            _utc(recorded, "authority_notified_at") != _utc(sequence[0].at, "notifications.at")):
        found.append(Problem(N_("the moment the authority was notified differs from the "
                                "initial notification"), "authority_notified_at"))
    return found


def local_time(moment: datetime, zone: str) -> datetime:
    """``moment`` as the clocks in ``zone`` (a zoneinfo name such as Europe/Oslo) show it."""
    return _utc(moment, "moment").astimezone(ZoneInfo(zone))


def local_text(moment: datetime, zone: str) -> str:
    """``moment`` in ``zone`` as ``2026-11-23 09:15 CET``: unambiguous in every language."""
    local = local_time(moment, zone)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()}"
