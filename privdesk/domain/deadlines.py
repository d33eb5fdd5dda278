"""Deadlines the law sets, counted as Regulation (EEC, Euratom) No 1182/71 counts periods."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later, or that month's last day where the day does not exist."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
