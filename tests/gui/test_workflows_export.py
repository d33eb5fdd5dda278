"""Exporting the ROPA workbook from the window: done and opened, or cancelled leaving no file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton

from gui.workflow_fixtures import (
    TODAY,
    Files,
    demo_service,
    files,
    finished_run,
    leftovers,
    wait_for_worker,
    workers_finished,
)
from privdesk.domain import records as rec
from privdesk.gui.export import RopaExportDialog
from privdesk.gui.settings import Settings
from privdesk.services import RegisterService, open_register
from privdesk.services.demo import demo_register

__all__ = ["demo_service", "files", "workers_finished"]


def _dialog(qtbot: Any, service: RegisterService) -> RopaExportDialog:
    dialog = RopaExportDialog(service, Settings(), today=lambda: TODAY, minimum_duration=0)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_export_completes_in_the_chosen_language_and_opens(
        qtbot: Any, demo_service: RegisterService, files: Files, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    files.save_as.append(out / "ropa-for-the-auditor")  # the DPO leaves out the suffix
    dialog = _dialog(qtbot, demo_service)
    dialog.language.setCurrentIndex(dialog.language.findData("sv"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    run = finished_run(qtbot, dialog)
    assert run.outcome == "done"
    assert files.asked == ["ROPA Nordvik skole 2026-11-23.xlsx"]
    written = out / "ropa-for-the-auditor.xlsx"
    assert leftovers(out) == [written.name]
    assert written.stat().st_mode & 0o777 == 0o600

    from openpyxl import load_workbook

    workbook = load_workbook(written, read_only=True)
    try:
        names = " ".join(workbook.sheetnames).lower()
        assert "försättsblad" in names  # the Swedish cover sheet
        cells = [c for row in workbook.worksheets[1].iter_rows(values_only=True) for c in row]
        assert "Mathematics practice in Numetry" in cells
    finally:
        workbook.close()

    done = run.done_dialog
    assert done is not None and done.isVisible()
    qtbot.mouseClick(done.open_button, Qt.MouseButton.LeftButton)
    assert files.opened == [written]


def test_export_of_a_past_day_and_show_in_folder(
        qtbot: Any, demo_service: RegisterService, files: Files, tmp_path: Path) -> None:
    files.save_as.append(tmp_path / "old.xlsx")
    # The demo register was loaded just now (its audit trail starts today): the dialog's
    # today is the real one, in the school's time zone.
    today = datetime.now(UTC).astimezone(ZoneInfo("Europe/Oslo")).date()
    dialog = RopaExportDialog(demo_service, Settings(), today=lambda: today, minimum_duration=0)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.as_of.isEnabled()
    qtbot.mouseClick(dialog.past, Qt.MouseButton.LeftButton)
    assert dialog.as_of.isEnabled()
    assert dialog.chosen_day() == today
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    run = finished_run(qtbot, dialog)
    assert run.outcome == "done"
    assert run.done_dialog is not None
    qtbot.mouseClick(run.done_dialog.folder_button, Qt.MouseButton.LeftButton)
    assert files.opened == [tmp_path]


def test_no_file_chosen_exports_nothing(qtbot: Any, demo_service: RegisterService,
                                        files: Files) -> None:
    dialog = _dialog(qtbot, demo_service)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.run is None
    assert dialog.isVisible()


@pytest.fixture
def big_service(tmp_path: Path) -> Iterator[RegisterService]:
    """A register large enough that the workbook takes a while to write."""
    demo = demo_register()
    extra = tuple(rec.Activity(ref=f"PA-{n:05d}", name=f"Activity number {n}",
                               purposes=("A purpose long enough to fill a cell a little",),
                               legal_bases=("6.1.e",), subjects=("pupils",))
                  for n in range(10, 20_010))
    register = rec.replace(demo, activities=demo.activities + extra)
    with open_register(tmp_path / "big.sqlite", actor="dpo@test") as opened:
        opened.load(register)
        yield opened


def test_cancelled_export_leaves_no_file(qtbot: Any, big_service: RegisterService,
                                         files: Files, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    files.save_as.append(out / "ropa.xlsx")
    dialog = _dialog(qtbot, big_service)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    run = dialog.run
    assert run is not None
    # The window stays responsive: progress arrives while the worker writes.
    qtbot.waitUntil(lambda: run.progress.value() > 0, timeout=30_000)
    assert run.progress.isVisible()
    cancel = run.progress.findChild(QPushButton)
    assert cancel is not None
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: run.outcome is not None, timeout=30_000)
    wait_for_worker(qtbot)
    assert run.outcome == "cancelled"
    assert run.done_dialog is None
    assert leftovers(out) == []  # neither the workbook nor its temporary file


def test_a_day_before_the_register_existed_is_refused(
        qtbot: Any, demo_service: RegisterService, files: Files, tmp_path: Path,
        shown: Any) -> None:
    """An empty workbook for a day before the first record would pass for an empty register:
    the window says why, writes nothing, and the dialog stays open."""
    files.save_as.append(tmp_path / "old.xlsx")
    dialog = _dialog(qtbot, demo_service)
    qtbot.mouseClick(dialog.past, Qt.MouseButton.LeftButton)
    dialog.as_of.setDate(QDate(2001, 1, 1))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.run is None
    assert dialog.isVisible()
    assert len(shown.errors) == 1
    assert "did not exist yet at the end of 2001-01-01" in shown.errors[0]
    assert not (tmp_path / "old.xlsx").exists()


def test_the_past_day_is_shown_in_the_language_form(
        qtbot: Any, demo_service: RegisterService) -> None:
    """Issue 17: dates in ISO form in Norwegian, where the lists show 01.10.2026."""
    from datetime import date

    from privdesk.gui.language import set_language

    set_language("nb")
    try:
        dialog = RopaExportDialog(demo_service, Settings(), today=lambda: date(2026, 11, 26),
                                  minimum_duration=0)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.as_of.text() == "26.11.2026"
    finally:
        set_language("en")


def test_a_past_day_s_export_says_what_was_erased_since(
        qtbot: Any, demo_service: RegisterService, files: Files, tmp_path: Path) -> None:
    from datetime import timedelta

    from openpyxl import load_workbook

    from privdesk.services.erasure import Erasure

    today = datetime.now(UTC).astimezone(ZoneInfo("Europe/Oslo")).date()
    tomorrow = today + timedelta(days=1)
    later = RegisterService(demo_service.database, "dpo@test",
                            clock=lambda: datetime.now(UTC) + timedelta(days=1))
    Erasure(later).erase("incidents", "INC-2026-001", "Retention period ended")
    files.save_as.append(tmp_path / "past.xlsx")
    dialog = RopaExportDialog(demo_service, Settings(), today=lambda: tomorrow,
                              minimum_duration=0)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.erased.isVisible()  # the current register leaves nothing out
    qtbot.mouseClick(dialog.past, Qt.MouseButton.LeftButton)
    assert dialog.erased.text() == "No record was erased since then."
    dialog.as_of.setDate(QDate(today.year, today.month, today.day))
    assert dialog.erased.isVisible()
    assert dialog.erased.text().startswith(
        "Erased since then, so not in the workbook (its cover lists them too): "
        "INC-2026-001 (erased ")
    assert dialog.erased.text().endswith(": 1 incident, 1 audit entry)")

    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    run = finished_run(qtbot, dialog)
    assert run.outcome == "done"
    cover = load_workbook(tmp_path / "past.xlsx").worksheets[0]
    items = {row[0]: row[1] for row in cover.iter_rows(min_row=4, values_only=True)}
    assert items["Records erased since then"] == (
        f"INC-2026-001 (erased {tomorrow.isoformat()}: 1 incident, 1 audit entry)")
