"""A country picked by its name in the DPO's language (Babel's names), giving its ISO code.

"Norway", "Norge" and "Norwegen" are what a DPO types; the register keeps ``NO``. The Nordic
countries come first, then every country in the language's alphabetical order.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from privdesk.domain import codes
from privdesk.gui.language import LOCALES, current

# The countries a Nordic school names most, first in the list.
FIRST = ("NO", "SE", "DK", "FI", "IS")


def country_names(language: str | None = None) -> dict[str, str]:
    """Each ISO code the register accepts, with its name in ``language`` (the code if Babel
    has none)."""
    from babel import Locale

    names = Locale.parse(LOCALES.get(language or current(), "en_GB")).territories
    return {code: str(names.get(code, code)) for code in codes.COUNTRIES}


def country_name(code: str | None, language: str | None = None) -> str:
    if not code:
        return ""
    return country_names(language).get(code, code)


class CountryPicker(QComboBox):
    """An editable list of country names; ``value()`` is the ISO code, the typed text when it
    names no country (the editor says so), or None when empty."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self._language = ""
        self.fill()
        self.currentIndexChanged.connect(lambda _i: self.edited.emit())
        self.editTextChanged.connect(lambda _t: self.edited.emit())

    def fill(self) -> None:
        """The names in the current language (again after a language switch)."""
        keep = self.value()
        self._language = current()
        names = country_names()
        rest = sorted((c for c in names if c not in FIRST), key=lambda c: names[c].casefold())
        self.blockSignals(True)
        self.clear()
        for code in (*FIRST, *rest):
            self.addItem(names[code], code)
        self.insertSeparator(len(FIRST))
        completer = QCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.blockSignals(False)
        self.set_value(keep)

    def retranslate(self) -> None:
        if current() != self._language:
            self.fill()

    def value(self) -> Any:
        if not hasattr(self, "_language"):
            return None
        text = self.currentText().strip()
        if not text:
            return None
        folded = text.casefold()
        for row in range(self.count()):
            code = self.itemData(row)
            if code and self.itemText(row).casefold() == folded:
                return str(code)
        if text.upper() in codes.COUNTRIES:
            return text.upper()
        return text

    def set_value(self, value: Any) -> None:
        row = self.findData(value) if value else -1
        if row >= 0:
            self.setCurrentIndex(row)
        else:
            self.setCurrentIndex(-1)
            self.setEditText("" if value is None else str(value))


__all__ = ["CountryPicker", "country_name", "country_names"]
