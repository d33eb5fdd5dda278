"""The landing page: how much the register holds and what needs attention now, most urgent first.

Each line of the attention list opens its record (Enter or double click). Urgency is said in
words and shown with an icon, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from privdesk.domain import attention as att
from privdesk.domain import records as rec
from privdesk.domain.errors import N_
from privdesk.domain.incidents import time_zone
from privdesk.gui.language import gettext_function, tr
from privdesk.gui.signals import emit
from privdesk.gui.workflow import name_controls, value_text

URGENCY_NAMES = {
    att.BREACH: N_("Breach clock"),
    att.OVERDUE: N_("Overdue"),
    att.RUNNING: N_("Due within days"),
    att.SOON: N_("Due soon"),
    att.GAP: N_("Missing"),
}
_ICONS = {
    att.BREACH: QStyle.StandardPixmap.SP_MessageBoxCritical,
    att.OVERDUE: QStyle.StandardPixmap.SP_MessageBoxCritical,
    att.RUNNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    att.SOON: QStyle.StandardPixmap.SP_MessageBoxWarning,
    att.GAP: QStyle.StandardPixmap.SP_MessageBoxInformation,
}
COUNT_TEXTS = (
    ("activities", N_("Processing activities")),
    ("processors", N_("Processors")),
    ("open_incidents", N_("Open incidents")),
    ("open_requests", N_("Open access requests")),
)


class OverviewPage(QWidget):
    """The register at a glance; ``open_record(kind, ref)`` when the DPO opens a line."""

    activated = Signal()
    open_record = Signal(str, str)

    def __init__(self, now: Callable[[], datetime] = lambda: datetime.now(UTC),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = "overview"
        self.now = now
        self.items: list[att.Item] = []
        layout = QVBoxLayout(self)
        self.organisation = QLabel()
        font = self.organisation.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.organisation.setFont(font)
        layout.addWidget(self.organisation)
        counts = QGridLayout()
        self.count_values: dict[str, QLabel] = {}
        self.count_labels: dict[str, QLabel] = {}
        for column, (key, _msgid) in enumerate(COUNT_TEXTS):
            frame = QFrame()
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            box = QVBoxLayout(frame)
            value = QLabel("0")
            value_font = value.font()
            value_font.setPointSizeF(value_font.pointSizeF() * 2)
            value_font.setBold(True)
            value.setFont(value_font)
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            box.addWidget(value)
            box.addWidget(label)
            counts.addWidget(frame, 0, column)
            self.count_values[key] = value
            self.count_labels[key] = label
        layout.addLayout(counts)
        self.heading = QLabel()
        heading_font = self.heading.font()
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        layout.addWidget(self.heading)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._activate)
        layout.addWidget(self.list, 1)
        self.hint = QLabel()
        layout.addWidget(self.hint)
        self.retranslate()

    def retranslate(self) -> None:
        for key, msgid in COUNT_TEXTS:
            self.count_labels[key].setText(tr(msgid))
            self.count_values[key].setAccessibleName(tr(msgid))
        self.list.setAccessibleName(tr("What needs attention"))
        self.hint.setText(tr("Press Enter or double-click a line to open the record."))
        name_controls(self)

    def show_register(self, register: rec.Register, today: date | None = None,
                      now: datetime | None = None) -> None:
        """Show ``register`` at ``now`` (``today`` is accepted for the window's call)."""
        moment = now or self.now()
        organisation = register.organisation
        self.organisation.setText(organisation.name if organisation else
                                  tr("No organisation recorded"))
        counts = att.counts(register)
        for key, _msgid in COUNT_TEXTS:
            self.count_values[key].setText(str(getattr(counts, key)))
        self.items = att.attention(register, moment)
        self.heading.setText(tr("Needs attention ({count})", count=len(self.items)))
        self.list.clear()
        gettext = gettext_function()
        style = self.style()
        zone = time_zone(organisation.country if organisation else None)
        for item in self.items:
            urgency = tr(URGENCY_NAMES[item.urgency])
            text = item.render(gettext, lambda value: value_text(value, zone))
            line = QListWidgetItem(style.standardIcon(_ICONS[item.urgency]),
                                   f"{urgency}: {text}", self.list)
            line.setData(Qt.ItemDataRole.UserRole, (item.kind, item.ref))
            line.setData(Qt.ItemDataRole.AccessibleTextRole, f"{urgency}: {text}")
            if item.urgency in (att.BREACH, att.OVERDUE):
                font = line.font()
                font.setBold(True)
                line.setFont(font)
        if not self.items:
            QListWidgetItem(tr("Nothing needs attention."), self.list)
        else:
            self.list.setCurrentRow(0)

    def _activate(self, line: QListWidgetItem) -> None:
        target = line.data(Qt.ItemDataRole.UserRole)
        if target:
            emit(self.open_record, str(target[0]), str(target[1]))
            emit(self.activated)

    def target(self) -> tuple[str, str] | None:
        line = self.list.currentItem()
        found: Any = line.data(Qt.ItemDataRole.UserRole) if line is not None else None
        return (str(found[0]), str(found[1])) if found else None

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]
