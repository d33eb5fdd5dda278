"""The 72-hour clock across daylight-saving changes, processor reports and late notifications."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from privdesk.domain.incidents import (
    hours_left,
    hours_to_notification,
    is_late,
    local_text,
    local_time,
    notifications,
    notify_by,
    problems,
)
from privdesk.domain.records import Incident, Notification


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def incident(aware_at: str, **fields: object) -> Incident:
    return Incident(ref="INC-T-1", title="Test incident", aware_at=moment(aware_at),
                    **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("zone", ["Europe/Oslo", "Europe/Stockholm"])
def test_spring_forward_does_not_shorten_the_72_hours(zone: str) -> None:
    """Aware Friday 10:00 CET; clocks jump to summer time on Sunday 29 March 2026."""
    case = incident("2026-03-27T10:00:00+01:00")
    deadline = notify_by(case)
    assert deadline == moment("2026-03-30T09:00:00+00:00")
    assert deadline - case.aware_at == timedelta(hours=72)
    # The wall clock shows 11:00 on Monday, not 10:00: the lost hour is not taken off.
    assert local_text(deadline, zone) == "2026-03-30 11:00 CEST"


@pytest.mark.parametrize("zone", ["Europe/Oslo", "Europe/Stockholm"])
def test_fall_back_does_not_lengthen_the_72_hours(zone: str) -> None:
    """Aware Friday 10:00 CEST; clocks go back to winter time on Sunday 25 October 2026."""
    case = incident("2026-10-23T10:00:00+02:00")
    deadline = notify_by(case)
    assert deadline == moment("2026-10-26T08:00:00+00:00")
    assert local_text(deadline, zone) == "2026-10-26 09:00 CET"
    assert local_time(deadline, zone).utcoffset() == timedelta(hours=1)


def test_the_deadline_is_the_same_however_the_moment_was_written() -> None:
    oslo = incident("2026-11-20T09:15:00+01:00")
    utc = incident("2026-11-20T08:15:00+00:00")
    assert notify_by(oslo) == notify_by(utc) == moment("2026-11-23T08:15:00+00:00")
    assert notify_by(oslo).tzinfo == UTC


def test_a_processor_report_starts_the_clock_when_the_school_is_told() -> None:
    """The breach happened at the processor on Monday; it told the school on Wednesday."""
    told = "2026-11-18T14:30:00+01:00"
    case = incident(told, occurred_at=moment("2026-11-16T08:00:00+01:00"),
                    reported_by_processor=moment(told))
    assert notify_by(case) == moment("2026-11-21T13:30:00+00:00")
    assert problems(case) == []
    # A clock started after the processor's report would start too late.
    late_start = replace(case, aware_at=moment("2026-11-19T09:00:00+01:00"))
    assert [p.place for p in problems(late_start)] == ["aware_at"]
    # Art. 33(2): the school was aware when the processor told it; the clock runs from then.
    assert notify_by(late_start) == notify_by(case)


def test_hours_left_counts_down_and_goes_negative() -> None:
    case = incident("2026-03-27T10:00:00+01:00")
    assert hours_left(case, moment("2026-03-27T10:00:00+01:00")) == 72
    # Sunday noon in summer time: 48 hours after awareness, across the change.
    assert hours_left(case, moment("2026-03-29T12:00:00+02:00")) == 72 - 49
    assert hours_left(case, moment("2026-03-30T12:00:00+02:00")) == -1
    assert is_late(case, moment("2026-03-30T12:00:00+02:00"))
    assert not is_late(case, moment("2026-03-30T10:59:00+02:00"))


def test_naive_moments_are_refused() -> None:
    case = incident("2026-03-27T10:00:00+01:00")
    with pytest.raises(ValueError):
        hours_left(case, datetime(2026, 3, 28, 12, 0))  # noqa: DTZ001 - the point of the test
    with pytest.raises(ValueError):
        notify_by(replace(case, aware_at=datetime(2026, 3, 27, 10, 0)))  # noqa: DTZ001


def test_a_late_notification_needs_reasons_for_the_delay() -> None:
    case = incident("2026-11-20T09:15:00+01:00",
                    authority_notified_at=moment("2026-11-23T12:00:00+01:00"))
    assert is_late(case)
    assert hours_to_notification(case) == pytest.approx(74.75)
    found = problems(case)
    assert [p.place for p in found] == ["delay_reason"]
    assert "74.8 hours" in found[0].render()
    explained = replace(case, delay_reason="The processor's report lacked the data categories.")
    assert problems(explained) == []
    on_time = replace(case, authority_notified_at=moment("2026-11-23T09:15:00+01:00"))
    assert not is_late(on_time) and problems(on_time) == []


def test_the_phased_notifications_are_a_sequence() -> None:
    initial = Notification(at=moment("2026-11-21T10:00:00+01:00"), kind="initial",
                           reference="DT-2026-1")
    follow_up = Notification(at=moment("2026-11-25T10:00:00+01:00"), kind="follow_up")
    complete = Notification(at=moment("2026-12-02T10:00:00+01:00"), kind="complete")
    case = incident("2026-11-20T09:15:00+01:00", authority_notified_at=initial.at,
                    notifications=(complete, initial, follow_up))
    assert [n.kind for n in notifications(case)] == ["initial", "follow_up", "complete"]
    assert problems(case) == []
    # Only a recorded moment: one initial notification with the authority's reference.
    simple = incident("2026-11-20T09:15:00+01:00", authority_notified_at=initial.at,
                      authority_ref="DT-2026-1")
    assert notifications(simple) == (initial,)
    # A follow-up first, two initials, something after the complete one: all refused.
    wrong = replace(case, authority_notified_at=None,
                    notifications=(replace(initial, kind="follow_up"), follow_up,
                                   replace(complete, kind="initial"),
                                   replace(complete, at=moment("2026-11-30T10:00:00+01:00"))))
    messages = [p.render() for p in problems(wrong)]
    assert any("must be the initial one" in m for m in messages)
    assert any("must be the last one" in m for m in messages)
    no_initial_first = replace(case, notifications=(follow_up,),
                               authority_notified_at=follow_up.at)
    assert "notifications[0].kind" in [p.place for p in problems(no_initial_first)]


def test_dates_out_of_order_are_reported() -> None:
    case = incident("2026-11-20T09:15:00+01:00",
                    occurred_at=moment("2026-11-21T09:15:00+01:00"),
                    authority_notified_at=moment("2026-11-19T09:15:00+01:00"),
                    subjects_notified_at=moment("2026-11-19T09:15:00+01:00"))
    assert {p.place for p in problems(case)} == {"occurred_at", "authority_notified_at",
                                                 "subjects_notified_at"}


def test_problems_are_translatable_messages() -> None:
    from privdesk.i18n import translation

    case = incident("2026-11-20T09:15:00+01:00",
                    authority_notified_at=moment("2026-11-24T09:15:00+01:00"))
    (problem,) = problems(case)
    assert problem.render(translation("en").gettext) == problem.render()
    assert "96" in problem.render(translation("nb").gettext)


