"""Dates, moments and numbers in the UI language, through Babel (imported on first use).

Babel is not needed for the first paint: until ``load()`` has run, dates show as ISO 8601
(``2026-11-23``), which every Nordic reader reads; the window calls ``load()`` right after it
is shown and re-renders.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from privdesk.gui.language import LOCALES, current

_state = {"loaded": False}


def loaded() -> bool:
    """Whether dates are in the language's own form yet (not just because Babel is imported:
    a list shows one form throughout until the window re-renders it)."""
    return _state["loaded"]


def load() -> None:
    """Import Babel's formatting now (after the first paint)."""
    import babel.dates  # noqa: F401
    import babel.numbers  # noqa: F401

    _state["loaded"] = True


def format_date(value: date | None, language: str | None = None) -> str:
    """A date in the short form of the language (``23.11.2026``, ``2026-11-23``)."""
    if value is None:
        return ""
    if not loaded():
        return value.isoformat()
    from babel.dates import format_date as babel_date

    return str(babel_date(value, "short" if (language or current()) != "en" else "medium",
                          locale=LOCALES[language or current()]))


def format_moment(value: datetime | None, language: str | None = None) -> str:
    """A moment in the user's local time zone, with the date and the minute."""
    if value is None:
        return ""
    local = value.astimezone()
    if not loaded():
        return local.strftime("%Y-%m-%d %H:%M")
    from babel.dates import format_datetime

    return str(format_datetime(local, "short" if (language or current()) != "en" else "medium",
                               locale=LOCALES[language or current()]))


def format_number(value: Any, language: str | None = None) -> str:
    if value is None:
        return ""
    if not loaded():
        return str(value)
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=LOCALES[language or current()]))


def format_local(value: datetime, zone: str, language: str | None = None) -> str:
    """A moment in the organisation's time zone, in the language's own form, with the zone's
    name (``26.11.2026, 10:00 CET``): what the incident clock and its deadline show."""
    from privdesk.domain.incidents import local_text, local_time

    if not loaded():
        return local_text(value, zone)
    from babel.dates import format_date as babel_date
    from babel.dates import format_time

    local = local_time(value, zone)
    locale = LOCALES[language or current()]
    day = babel_date(local, "short" if (language or current()) != "en" else "medium",
                     locale=locale)
    return f"{day} {format_time(local, 'HH:mm', locale=locale)} {local.tzname()}"
