"""Countries picked by name in the DPO's language, with their EU/EEA or adequacy status."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from privdesk.gui.country_picker import CountryPicker
from privdesk.gui.language import set_language
from privdesk.gui.main_window import MainWindow
from privdesk.services import RegisterService

from .test_main_window import select


def test_a_norwegian_dpo_names_the_countries_of_a_processor(
        qtbot: Any, window: MainWindow, service: RegisterService) -> None:
    set_language("nb")
    select(window, "processors", "VEN-001")
    window.edit_action.trigger()
    editor = window.editor
    assert editor is not None
    country = editor.widget("country")
    country.lineEdit().clear()
    qtbot.keyClicks(country.lineEdit(), "Norway")  # the English name is understood too
    assert country.value() == "NO"
    country.set_value("US")
    assert country.currentText() == "USA – tredjeland"
    country.set_value("GB")
    assert country.currentText() == "Storbritannia – tilstrekkelighetsvedtak"
    country.lineEdit().clear()
    qtbot.keyClicks(country.lineEdit(), "Irland")
    locations = editor.widget("data_locations")
    locations.clear()
    qtbot.keyClicks(locations, "Norge, Sverige, Irland")
    assert editor.save_button.isEnabled(), editor.summary.text()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    saved = service.processor("VEN-001")
    assert (saved.country, saved.data_locations) == ("IE", ("NO", "SE", "IE"))

    window.edit_action.trigger()
    assert window.editor is not None
    assert window.editor.widget("data_locations").text() == "Norge, Sverige, Irland"


def test_typing_eu_lists_the_member_states_by_name(qtbot: Any) -> None:
    set_language("nb")
    picker = CountryPicker()
    qtbot.addWidget(picker)
    picker.show()
    picker.setFocus()
    qtbot.keyClicks(picker.lineEdit(), "EU")
    completer = picker.completer()
    found = [completer.completionModel().index(i, 0).data()
             for i in range(completer.completionCount())]
    assert len(found) == 27
    assert "Sverige – EU/EØS" in found and "Norge – EØS" not in found
    picker.lineEdit().clear()
    qtbot.keyClicks(picker.lineEdit(), "EØS")
    assert completer.completionCount() == 30  # the EU, Iceland, Liechtenstein and Norway


def test_alt_closes_the_country_list_so_a_mnemonic_reaches_the_form(
        qtbot: Any, window: MainWindow) -> None:
    select(window, "processors", "VEN-001")
    window.edit_action.trigger()
    editor = window.editor
    assert editor is not None
    country = editor.widget("country")
    country.lineEdit().clear()
    country.setFocus()
    qtbot.keyClicks(country.lineEdit(), "Swe")
    popup = country.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyPress(popup, Qt.Key.Key_Alt, Qt.KeyboardModifier.AltModifier)
    assert not popup.isVisible()  # the list no longer covers the fields below


def test_a_transfer_row_takes_its_country_by_name(
        qtbot: Any, window: MainWindow, service: RegisterService) -> None:
    set_language("sv")
    select(window, "activities", "PA-001")
    window.edit_action.trigger()
    editor = window.editor
    assert editor is not None
    transfers = editor.widget("transfers")
    before = len(service.activity("PA-001").transfers)
    qtbot.mouseClick(transfers.add_button, Qt.MouseButton.LeftButton)
    row = transfers.table.rowCount() - 1
    picker = transfers.table.cellWidget(row, 0)
    assert editor.focusWidget() in (picker, picker.lineEdit())  # ready for the country
    assert editor.error_text("transfers") == f"⚠ rad {row + 1}: välj land i listan"
    qtbot.keyClicks(transfers.table.cellWidget(row, 0).lineEdit(), "Storbritannien")
    transfers.table.item(row, 1).setText("Exchange partner school")
    assert editor.error_text("transfers") == ""
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    saved = service.activity("PA-001").transfers
    assert len(saved) == before + 1 and saved[-1].country == "GB"


def test_part_of_one_name_names_the_country_and_shows_it_whole_on_leaving(qtbot: Any) -> None:
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    set_language("sv")
    form = QWidget()
    qtbot.addWidget(form)
    layout = QVBoxLayout(form)
    picker, following = CountryPicker(), QLineEdit()
    layout.addWidget(picker)
    layout.addWidget(following)
    form.show()
    picker.lineEdit().clear()
    qtbot.keyClicks(picker.lineEdit(), "storbrit")
    assert picker.value() == "GB"
    picker.lineEdit().clear()
    qtbot.keyClicks(picker.lineEdit(), "land")  # Finland, Island, Irland …: not one country
    assert picker.value() == "land"
    # Leaving the field: what was typed shows as the country's name and status. (Set, not
    # typed: once the completer's list has shown, the offscreen test platform moves no focus.)
    picker.completer().popup().hide()
    picker.lineEdit().setText("Norge")
    form.activateWindow()
    qtbot.waitActive(form)
    picker.setFocus()
    qtbot.waitUntil(picker.hasFocus)
    following.setFocus()
    qtbot.waitUntil(following.hasFocus)
    assert picker.currentText() == "Norge – EES"
    assert picker.value() == "NO"
