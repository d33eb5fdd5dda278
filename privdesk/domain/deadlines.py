"""Deadlines the law sets, counted as Regulation (EEC, Euratom) No 1182/71 counts periods.

The rules applied (Regulation 1182/71, Art. 3): the day of the event (receipt of a request) is
not counted (3(1)); a period in months ends on the same date in the last month, or on that
month's last day where the date does not exist (3(2)(c)); a period whose last day is a
Saturday, a Sunday or a public holiday ends at the end of the next working day (3(4)). Public
holidays are those of the organisation's country, from the ``holidays`` package.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from privdesk.domain.records import Request

# Art. 12(3) GDPR: one month from receipt, extendable by at most two further months.
RESPONSE_MONTHS = 1
MAX_EXTENSION_MONTHS = 2

# Sweden's Act on the computation of statutory time (1930:173) treats Midsummer Eve, Christmas
# Eve and New Year's Eve like public holidays for deadlines; ``holidays`` files them under its
# "de_facto" category. Norway has no such days beyond its public holidays.
_HOLIDAY_CATEGORIES: dict[str, tuple[str, ...]] = {
    "NO": ("public",),
    "SE": ("public", "de_facto"),
}


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later, or that month's last day where the day does not exist."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@cache
def _holidays(country: str, year: int) -> frozenset[date]:
    # Imported here: the package loads its calendars on first use, which the GUI's start-up
    # and commands that need no deadline should not pay for.
    import holidays

    categories = _HOLIDAY_CATEGORIES.get(country, ("public",))
    try:
        found = holidays.country_holidays(country, years=year, categories=categories)
    except NotImplementedError:  # a country the package does not know: weekends only
        return frozenset()
    return frozenset(found.keys())


def is_public_holiday(day: date, country: str | None) -> bool:
    """True when ``day`` is a public holiday in ``country`` (ISO code; None: no holidays)."""
    return bool(country) and day in _holidays(str(country).upper(), day.year)


def is_working_day(day: date, country: str | None) -> bool:
    """True for Monday to Friday when the day is not a public holiday of ``country``."""
    return day.weekday() < 5 and not is_public_holiday(day, country)


def next_working_day(day: date, country: str | None) -> date:
    """``day`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day, country):
        day += timedelta(days=1)
    return day


def period_end(start: date, months: int, country: str | None) -> date:
    """The last day of a period of ``months`` running from the event on ``start``.

    ``start`` itself is not counted; the period ends on the same date ``months`` later (or that
    month's last day), moved to the next working day when that is a weekend or public holiday.
    """
    return next_working_day(add_months(start, months), country)


@dataclass(frozen=True, slots=True)
class RequestDeadlines:
    """The dates by which a data subject request must be answered.

    ``due``: one month from receipt. ``extended_due``: the end of the extension, when one was
    taken (counted from receipt, so one month plus the extension's months). ``extension_notice_by``:
    the last day to tell the requester of an extension and its reasons (one month from receipt).
    """

    due: date
    extended_due: date | None
    extension_notice_by: date

    @property
    def current(self) -> date:
        """The deadline that applies now: the extended one where the deadline was extended."""
        return self.extended_due or self.due


def request_deadlines(request: Request, country: str | None) -> RequestDeadlines:
    """The deadlines of ``request`` (Art. 12(3) GDPR) in the organisation's ``country``."""
    received = request.received
    due = period_end(received, RESPONSE_MONTHS, country)
    extended_due = None
    if request.extension is not None and request.extension.months > 0:
        # The law allows at most two further months; a longer extension recorded by mistake
        # must not show a deadline later than the legal one.
        months = min(request.extension.months, MAX_EXTENSION_MONTHS)
        extended_due = period_end(received, RESPONSE_MONTHS + months, country)
    return RequestDeadlines(due=due, extended_due=extended_due, extension_notice_by=due)


def days_left(deadline: date | RequestDeadlines, today: date) -> int:
    """Calendar days from ``today`` to the deadline (0 on the last day, negative when late)."""
    if isinstance(deadline, RequestDeadlines):
        deadline = deadline.current
    return (deadline - today).days
