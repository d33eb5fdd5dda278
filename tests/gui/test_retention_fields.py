"""Retention periods as a number and a unit, and time limits per category, as the DPO sets them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from privdesk.domain.records import CategoryRetention
from privdesk.gui.language import set_language
from privdesk.gui.main_window import MainWindow
from privdesk.services import RegisterService

from .test_main_window import select


def _edit(window: MainWindow, ref: str) -> Any:
    select(window, "activities", ref)
    window.edit_action.trigger()
    assert window.editor is not None
    return window.editor


def test_a_norwegian_dpo_sets_eighteen_months_and_the_register_keeps_iso(
        qtbot: Any, window: MainWindow, service: RegisterService) -> None:
    set_language("nb")
    assert service.activity("PA-001").retention_period == "P2M"
    editor = _edit(window, "PA-001")
    period = editor.widget("retention_period")
    assert (period.number.value(), period.unit.currentText()) == (2, "måneder")
    period.number.setFocus()
    period.number.lineEdit().selectAll()
    qtbot.keyClicks(period.number, "1")
    assert period.unit.currentText() == "måned"  # the unit's word follows the number
    qtbot.keyClicks(period.number, "8")
    period.unit.setCurrentIndex(period.unit.findText("måneder"))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert service.activity("PA-001").retention_period == "P18M"

    editor = _edit(window, "PA-001")
    period = editor.widget("retention_period")
    period.unit.setCurrentIndex(period.unit.findData("Y"))
    period.number.setValue(5)
    assert period.unit.currentText() == "år"
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert service.activity("PA-001").retention_period == "P5Y"


def test_no_period_is_none_and_a_two_unit_period_shows_in_the_smaller(
        qtbot: Any, window: MainWindow, service: RegisterService) -> None:
    editor = _edit(window, "PA-001")
    period = editor.widget("retention_period")
    period.set_value("P1Y6M")
    assert (period.number.value(), period.unit.currentData()) == (18, "M")
    period.set_value("P2W")
    assert (period.number.value(), period.unit.currentText()) == (2, "weeks")
    period.set_value("P1M2D")  # two boxes cannot hold it: kept as stored
    assert period.value() == "P1M2D" and period.number.text() == "P1M2D"
    period.number.setValue(3)
    assert period.value() == "P3M"
    period.number.setValue(0)
    assert period.number.text() == "none" and not period.unit.isEnabled()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert service.activity("PA-001").retention_period is None


def test_a_time_limit_for_one_category_of_data(
        qtbot: Any, window: MainWindow, service: RegisterService) -> None:
    set_language("sv")
    editor = _edit(window, "PA-002")
    limits = editor.widget("retention_by_category")
    qtbot.mouseClick(limits.add_button, Qt.MouseButton.LeftButton)
    assert editor.error_text("retention_by_category") == (
        "⚠ rad 1: välj kategori av uppgifter i listan")  # which category, first
    category = limits.table.cellWidget(0, 0)
    category.set_value("contact")
    limits.table.item(0, 1).setText("Tills eleven slutar")
    assert editor.error_text("retention_by_category") == ""
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert service.activity("PA-002").retention_by_category == (
        CategoryRetention(category="contact", retention="Tills eleven slutar"),)
