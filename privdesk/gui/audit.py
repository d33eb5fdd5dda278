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
# Field names of the trail in words: the editors' labels (same msgids), without "&" and ":".
FIELD_TITLES = {
    "ref": N_("&Reference:"), "name": N_("&Name:"), "role": N_("Ro&le:"),
    "status": N_("S&tatus:"), "purposes": N_("&Purposes:"), "owner": N_("&Owner:"),
    "review_due": N_("Re&view due:"), "legal_bases": N_("Legal &bases:"),
    "legal_basis_note": N_("Basis in &law:"),
    "special_conditions": N_("&Special categories (Art. 9/10):"),
    "joint_controllers": N_("&Joint controllers:"),
    "controllers": N_("&Controllers (when we process for them):"),
    "subjects": N_("Data &subjects:"), "data_categories": N_("&Categories of data:"),
    "data_items": N_("Data &items:"), "source": N_("So&urce:"), "systems": N_("S&ystems:"),
    "automated_decisions": N_("&Automated decisions:"), "recipients": N_("&Recipients:"),
    "processors": N_("&Processors:"), "transfers": N_("&Transfers outside the EEA:"),
    "retention": N_("&Retention:"), "retention_period": N_("Retention &period:"),
    "security": N_("&Security measures:"), "dpia": N_("DPIA"),
    "org_number": N_("&Organisation number:"), "country": N_("&Country:"),
    "parent": N_("Engaged &by:"), "services": N_("&Services:"),
    "data_locations": N_("&Data stored in:"), "certifications": N_("Cer&tifications:"),
    "contact": N_("Con&tact:"), "policy_url": N_("Privacy &policy:"),
    "dpa": N_("Processor agreement"), "title": N_("Title"),
}


def field_title(name: str | None) -> str:
    if not name:
        return ""
    msgid = FIELD_TITLES.get(name)
    if msgid is None:
        return name.replace("_", " ")
    return tr(msgid).replace("&", "").rstrip(":").strip()


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
