"""The landing page: how much the register holds and what needs attention now, most urgent first.

Each line of the attention list opens its record (Enter or double click). Urgency is said in
words and shown with an icon, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore  # QtCore.Qt: see models.DISPLAY_ROLE
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from privdesk.domain.errors import N_
from privdesk.gui.language import gettext_function, tr
from privdesk.gui.pages import Snapshot, everything
from privdesk.gui.signals import emit

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyle

    # Loaded when the page first shows a register (after the window's first paint when the
    # window opens on another page): the deadlines, the welcome and the workflow helpers.
    from privdesk.domain import attention as att
    from privdesk.domain import records as rec
    from privdesk.gui.welcome import WelcomePanel


def urgency_names() -> dict[int, str]:
    """The words for each urgency of ``attention`` (msgids)."""
    from privdesk.domain import attention as att

    return {
        att.BREACH: N_("Breach clock"),
        att.OVERDUE: N_("Overdue"),
        att.RUNNING: N_("Due within days"),
        att.SOON: N_("Due soon"),
        att.GAP: N_("Missing"),
    }


def _icons() -> dict[int, QStyle.StandardPixmap]:
    from PySide6.QtWidgets import QStyle

    from privdesk.domain import attention as att

    return {
        att.BREACH: QStyle.StandardPixmap.SP_MessageBoxCritical,
        att.OVERDUE: QStyle.StandardPixmap.SP_MessageBoxCritical,
        att.RUNNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
        att.SOON: QStyle.StandardPixmap.SP_MessageBoxWarning,
        att.GAP: QStyle.StandardPixmap.SP_MessageBoxInformation,
    }

COUNT_TEXTS = (
    ("activities", N_("Processing activities: {count}")),
    ("processors", N_("Processors: {count}")),
    ("open_incidents", N_("Open incidents: {count}")),
    ("open_requests", N_("Open access requests: {count}")),
)


class OverviewPage(QWidget):
    """The register at a glance; ``open_record(kind, ref)`` when the DPO opens a line."""

    selection_changed = Signal()
    open_record = Signal(str, str)
    first_step = Signal(str)  # a step of the welcome's checklist (welcome.STEPS)

    def __init__(self, now: Callable[[], datetime] = lambda: datetime.now(UTC),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = "overview"
        self.title = N_("Overview")
        self.record_actions: frozenset[str] = frozenset()  # its lines open other pages
        self.now = now
        self.items: list[att.Item] = []
        self._register: rec.Register | None = None
        self._due: tuple[Any, ...] = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.organisation = QLabel()  # large and bold (``_build``), a link (``show_register``)
        self.organisation.linkActivated.connect(lambda step: emit(self.first_step, step))
        layout.addWidget(self.organisation)
        # While the register is empty: the welcome and its checklist (built with the first
        # register shown, ``_build_welcome``).
        self._welcome: WelcomePanel | None = None
        self.layout_ = layout
        # One list for the counts and the items: a screen reader reads the page in one go.
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(1)
        self.list.itemActivated.connect(self._activate)
        self.list.currentRowChanged.connect(lambda _row: emit(self.selection_changed))
        self.setFocusProxy(self.list)
        layout.addWidget(self.list, 1)
        self.hint = QLabel()
        layout.addWidget(self.hint)
        self.retranslate()

    @property
    def view(self) -> QListWidget:
        return self.list

    @property
    def welcome(self) -> WelcomePanel:
        """The welcome and its checklist, shown while the register is empty."""
        if self._welcome is None:
            from privdesk.gui.welcome import WelcomePanel

            welcome = WelcomePanel()
            welcome.step.connect(lambda step: emit(self.first_step, step))
            welcome.setVisible(False)
            self.layout_.insertWidget(1, welcome)
            self._welcome = welcome
            welcome.retranslate()
            self._name_controls()
        return self._welcome

    def _name_controls(self) -> None:
        from privdesk.gui.workflow import name_controls

        name_controls(self)

    # ------------------------------------------------------------ the page interface

    def widget(self) -> QWidget:
        return self

    def retranslate(self) -> None:
        self.list.setAccessibleName(tr("Overview"))
        self.hint.setText(tr("Press Enter or double-click a line to open the record."))
        if self._welcome is not None:
            self._welcome.retranslate()
        if self._register is not None or self._welcome is not None:
            self._name_controls()  # (the first ``show_register`` names them first)
        if self._register is not None:
            self.show_register(Snapshot(self._register, due=self._due), everything())

    def shown_count(self) -> tuple[int, int] | None:
        return None  # the overview counts every kind in its own lines

    def current_ref(self) -> str | None:
        return None  # a line names a record of another page (``target``)

    def select(self, ref: str) -> None:
        """The overview lists no records of its own: nothing to choose."""

    def open_current(self) -> None:
        line = self.list.currentItem()
        if line is not None:
            self._activate(line)

    def columns_menu(self, parent: QWidget) -> QMenu | None:
        return None

    def _header(self, text: str, bold: bool = True) -> None:
        line = QListWidgetItem(text, self.list)
        line.setFlags(QtCore.Qt.ItemFlag.ItemIsEnabled)
        font = line.font()
        font.setBold(bold)
        line.setFont(font)

    def show_register(self, snapshot: Snapshot, changed: frozenset[str] | None = None) -> None:
        """Show the register at the page's ``now`` (every change concerns the overview)."""
        import html

        from privdesk.domain import attention as att
        from privdesk.domain.kinds import zone_for
        from privdesk.gui.workflow import value_text

        first = self._register is None
        register = self._register = snapshot.register
        self._due = snapshot.due
        moment = self.now()
        organisation = register.organisation
        self.organisation.setText(
            html.escape(organisation.name) if organisation else
            tr("No organisation recorded.") + ' <a href="organisation">'
            + html.escape(tr("Record your school")) + "</a>")
        self.organisation.setTextFormat(QtCore.Qt.TextFormat.RichText)
        # "Record your school" is a link while there is none (Tab reaches it, Enter follows it).
        self.organisation.setTextInteractionFlags(
            QtCore.Qt.TextInteractionFlag.LinksAccessibleByMouse
            | QtCore.Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.organisation.setAccessibleName(
            organisation.name if organisation else
            tr("No organisation recorded.") + " " + tr("Record your school"))
        self.welcome.show_organisation(organisation)
        self.welcome.setVisible(not (register.activities or register.processors
                                     or register.incidents or register.requests))
        counts = att.counts(register)
        self.items = sorted(att.attention(register, moment) + att.retention_items(snapshot.due),
                            key=att.Item.sort_key)
        self.list.clear()
        for key, msgid in COUNT_TEXTS:
            self._header(tr(msgid, count=getattr(counts, key)), bold=False)
        self._header("")
        self._header(tr("Needs attention ({count})", count=len(self.items)))
        gettext = gettext_function()
        style = self.style()
        zone = zone_for(organisation.country if organisation else None)
        names, icons = urgency_names(), _icons()
        for item in self.items:
            urgency = tr(names[item.urgency])
            text = item.render(gettext, lambda value: value_text(value, zone))
            line = QListWidgetItem(style.standardIcon(icons[item.urgency]),
                                   f"{urgency}: {text}", self.list)
            line.setData(QtCore.Qt.ItemDataRole.UserRole, (item.kind, item.ref))
            line.setData(QtCore.Qt.ItemDataRole.AccessibleTextRole, f"{urgency}: {text}")
            if item.urgency in (att.BREACH, att.OVERDUE):
                font = line.font()
                font.setBold(True)
                line.setFont(font)
        if not self.items:
            self._header(tr("Nothing needs attention."), bold=False)
        else:
            self.list.setCurrentRow(len(COUNT_TEXTS) + 2)  # the most urgent item
        if first:
            self._build()

    def _build(self) -> None:
        """What the page needs once it shows a register (QFont loads here, after the first
        paint when the window opens on a list)."""
        font = self.organisation.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.organisation.setFont(font)
        self._name_controls()

    def set_filter(self, text: str) -> None:
        """Hide the items that do not contain every typed word (the counts stay)."""
        words = text.casefold().split()
        for row in range(self.list.count()):
            line = self.list.item(row)
            if line.data(QtCore.Qt.ItemDataRole.UserRole):
                folded = line.text().casefold()
                line.setHidden(not all(w in folded for w in words))

    def _activate(self, line: QListWidgetItem) -> None:
        target = line.data(QtCore.Qt.ItemDataRole.UserRole)
        if target:
            emit(self.open_record, str(target[0]), str(target[1]))

    def target(self) -> tuple[str, str] | None:
        line = self.list.currentItem()
        found: Any = line.data(QtCore.Qt.ItemDataRole.UserRole) if line is not None else None
        return (str(found[0]), str(found[1])) if found else None

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]
