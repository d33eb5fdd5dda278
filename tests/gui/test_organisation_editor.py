"""The first hour: the welcome, recording the school in its editor, the first activity, the demo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from gui.conftest import OFFSCREEN_NOISE, TODAY
from privdesk.gui.editors import ActivityEditor
from privdesk.gui.language import set_language
from privdesk.gui.main_window import MainWindow
from privdesk.gui.organisation_editor import OrganisationEditor
from privdesk.gui.settings import Settings
from privdesk.gui.welcome import DEMO_NAME
from privdesk.services import RegisterService, open_register
from privdesk.services.organisation import Organisation

LEFT = Qt.MouseButton.LeftButton
# The country completer's popup asks the platform to raise it and grab the keyboard, which the
# offscreen test platform cannot do (qtbase src/plugins/platforms/offscreen); it is not ours.
POPUP = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, "This plugin does not support (raise|grabbing)")


@pytest.fixture
def empty_service(tmp_path: Path) -> Iterator[RegisterService]:
    """A register on its first day: nothing in it."""
    with open_register(tmp_path / "register.sqlite", actor="dpo@test") as opened:
        yield opened


@pytest.fixture
def first_window(qtbot: Any, empty_service: RegisterService, settings: Settings) -> MainWindow:
    main = MainWindow(empty_service, settings, today=lambda: TODAY)
    main.message_ms = 0
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def _editor(qtbot: Any, window: MainWindow) -> Any:
    qtbot.waitUntil(lambda: window.editor is not None and window.editor.isVisible())
    return window.editor


@POPUP
def test_first_run_records_the_school_then_the_first_activity(
        qtbot: Any, first_window: MainWindow, empty_service: RegisterService) -> None:
    window = first_window
    # The first run lands on the welcome and its checklist.
    assert window.stack.currentWidget() is window.overview
    welcome = window.overview.welcome
    assert welcome.isVisible()
    assert "No organisation recorded" in window.overview.organisation.text()
    assert window.activities.empty.text().startswith("No processing activities yet")

    qtbot.mouseClick(welcome.buttons["organisation"], LEFT)
    editor = _editor(qtbot, window)
    assert isinstance(editor, OrganisationEditor)
    # The first field has the focus: what the DPO types goes into the name.
    qtbot.waitUntil(lambda: editor.widget("name").hasFocus())
    assert not editor.save_button.isEnabled()
    qtbot.keyClicks(editor.widget("name"), "Solbacka skola")
    qtbot.keyClicks(editor.widget("org_number"), "212000-0001")
    country = editor.widget("country")
    country.lineEdit().clear()
    qtbot.keyClicks(country.lineEdit(), "Sweden")
    assert country.value() == "SE"
    assert "Integritetsskyddsmyndigheten (IMY)" in editor.authority.text()
    qtbot.keyClicks(editor.widget("dpo.email"), "dpo@solbacka.se")
    # An e-mail without a name is said next to the name, and Save waits.
    assert "give a name" in editor.error_text("dpo.name")
    assert not editor.save_button.isEnabled()
    qtbot.keyClicks(editor.widget("dpo.name"), "Maja Lind")
    assert editor.save_button.isEnabled()
    qtbot.mouseClick(editor.save_button, LEFT)

    saved, version = Organisation(empty_service).current()
    assert saved is not None and version == 1
    assert (saved.name, saved.org_number, saved.country) == ("Solbacka skola", "212000-0001",
                                                             "SE")
    assert saved.dpo is not None and saved.dpo.name == "Maja Lind"
    assert saved.representative is None
    assert window.overview.organisation.text() == "Solbacka skola"
    assert welcome.marks["organisation"].text() == "✓"
    assert "Solbacka skola" in window.windowTitle()

    # From the File menu: a change of name is one undo step.
    window.organisation_action.trigger()
    editor = _editor(qtbot, window)
    assert editor.widget("country").currentText() == "Sweden – EU/EEA"
    editor.widget("name").selectAll()
    qtbot.keyClicks(editor.widget("name"), "Solbackaskolan")
    qtbot.mouseClick(editor.save_button, LEFT)
    assert Organisation(empty_service).current()[0].name == "Solbackaskolan"  # type: ignore[union-attr]
    assert window.undo_action.text() == "&Undo Edit the organisation"
    window.undo_action.trigger()
    assert Organisation(empty_service).current()[0].name == "Solbacka skola"  # type: ignore[union-attr]
    assert window.overview.organisation.text() == "Solbacka skola"

    # Then the first activity; the welcome goes once the register holds something.
    qtbot.mouseClick(welcome.buttons["activity"], LEFT)
    editor = _editor(qtbot, window)
    assert isinstance(editor, ActivityEditor)
    editor.widget("name").setFocus()
    qtbot.keyClicks(editor.widget("name"), "Elevregister")
    qtbot.mouseClick(editor.save_button, LEFT)
    assert [a.name for a in empty_service.snapshot().activities] == ["Elevregister"]
    assert not window.activities.empty.isVisible()
    window.navigation.setCurrentRow(0)
    assert not welcome.isVisible()


@POPUP
def test_no_organisation_line_opens_the_editor_in_norwegian(
        qtbot: Any, first_window: MainWindow, empty_service: RegisterService) -> None:
    window = first_window
    window.switch_language("nb")
    label = window.overview.organisation
    assert "Ingen organisasjon registrert" in label.text()
    label.linkActivated.emit("organisation")
    editor = _editor(qtbot, window)
    qtbot.keyClicks(editor.widget("name"), "Nordvik skole")
    country = editor.widget("country")
    assert country.currentText().startswith("Norge – ")  # a Norwegian DPO's school is in Norway
    assert "Datatilsynet" in editor.authority.text()
    country.lineEdit().clear()
    qtbot.keyClicks(country.lineEdit(), "sverige")
    assert country.value() == "SE"
    country.lineEdit().clear()
    qtbot.keyClicks(country.lineEdit(), "Narnia")
    assert not editor.save_button.isEnabled()
    assert "Narnia" in editor.error_text("country")
    editor.widget("country").set_value("NO")
    qtbot.mouseClick(editor.save_button, LEFT)
    saved = Organisation(empty_service).current()[0]
    assert saved is not None and (saved.country, saved.language) == ("NO", "nb")


@POPUP
def test_the_demo_opens_beside_the_register_in_its_own_window(
        qtbot: Any, first_window: MainWindow, empty_service: RegisterService,
        tmp_path: Path) -> None:
    window = first_window
    qtbot.mouseClick(window.overview.welcome.buttons["demo"], LEFT)
    demos = window.findChildren(MainWindow)
    assert len(demos) == 1
    demo = demos[0]
    qtbot.waitExposed(demo)
    assert demo.service.database.path == tmp_path / DEMO_NAME
    assert demo.organisation is not None and demo.organisation.name
    assert demo.activities.model.rowCount() > 0
    # The DPO's own register is untouched.
    assert empty_service.snapshot().is_empty()
    demo.close()
    qtbot.waitUntil(lambda: not window.findChildren(MainWindow))


@POPUP
def test_the_editor_speaks_swedish(qtbot: Any, empty_service: RegisterService) -> None:
    set_language("sv")
    editor = OrganisationEditor(None)
    qtbot.addWidget(editor)
    assert editor.windowTitle().startswith("Registrera din skola")
    assert editor.widget("country").currentText().startswith("Sverige – ")
    assert editor.widget("language").value() == "sv"
