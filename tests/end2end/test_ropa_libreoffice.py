"""export-ropa and import-ropa as a DPO runs them; LibreOffice reads what the auditor sees."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from fixtures.workbooks.ropa_registers import TRICKY, full_register
from openpyxl import load_workbook
from support import CompletedCli, run_cli

from privdesk.domain import interchange

# Comma, double quote, UTF-8, line 1, -, -, -, -, cell contents as shown, no formulas, -,
# every sheet to its own file (LibreOffice 7.2 and later).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


def register_with_full_data(tmp_path: Path) -> str:
    source = tmp_path / "full.json"
    source.write_text(interchange.dumps(full_register()), encoding="utf-8")
    db = str(tmp_path / "register.sqlite")
    assert run_cli("load", "--db", db, str(source)).code == 0
    return db


def dump(db: str) -> str:
    result = run_cli("dump", "--db", db)
    assert result.code == 0, result.stderr
    return result.stdout


def libreoffice_csv(workbook: Path, out: Path) -> dict[str, list[list[str]]]:
    """Each sheet as LibreOffice reads and shows it, converted headless with its own profile."""
    program = shutil.which("libreoffice") or shutil.which("soffice")
    if program is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs libreoffice-calc-nogui)")
    profile = out / "lo-profile"
    subprocess.run(
        [program, "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to",
         CSV_FILTER, "--outdir", str(out), str(workbook)],
        check=True, capture_output=True, timeout=180,
    )
    sheets = {}
    for path in out.glob(f"{workbook.stem}-*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            sheets[path.stem[len(workbook.stem) + 1:]] = list(csv.reader(handle))
    return sheets


def test_libreoffice_reads_the_values_we_wrote(tmp_path: Path) -> None:
    db = register_with_full_data(tmp_path)
    out = tmp_path / "ropa.xlsx"
    result = run_cli("export-ropa", "--db", db, "--out", str(out), "--lang", "nb")
    assert result.code == 0, result.stderr
    assert out.stat().st_mode & 0o777 == 0o600
    sheets = libreoffice_csv(out, tmp_path)
    assert set(sheets) == {"Forside", "Protokoll art. 30 nr. 1", "Protokoll art. 30 nr. 2",
                           "Databehandlere", "Overføring ut av EØS", "Avvikslogg art. 33 nr. 5"}
    record = sheets["Protokoll art. 30 nr. 1"]
    header = record[0]
    assert header[:2] == ["Ref.", "Behandlingsaktivitet"]
    assert "b) Formålene med behandlingen" in header
    assert "g) Tekniske og organisatoriske sikkerhetstiltak" in header
    rows = {row[0]: dict(zip(header, row, strict=True)) for row in record[1:]}
    # The formula-looking name is shown as the text it is, never run.
    assert rows["PA-002"]["Behandlingsaktivitet"] == TRICKY
    assert rows["PA-002"]["b) Formålene med behandlingen"] == "#N/A"
    assert rows["PA-001"]["Kilde til opplysningene"] == "@teachers"
    assert rows["PA-001"]["b) Formålene med behandlingen"] == (
        "Adapted reading practice\n+following progress")
    assert rows["PA-001"]["Neste gjennomgang"] == "30.06.2027"
    assert rows["PA-001"]["Lagringstid"] == "1 år, 6 måneder"
    assert rows["PA-001"]["DPIA påkrevd"] == "Ja"
    assert rows["PA-001"]["d) Databehandlere"] == (
        "Læringsappen AS (VEN-001)\nAnalyse Inc. (VEN-003)")

    log = sheets["Avvikslogg art. 33 nr. 5"]
    incidents = {row[0]: dict(zip(log[0], row, strict=True)) for row in log[1:]}
    assert incidents["INC-001"]["Oppdaget"] == "20.11.2026 15:40"
    assert incidents["INC-001"]["Antall registrerte"] == "26"
    assert incidents["INC-001"]["Fakta om bruddet"] == (
        "A teacher e-mailed 5B's list to 6A.\tSecond part.")
    vendors = {row[0]: row for row in sheets["Databehandlere"][1:]}
    assert vendors["VEN-002"][1] == "Skyhall AB"
    cover = {row[0]: row[1] for row in sheets["Forside"][3:]}
    assert cover["Behandlingsansvarlig"] == "Fjellheim skole"
    assert cover["Avvik"] == "2"


def test_export_import_export_through_the_command_line(tmp_path: Path,
                                                      empty_register: Path) -> None:
    db = register_with_full_data(tmp_path)
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    assert run_cli("export-ropa", "--db", db, "--out", str(first), "--lang", "sv").code == 0
    empty = str(empty_register)
    dry = run_cli("import-ropa", "--db", empty, str(first), "--dry-run", "--lang", "en")
    assert dry.code == 0, dry.stderr
    assert "adds processing activity PA-001: Reading practice" in dry.stdout
    assert "Dry run: nothing was changed." in dry.stdout
    assert '"activities": []' in dump(empty)
    applied = run_cli("import-ropa", "--db", empty, str(first), "--lang", "en")
    assert applied.code == 0, applied.stderr
    assert "adds processor VEN-002: Skyhall AB" in applied.stdout
    assert run_cli("export-ropa", "--db", empty, "--out", str(second), "--lang", "sv").code == 0

    def values(path: Path) -> list[list[tuple[object, ...]]]:
        # When each record was created and last changed is the register's own history (the
        # second register's records were made by the import): every other column is the same.
        workbook = load_workbook(path)
        sheets = []
        for sheet in workbook:
            rows = list(sheet.iter_rows(values_only=True))
            keep = [i for i, h in enumerate(rows[0] if rows else ())
                    if h not in ("Skapad", "Senast ändrad")]
            sheets.append([tuple(row[i] for i in keep) for row in rows])
        return sheets

    first_values, second_values = values(first), values(second)
    # The cover's export time differs between the two runs; every other cell is the same.
    assert first_values[1:] == second_values[1:]
    assert [r for r in first_values[0] if r[0] != "Exporterat"] == [
        r for r in second_values[0] if r[0] != "Exporterat"]


def refused(result: CompletedCli) -> None:
    assert result.code == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_broken_files_are_refused_and_the_register_is_unchanged(tmp_path: Path) -> None:
    db = register_with_full_data(tmp_path)
    before = dump(db)
    good = tmp_path / "good.xlsx"
    assert run_cli("export-ropa", "--db", db, "--out", str(good), "--lang", "en").code == 0

    not_zip = tmp_path / "notes.xlsx"
    not_zip.write_text("this is not a workbook", encoding="utf-8")
    result = run_cli("import-ropa", "--db", db, str(not_zip), "--lang", "en")
    refused(result)
    assert "not a zip archive" in result.stderr

    bomb = tmp_path / "bomb.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (16 * 1024 * 1024))
    bomb.write_bytes(buffer.getvalue())
    result = run_cli("import-ropa", "--db", db, str(bomb), "--lang", "en")
    refused(result)
    assert "zip bomb" in result.stderr

    missing = tmp_path / "missing.xlsx"
    workbook = load_workbook(good)
    workbook.remove(workbook["Transfers outside the EEA"])
    workbook.save(missing)
    result = run_cli("import-ropa", "--db", db, str(missing), "--lang", "en")
    refused(result)
    assert "cannot read Transfers outside the EEA: the sheet is missing" in result.stdout

    formula = tmp_path / "formula.xlsx"
    workbook = load_workbook(good)
    sheet = workbook["Record Art. 30(1)"]
    owner = [c.value for c in sheet[1]].index("Owner") + 1
    sheet.cell(2, owner).value = "=1+1"
    workbook.save(formula)
    result = run_cli("import-ropa", "--db", db, str(formula), "--lang", "en")
    refused(result)
    assert ("cannot read Record Art. 30(1), row 2, column “Owner”: the cell holds a formula"
            in result.stdout)
    assert "nothing was changed" in result.stderr

    assert dump(db) == before


def test_a_bad_as_of_date_is_one_line(tmp_path: Path) -> None:
    db = register_with_full_data(tmp_path)
    result = run_cli("export-ropa", "--db", db, "--out", str(tmp_path / "x.xlsx"),
                     "--as-of", "31.12.2026", "--lang", "en")
    refused(result)
    assert "“31.12.2026” is not a date (YYYY-MM-DD)" in result.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_as_of_before_the_register_existed_is_refused(tmp_path: Path) -> None:
    """A workbook of a day before the first record would show an empty register as if it
    had been one: refused in one line, and no file written."""
    db = register_with_full_data(tmp_path)
    out = tmp_path / "x.xlsx"
    result = run_cli("export-ropa", "--db", db, "--out", str(out), "--as-of", "2001-01-01",
                     "--lang", "en")
    refused(result)
    assert "the register did not exist yet at the end of 2001-01-01" in result.stderr
    assert not out.exists()


def test_created_and_last_updated_come_from_the_audit_trail(tmp_path: Path) -> None:
    db = register_with_full_data(tmp_path)
    out = tmp_path / "ropa.xlsx"
    assert run_cli("export-ropa", "--db", db, "--out", str(out), "--lang", "en").code == 0
    sheet = load_workbook(out)["Record Art. 30(1)"]
    rows = list(sheet.iter_rows(values_only=True))
    created, updated = rows[0].index("Created"), rows[0].index("Last updated")
    for row in rows[1:]:
        assert row[created] is not None and row[created] == row[updated]


def libreoffice_pdf(workbook: Path, out: Path) -> list[str]:
    """The workbook printed to PDF by LibreOffice, as the text of each page (pdftotext)."""
    program = shutil.which("libreoffice") or shutil.which("soffice")
    if program is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice or pdftotext is not installed")
    profile = out / "lo-profile"
    subprocess.run(
        [program, "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to",
         "pdf", "--outdir", str(out), str(workbook)],
        check=True, capture_output=True, timeout=180,
    )
    text = subprocess.run(["pdftotext", "-layout", str(out / f"{workbook.stem}.pdf"), "-"],
                          check=True, capture_output=True, text=True).stdout
    return text.split("\f")


def test_printed_workbook_shows_long_cells_whole_with_footer(tmp_path: Path) -> None:
    """What the auditor prints: a processor used by 90 activities lists all 90 (a row capped
    at 409 points showed 16 of 60), every Swedish heading is printed whole, and each page names
    the organisation, the sheet, the page and the export date."""
    from datetime import UTC, datetime

    from privdesk.documents.ropa_xlsx import write_ropa
    from privdesk.domain.records import Activity, Organisation, Processor, Register

    register = Register(
        organisation=Organisation(name="Fjellheim skole & SFO", country="SE", language="sv"),
        processors=(Processor(ref="VEN-001", name="Skyhall AB", country="SE"),),
        activities=tuple(Activity(ref=f"PA-{i:03d}", name=f"Activity {i}",
                                  processors=("VEN-001",)) for i in range(1, 91)))
    out = tmp_path / "ropa.xlsx"
    write_ropa(register, out, "sv", None, datetime(2026, 12, 3, 9, tzinfo=UTC),
               lambda d, t: None)
    pages = libreoffice_pdf(out, tmp_path)
    processors = "\n".join(p for p in pages if "Personuppgiftsbiträden –" in p)
    # 90 activities: 30 lines, a row taller than the 409 points Excel allows.
    assert {f"PA-{i:03d}" for i in range(1, 91)} <= set(re.findall(r"PA-\d{3}", processors))
    words = {w for p in pages if "Register art. 30.1 –" in p for w in p.split()}
    for heading in ("a) Den personuppgiftsansvariges företrädare",
                    "Särskilda kategorier av personuppgifter (art. 9)",
                    "g) Tekniska och organisatoriska säkerhetsåtgärder"):
        assert set(heading.split()) <= words, heading
    for page in pages:
        if page.strip():
            assert "Fjellheim skole & SFO" in page and "2026-12-03" in page
