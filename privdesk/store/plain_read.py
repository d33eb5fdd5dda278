"""Reading a current SQLite register with the standard library's sqlite3: the same frozen
records as the services' reads, without loading SQLAlchemy (the window's first screen, the
commands that only read).

The columns are read as the schema declares them (``PRAGMA table_info``): JSON columns hold
the interchange form, DATETIME columns naive UTC text (aware UTC datetimes come out, as from
the store's ``UTCDateTime``), BOOLEAN columns 0 and 1. The links come from the link tables'
foreign keys (``PRAGMA foreign_key_list``), in the order the DPO gave them.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from privdesk.domain import kinds
from privdesk.domain import records as rec
from privdesk.domain.building import build_record
from privdesk.store import register_file

ORGANISATION = "organisation"
# The store's own columns, never fields of a record.
_STORE_COLUMNS = ("id", "version_id", "updated_at", "updated_by")


def _moment(value: str) -> datetime:
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


_CONVERT: dict[str, Callable[[Any], Any]] = {
    "JSON": json.loads,
    "DATETIME": _moment,
    "BOOLEAN": bool,
}


class _Reader:
    """One deferred transaction on one connection: a consistent view of the register."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def _converters(self, table: str) -> list[tuple[str, Callable[[Any], Any] | None]]:
        return [(str(row[1]), _CONVERT.get(str(row[2]).upper()))
                for row in self.connection.execute(f'PRAGMA table_info("{table}")')]

    def _rows(self, table: str, order: str = "") -> list[dict[str, Any]]:
        columns = self._converters(table)
        names = ", ".join(f'"{name}"' for name, _ in columns)
        found = []
        for values in self.connection.execute(f'SELECT {names} FROM "{table}"{order}'):
            found.append({name: value if convert is None or value is None else convert(value)
                          for (name, convert), value in zip(columns, values, strict=True)})
        return found

    def _foreign_keys(self, table: str) -> dict[str, str]:
        """The column of ``table`` that refers to each other table."""
        return {str(row[2]): str(row[3])
                for row in self.connection.execute(f'PRAGMA foreign_key_list("{table}")')}

    def organisation(self) -> tuple[rec.Organisation | None, int | None]:
        rows = self._rows("organisation")
        if not rows:
            return None, None
        row = rows[0]
        data = {k: v for k, v in row.items() if k not in _STORE_COLUMNS}
        return build_record(rec.Organisation, data), int(row["version_id"])

    def retention(self) -> rec.Retention | None:
        """The retention periods the DPO set (the store's ``retention_rule``)."""
        rows = {str(kind): int(months) for kind, months in self.connection.execute(
            'SELECT kind, months FROM "retention_rule"')}
        wanted = {f.name for f in dataclasses.fields(rec.Retention)}
        rows = {kind: months for kind, months in rows.items() if kind in wanted}
        return rec.Retention(**rows) if rows else None

    def records(self, kind: kinds.Kind, versions: dict[str, int] | None) -> list[Any]:
        rows = self._rows(kind.table, ' ORDER BY "ref"')
        if versions is not None:
            versions.update((row["ref"], int(row["version_id"])) for row in rows)
        if not rows:
            return []
        links: dict[str, dict[int, list[str]]] = {}
        singles: dict[str, dict[int, str]] = {}
        for link in kind.links:
            target = kinds.kind(link.target)
            if link.table is not None:
                keys = self._foreign_keys(link.table)
                own, other = keys[kind.table], keys[target.table]
                found: dict[int, list[str]] = defaultdict(list)
                for own_id, ref in self.connection.execute(
                        f'SELECT l."{own}", t.ref FROM "{link.table}" AS l '
                        f'JOIN "{target.table}" AS t ON t.id = l."{other}" '
                        f'ORDER BY l."{own}", l.position'):
                    found[own_id].append(ref)
                links[link.field] = found
            elif link.item is None:
                singles[link.field] = dict(self.connection.execute(
                    f'SELECT id, ref FROM "{target.table}"').fetchall())
        result = []
        for row in rows:
            data = {k: v for k, v in row.items() if k not in _STORE_COLUMNS}
            for name, refs in singles.items():
                data[name] = refs.get(data.pop(f"{name}_id"))
            for name, refs_by_id in links.items():
                data[name] = refs_by_id.get(row["id"], [])
            result.append(build_record(kind.record, data))
        return result


def read_register(path: Path, names: Iterable[str] | None = None,
                  versions: dict[str, dict[str, int]] | None = None) -> rec.Register | None:
    """The register at ``path`` (the kinds ``names``, default all; the organisation always),
    read in one transaction; None when it is not a current, private register (the caller
    then opens it through the store, which migrates it or says what is wrong).

    ``versions`` is filled as ``RegisterService.snapshot`` fills it: kind -> ref -> version,
    the organisation's under ``"organisation"``.
    """
    if not register_file.is_current(path):
        return None
    wanted = kinds.names() if names is None else tuple(names)
    try:
        connection = register_file.connect(path)
        try:
            connection.execute("BEGIN")
            if register_file.revision(connection) != register_file.head_revision():
                return None  # migrated meanwhile by a newer privdesk
            reader = _Reader(connection)
            organisation, organisation_version = reader.organisation()
            periods = reader.retention()
            lists = {kind.name: tuple(reader.records(
                kind, None if versions is None else versions.setdefault(kind.name, {})))
                for kind in kinds.KINDS if kind.name in wanted}
            connection.execute("COMMIT")
        finally:
            connection.close()
    except sqlite3.Error:  # locked past the timeout, damaged: the full open says so
        return None
    if versions is not None and organisation_version is not None:
        versions[ORGANISATION] = {ORGANISATION: organisation_version}
    return rec.Register(organisation=organisation, retention=periods, **lists)
