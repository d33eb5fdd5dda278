"""Input widgets for the editors, each giving and taking interchange (JSON) values.

Code lists are checkable lists with translated labels; free lists are one item per line;
transfers are a small table. Every widget emits ``edited`` whenever its value may have changed,
so the editor can validate as the DPO types.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from privdesk.domain import codes
from privdesk.domain.errors import N_, NP_
from privdesk.domain.labels import SAFEGUARDS
from privdesk.gui.country_picker import CountryPicker, country_code, country_name
from privdesk.gui.language import code_label, tr, trn
from privdesk.gui.signals import emit
from privdesk.gui.workflow import DATE_RANGE, DayEdit, date_form


def _text_or_none(text: str) -> str | None:
    stripped = text.strip()
    return stripped or None


class TextField(QLineEdit):
    """One line of text; empty means "not known" (null) unless ``required``."""

    edited = Signal()

    def __init__(self, required: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.required = required
        self.textChanged.connect(self.edited)

    def value(self) -> Any:
        return self.text().strip() if self.required else _text_or_none(self.text())

    def set_value(self, value: Any) -> None:
        self.setText("" if value is None else str(value))


class DateField(DayEdit):
    """An optional date in the language's form (01.10.2026 in nb, 2026-10-01 in sv,
    01/10/2026 in en) with a calendar; empty until the DPO types or picks a date, and emptied
    again with Delete or Backspace over the whole field. Its value is the ISO date or None."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lineEdit().installEventFilter(self)
        self.setCalendarPopup(True)
        self.setDisplayFormat(date_form())
        # The day before the first accepted one stands for "no date", shown as a blank.
        first, last = DATE_RANGE
        self.setDateRange(first.addDays(-1), last)
        self.setSpecialValueText(" ")
        self.setDate(self.minimumDate())
        # As wide as a date, not the whole row: it reads as a date at a glance.
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.dateChanged.connect(lambda _d: emit(self.edited))

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.lineEdit().setAccessibleName(name)  # the part a screen reader lands in

    def is_empty(self) -> bool:
        return self.date() == self.minimumDate()

    def clear_date(self) -> None:
        self.setDate(self.minimumDate())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        line = self.lineEdit()
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and (
                self.is_empty() or line.selectedText().strip() == line.text().strip()):
            self.clear_date()
            return
        if self.is_empty() and event.text().isdigit():
            # Qt takes no digits over the blank: start from today, typed over from the day.
            self.setDate(QDate.currentDate())
            self.setCurrentSectionIndex(0)
            self.setSelectedSection(self.currentSection())
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        if self.is_empty() and self.calendarWidget() is not None:
            today = QDate.currentDate()  # the calendar opens on this month, not on 1899
            self.calendarWidget().setCurrentPage(today.year(), today.month())

    def value(self) -> Any:
        if self.is_empty():
            return None
        return self.date().toString("yyyy-MM-dd")

    def set_value(self, value: Any) -> None:
        found = QDate.fromString(str(value), "yyyy-MM-dd") if value else QDate()
        self.setDate(found if found.isValid() else self.minimumDate())


class CountryListField(TextField):
    """Several countries on one line, by name in any of the UI's languages or by ISO code,
    separated by commas ("Norge, Irland"); shown by name in the UI language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(False, parent)
        self.setPlaceholderText(tr("e.g. Norway, Ireland"))

    def value(self) -> Any:
        text = self.text().replace(";", ",")
        parts = [p.strip() for p in text.split(",") if p.strip()]
        if len(parts) == 1 and all(w.upper() in codes.COUNTRIES for w in parts[0].split()):
            parts = parts[0].split()  # "NO SE", as the codes used to be typed
        return [country_code(p) or p for p in parts]

    def set_value(self, value: Any) -> None:
        self.setText(", ".join(country_name(c) for c in value or ()))


class LongTextField(QPlainTextEdit):
    """Several lines of free text (one value)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # the whole form works by keyboard
        self.textChanged.connect(self.edited)
        self.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)

    def value(self) -> Any:
        return _text_or_none(self.toPlainText())

    def set_value(self, value: Any) -> None:
        self.setPlainText("" if value is None else str(value))


