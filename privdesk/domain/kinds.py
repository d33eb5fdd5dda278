"""The kinds of record the register holds, declared once: every layer reads its kinds here.

Adding a kind is a checklist, not a hunt:

1. its frozen record in ``records.py`` and a field of that name in ``records.Register``;
2. a ``Kind`` below (name, prefix, table, links, labels), placed where it should be listed;
3. its row model, link models and a migration in ``store/`` (the store checks at import that
   every kind has its table and link tables);
4. its columns in ``cli/register.py`` (``privdesk list``), its labels in the catalogue, its
   section in ``docs/interchange.md``, and records of it in the demo register;
5. ``tests/integration/test_kinds_roundtrip.py`` then loads, dumps and lists it.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from privdesk.domain import records
from privdesk.domain.errors import N_


@dataclass(frozen=True, slots=True)
class Link:
    """Refs a record holds to records of ``target``.

    With ``table``, ``field`` is a tuple of refs kept in that link table, in order; with
    ``item``, each nested item of ``field`` names one ref in its attribute ``item`` (kept with
    the record); with neither, ``field`` is one ref (or None) kept in a column of the record's
    own row.
    """

    field: str
    target: str
    table: str | None = None
    item: str | None = None


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of record: how it is named, numbered, stored, linked and labelled."""

    name: str  # the interchange section, the word of `privdesk list`, the kind of an audit entry
    record: type[Any]
    prefix: str  # of a new record's ref; "{year}" in it is the current year
    table: str  # the store's table
    links: tuple[Link, ...]
    singular: str  # msgids
    plural: str

    def ref_prefix(self, year: int | None = None) -> str:
        """The prefix of the refs this kind makes (``INC-2026-`` in 2026)."""
        if "{year}" not in self.prefix:
            return self.prefix
        if year is None:
            raise ValueError(f"the refs of {self.name} are numbered per year: give the year")
        return self.prefix.format(year=year)

    def next_ref(self, refs: Iterable[str], year: int | None = None) -> str:
        """The ref for a new record of this kind, after those in ``refs``."""
        return next_ref(refs, self.ref_prefix(year))

    @property
    def refers_to(self) -> frozenset[str]:
        """The kinds this kind's records name (a view of it also shows those)."""
        return frozenset(link.target for link in self.links)

    def link(self, field: str) -> Link:
        for link in self.links:
            if link.field == field:
                return link
        raise KeyError(f"{self.name} has no link {field!r}")


def next_ref(refs: Iterable[str], prefix: str) -> str:
    """The next ref of the usual form: one more than the highest (PA-006 after PA-001, PA-005).

    Gaps are not filled (a deleted ref is not given to a new record); refs of another form or
    another prefix (``PA-7b``, ``VEN-009``, ``PA-2025-001`` for ``PA-``) are not counted.
    """
    pattern = re.compile(re.escape(prefix) + r"([0-9]+)")
    numbers = [int(m.group(1)) for ref in refs if (m := pattern.fullmatch(ref))]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


# The order in which the register lists them (interchange, command line, window).
KINDS: tuple[Kind, ...] = (
    Kind(
        name="activities", record=records.Activity, prefix="PA-", table="activity",
        links=(Link("processors", "processors", table="activity_processor"),),
        singular=N_("Processing activity"), plural=N_("Processing activities"),
    ),
    Kind(
        name="processors", record=records.Processor, prefix="VEN-", table="processor",
        links=(Link("parent", "processors"),),
        singular=N_("Processor"), plural=N_("Processors"),
    ),
    Kind(
        name="incidents", record=records.Incident, prefix="INC-{year}-", table="incident",
        links=(Link("activities", "activities", table="incident_activity"),
               Link("processors", "processors", table="incident_processor")),
        singular=N_("Incident"), plural=N_("Incidents"),
    ),
    Kind(
        name="requests", record=records.Request, prefix="DSAR-{year}-", table="request",
        links=(Link("activities", "activities", table="request_activity"),
               Link("data", "activities", item="activity")),
        singular=N_("Request"), plural=N_("Access requests"),
    ),
)


