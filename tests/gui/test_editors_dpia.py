"""The activity editor beside a saved DPIA screening: it shows the result and asks before
"DPIA required" is set against it (issue 23), acting as the DPO."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from privdesk.domain import dpia
from privdesk.gui.main_window import MainWindow
from privdesk.services import RegisterService
from privdesk.services.dpia import Screenings

from .conftest import Dialogs
from .test_main_window import select


@pytest.fixture
def screened(service: RegisterService, request: pytest.FixtureRequest) -> MainWindow:
    """PA-001 screened (monitoring and children: a DPIA required), then the window."""
    screenings = Screenings(service)
    view = screenings.open("PA-001")
    answers = tuple(dpia.Answer(a.criterion, a.criterion in ("monitoring", "vulnerable"),
                                "DPO") for a in view.answers)
    screenings.save("PA-001", answers, view.version)
    window: MainWindow = request.getfixturevalue("window")
    return window


@pytest.mark.parametrize("answer", [False, True])
def test_setting_dpia_required_against_the_screening_asks_first(
        qtbot: Any, screened: MainWindow, service: RegisterService, shown: Dialogs,
        answer: bool) -> None:
    select(screened, "activities", "PA-001")
    screened.edit_action.trigger()
    editor = screened.editor
    assert editor is not None
    assert "found: DPIA required" in editor.screening_note.text()
    assert not editor.screening_note.isHidden()
    editor.widget("dpia.required").setCurrentText("No")
    shown.answer = answer
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert len(shown.questions) == 1 and "DPIA required" in shown.questions[0]
    assert service.activity("PA-001").dpia.required is not answer
    assert (screened.editor is not None) is not answer  # "No" keeps the form open
    if answer:  # the confirmed edit is one undo step like any other
        screened.undo_stack.undo()
        assert service.activity("PA-001").dpia.required is True
        screened.undo_stack.redo()
        assert service.activity("PA-001").dpia.required is False
