"""File → Privacy notice… as the DPO uses it: gaps listed in the dialog, then written and kept."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtCore import Qt

from gui.conftest import Dialogs
from gui.workflow_fixtures import (
    Files,
    demo_service,
    files,
    finished_run,
    leftovers,
    wait_for_worker,
)
from privdesk.documents.notice_pdf import render_notice_pdf
from privdesk.gui.notice_dialog import NoticeDialog
from privdesk.gui.settings import Settings
from privdesk.services import RegisterService
from privdesk.services.notices import Notices

__all__ = ["demo_service", "files"]


def _dialog(qtbot: Any, service: RegisterService) -> NoticeDialog:
    dialog = NoticeDialog(service, Settings(), minimum_duration=0)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_gaps_are_listed_in_the_dialog_and_nothing_is_asked_or_written(
        qtbot: Any, demo_service: RegisterService, files: Files) -> None:
    dialog = _dialog(qtbot, demo_service)
    # The parents' notice covers the demo's activities about pupils and guardians by default.
    assert dialog.chosen_refs() == ["PA-001", "PA-002", "PA-003", "PA-004"]
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    assert dialog.gaps.isVisible()
    lines = dialog.gaps.text().splitlines()
    assert lines[0].startswith("the privacy notice is not written")
    assert any("PA-002" in line and "ScandiTek in Morocco" in line for line in lines[1:])
    assert files.asked == [] and dialog.run is None and dialog.isVisible()


def test_the_chosen_notice_is_written_in_a_worker_and_kept(
        qtbot: Any, demo_service: RegisterService, files: Files, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    files.save_as.append(out / "personvern")  # the DPO leaves out the suffix
    dialog = _dialog(qtbot, demo_service)
    dialog.audience.setCurrentIndex(dialog.audience.findData("pupils"))
    dialog.language.setCurrentIndex(dialog.language.findData("nb"))
    dialog.format.setCurrentIndex(dialog.format.findData("html"))
    for row in range(dialog.activities.count()):  # only the mathematics game
        item = dialog.activities.item(row)
        if item.data(Qt.ItemDataRole.UserRole) != "PA-001":
            item.setCheckState(Qt.CheckState.Unchecked)
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    run = finished_run(qtbot, dialog)
    assert run.outcome == "done"
    written = out / "personvern.html"
    assert leftovers(out) == [written.name]
    page = written.read_text(encoding="utf-8")
    assert '<html lang="nb">' in page and "Slik bruker Nordvik skole opplysninger om deg" in page
    assert "Mathematics practice in Numetry" in page and "NexaLearn" not in page
    kept = Notices(demo_service).history("pupils")
    assert [(k["language"], k["filename"]) for k in kept] == [("nb", "personvern.html")]
    assert run.done_dialog is not None
    run.done_dialog.close()


def test_the_preview_shows_the_notices_pages_before_anything_is_written(
        qtbot: Any, demo_service: RegisterService, files: Files) -> None:
    dialog = _dialog(qtbot, demo_service)
    dialog.language.setCurrentIndex(dialog.language.findData("sv"))
    qtbot.mouseClick(dialog.mark_gaps, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30_000)
    wait_for_worker(qtbot)
    preview = dialog.preview
    assert preview is not None and preview.isVisible()
    # The same notice the command writes, read back on its own: as many pages shown as it has.
    notice = Notices(demo_service).notice("parents", "sv", dialog.chosen_refs(),
                                          mark_gaps=True)
    printed = PdfReader(io.BytesIO(render_notice_pdf(notice))).pages
    assert len(printed) > 1
    assert len(preview.page_views) == len(printed) == preview.pages
    assert all(not view.pixmap().isNull() for view in preview.page_views)
    first = " ".join(preview.page_views[0].accessibleDescription().split())
    assert "Så använder Nordvik skole uppgifter om ditt barn" in first
    assert "Integritetsmeddelande · version 1" in first
    assert preview.info.text() == f"{len(printed)} pages, as they will be printed and published."
    assert files.asked == [] and Notices(demo_service).history("parents") == []
    preview.close()


def test_an_activity_processed_for_another_controller_is_refused_as_on_the_command_line(
        qtbot: Any, demo_service: RegisterService, files: Files, shown: Dialogs) -> None:
    dialog = _dialog(qtbot, demo_service)
    # The demo's exam marking for the municipality: the school is only its processor.
    for row in range(dialog.activities.count()):
        item = dialog.activities.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == "PA-005":
            item.setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(dialog.mark_gaps, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    assert len(shown.errors) == 1
    assert shown.errors[0].startswith("PA-005 “Adult education exams marked for Nordvik "
                                      "kommune” is processed for another controller")
    assert files.asked == [] and dialog.run is None
