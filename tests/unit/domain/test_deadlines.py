"""The Art. 12(3) clock as Regulation 1182/71 counts it, with Norway's and Sweden's holidays."""

from __future__ import annotations

from datetime import date

import pytest

from privdesk.domain.deadlines import (
    add_months,
    days_left,
    is_working_day,
    next_working_day,
    period_end,
    request_deadlines,
)
from privdesk.domain.records import DataSubject, Extension, Request, Requester


def _request(received: date, extension_months: int | None = None) -> Request:
    extension = (
        Extension(months=extension_months, reasons="Many systems to search")
        if extension_months is not None
        else None
    )
    return Request(
        ref="DSAR-T-1",
        received=received,
        subject=DataSubject(name="Test Pupil"),
        requester=Requester(name="Test Parent", relation="guardian"),
        extension=extension,
    )


def _due(received: str, country: str | None) -> date:
    return request_deadlines(_request(date.fromisoformat(received)), country).due


@pytest.mark.parametrize("country", ["NO", "SE"])
@pytest.mark.parametrize(
    ("received", "due"),
    [
        # The day of receipt is not counted: the same date next month.
        ("2026-11-02", "2026-12-02"),
        # A month ends on its last day where the date does not exist.
        ("2026-03-31", "2026-04-30"),
        ("2029-01-31", "2029-02-28"),
        ("2029-01-29", "2029-02-28"),
        # Leap years: 29 February exists in 2028, not in 2029.
        ("2028-01-31", "2028-02-29"),
        ("2028-01-29", "2028-02-29"),
        ("2028-02-29", "2028-03-29"),
        # 28 February 2027 is a Sunday: the next working day.
        ("2027-01-31", "2027-03-01"),
        # Saturday 5 December 2026: Monday.
        ("2026-11-05", "2026-12-07"),
        # Good Friday 2026 (3 April), then Easter Monday: Tuesday 7 April.
        ("2026-03-03", "2026-04-07"),
        # Ascension Day, Thursday 14 May 2026: Friday.
        ("2026-04-14", "2026-05-15"),
        # Christmas Day, Friday 25 December 2026, then the weekend: Monday 28 December.
        ("2026-11-25", "2026-12-28"),
        # New Year's Day, Friday 1 January 2027, then the weekend: Monday 4 January.
        ("2026-12-01", "2027-01-04"),
    ],
)
def test_due_in_both_countries(country: str, received: str, due: str) -> None:
    assert _due(received, country) == date.fromisoformat(due)


@pytest.mark.parametrize(
    ("received", "norway", "sweden", "why"),
    [
        ("2026-03-02", "2026-04-07", "2026-04-02",
         "Maundy Thursday is a holiday in Norway only (then Good Friday, Easter, Easter Monday)"),
        ("2026-04-25", "2026-05-26", "2026-05-25", "Whit Monday is a holiday in Norway only"),
        ("2028-04-17", "2028-05-18", "2028-05-17", "17 May, Constitution Day of Norway"),
        ("2027-04-17", "2027-05-18", "2027-05-17", "17 May 2027 is also Whit Monday"),
        ("2028-05-06", "2028-06-06", "2028-06-07", "6 June, National Day of Sweden"),
        ("2028-05-05", "2028-06-06", "2028-06-05", "Whit Monday 2028 is 5 June"),
        ("2026-05-19", "2026-06-19", "2026-06-22",
         "Midsummer Eve counts as a holiday for Swedish deadlines (1930:173)"),
        ("2026-11-24", "2026-12-24", "2026-12-28",
         "Christmas Eve: a working day in Norway, a holiday for Swedish deadlines"),
    ],
)
def test_due_differs_by_country(received: str, norway: str, sweden: str, why: str) -> None:
    assert _due(received, "NO") == date.fromisoformat(norway), why
    assert _due(received, "SE") == date.fromisoformat(sweden), why


