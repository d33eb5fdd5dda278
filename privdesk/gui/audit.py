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

Index = QModelIndex | QPersistentModelIndex
ACTIONS = {"create": N_("Created"), "update": N_("Changed"), "delete": N_("Deleted")}
HEADERS = (N_("When"), N_("Who"), N_("What"), N_("Field"), N_("Before"), N_("After"))
# Field names of the trail in words (the same msgids as the lists' column titles).
FIELD_TITLES = {
    "name": N_("Name"), "title": N_("Title"), "role": N_("Role"), "status": N_("Status"),
    "purposes": N_("Purposes"), "legal_bases": N_("Legal bases"),
    "subjects": N_("Data subjects"), "data_categories": N_("Categories of data"),
    "processors": N_("Processors"), "retention": N_("Retention"), "systems": N_("Systems"),
    "owner": N_("Owner"), "review_due": N_("Review due"), "country": N_("Country"),
    "services": N_("Services"), "data_locations": N_("Data stored in"),
    "dpa": N_("Processor agreement"),
}


def field_title(name: str | None) -> str:
    if not name:
        return ""
    msgid = FIELD_TITLES.get(name)
    return tr(msgid) if msgid else name.replace("_", " ")


def summary(entry: rec.AuditEntry) -> tuple[str, str]:
    """Before and after of an entry; a created or deleted record is named, not dumped."""
    if entry.field is None and isinstance(entry.before or entry.after, dict):
        record = entry.before or entry.after
        name = record.get("name") or record.get("title") or ""
        text = f"{record.get('ref', '')} {name}".strip()
        return (text, "") if entry.action == "delete" else ("", text)
    return shown(entry.before), shown(entry.after)


def shown(value: Any) -> str:
    """A value of the trail as short readable text (lists joined, objects as JSON)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 200 else text[:197] + "…"


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
            Column("before", HEADERS[4], lambda e: summary(e)[0]),
            Column("after", HEADERS[5], lambda e: summary(e)[1]),
        ]
        super().__init__(columns, parent)
        self.set_records(list(reversed(entries)))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.UserRole:
            return None  # audit entries have no ref
        return super().data(index, role)


class AuditDialog(QDialog):
    """The history of one record."""

    def __init__(self, kind_title: str, ref: str, entries: Sequence[rec.AuditEntry],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("History of {ref}", ref=ref))
        layout = QVBoxLayout(self)
        heading = QLabel(tr("{kind} {ref}: every change, newest first", kind=kind_title,
                            ref=ref))
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.model = AuditModel(entries, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(tr("History of {ref}", ref=ref))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.resizeColumnsToContents()
        for column in (4, 5):
            self.view.setColumnWidth(column, min(self.view.columnWidth(column), 260))
        layout.addWidget(self.view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 480)
