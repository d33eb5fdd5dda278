"""Between records and rows: which columns a record's fields go to, and back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Table

from privdesk.domain import kinds, records
from privdesk.domain.interchange import build_record, to_json
from privdesk.store import models

# A link table's spec: (link model, own column, other kind, other column).
LinkSpec = tuple[type[models.Base], str, str, str]


def model_table(model: type[models.Base]) -> Table:
    """The Core table of a model (typed: mypy sees ``__table__`` as a FromClause)."""
    found = model.__table__
    assert isinstance(found, Table)
    return found


def _models_by_table() -> dict[str, type[models.Base]]:
    return {mapper.class_.__tablename__: mapper.class_ for mapper in models.Base.registry.mappers}


def _row_model(kind: kinds.Kind, found: dict[str, type[models.Base]]) -> type[models.Base]:
    if kind.table not in found:
        raise LookupError(f"the kind {kind.name} has no table {kind.table!r} in the store "
                          "(add its row model to privdesk/store/models.py and a migration)")
    return found[kind.table]


def _link_spec(kind: kinds.Kind, link: kinds.Link, found: dict[str, type[models.Base]]
               ) -> LinkSpec:
    """The link model of ``link`` with its column for the owner and for the target."""
    assert link.table is not None
    if link.table not in found:
        raise LookupError(f"the link {kind.name}.{link.field} has no table {link.table!r} in "
                          "the store (add its model to privdesk/store/models.py and a migration)")
    model = found[link.table]
    target = kinds.kind(link.target)
    columns: dict[str, str] = {}
    for column in model_table(model).columns:
        for key in column.foreign_keys:
            columns[key.column.table.name] = column.name
    if kind.table not in columns or target.table not in columns:
        raise LookupError(f"the link table {link.table!r} does not join {kind.table!r} to "
                          f"{target.table!r}")
    return model, columns[kind.table], link.target, columns[target.table]


def _tables() -> dict[str, type[models.Base]]:
    found = _models_by_table()
    return {kind.name: _row_model(kind, found) for kind in kinds.KINDS}


def _links() -> dict[str, dict[str, LinkSpec]]:
    found = _models_by_table()
    return {kind.name: {link.field: _link_spec(kind, link, found)
                        for link in kind.links if link.table is not None}
            for kind in kinds.KINDS}


# Each kind's row model, and its reference fields kept in link tables: kind -> field -> spec.
# Both are read from the registry of kinds; a kind without its tables fails here, at import.
TABLES: dict[str, type[models.Base]] = _tables()
LINKS: dict[str, dict[str, LinkSpec]] = _links()
# Single reference fields kept in a column of the record's own row ("parent" in "parent_id"):
# kind -> (field, kind referred to).
COLUMN_LINKS: dict[str, tuple[tuple[str, str], ...]] = {
    kind.name: tuple((link.field, link.target) for link in kind.links
                     if link.table is None and link.item is None)
    for kind in kinds.KINDS
}


def id_column(field: str) -> str:
    """The column that keeps a single reference field (the referred row's id)."""
    return f"{field}_id"


def check(registry: tuple[kinds.Kind, ...] | None = None) -> None:
    """Refuse (LookupError) a kind of the registry that the store cannot keep."""
    found = _models_by_table()
    for kind in kinds.KINDS if registry is None else registry:
        _row_model(kind, found)
        for link in kind.links:
            if link.table is not None:
                _link_spec(kind, link, found)
            elif link.item is None and id_column(link.field) not in model_table(
                    found[kind.table]).columns:
                raise LookupError(f"the table {kind.table!r} has no column "
                                  f"{id_column(link.field)} for the link {kind.name}.{link.field}")


def model(kind: str) -> type[models.Base]:
    """The row model of a kind; a LookupError naming it when the store has none."""
    try:
        return TABLES[kind]
    except KeyError:
        raise LookupError(f"the kind {kind} has no table in the store mapping "
                          "(privdesk/store/mapping.py reads privdesk/domain/kinds.py)") from None


def table(kind: str) -> Table:
    return model_table(model(kind))


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
    skip = {"id", "version_id", "updated_at", "updated_by", *LINKS.get(kind, {}),
            *(id_column(name) for name, _ in COLUMN_LINKS.get(kind, ()))}
    names = [c.name for c in table(kind).columns if c.name not in skip]
    return (tuple(n for n in names if n not in _JSON_FIELDS[kind]),
            tuple(n for n in names if n in _JSON_FIELDS[kind]))


_COLUMN_PLAN = {kind: _column_plan(kind) for kind in TABLES}


def organisation_columns(organisation: records.Organisation) -> dict[str, Any]:
    data = to_json(organisation)
    assert isinstance(data, dict)
    return data


def row_record(kind: str, row: Any, links: dict[str, list[str]],
               refs: Mapping[str, str | None] | None = None) -> Any:
    """The record for a row (a mapping of column values) with its links' refs.

    ``refs`` gives the ref of each single reference field (a processor's parent).
    """
    data = dict(row)
    for name in ("id", "version_id", "updated_at", "updated_by"):
        data.pop(name, None)
    for name, _ in COLUMN_LINKS.get(kind, ()):
        data.pop(id_column(name), None)
        data[name] = (refs or {}).get(name)
    data.update(links)
    return build_record(kinds.kind(kind).record, data)