def test_unknown_or_missing_country_counts_weekends_only() -> None:
    # 17 May 2028 is a Wednesday: no holiday without Norway's calendar.
    assert _due("2028-04-17", None) == date(2028, 5, 17)
    assert _due("2028-04-17", "XX") == date(2028, 5, 17)
    assert _due("2026-11-05", None) == date(2026, 12, 7)
    assert _due("2026-11-25", "XX") == date(2026, 12, 25)


def test_another_country_uses_its_own_holidays() -> None:
    # Denmark (not a country privdesk is made for, but the package knows it): Christmas Day.
    assert _due("2026-11-25", "DK") == date(2026, 12, 28)
    assert _due("2028-04-17", "DK") == date(2028, 5, 17)


def test_country_code_is_case_insensitive() -> None:
    assert _due("2028-04-17", "no") == date(2028, 5, 18)


def test_extension_has_its_own_due_date_and_the_notice_is_due_within_the_first_month() -> None:
    deadlines = request_deadlines(_request(date(2026, 11, 2), extension_months=2), "NO")
    assert deadlines.due == date(2026, 12, 2)
    assert deadlines.extension_notice_by == date(2026, 12, 2)
    assert deadlines.extended_due == date(2027, 2, 2)
    assert deadlines.current == date(2027, 2, 2)


def test_no_extension_no_extended_due() -> None:
    deadlines = request_deadlines(_request(date(2026, 11, 2)), "SE")
    assert deadlines.extended_due is None
    assert deadlines.current == deadlines.due == deadlines.extension_notice_by


def test_one_month_extension_ending_on_a_saturday_moves_to_monday() -> None:
    deadlines = request_deadlines(_request(date(2026, 11, 2), extension_months=1), "NO")
    assert deadlines.extended_due == date(2027, 1, 4)


def test_extension_counted_from_receipt_at_month_end() -> None:
    # Three months from 31 January 2027 end on 30 April (a Friday), not on 28 April.
    deadlines = request_deadlines(_request(date(2027, 1, 31), extension_months=2), "SE")
    assert deadlines.due == date(2027, 3, 1)
    assert deadlines.extended_due == date(2027, 4, 30)


def test_extension_ending_on_new_years_eve_in_sweden_and_norway() -> None:
    norway = request_deadlines(_request(date(2026, 10, 31), extension_months=1), "NO")
    sweden = request_deadlines(_request(date(2026, 10, 31), extension_months=1), "SE")
    assert norway.due == sweden.due == date(2026, 11, 30)
    assert norway.extended_due == date(2026, 12, 31)
    assert sweden.extended_due == date(2027, 1, 4)


def test_an_extension_beyond_two_months_is_held_to_the_legal_limit() -> None:
    deadlines = request_deadlines(_request(date(2026, 11, 2), extension_months=5), "NO")
    assert deadlines.extended_due == date(2027, 2, 2)


def test_days_left() -> None:
    deadlines = request_deadlines(_request(date(2026, 11, 2)), "NO")
    assert days_left(deadlines, date(2026, 11, 2)) == 30
    assert days_left(deadlines, date(2026, 12, 2)) == 0
    assert days_left(deadlines, date(2026, 12, 4)) == -2
    extended = request_deadlines(_request(date(2026, 11, 2), extension_months=2), "NO")
    assert days_left(extended, date(2026, 12, 4)) == 60
    assert days_left(date(2026, 12, 24), date(2026, 12, 20)) == 4


def test_working_days() -> None:
    assert not is_working_day(date(2026, 5, 17), "NO")  # a Sunday and Constitution Day
    assert not is_working_day(date(2026, 4, 2), "NO")
    assert is_working_day(date(2026, 4, 2), "SE")
    assert not is_working_day(date(2026, 1, 6), "SE")  # Epiphany
    assert is_working_day(date(2026, 1, 6), "NO")
    assert next_working_day(date(2026, 12, 2), "NO") == date(2026, 12, 2)
    assert period_end(date(2026, 11, 2), 3, "NO") == date(2027, 2, 2)


def test_add_months_keeps_the_day_or_takes_the_last_one() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 12, 15), 2) == date(2027, 2, 15)
