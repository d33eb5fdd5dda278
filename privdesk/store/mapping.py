"""Between records and rows: which columns a record's fields go to, and back."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table

from privdesk.domain import records
from privdesk.domain.interchange import build_record, to_json
from privdesk.store import models

TABLES: dict[str, type[models.Base]] = {
    "activities": models.ActivityRow,
    "processors": models.ProcessorRow,
    "incidents": models.IncidentRow,
    "requests": models.RequestRow,
}

# Reference fields kept in link tables: kind -> field -> (link model, own column, other kind,
# other column).
LINKS: dict[str, dict[str, tuple[type[models.Base], str, str, str]]] = {
    "activities": {
        "processors": (models.ActivityProcessorLink, "activity_id", "processors", "processor_id"),
    },
    "incidents": {
        "activities": (models.IncidentActivityLink, "incident_id", "activities", "activity_id"),
        "processors": (models.IncidentProcessorLink, "incident_id", "processors", "processor_id"),
    },
    "requests": {
        "activities": (models.RequestActivityLink, "request_id", "activities", "activity_id"),
    },
}

# Columns whose value is a record's field as it is (dates, moments, text, numbers).
_SCALAR_KINDS = (str, int, float, bool)


def table(kind: str) -> Table:
    return _table(TABLES[kind])


def _table(model: type[models.Base]) -> Table:
    found = model.__table__
    assert isinstance(found, Table)
    return found


def organisation_table() -> Table:
    return _table(models.OrganisationRow)


def audit_table() -> Table:
    return _table(models.AuditRow)


def document_table() -> Table:
    return _table(models.DocumentRow)


def record_columns(kind: str, record: Any) -> dict[str, Any]:
    """The column values of ``record`` (not its links, not ``parent``; ids are the store's)."""
    columns: dict[str, Any] = {}
    skip = LINKS.get(kind, {})
    for name in table(kind).columns.keys():  # noqa: SIM118 - names, not columns
        if name in ("id", "version_id", "updated_at", "updated_by", "parent_id") or name in skip:
            continue
        value = getattr(record, name)
        if value is None or isinstance(value, _SCALAR_KINDS) or name not in _JSON_FIELDS[kind]:
            columns[name] = value
        else:
            columns[name] = to_json(value)
    return columns


def _json_fields(kind: str) -> frozenset[str]:
    from sqlalchemy import JSON

    return frozenset(c.name for c in table(kind).columns if isinstance(c.type, JSON))


_JSON_FIELDS = {kind: _json_fields(kind) for kind in TABLES}


def organisation_columns(organisation: records.Organisation) -> dict[str, Any]:
    data = to_json(organisation)
    assert isinstance(data, dict)
    return data


def row_record(kind: str, row: Any, links: dict[str, list[str]], parent: str | None = None) -> Any:
    """The record for a row (a mapping of column values) with its links' refs."""
    data = dict(row)
    for name in ("id", "version_id", "updated_at", "updated_by", "parent_id"):
        data.pop(name, None)
    data.update(links)
    if kind == "processors":
        data["parent"] = parent
    return build_record(records.RECORD_TYPES[kind], data)
