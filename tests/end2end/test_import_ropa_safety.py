"""import-ropa changes nothing a colleague saved since the export, never writes back text the
export cut, and applies records and organisation in one transaction whose work grows linearly
(issue 20)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from support import run_cli

from privdesk.documents.ropa_import import read_ropa
from privdesk.documents.safe_cells import CUT_MARK, MAX_CELL_TEXT
from privdesk.domain import records as rec
from privdesk.services import open_register
from privdesk.store import mapping


def _demo(tmp_path: Path) -> Path:
    register = tmp_path / "r.sqlite"
    assert run_cli("init", "--demo", "--db", str(register)).code == 0
    return register


def _export(register: Path, out: Path) -> None:
    result = run_cli("export-ropa", "--db", str(register), "--out", str(out), "--lang", "en")
    assert result.code == 0, result.stderr


def _rename_in_workbook(path: Path, ref: str, name: str) -> None:
    """What an auditor does in Excel: rename one activity (the workbook is saved again)."""
    workbook = load_workbook(path)
    sheet = workbook["Record Art. 30(1)"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == ref:
            row[1].value = name
    workbook.save(path)


def test_a_colleagues_later_save_is_a_conflict_and_nothing_is_imported(tmp_path: Path) -> None:
    register, workbook = _demo(tmp_path), tmp_path / "ropa.xlsx"
    _export(register, workbook)
    _rename_in_workbook(workbook, "PA-001", "Renamed by the auditor")
    _rename_in_workbook(workbook, "PA-002", "Also renamed by the auditor")
    with open_register(register, actor="kari") as colleague:  # saves after the export
        colleague.update(rec.replace(colleague.activity("PA-001"), purposes=("Kari's",)))
        before = colleague.snapshot()

    result = run_cli("import-ropa", "--db", str(register), str(workbook), "--lang", "en")

    assert result.code == 1
    assert result.stderr.count("\n") == 1
    assert "since the workbook was exported: PA-001;" in result.stderr
    assert "PA-002" not in result.stderr.split("exported:")[1].split(";")[0]
    assert ("changed in the register since the export: processing activity PA-001: "
            "Renamed by the auditor (saved by kari at ") in result.stdout
    with open_register(register) as service:
        assert service.snapshot() == before  # all or nothing: PA-002 not renamed either


def test_an_export_without_colleagues_saves_imports_and_checks_the_versions(
        tmp_path: Path) -> None:
    register, workbook = _demo(tmp_path), tmp_path / "ropa.xlsx"
    _export(register, workbook)
    _rename_in_workbook(workbook, "PA-001", "Renamed by the auditor")

    result = run_cli("import-ropa", "--db", str(register), str(workbook), "--lang", "en")

    assert result.code == 0, result.stderr
    assert "no record versions" not in result.stdout
    with open_register(register) as service:
        assert service.activity("PA-001").name == "Renamed by the auditor"
    # The same workbook again: PA-001 is now newer than the workbook, but it shows the same.
    again = run_cli("import-ropa", "--db", str(register), str(workbook), "--lang", "en")
    assert again.code == 0 and "changes" not in again.stdout


def test_a_workbook_without_versions_imports_as_before_with_a_note(tmp_path: Path) -> None:
    register, workbook = _demo(tmp_path), tmp_path / "ropa.xlsx"
    _export(register, workbook)
    edited = load_workbook(workbook)
    for sheet in edited.worksheets:  # an older export: no version column, no cover row
        for column in range(sheet.max_column, 0, -1):
            if sheet.cell(1, column).value == "Record version (privdesk, do not edit)":
                sheet.delete_cols(column)
    edited.save(workbook)
    _rename_in_workbook(workbook, "PA-001", "Renamed by the auditor")

    result = run_cli("import-ropa", "--db", str(register), str(workbook), "--lang", "en")

    assert result.code == 0, result.stderr
    assert "not read: the workbook holds no record versions" in result.stdout
    with open_register(register) as service:
        assert service.activity("PA-001").name == "Renamed by the auditor"


def test_text_cut_by_the_export_never_flows_back(tmp_path: Path) -> None:
    register, workbook = _demo(tmp_path), tmp_path / "ropa.xlsx"
    long_text = "Kryptert lagring. " * 3000  # 54,000 characters: cut at the cell's limit
    with open_register(register) as service:
        service.update(rec.replace(service.activity("PA-001"), security=long_text))
    _export(register, workbook)
    cells = [c.value for row in load_workbook(workbook)["Record Art. 30(1)"].iter_rows()
             for c in row if isinstance(c.value, str) and c.value.endswith(CUT_MARK)]
    assert cells and len(cells[0]) <= MAX_CELL_TEXT

    result = run_cli("import-ropa", "--db", str(register), str(workbook), "--lang", "en")

    assert result.code == 0, result.stderr
    assert "the register's whole text is kept" in result.stdout
    with open_register(register) as service:
        assert service.activity("PA-001").security == long_text

    # Where the register does not have the record, the cut text is refused, not imported.
    problems = read_ropa(workbook).cut_problems(lambda kind, ref: None)
    assert [p.blocking for p in problems] == [True]
    assert "the workbook does not hold the whole text" in problems[0].render()


def test_records_and_organisation_are_one_transaction_and_undone_together(
        tmp_path: Path) -> None:
    register = _demo(tmp_path)
    with open_register(register) as service:
        old = service.organisation()
        assert old is not None
        version = service.organisation_version()
        change = service.apply([rec.replace(service.activity("PA-001"), name="New name")],
                               rec.replace(old, name="New school name"), version,
                               {("activities", "PA-001"): service.version("activities",
                                                                          "PA-001")[0]})
        assert ("organisation", "organisation") in change.updated
        service.restore(change)
        assert service.organisation() == old
        assert service.activity("PA-001").name != "New name"
        # A refused organisation (a colleague saved it) leaves the records untouched too.
        with pytest.raises(Exception, match="changed this record"):
            service.apply([rec.replace(service.activity("PA-001"), name="New name")],
                          rec.replace(old, name="Other"), version - 1)
        assert service.activity("PA-001").name != "New name"


def _records_read(tmp_path: Path, count: int, monkeypatch: pytest.MonkeyPatch) -> int:
    """Processor records built from rows while ``apply`` creates ``count`` processors."""
    read = [0]
    real = mapping.row_record

    def counting(kind: str, *args: Any) -> Any:
        read[0] += kind == "processors"
        return real(kind, *args)

    import privdesk.services.register as register_module

    monkeypatch.setattr(register_module, "row_record", counting)
    with open_register(tmp_path / f"n{count}.sqlite") as service:
        service.apply([rec.Processor(ref=f"VEN-{i:04d}", name=f"Vendor {i}",
                                     parent=f"VEN-{i - 1:04d}" if i % 2 else None)
                       for i in range(count)])
    return read[0]


def test_applying_processors_reads_each_once(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # Before: each new processor re-read every processor (1,275 rows for 50, 5,050 for 100).
    assert _records_read(tmp_path, 50, monkeypatch) <= 50
    assert _records_read(tmp_path, 100, monkeypatch) <= 100
