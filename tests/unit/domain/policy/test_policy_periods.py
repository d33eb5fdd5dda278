"""Periods in words and digits become ISO 8601 durations; dates in three languages parse."""

from __future__ import annotations

from datetime import date

import pytest

from privdesk.domain.policy.periods import find_dates, find_periods


@pytest.mark.parametrize(("text", "iso"), [
    ("slettes 6 måneder etter", "P6M"),
    ("oppbevares i fem år", "P5Y"),
    ("sparas i två år efter inaktivitet", "P2Y"),
    ("raderas efter två års inaktivitet", "P2Y"),
    ("lagras i sju år", "P7Y"),
    ("kept for eighteen months", "P18M"),
    ("deleted after a year", "P1Y"),
    ("lagres i ett år og ti dager", "P1Y10D"),
    ("sparas i ett år och sex månader", "P1Y6M"),
    ("slettes innen 30 dager", "P30D"),
    ("deleted within two weeks", "P2W"),
    ("raderas 90 dagar efter", "P90D"),
    ("lagres i et halvt år", "P6M"),
    ("kept for twenty-four months", "P24M"),
    ("svarer innen én måned", "P1M"),
])
def test_period_in_words_or_digits(text: str, iso: str) -> None:
    assert [p.iso for p in find_periods(text)] == [iso]


@pytest.mark.parametrize("text", [
    "children under 13 years", "barn under 16 år", "elever over 15 år", "minst 13 år gamla",
    "at least 13 years old",
])
def test_an_age_is_not_a_period(text: str) -> None:
    assert find_periods(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("oppdatert 27.02.2024", date(2024, 2, 27)),
    ("reviderades senast den 27 mars 2024", date(2024, 3, 27)),
    ("Last updated: March 27, 2024", date(2024, 3, 27)),
    ("Sist oppdatert 1. september 2026.", date(2026, 9, 1)),
    ("Version 2025-01-31", date(2025, 1, 31)),
])
def test_dates(text: str, expected: date) -> None:
    assert find_dates(text) == [expected]


def test_an_impossible_date_is_no_date() -> None:
    assert find_dates("31.02.2024") == []
