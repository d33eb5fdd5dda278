"""ISO 8601 durations as retention periods are written (P6M, P1Y6M, P30D, P2W)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from privdesk.domain.deadlines import add_months

_DURATION = re.compile(
    r"^P(?!$)(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?$"
)


@dataclass(frozen=True, slots=True)
class Duration:
    """A calendar duration: years, months, weeks and days (no time part for retention)."""

    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0

    def after(self, start: date) -> date:
        """The date this duration after ``start`` (month ends clamp, as 1182/71 counts)."""
        from datetime import timedelta

        end = add_months(start, self.years * 12 + self.months)
        return end + timedelta(days=self.weeks * 7 + self.days)


def parse_duration(text: str) -> Duration | None:
    """The duration in ``text``, or None when it is not an ISO 8601 date duration."""
    match = _DURATION.match(text)
    if match is None:
        return None
    return Duration(**{k: int(v) for k, v in match.groupdict().items() if v is not None})


def is_duration(text: str) -> bool:
    """True when ``text`` is an ISO 8601 duration such as ``P2M`` or ``P1Y6M``."""
    return parse_duration(text) is not None
