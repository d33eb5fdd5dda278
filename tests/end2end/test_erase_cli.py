"""``privdesk erase``, ``purge`` and ``retention`` as the DPO types them (docs/cli.md)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import load_workbook
from support import run_cli

from privdesk.services import RegisterService, open_register
from privdesk.services.erasure import Erasure
from privdesk.store.backup import backup_folder, backup_sqlite


def _demo(tmp_path: Path) -> Path:
    path = tmp_path / "register.sqlite"
    assert run_cli("init", "--demo", "--db", str(path)).code == 0
    return path


def test_erase_shows_first_then_erases_with_yes_and_tells_about_backups(tmp_path: Path) -> None:
    path = _demo(tmp_path)
    backup_sqlite(path, "before-migration")
    shown = run_cli("erase", "--request", "DSAR-2026-001", "--reason", "Art. 17 request",
                    "--db", str(path), "--lang", "en")
    assert shown.code == 0, shown.stderr
    assert "Would erase DSAR-2026-001: 1 request, 4 data items, 1 audit entry." in shown.stdout
    assert "requests DSAR-2026-003: requester" in shown.stdout
    assert "Nothing was erased" in shown.stdout
    assert b"Emma Nilsen" in path.read_bytes()

    erased = run_cli("erase", "--request", "DSAR-2026-001", "--reason", "Art. 17 request",
                     "--yes", "--db", str(path), "--lang", "en")

    assert erased.code == 0, erased.stderr
    assert erased.stdout.splitlines()[0] == (
        "Erased DSAR-2026-001: 1 request, 4 data items, 1 audit entry. The audit trail keeps "
        "a tombstone: who, when, why and these counts.")
    copy = next(backup_folder(path).glob("*.sqlite"))
    assert f"Rewrote 1 backup without it: {copy.name}" in erased.stdout
    assert b"Emma Nilsen" not in path.read_bytes() and b"Emma Nilsen" not in copy.read_bytes()
    again = run_cli("erase", "--request", "DSAR-2026-001", "--reason", "again", "--yes",
                    "--db", str(path), "--lang", "en")
    assert again.code == 1 and "nothing of" in again.stderr


def test_purge_erases_what_the_dpo_s_retention_makes_due(tmp_path: Path) -> None:
    path = _demo(tmp_path)
    assert run_cli("purge", "--dry-run", "--db", str(path), "--lang", "en").stdout == (
        "Nothing is due for erasure.\n")
    shown = run_cli("retention", "--requests", "0", "--db", str(path), "--lang", "en")
    assert shown.code == 0, shown.stderr
    assert "Closed requests: 0 months (default 36)" in shown.stdout
    assert "Closed incidents: 60 months" in shown.stdout

    listed = run_cli("purge", "--dry-run", "--db", str(path), "--lang", "en")
    assert "requests DSAR-2026-002 (closed 2026-10-01)" in listed.stdout
    assert b"lars.berg@nordvik-skole.example" in path.read_bytes()

    purged = run_cli("purge", "--db", str(path), "--lang", "en")

    assert purged.code == 0, purged.stderr
    assert "Erased DSAR-2026-002: 1 request, 1 data item" in purged.stdout
    assert purged.stdout.rstrip().endswith("Purged: 1 record.")
    assert b"lars.berg@nordvik-skole.example" not in path.read_bytes()
    refused = run_cli("retention", "--incidents", "-1", "--db", str(path), "--lang", "en")
    assert refused.code == 1 and "0 to 1200 months" in refused.stderr


def test_export_as_of_names_the_records_erased_since(tmp_path: Path) -> None:
    path = _demo(tmp_path)
    today = datetime.now(ZoneInfo("Europe/Oslo")).date()  # the demo school's day
    # The incident is erased tomorrow: the workbook as of today leaves it out, and says so.
    with open_register(path, actor="dpo") as opened:
        later = RegisterService(opened.database, "dpo",
                                clock=lambda: datetime.now(UTC) + timedelta(days=1))
        Erasure(later).erase("incidents", "INC-2026-001", "Retention ended")
    out = tmp_path / "ropa.xlsx"

    exported = run_cli("export-ropa", "--out", str(out), "--as-of", today.isoformat(),
                       "--db", str(path), "--lang", "en")

    assert exported.code == 0, exported.stderr
    assert (f"note: 1 record erased since {today.isoformat()} is left out: INC-2026-001 "
            "(the audit trail keeps when and why)") in exported.stderr
    cover, *sheets = load_workbook(out).worksheets
    assert not any("INC-2026-001" in str(cell.value or "") for sheet in sheets
                   for row in sheet.iter_rows() for cell in row)
    # The cover says what the workbook leaves out: ref, day and counts, no personal data.
    items = {row[0]: row[1] for row in cover.iter_rows(min_row=4, values_only=True)}
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).astimezone(ZoneInfo("Europe/Oslo"))
    assert items["Records erased since then"] == (
        f"INC-2026-001 (erased {tomorrow.date().isoformat()}: 1 incident, 1 audit entry)")
