"""The editors' input fields, used as the DPO uses them: dates typed in the language's form."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from privdesk.gui.language import set_language
from privdesk.gui.main_window import MainWindow
from privdesk.services import RegisterService

from .test_main_window import select


@pytest.mark.parametrize(("language", "typed", "shown"), [
    ("nb", "01.10.2026", "01.10.2026"),
    ("nb", "01102026", "01.10.2026"),
    ("sv", "2026-10-01", "2026-10-01"),
    ("en", "01/10/2026", "01/10/2026"),
])
def test_the_dpo_types_a_review_date_as_the_language_writes_it(
        qtbot: Any, window: MainWindow, service: RegisterService, language: str, typed: str,
        shown: str) -> None:
    set_language(language)
    select(window, "activities", "PA-001")
    window.edit_action.trigger()
    editor = window.editor
    assert editor is not None
    review = editor.widget("review_due")
    review.clear_date()
    assert review.text().strip() == ""  # no date: a blank, not 1899
    review.setFocus()
    qtbot.keyClicks(review, typed)
    assert review.text() == shown
    assert review.calendarPopup()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert service.activity("PA-001").review_due == date(2026, 10, 1)


def test_an_optional_date_is_emptied_with_delete_and_stays_empty(
        qtbot: Any, window: MainWindow, service: RegisterService) -> None:
    set_language("nb")
    select(window, "activities", "PA-001")
    window.edit_action.trigger()
    editor = window.editor
    assert editor is not None
    done = editor.widget("dpia.done")
    done.set_value("2026-03-01")
    assert done.text() == "01.03.2026"
    done.setFocus()
    done.lineEdit().selectAll()
    qtbot.keyClick(done, Qt.Key.Key_Delete)
    assert done.value() is None
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    saved = service.activity("PA-001")
    assert saved.dpia is None or saved.dpia.done is None


def test_a_date_field_follows_a_language_switch(qtbot: Any, window: MainWindow) -> None:
    set_language("nb")
    select(window, "activities", "PA-001")
    window.edit_action.trigger()
    editor = window.editor
    assert editor is not None
    review = editor.widget("review_due")
    review.set_value("2027-06-30")
    assert review.text() == "30.06.2027"
    set_language("sv")
    qtbot.waitUntil(lambda: review.text() == "2027-06-30")
    assert review.value() == "2027-06-30"


def test_a_moment_takes_the_date_typed_with_its_dots_and_the_time(qtbot: Any) -> None:
    from datetime import UTC, datetime

    from privdesk.gui.workflow import edit_moment, moment_edit

    set_language("nb")
    edit = moment_edit(datetime(2026, 11, 26, 9, 0, tzinfo=UTC), "Europe/Oslo", "Oppdaget")
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    edit.lineEdit().selectAll()
    qtbot.keyClicks(edit, "01.10.2026 14:30")
    assert edit.text() == "01.10.2026 14:30"
    assert edit_moment(edit) == datetime(2026, 10, 1, 12, 30, tzinfo=UTC)  # CEST


@pytest.mark.parametrize("language", ["en", "nb"])
def test_a_transfers_country_and_safeguard_are_readable_in_the_editor(
        qtbot: Any, window: MainWindow, language: str) -> None:
    """Issue 17: at the editor's default size the safeguard column cut "EU–US Data Privacy
    Framework" and the country showed "ited States – third country"."""
    set_language(language)
    select(window, "activities", "PA-002")  # NexaLearn: transfers to the US and Morocco
    window.edit_action.trigger()
    editor = window.editor
    assert editor is not None
    transfers = editor.widget("transfers")
    editor.tab_widget.setCurrentIndex(3)  # Recipients and transfers
    qtbot.waitUntil(lambda: transfers.isVisible())
    table = transfers.table
    metrics = table.fontMetrics()
    country, safeguard = transfers._country(0), transfers._safeguard(0)
    assert safeguard.currentData() == "dpf"
    # The safeguard's name is whole in its column; its full label and meaning in the tooltip.
    assert table.columnWidth(2) > metrics.horizontalAdvance("EU–US Data Privacy Framework")
    assert safeguard.toolTip().startswith(safeguard.currentText() + ": ")
    # The country's name shows from its start, whole in its column; with its status in the
    # tooltip when longer.
    assert country.lineEdit().cursorPosition() == 0
    assert country.toolTip() == country.currentText()
    name = country.currentText().split(" – ")[0]
    assert table.columnWidth(0) > metrics.horizontalAdvance(name) + 30
    # The recipient and the note keep room to be read.
    for column in (1, 3):
        assert table.columnWidth(column) > metrics.horizontalAdvance("Intercom")
    editor.modified = False
    editor.done(0)
