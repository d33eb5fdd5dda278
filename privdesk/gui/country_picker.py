"""A country picked by its name in the DPO's language (Babel's names), giving its ISO code.

"Norway", "Norge" and "Norwegen" are what a DPO types; the register keeps ``NO``. Each name
shows whether the country is in the EU/EEA, has an adequacy decision or is a third country, so
typing "EU" (or "EØS", "adequacy") lists those countries. The Nordic countries come first, then
every country in the language's alphabetical order.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from privdesk.domain import codes
from privdesk.domain.errors import N_
from privdesk.gui.language import LOCALES, current, tr

# The countries a Nordic school names most, first in the list.
FIRST = ("NO", "SE", "DK", "FI", "IS")

STATUS = {
    "eu": N_("EU/EEA"),
    "eea": N_("EEA"),
    "adequacy": N_("adequacy decision"),
    "third": N_("third country"),
}
# The one separator between a country's name and its status ("Norge – EØS").
SEPARATOR = " – "


@cache
def _names(locale: str) -> dict[str, str]:
    from babel import Locale

    names = Locale.parse(locale).territories
    return {code: str(names.get(code, code)) for code in codes.COUNTRIES}


def country_names(language: str | None = None) -> dict[str, str]:
    """Each ISO code the register accepts, with its name in ``language`` (the code if Babel
    has none)."""
    return dict(_names(LOCALES.get(language or current(), "en_GB")))


def country_name(code: str | None, language: str | None = None) -> str:
    if not code:
        return ""
    return country_names(language).get(code, code)


def status(code: str) -> str:
    """Whether Chapter V applies to ``code``: EU/EEA, EEA, adequacy decision, third country."""
    if code in codes.EEA_COUNTRIES:
        return "eea" if code in ("NO", "IS", "LI") else "eu"
    return "adequacy" if code in codes.ADEQUACY_COUNTRIES else "third"


def labelled(code: str, language: str | None = None) -> str:
    """The country's name with its status, as the picker lists it ("Norge – EØS")."""
    return country_name(code, language) + SEPARATOR + tr(STATUS[status(code)])


def country_code(text: str) -> str | None:
    """The ISO code ``text`` names: a code, or a name in any of the UI's languages, with or
    without its status; None when it names no country."""
    typed = text.strip()
    if not typed:
        return None
    if typed.upper() in codes.COUNTRIES:
        return typed.upper()
    folded = typed.split(SEPARATOR)[0].strip().casefold()
    for language in (current(), *LOCALES):
        for code, name in country_names(language).items():
            if name.casefold() == folded:
                return code
    return None


class CountryPicker(QComboBox):
    """An editable list of country names; ``value()`` is the ISO code, the typed text when it
    names no country (the editor says so), or None when empty."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(18)
        self._language = ""
        self.fill()
        self.currentIndexChanged.connect(lambda _i: self.edited.emit())
        self.editTextChanged.connect(lambda _t: self.edited.emit())
        # A name longer than the field (in a table's cell) is whole in the tooltip.
        self.editTextChanged.connect(self.setToolTip)

    def fill(self) -> None:
        """The names in the current language (again after a language switch)."""
        keep = self.value()
        self._language = current()
        names = country_names()
        rest = sorted((c for c in names if c not in FIRST), key=lambda c: names[c].casefold())
        self.blockSignals(True)
        self.clear()
        for code in (*FIRST, *rest):
            self.addItem(labelled(code), code)
        self.insertSeparator(len(FIRST))
        completer = QCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(6)  # a short list: the fields below stay in sight
        popup = completer.popup()
        if popup is not None:
            popup.installEventFilter(self)
        self.setCompleter(completer)
        self.blockSignals(False)
        self.set_value(keep)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The completer's list grabs the keyboard while it shows: Alt (before the letter of a
        # mnemonic) and Tab close it, so the key reaches the form as it would without it.
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        if (popup is not None and watched is popup
                and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and (event.key() in (Qt.Key.Key_Alt, Qt.Key.Key_AltGr)
                     or event.modifiers() & Qt.KeyboardModifier.AltModifier)):
            popup.hide()
            return False
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        if current() != self._language:
            self.fill()

    def value(self) -> Any:
        if not hasattr(self, "_language"):
            return None
        text = self.currentText().strip()
        if not text:
            return None
        index = self.currentIndex()
        if index >= 0 and self.itemText(index) == text and self.itemData(index):
            return str(self.itemData(index))
        found = country_code(text)
        if found is None:
            # A part of one name only ("Sverig", "Storbrit") names that country.
            folded = text.casefold()
            matches = {str(self.itemData(row)) for row in range(self.count())
                       if self.itemData(row) and folded in self.itemText(row).casefold()}
            if len(matches) == 1:
                found = matches.pop()
        return found or text

    def focusOutEvent(self, event: QFocusEvent) -> None:
        # What was typed becomes the country's full name and status as the DPO leaves.
        code = self.value()
        if code in codes.COUNTRIES and self.currentText() != labelled(code):
            self.set_value(code)
        super().focusOutEvent(event)
        self._show_start()

    def _show_start(self) -> None:
        """A name longer than the field shows its start (the country), not its end."""
        line = self.lineEdit()
        if line is not None and not line.hasFocus():
            line.setCursorPosition(0)

    def set_value(self, value: Any) -> None:
        row = self.findData(value) if value else -1
        if row >= 0:
            self.setCurrentIndex(row)
            self.setEditText(self.itemText(row))  # also over typed text at the same row
        else:
            self.setCurrentIndex(-1)
            self.setEditText("" if value is None else str(value))
        self._show_start()


__all__ = ["CountryPicker", "country_code", "country_name", "country_names", "labelled"]
