"""Periods written in a policy ("6 måneder", "two years", "sju år", "ett år och sex månader")
as ISO 8601 durations, and dates ("27.02.2024", "27 mars 2024", "March 27, 2024") as dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from privdesk.domain.policy import vocabulary as v

_NUMBER = r"(?:\d{1,4}|" + "|".join(
    sorted((re.escape(w) for w in v.NUMBER_WORDS), key=len, reverse=True)
) + r")"
_UNIT = "|".join(sorted((re.escape(u) for u in v.UNIT_WORDS), key=len, reverse=True))
_ONE = rf"(?P<n>{_NUMBER})(?:\s*\(\s*\d+\s*\))?[\s-]+(?P<u>{_UNIT})"
_ONE_RE = re.compile(rf"(?<![\w-]){_ONE}(?![\w])", re.IGNORECASE)
_AND = r"\s*(?:,|og|och|and|plus|samt)\s+"
_PERIOD_RE = re.compile(
    rf"(?<![\w-])(?:{v.HALF_YEAR}|{_NUMBER}(?:\s*\(\s*\d+\s*\))?[\s-]+(?:{_UNIT}))"
    rf"(?:{_AND}(?:{_NUMBER})[\s-]+(?:{_UNIT}))?(?![\w])",
    re.IGNORECASE,
)
_AGE_BEFORE = re.compile(rf"{v.AGE_CUES}\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Period:
    """A period found in text: where it stands, its words and its ISO 8601 duration."""

    start: int
    end: int
    words: str
    iso: str
    days: int


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return v.NUMBER_WORDS.get(word.lower())


def _iso(parts: dict[str, int]) -> str:
    return "P" + "".join(f"{parts[k]}{k}" for k in "YMWD" if parts.get(k))


def find_periods(text: str, *, skip_ages: bool = True) -> list[Period]:
    """Every period in ``text`` (not ages such as "children under 13 years")."""
    found: list[Period] = []
    for match in _PERIOD_RE.finditer(text):
        if skip_ages and _AGE_BEFORE.search(text[:match.start()]):
            continue
        words = match.group()
        parts: dict[str, int] = {}
        if re.fullmatch(v.HALF_YEAR, words, re.IGNORECASE):
            parts["M"] = 6
        else:
            for one in _ONE_RE.finditer(words):
                number = _number(one.group("n"))
                unit = v.UNIT_WORDS.get(one.group("u").lower())
                if number is None or unit is None or number == 0:
                    continue
                parts[unit] = parts.get(unit, 0) + number
        if not parts:
            continue
        # "a"/"en" as a number only counts when the unit follows at once ("a year", "ett år").
        days = parts.get("Y", 0) * 365 + parts.get("M", 0) * 30 + parts.get("W", 0) * 7 \
            + parts.get("D", 0)
        found.append(Period(match.start(), match.end(), words, _iso(parts), days))
    return found


_DAY_MONTH_YEAR = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_MONTH = "|".join(sorted(v.MONTHS, key=len, reverse=True))
_DAY_NAME_YEAR = re.compile(rf"(?<!\d)(\d{{1,2}})\.?\s+({_MONTH})\.?\s+(\d{{4}})(?!\d)",
                            re.IGNORECASE)
_NAME_DAY_YEAR = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)",
                            re.IGNORECASE)
_NAME_YEAR = re.compile(rf"\b({_MONTH})\s+(\d{{4}})(?!\d)", re.IGNORECASE)


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[date]:
    """Every calendar date written in ``text``, in the order found."""
    found: list[tuple[int, date]] = []
    taken: list[tuple[int, int]] = []

    def add(position: int, end: int, value: date | None) -> None:
        if value is None or any(a <= position < b for a, b in taken):
            return
        taken.append((position, end))
        found.append((position, value))

    for m in _ISO_DATE.finditer(text):
        add(m.start(), m.end(), _make(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    for m in _DAY_MONTH_YEAR.finditer(text):
        add(m.start(), m.end(), _make(int(m.group(3)), int(m.group(2)), int(m.group(1))))
    for m in _DAY_NAME_YEAR.finditer(text):
        add(m.start(), m.end(),
            _make(int(m.group(3)), v.MONTHS[m.group(2).lower()], int(m.group(1))))
    for m in _NAME_DAY_YEAR.finditer(text):
        add(m.start(), m.end(),
            _make(int(m.group(3)), v.MONTHS[m.group(1).lower()], int(m.group(2))))
    for m in _NAME_YEAR.finditer(text):
        add(m.start(), m.end(), _make(int(m.group(2)), v.MONTHS[m.group(1).lower()], 1))
    return [d for _, d in sorted(found, key=lambda item: item[0])]