class LinesField(LongTextField):
    """A free list, one item per line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(tr("One per line"))

    def value(self) -> Any:
        return [line.strip() for line in self.toPlainText().splitlines() if line.strip()]

    def set_value(self, value: Any) -> None:
        self.setPlainText("\n".join(value or ()))


class ChoiceField(QComboBox):
    """One code of a code list, shown in words."""

    edited = Signal()

    def __init__(self, group: str, choices: Sequence[str], optional: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self.optional = optional
        self._choices = list(choices)
        self.retranslate()
        self.currentIndexChanged.connect(self.edited)

    def retranslate(self) -> None:
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        if self.optional:
            self.addItem(tr("(none)"), "")
        for code in self._choices:
            self.addItem(code_label(self.group, code), code)
        self.setCurrentIndex(max(0, self.findData(current)))
        self.blockSignals(False)

    def value(self) -> Any:
        return self.currentData() or None

    def set_value(self, value: Any) -> None:
        self.setCurrentIndex(max(0, self.findData(value or "")))


class RefChoiceField(QComboBox):
    """A reference to another record (a processor's parent), or none."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentIndexChanged.connect(self.edited)

    def set_choices(self, choices: Sequence[tuple[str, str]]) -> None:
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        self.addItem(tr("(none)"), "")
        for ref, name in choices:
            self.addItem(f"{ref} – {name}", ref)
        self.setCurrentIndex(max(0, self.findData(current)))
        self.blockSignals(False)

    def value(self) -> Any:
        return self.currentData() or None

    def set_value(self, value: Any) -> None:
        self.setCurrentIndex(max(0, self.findData(value or "")))


class TriStateField(QComboBox):
    """Yes, no, or not known yet (null)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.retranslate()
        self.currentIndexChanged.connect(self.edited)

    def retranslate(self) -> None:
        index = max(0, self.currentIndex())
        self.blockSignals(True)
        self.clear()
        # No Python bools as item data: PySide 6.12 frees them once too often at exit.
        self.addItem(tr("Not decided"))
        self.addItem(tr("Yes"))
        self.addItem(tr("No"))
        self.setCurrentIndex(index)
        self.blockSignals(False)

    def value(self) -> Any:
        return {1: True, 2: False}.get(self.currentIndex())

    def set_value(self, value: Any) -> None:
        self.setCurrentIndex({True: 1, False: 2}.get(value, 0) if value is not None else 0)


class CheckList(QListWidget):
    """Several codes (or refs) chosen by ticking them; Space ticks the current one."""

    edited = Signal()
    described = Signal(str)
    ticked = Signal(str)  # the value of a choice the user has just ticked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._options: list[tuple[str, str, str]] = []
        self.explain_current = False  # start on the first ticked choice to explain it
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # A horizontal scroll bar would hide a row of a list sized to show them all; a long
        # label is elided and shown whole in its tooltip.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.itemChanged.connect(self._changed)
        self.currentItemChanged.connect(self._describe)

    def _changed(self, item: QListWidgetItem) -> None:
        emit(self.edited)
        if item.checkState() == Qt.CheckState.Checked:
            emit(self.ticked, str(item.data(Qt.ItemDataRole.UserRole)))

    def set_options(self, options: Sequence[tuple[str, str, str]]) -> None:
        """(value, label, description) for each choice; the ticks stay."""
        ticked = set(self.checked())
        self.blockSignals(True)
        self.clear()
        self._options = list(options)
        for value, text, description in self._options:
            item = QListWidgetItem(text, self)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                          | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if value in ticked
                               else Qt.CheckState.Unchecked)
            item.setToolTip(f"{text}\n{description}" if description else text)
            if description:
                item.setData(Qt.ItemDataRole.StatusTipRole, description)
                item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, description)
        self.blockSignals(False)
        rows = max(2, min(len(self._options), 11))
        self.setFixedHeight(self.sizeHintForRow(0) * rows + 2 * self.frameWidth() + 4
                            if self._options else 40)

    def _describe(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        found = item.data(Qt.ItemDataRole.StatusTipRole) if item is not None else None
        emit(self.described, str(found or ""))

    def checked(self) -> list[str]:
        return [str(self.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def set_checked(self, values: Sequence[str]) -> None:
        wanted = set(values)
        self.blockSignals(True)
        for i in range(self.count()):
            item = self.item(i)
            item.setCheckState(Qt.CheckState.Checked
                               if item.data(Qt.ItemDataRole.UserRole) in wanted
                               else Qt.CheckState.Unchecked)
        self.blockSignals(False)
        emit(self.edited)
        ticked = [i for i in range(self.count())
                  if self.item(i).checkState() == Qt.CheckState.Checked]
        if self.explain_current and ticked and self.currentRow() < 0:
            self.setCurrentRow(ticked[0])  # its explanation shows beside the list

    def value(self) -> Any:
        return self.checked()

    def set_value(self, value: Any) -> None:
        self.set_checked(list(value or ()))


class CodeCheckList(CheckList):
    """A code list with translated labels (and explanations, for legal bases)."""

    def __init__(self, group: str, choices: Sequence[str],
                 explanations: dict[str, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self.choices = list(choices)
        self.explanations = explanations or {}
        self.explain_current = bool(self.explanations)
        self.retranslate()

    def retranslate(self) -> None:
        self.set_options([
            (code, code_label(self.group, code),
             tr(self.explanations[code]) if code in self.explanations else "")
            for code in self.choices
        ])


class GroupsField(QWidget):
    """Groups of people: the usual ones ticked, others typed one per line."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.codes = CodeCheckList("subjects", codes.SUBJECT_GROUPS)
        self.others = LinesField()
        self.others.setPlaceholderText(tr("Other groups, one per line"))
        self.others.setMaximumHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        layout.addWidget(self.codes)
        layout.addWidget(self.others)
        self.codes.edited.connect(self.edited)
        self.others.edited.connect(self.edited)
        self.setFocusProxy(self.codes)
        self._name()

    def _name(self) -> None:
        self.codes.setAccessibleName(tr("Data subjects"))
        self.others.setAccessibleName(tr("Other groups, one per line"))
        self.others.setPlaceholderText(tr("Other groups, one per line"))

    def retranslate(self) -> None:
        self.codes.retranslate()
        self._name()

    def value(self) -> Any:
        return self.codes.checked() + [
            o for o in self.others.value() if o not in self.codes.checked()]

    def set_value(self, value: Any) -> None:
        values = list(value or ())
        self.codes.set_checked([v for v in values if v in codes.SUBJECT_GROUPS])
        self.others.set_value([v for v in values if v not in codes.SUBJECT_GROUPS])


TRANSFER_COLUMNS = (N_("Country"), N_("Recipient"), N_("Safeguard"), N_("Note"))
# The share of the table's width the country and the safeguard may take together: the recipient
# and the note keep the rest.
CHOICE_SHARE = 0.7


class ElidedComboBox(QComboBox):
    """A list whose current choice, when longer than the cell, ends in "…" instead of being
    cut, and is given whole in the tooltip (with what it means)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)
        self.currentIndexChanged.connect(self.explain)

    def explain(self, _index: int = -1) -> None:
        text = self.currentText()
        meaning = self.itemData(self.currentIndex(), Qt.ItemDataRole.ToolTipRole)
        self.setToolTip(f"{text}: {meaning}" if meaning else text)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        option.currentText = self.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideRight, field.width())
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


class TransfersField(QWidget):
    """Transfers to third countries: a row each, with the safeguard chosen from the list."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(TRANSFER_COLUMNS))
        # The country and the safeguard as wide as their longest choice shown (within
        # CHOICE_SHARE); the recipient and the note share the rest (``fit_columns``).
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (0, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self.table.viewport().installEventFilter(self)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)
        self.table.setFixedHeight(self.fontMetrics().lineSpacing() * 8)
        self.table.itemChanged.connect(lambda _item: emit(self.edited))
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.add_button.clicked.connect(self._add_clicked)
        self.remove_button.clicked.connect(self.remove_row)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)
        self.retranslate()

    def _add_clicked(self) -> None:
        """A new row, its country field ready for typing."""
        self.add_row()
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, 0)
        self._country(row).setFocus()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([tr(t) for t in TRANSFER_COLUMNS])
        self.table.setAccessibleName(tr("Transfers to third countries"))
        self.add_button.setText(tr("Add transfer"))
        self.add_button.setAccessibleName(tr("Add transfer"))
        self.remove_button.setText(tr("Remove transfer"))
        self.remove_button.setAccessibleName(tr("Remove transfer"))
        for row in range(self.table.rowCount()):
            self._country(row).retranslate()
            combo = self._safeguard(row)
            code = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for value in codes.SAFEGUARDS:
                combo.addItem(code_label("safeguards", value), value)
            for value in codes.SAFEGUARDS:
                combo.setItemData(codes.SAFEGUARDS.index(value), tr(SAFEGUARDS[value]),
                                  Qt.ItemDataRole.ToolTipRole)
            combo.setCurrentIndex(max(0, combo.findData(code)))
            combo.blockSignals(False)
            if isinstance(combo, ElidedComboBox):
                combo.explain()
        self.fit_columns()

    def _country(self, row: int) -> CountryPicker:
        widget = self.table.cellWidget(row, 0)
        assert isinstance(widget, CountryPicker)
        return widget

    def _safeguard(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, 2)
        assert isinstance(widget, QComboBox)
        return widget

    def add_row(self, transfer: dict[str, Any] | None = None) -> None:
        transfer = transfer or {"country": "", "recipient": "", "safeguard": "scc", "note": ""}
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        kept = QTableWidgetItem()
        kept.setData(Qt.ItemDataRole.UserRole, dict(transfer))
        self.table.setItem(row, 0, kept)
        country = CountryPicker()
        country.setAccessibleName(tr("Country"))
        country.set_value(transfer.get("country") or None)
        country.edited.connect(self.edited)
        self.table.setCellWidget(row, 0, country)
        self.table.setItem(row, 1, QTableWidgetItem(transfer.get("recipient", "")))
        combo = ElidedComboBox()
        combo.setAccessibleName(tr("Safeguard"))
        for value in codes.SAFEGUARDS:
            combo.addItem(code_label("safeguards", value), value)
        for value in codes.SAFEGUARDS:
            combo.setItemData(codes.SAFEGUARDS.index(value), tr(SAFEGUARDS[value]),
                              Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(max(0, combo.findData(transfer.get("safeguard"))))
        combo.explain()
        combo.currentIndexChanged.connect(self.edited)
        combo.currentIndexChanged.connect(self.fit_columns)
        country.edited.connect(self.fit_columns)
        self.table.setCellWidget(row, 2, combo)
        self.table.setItem(row, 3, QTableWidgetItem(transfer.get("note", "")))
        self.table.blockSignals(False)
        self.fit_columns()
        emit(self.edited)

    def fit_columns(self) -> None:
        """Country and safeguard as wide as their longest text (and heading), within
        CHOICE_SHARE of the table: a longer one is elided, whole in its tooltip."""
        available = self.table.viewport().width()
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        # The list's arrow and frame around the text.
        chrome = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent) + 24
        wanted = []
        for column in (0, 2):
            heading = self.table.horizontalHeaderItem(column)
            widths = [metrics.horizontalAdvance(heading.text()) + 16 if heading else 0]
            for row in range(self.table.rowCount()):
                cell = self.table.cellWidget(row, column)
                if isinstance(cell, QComboBox):
                    widths.append(metrics.horizontalAdvance(cell.currentText()) + chrome)
            wanted.append(max(widths))
        room = int(available * CHOICE_SHARE)
        if sum(wanted) > room:
            wanted = [room * width // sum(wanted) for width in wanted]
        header.blockSignals(True)
        for column, width in zip((0, 2), wanted, strict=True):
            self.table.setColumnWidth(column, width)
        header.blockSignals(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # The table's own width is known only when it is resized (a hidden tab's is later).
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return super().eventFilter(watched, event)

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            row = self.table.rowCount() - 1
        if row >= 0:
            self.table.removeRow(row)
            emit(self.edited)

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def value(self) -> Any:
        rows = []
        for r in range(self.table.rowCount()):
            # What the table does not show (an Art. 49 derogation) stays with its row.
            item = self.table.item(r, 0)
            kept = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
            rows.append({**(kept if isinstance(kept, dict) else {}),
                         "country": self._country(r).value() or "",
                         "recipient": self._cell(r, 1),
                         "safeguard": self._safeguard(r).currentData(),
                         "note": self._cell(r, 3)})
        return rows

    def set_value(self, value: Any) -> None:
        self.table.setRowCount(0)
        for transfer in value or ():
            self.add_row(transfer)


# The units a retention period is given in, with their ISO 8601 letter.
PERIOD_UNITS = (("D", *NP_("day", "days")), ("W", *NP_("week", "weeks")),
                ("M", *NP_("month", "months")), ("Y", *NP_("year", "years")))


class PeriodField(QWidget):
    """A period as a number and a unit (2 months, 5 years), stored as ISO 8601 (P2M, P5Y);
    0 is "no period". A stored period of two units (P1Y6M) shows in the smaller one (18
    months); one the two boxes cannot hold (P1M2D) is kept as it was until changed."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.number = QSpinBox()
        self.number.setRange(0, 9999)
        self.unit = QComboBox()
        layout.addWidget(self.number)
        layout.addWidget(self.unit)
        layout.addStretch(1)
        self._kept: str | None = None  # a stored period the boxes cannot hold
        self.retranslate()
        self.unit.setCurrentIndex(2)
        self.number.valueChanged.connect(self._changed)
        self.unit.currentIndexChanged.connect(self._changed)
        self.setFocusProxy(self.number)

    def _changed(self) -> None:
        if self._kept is not None:
            self._kept = None
            self.number.setSpecialValueText(tr("none"))
        self._unit_words()
        emit(self.edited)

    def _unit_words(self) -> None:
        self.unit.setEnabled(self.number.value() > 0)  # no "none months"
        count = max(self.number.value(), 1)
        for i, (_letter, singular, plural) in enumerate(PERIOD_UNITS):
            self.unit.setItemText(i, trn(singular, plural, count))

    def retranslate(self) -> None:
        self.number.setSpecialValueText(tr("none"))
        if self.unit.count() == 0:
            self.unit.blockSignals(True)
            for letter, _singular, _plural in PERIOD_UNITS:
                self.unit.addItem("", letter)
            self.unit.blockSignals(False)
        self._unit_words()

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.number.setAccessibleName(name)
        self.number.lineEdit().setAccessibleName(name)
        self.unit.setAccessibleName(tr("Unit of {field}", field=name))

    def setToolTip(self, text: str) -> None:
        super().setToolTip(text)
        self.number.setToolTip(text)

    def value(self) -> Any:
        if self._kept is not None:
            return self._kept
        if self.number.value() == 0:
            return None
        return f"P{self.number.value()}{self.unit.currentData()}"

    def set_value(self, value: Any) -> None:
        from privdesk.domain.durations import parse_duration

        found = parse_duration(str(value)) if value else None
        number, letter = 0, "M"
        if found is not None:
            months = found.years * 12 + found.months
            days = found.weeks * 7 + found.days
            if months and not days:
                number, letter = ((found.years, "Y") if not found.months else (months, "M"))
            elif days and not months:
                number, letter = ((found.weeks, "W") if not found.days else (days, "D"))
        self.blockSignals(True)
        self.number.setValue(number)
        self.unit.setCurrentIndex(max(0, self.unit.findData(letter)))
        self.blockSignals(False)
        self._unit_words()
        # What the boxes cannot hold stays as stored (and text that is no period at all goes
        # to the reader, which says so).
        self._kept = str(value) if value and (found is None or number == 0) else None
        # Shown as stored in the number's place until the DPO sets a period of their own.
        self.number.setSpecialValueText(self._kept or tr("none"))
        emit(self.edited)


class CategoryRetentionField(QWidget):
    """How long single categories of data are kept where it differs from the activity's own
    time limit: a row each, the category chosen from the list and the time limit in words."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 2)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.
                                                           ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)
        self.table.setFixedHeight(self.fontMetrics().lineSpacing() * 6)
        self.table.itemChanged.connect(lambda _item: emit(self.edited))
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_row)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([tr("Category of data"), tr("Time limit")])
        self.table.setAccessibleName(tr("Time limits per category of data"))
        self.add_button.setText(tr("Add time limit"))
        self.add_button.setAccessibleName(tr("Add time limit"))
        self.remove_button.setText(tr("Remove time limit"))
        self.remove_button.setAccessibleName(tr("Remove time limit"))
        for row in range(self.table.rowCount()):
            self._category(row).retranslate()

    def _category(self, row: int) -> ChoiceField:
        widget = self.table.cellWidget(row, 0)
        assert isinstance(widget, ChoiceField)
        return widget

    def add_row(self, value: dict[str, Any] | None = None) -> None:
        value = value or {"category": "", "retention": ""}
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        category = ChoiceField("data_categories", codes.DATA_CATEGORIES, optional=True)
        category.setAccessibleName(tr("Category of data"))
        category.set_value(value.get("category"))
        category.edited.connect(self.edited)
        self.table.setCellWidget(row, 0, category)
        self.table.setItem(row, 1, QTableWidgetItem(value.get("retention", "")))
        self.table.blockSignals(False)
        emit(self.edited)

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            row = self.table.rowCount() - 1
        if row >= 0:
            self.table.removeRow(row)
            emit(self.edited)

    def value(self) -> Any:
        rows = []
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 1)
            rows.append({"category": self._category(r).currentData() or "",
                         "retention": item.text().strip() if item is not None else ""})
        return rows

    def set_value(self, value: Any) -> None:
        self.table.setRowCount(0)
        for row in value or ():
            self.add_row(row)
