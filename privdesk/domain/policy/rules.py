"""Small helpers the extraction rules share: compiled word lists, negation scope, clauses."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from privdesk.domain.policy import vocabulary as v


@cache
def words(parts: tuple[str, ...], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One pattern for a word list: any of ``parts`` as whole words."""
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", flags)


def any_of(parts: Iterable[str]) -> re.Pattern[str]:
    return words(tuple(parts))


_NEGATION = words(tuple(re.escape(n) for n in v.NEGATIONS))
_NOT_NEGATING = words(v.NOT_NEGATING)
_BREAK = re.compile("|".join(v.CLAUSE_BREAKS), re.IGNORECASE)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``text[start:end]``: from the last break before to the next after."""
    left = 0
    for m in _BREAK.finditer(text, 0, start):
        left = m.end()
    right = len(text)
    after = _BREAK.search(text, end)
    if after is not None:
        right = after.start()
    return left, right


def is_negated(text: str, start: int, end: int) -> bool:
    """True when the clause holding ``text[start:end]`` is negated ("we do not transfer ...")."""
    left, right = clause_bounds(text, start, end)
    clause = text[left:right]
    clause = _NOT_NEGATING.sub(lambda m: " " * len(m.group()), clause)
    return bool(_NEGATION.search(clause))


def sentence_negated(text: str, pattern: re.Pattern[str]) -> bool:
    """True when every occurrence of ``pattern`` in ``text`` stands in a negated clause."""
    hits = list(pattern.finditer(text))
    return bool(hits) and all(is_negated(text, m.start(), m.end()) for m in hits)


def first_unnegated(text: str, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """The first occurrence of ``pattern`` that no negation governs."""
    for m in pattern.finditer(text):
        if not is_negated(text, m.start(), m.end()):
            return m
    return None