def names() -> tuple[str, ...]:
    """The kinds' names, in the register's order."""
    return tuple(kind.name for kind in KINDS)


def kind(name: str) -> Kind:
    """The kind called ``name``; a LookupError (a bug, not bad input) for any other name."""
    for found in KINDS:
        if found.name == name:
            return found
    raise LookupError(f"no kind of record is called {name!r}")


def kind_of(record: Any) -> Kind:
    """The kind of a record."""
    for found in KINDS:
        if isinstance(record, found.record):
            return found
    raise TypeError(f"not a record of any kind: {record!r}")


def load_order(kinds: Iterable[Kind] | None = None) -> tuple[Kind, ...]:
    """The kinds with every kind after those it refers to (processors before activities).

    Records are inserted in this order and deleted in the reverse one, so references always
    resolve; among kinds free to go, the register's order is kept. A kind's references to its
    own kind (a processor's parent) are resolved within the kind.
    """
    waiting = list(KINDS if kinds is None else kinds)
    placed: list[Kind] = []
    while waiting:
        done = {k.name for k in placed}
        ready = next((k for k in waiting
                      if all(link.target in done for link in k.links if link.target != k.name)),
                     None)
        if ready is None:
            raise ValueError("the kinds refer to each other in a circle: "
                             + ", ".join(k.name for k in waiting))
        placed.append(ready)
        waiting.remove(ready)
    return tuple(placed)


def lists(register: records.Register) -> dict[Kind, tuple[Any, ...]]:
    """The records of ``register`` by kind; refused loudly if it holds records of no kind.

    A list the registry does not know would otherwise be dropped by whatever walks the kinds.
    """
    known = {k.name for k in KINDS}
    for f in dataclasses.fields(register):
        if f.name not in records.SETTINGS and f.name not in known and getattr(register, f.name):
            raise LookupError(f"the register holds {f.name}, which is no registered kind of "
                              "record (add it to privdesk/domain/kinds.py)")
    return {k: tuple(getattr(register, k.name)) for k in KINDS}


def check(kinds: Iterable[Kind] | None = None) -> None:
    """Refuse a registry that does not match the records (a ValueError naming the mismatch)."""
    kinds = tuple(KINDS if kinds is None else kinds)
    hints = typing.get_type_hints(records.Register)
    sections = {f.name for f in dataclasses.fields(records.Register)} - set(records.SETTINGS)
    declared = [k.name for k in kinds]
    if len(set(declared)) != len(declared):
        raise ValueError(f"a kind is declared twice: {declared}")
    if set(declared) != sections:
        raise ValueError(f"the kinds {sorted(declared)} differ from the register's lists "
                         f"{sorted(sections)}")
    for k in kinds:
        if typing.get_args(hints[k.name]) != (k.record, Ellipsis):
            raise ValueError(f"register.{k.name} does not hold {k.record.__name__} records")
        fields = {f.name: f for f in dataclasses.fields(k.record)}
        for link in k.links:
            if link.target not in declared:
                raise ValueError(f"{k.name}.{link.field} refers to {link.target}, not a kind")
            if link.field not in fields:
                raise ValueError(f"{k.record.__name__} has no field {link.field!r}")
    load_order(kinds)


def by_name() -> Mapping[str, Kind]:
    """The kinds by name, in the register's order."""
    return {k.name: k for k in KINDS}


# The time zone of the organisation's clocks, by country; UTC for any other country.
ZONES: Mapping[str, str] = {"NO": "Europe/Oslo", "SE": "Europe/Stockholm"}


def zone_for(country: str | None) -> str:
    """The IANA zone the clocks of ``country`` show (Oslo, Stockholm; UTC elsewhere)."""
    return ZONES.get((country or "").upper(), "UTC")


check()
