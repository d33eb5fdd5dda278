"""A record's history from the audit trail: who changed what, when, from what to what."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from privdesk.domain import records as rec
from privdesk.domain.errors import N_
from privdesk.gui.formatting import format_moment
from privdesk.gui.language import tr
from privdesk.gui.models import RecordTableModel
from privdesk.gui.values import field_title, shortened, value_text

Index = QModelIndex | QPersistentModelIndex
ACTIONS = {"create": N_("Created"), "update": N_("Changed"), "delete": N_("Deleted"),
           "erase": N_("Erased"), "replace": N_("Replaced the register")}
HEADERS = (N_("When"), N_("Who"), N_("What"), N_("Field"), N_("Before"), N_("After"))
RAW = N_("As stored: {value}")


def summary(entry: rec.AuditEntry) -> tuple[str, str]:
    """Before and after of an entry in words (codes as labels, dates in the language's form,
    lists joined); a created or deleted record is named, not dumped; an erasure (a tombstone)
    says why and how many records went."""
    if entry.action == "erase" and isinstance(entry.after, dict):
        from privdesk.domain.retention import removed_text
        from privdesk.gui.language import gettext_function

        what = removed_text(entry.after.get("removed") or {}, gettext_function())
        reason = str(entry.after.get("reason") or "")
        return ("", f"{entry.ref}: {reason} ({what})" if what else f"{entry.ref}: {reason}")
    if entry.field is None and isinstance(entry.before or entry.after, dict):
        record = entry.before or entry.after
        name = record.get("name") or record.get("title") or ""
        text = f"{record.get('ref', '')} {name}".strip()
        return (text, "") if entry.action == "delete" else ("", text)
    return (value_text(entry.before, entry.field, entry.kind),
            value_text(entry.after, entry.field, entry.kind))


def raw(value: Any) -> str:
    """A value of the trail as it is stored (JSON), for the DPO who needs the exact data."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def details(entry: rec.AuditEntry) -> str:
    """An entry in full: ``Field: old → new`` in words, then the values as stored."""
    before, after = summary(entry)
    what = field_title(entry.field) or tr(ACTIONS.get(entry.action, entry.action))
    lines = [f"{what}: {before} → {after}" if before and after else f"{what}: {before or after}"]
    if entry.field is not None:
        stored = " → ".join((raw(entry.before), raw(entry.after)))
        lines += [tr(RAW, value=stored)]
    return "\n".join(lines)


class AuditModel(RecordTableModel):
    """The entries of the trail, newest first; the same fast model as the lists."""

    def __init__(self, entries: Sequence[rec.AuditEntry], parent: Any = None) -> None:
        from privdesk.gui.models import Column

        columns = [
            Column("at", HEADERS[0], lambda e: format_moment(e.at),
                   value=lambda e: e.at.timestamp()),
            Column("actor", HEADERS[1], lambda e: e.actor),
            Column("action", HEADERS[2], lambda e: tr(ACTIONS.get(e.action, e.action))),
            Column("field", HEADERS[3], lambda e: field_title(e.field)),
            Column("before", HEADERS[4], lambda e: shortened(summary(e)[0])),
            Column("after", HEADERS[5], lambda e: shortened(summary(e)[1])),
        ]
        super().__init__(columns, parent)
        self.set_records(list(reversed(entries)))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.UserRole:
            return None  # audit entries have no ref
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return details(self.entry(index.row()))
        return super().data(index, role)

    def entry(self, row: int) -> rec.AuditEntry:
        return self._records[self._rows[row]]  # type: ignore[no-any-return]


class AuditDialog(QDialog):
    """The history of one record."""

    def __init__(self, kind_title: str, ref: str, entries: Sequence[rec.AuditEntry],
                 parent: QWidget | None = None, title: str | None = None,
                 heading_text: str | None = None) -> None:
        super().__init__(parent)
        title = title or tr("History of {ref}", ref=ref)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        heading = QLabel(heading_text or tr("{kind} {ref}: every change, newest first",
                                            kind=kind_title, ref=ref))
        self.heading = heading
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.model = AuditModel(entries, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(title)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.resizeColumnsToContents()
        for column in (4, 5):  # before and after share what is left, without scrolling
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.view)
        # The selected change in full, with its values as stored.
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.details.setAccessibleName(tr("The selected change in full"))
        layout.addWidget(self.details)
        self.view.selectionModel().currentRowChanged.connect(self._show_details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 480)
        if self.model.rowCount():
            self.view.selectRow(0)

    def _show_details(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.details.setText(details(self.model.entry(current.row())) if current.isValid()
                             else "")
