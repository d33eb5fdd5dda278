"""The DPIA screening form, reached from the activities, acting as the DPO."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtCore import Qt

from gui.conftest import Dialogs
from gui.workflow_fixtures import Files, files
from privdesk.domain import dpia
from privdesk.gui.dpia_dialog import DpiaDialog
from privdesk.gui.main_window import MainWindow
from privdesk.services import RegisterService

__all__ = ["files"]

LEFT = Qt.MouseButton.LeftButton


def _dialog(window: MainWindow) -> DpiaDialog:
    dialog = window.workflows.dialog
    assert isinstance(dialog, DpiaDialog)
    return dialog


def test_the_dpo_screens_the_maths_app_from_the_activities_and_saves(
        qtbot: Any, window: MainWindow, service: RegisterService) -> None:
    page = window.activities
    assert not page.screen_button.isEnabled() or page.current_ref() is not None
    page.select("PA-001")  # the demo's learning analytics, not screened yet
    assert page.screen_button.isEnabled()
    qtbot.mouseClick(page.screen_button, LEFT)
    dialog = _dialog(window)
    qtbot.waitExposed(dialog)
    # The register's suggestions are filled in: pupils, and behaviour data (evaluation).
    assert dialog.question("vulnerable").yes.isChecked()
    assert dialog.question("evaluation").yes.isChecked()
    assert "behaviour" in dialog.question("evaluation").reason.text()
    assert dialog.result_label.text().startswith("DPIA required")
    assert not dialog.save_button.isEnabled()  # questions left unanswered
    assert "left" in dialog.summary.text()
    # The DPO answers the rest "no", and changes their mind on one with a reason.
    for question in dialog.questions:
        if question.met() is None:
            qtbot.mouseClick(question.no, LEFT)
    question = dialog.question("no.learning")
    qtbot.mouseClick(question.yes, LEFT)
    question.reason.setFocus()
    qtbot.keyClicks(question.reason, "Follows each pupil's progress")
    assert "Evaluating learning" in dialog.deciding_label.text()
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    activity = service.activity("PA-001")
    screening = activity.dpia.screening
    assert screening is not None and screening.result == dpia.REQUIRED
    assert screening.by == "dpo@test"
    answers = {a.criterion: a for a in screening.answers}
    assert answers["no.learning"].met and not answers["no.learning"].prefilled
    assert answers["no.learning"].reason == "Follows each pupil's progress"
    assert answers["vulnerable"].prefilled
    assert activity.dpia.required is True
    # The overview says what follows: the DPIA itself is still to be done.
    assert any("PA-001" in t and "a DPIA is required but not done" in t
               for t in window.overview.texts())
    # One undo step: the screening is gone again.
    window.undo_action.trigger()
    assert service.activity("PA-001").dpia.screening is None


def test_the_form_as_shown_is_written_as_a_one_page_pdf(
        qtbot: Any, service: RegisterService, files: Files, tmp_path: Path) -> None:
    dialog = DpiaDialog(service, "PA-001", None, minimum_duration=0)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.question("no.learning").yes, LEFT)
    files.save_as.append(tmp_path / "screening")
    qtbot.mouseClick(dialog.pdf_button, LEFT)
    # Written on the export worker with the other exports' progress dialog: the click
    # returns before the file is there.
    run = dialog.export_run
    assert run is not None and dialog.written is None
    assert run.progress.labelText() == "Writing the DPIA screening…"
    with qtbot.waitSignal(run.done, timeout=20_000):
        pass
    assert run.wait()
    assert dialog.written == tmp_path / "screening.pdf"
    reader = PdfReader(dialog.written)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "PA-001" in text and "Datatilsynet" in text and "Not saved" in text
    assert service.activity("PA-001").dpia.screening is None  # printing saves nothing


def test_a_pdf_that_cannot_be_written_is_said_in_one_line(
        qtbot: Any, service: RegisterService, files: Files, tmp_path: Path,
        shown: Dialogs) -> None:
    dialog = DpiaDialog(service, "PA-001", None, minimum_duration=0)
    qtbot.addWidget(dialog)
    dialog.show()
    files.save_as.append(tmp_path / "missing folder" / "screening.pdf")
    qtbot.mouseClick(dialog.pdf_button, LEFT)
    run = dialog.export_run
    assert run is not None
    with qtbot.waitSignal(run.failed, timeout=20_000):
        pass
    assert run.wait()
    assert dialog.written is None and len(shown.errors) == 1
    assert not (tmp_path / "missing folder").exists()


def test_a_swedish_school_is_asked_wp248s_criteria_as_imys_list_makes_them_binding(
        qtbot: Any, service: RegisterService) -> None:
    """IMY's list under Art. 35(4) is WP248's nine criteria with "two or more: a DPIA must be
    made" (docs/dpia.md): no questions of its own, a heading that says so."""
    from dataclasses import replace

    organisation = service.organisation()
    assert organisation is not None
    service.set_organisation(replace(organisation, country="SE"))
    dialog = DpiaDialog(service, "PA-001", None)
    qtbot.addWidget(dialog)
    assert [q.criterion.source for q in dialog.questions] == [dpia.WP248] * 9
    headings = [label.text() for label, _ in dialog.source_labels]
    assert headings == ["The nine criteria of WP248, as IMY's list gives them (two or more: "
                        "a DPIA is required)"]
