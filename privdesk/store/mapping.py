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



def table(kind: str) -> Table:
    return model_table(TABLES[kind])


def model_table(model: type[models.Base]) -> Table:
    """The Core table of a model (typed: mypy sees ``__table__`` as a FromClause)."""
    found = model.__table__
    assert isinstance(found, Table)
    return found


def organisation_table() -> Table:
    return model_table(models.OrganisationRow)


def audit_table() -> Table:
    return model_table(models.AuditRow)


def document_table() -> Table:
    return model_table(models.DocumentRow)


def record_columns(kind: str, record: Any, as_json: dict[str, Any] | None = None
                   ) -> dict[str, Any]:
    """The column values of ``record`` (not its links, not ``parent``; ids are the store's).

    ``as_json``, when the caller already has ``to_json(record)``, saves converting twice.
    """
    plain, nested = _COLUMN_PLAN[kind]
    columns = {name: getattr(record, name) for name in plain}
    if as_json is None:
        columns.update((name, to_json(getattr(record, name))) for name in nested)
    else:
        columns.update((name, as_json[name]) for name in nested)
    return columns


def _json_fields(kind: str) -> frozenset[str]:
    from sqlalchemy import JSON

    return frozenset(c.name for c in table(kind).columns if isinstance(c.type, JSON))


_JSON_FIELDS = {kind: _json_fields(kind) for kind in TABLES}


def _column_plan(kind: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The record fields stored as they are, and those stored as JSON, for one kind."""
    skip = {"id", "version_id", "updated_at", "updated_by", "parent_id", *LINKS.get(kind, {})}
    names = [c.name for c in table(kind).columns if c.name not in skip]
    return (tuple(n for n in names if n not in _JSON_FIELDS[kind]),
            tuple(n for n in names if n in _JSON_FIELDS[kind]))


_COLUMN_PLAN = {kind: _column_plan(kind) for kind in TABLES}


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
