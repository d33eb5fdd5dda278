"""The ROPA workbook through a real register: export, import into an empty one, export again."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from fixtures.workbooks.ropa_registers import full_register
from openpyxl import load_workbook

from privdesk.documents.ropa_import import read_ropa, summarise
from privdesk.documents.ropa_xlsx import write_ropa
from privdesk.domain.records import Activity
from privdesk.services import RegisterService, open_register

EXPORTED = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def cell_values(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    workbook = load_workbook(path)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}


def import_into(service: RegisterService, path: Path) -> None:
    result = read_ropa(path)
    assert result.ok, [p.render() for p in result.problems]
    current = {kind: {r.ref: r for r in service.records(kind)}
               for kind in ("activities", "processors", "incidents")}
    service.apply(result.upserts(lambda kind, ref: current[kind].get(ref)))
    organisation = result.merged_organisation(service.organisation())
    if organisation is not None:
        service.set_organisation(organisation)


@pytest.mark.parametrize("language", ["nb", "sv", "en"])
def test_export_import_export_gives_the_same_cells(service: RegisterService, tmp_path: Path,
                                                   language: str,
                                                   another_target: Callable[[], str]) -> None:
    service.load(full_register())
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    write_ropa(service.snapshot(), first, language, None, EXPORTED, lambda d, t: None)
    with open_register(another_target()) as empty:
        import_into(empty, first)
        write_ropa(empty.snapshot(), second, language, None, EXPORTED, lambda d, t: None)
        again = empty.snapshot()
    assert cell_values(second) == cell_values(first)
    original = service.snapshot()
    assert again.activities == original.activities
    assert again.processors == original.processors
    assert again.incidents == original.incidents
    assert again.organisation == original.organisation


def test_importing_the_same_workbook_again_changes_nothing(service: RegisterService,
                                                            tmp_path: Path) -> None:
    service.load(full_register())
    path = tmp_path / "ropa.xlsx"
    write_ropa(service.snapshot(), path, "nb", None, EXPORTED, lambda d, t: None)
    current = {kind: {r.ref: r for r in service.records(kind)}
               for kind in ("activities", "processors", "incidents")}
    added, changed = summarise(read_ropa(path), lambda kind, ref: current[kind].get(ref))
    assert (added, changed) == ([], [])


def test_as_of_shows_the_register_as_it_stood(service: RegisterService, clock: Any,
                                              tmp_path: Path) -> None:
    clock.now = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
    service.create(Activity(ref="PA-001", name="Deleted later"))
    service.create(Activity(ref="PA-002", name="Old name", owner="Rektor"))
    clock.now = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)
    service.delete("activities", "PA-001")
    service.update(dataclasses.replace(service.activity("PA-002"), name="New name"))
    service.create(Activity(ref="PA-003", name="Created later"))

    path = tmp_path / "as-of.xlsx"
    write_ropa(service.as_of(date(2026, 1, 15)), path, "en", date(2026, 1, 15), EXPORTED,
               lambda d, t: None)
    rows = cell_values(path)["Record Art. 30(1)"]
    names = {row[0]: row[1] for row in rows[1:] if row[0]}
    assert names == {"PA-001": "Deleted later", "PA-002": "Old name"}
    cover = {row[0]: row[1] for row in cell_values(path)["Cover"][3:]}
    assert cover["Register as it stood at the end of"] == datetime(2026, 1, 15)  # noqa: DTZ001

    now = tmp_path / "now.xlsx"
    write_ropa(service.snapshot(), now, "en", None, EXPORTED, lambda d, t: None)
    rows = cell_values(now)["Record Art. 30(1)"]
    assert {row[0]: row[1] for row in rows[1:] if row[0]} == {
        "PA-002": "New name", "PA-003": "Created later"}
