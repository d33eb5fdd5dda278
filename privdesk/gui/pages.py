"""The pages of the main window: the interface every page presents, and the register's lists.

The window builds its navigation from a list of pages. When a change arrives it reads what
changed once (a ``Snapshot``) and hands that to every page, which shows what concerns it; no
page reads the register on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from PySide6 import QtCore  # QtCore.Qt only after the first paint: see models.DISPLAY_ROLE
from PySide6.QtCore import QPoint, Signal, SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from privdesk.domain import kinds
from privdesk.domain import records as rec
from privdesk.domain.errors import N_
from privdesk.gui import formatting, settings
from privdesk.gui.language import current, tr
from privdesk.gui.models import REF_ROLE, Column, ProcessorTreeModel, RecordTableModel, TreeFilter
from privdesk.gui.signals import emit

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

# The window's actions on a page's chosen record; a page names those that apply to it.
NEW, OPEN, DELETE, HISTORY = "new", "open", "delete", "history"
# A change to the organisation (the controller), as the services name it.
ORGANISATION = "organisation"


# What an empty list says to do (the first run, or a register emptied).
EMPTY_HINTS = {
    "activities": N_("No processing activities yet. Press New (Ctrl+N) to add the first, or "
                     "bring in a workbook with File → Import ROPA…"),
    "processors": N_("No processors yet. Press New (Ctrl+N) to add a vendor, or let "
                     "File → Review policy… read its privacy policy."),
}


def empty_hint() -> QLabel:
    """The line above an empty list (hidden while the list holds records)."""
    hint = QLabel()
    hint.setWordWrap(True)
    hint.setVisible(False)
    return hint


def everything() -> frozenset[str]:
    """Every kind of change: the organisation and each kind of record."""
    return frozenset((ORGANISATION, *kinds.names()))


@dataclass(frozen=True)
class Snapshot:
    """The register as the window last read it, and the version each record was read at
    (``versions[kind][ref]``: what an edit of it is based on)."""

    register: rec.Register = field(default_factory=rec.Register)
    versions: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    # The closed records and kept documents past their retention period (retention.Due).
    due: tuple[Any, ...] = ()


class Page(Protocol):
    """One part of the register in the window's navigation."""

    name: str  # the settings key, and the kind of record the page lists (if it lists one)
    title: str  # untranslated: the navigation's and the View menu's text
    record_actions: frozenset[str]  # which of NEW, OPEN, DELETE, HISTORY apply here

    @property
    def selection_changed(self) -> SignalInstance:
        """The record the DPO chose here changed (the window's actions follow)."""

    @property
    def open_record(self) -> SignalInstance:
        """``(kind, ref)``: the DPO opened a record (Enter or double click)."""

    def widget(self) -> QWidget:
        """What the window shows for the page."""

    def show_register(self, snapshot: Snapshot, changed: frozenset[str]) -> None:
        """Show ``snapshot``; ``changed`` names what changed since the last one."""

    def retranslate(self) -> None:
        """Every text of the page in the current language."""

    def set_filter(self, text: str) -> None:
        """Show only what contains every word of the window's search field."""

    def shown_count(self) -> tuple[int, int] | None:
        """Records shown and records in all; None for a page that lists no records."""

    def current_ref(self) -> str | None:
        """The chosen record of the page's own kind."""

    def select(self, ref: str) -> None:
        """Choose the record ``ref`` (nothing if the page does not show it)."""

    def open_current(self) -> None:
        """Open what is chosen, as Enter does (``open_record``)."""

    def columns_menu(self, parent: QWidget) -> QMenu | None:
        """The choice of columns to show; None for a page without columns."""


class ListPage(QWidget):
    """One kind of record as a sortable, filterable table with a choice of columns.

    ``columns`` makes the columns from the register (they may show other kinds' records, named
    in ``shows``); the rows are the register's records of the kind ``name``.
    """

    selection_changed = Signal()
    open_record = Signal(str, str)

    def __init__(self, name: str, columns: Callable[[rec.Register], list[Column]],
                 shows: frozenset[str], window_settings: settings.Settings) -> None:
        super().__init__()
        self.name = name
        self.title = kinds.kind(name).plural
        self.record_actions = frozenset((NEW, OPEN, DELETE, HISTORY))
        self.make_columns = columns
        self.shows = shows | {name}
        self.settings = window_settings
        self._sized = ""  # the language and date form the widths were fitted for
        self.model = RecordTableModel(columns(rec.Register()), self)
        self.view = QTableView()
        # The view takes the model while it has no columns, and its header reads the titles
        # from a model of Qt's own: Qt then calls no Python ``headerData`` before the first
        # paint, which would build PySide6's whole ``Qt`` namespace (``models.DISPLAY_ROLE``).
        shown, self.model.columns = self.model.columns, []
        self.view.setModel(self.model)
        self.view.horizontalHeader().setModel(self.model.titles)
        self.model.set_columns(shown)
        self.model.sort_by(0)  # by reference; a click on a title sorts once ``finish`` has run
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.setTabKeyNavigation(False)
        vertical = self.view.verticalHeader()
        vertical.setVisible(False)
        # Uniform rows: a reset with 100,000 rows must not measure each one.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionsMovable(True)
        self.view.activated.connect(lambda _index: self.open_current())
        self.view.selectionModel().currentChanged.connect(
            lambda _now, _before: emit(self.selection_changed))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.empty = empty_hint()
        layout.addWidget(self.empty)
        layout.addWidget(self.view)
        self.setFocusProxy(self.view)
        saved = self.settings.get(settings.hidden_columns(name))
        if saved:
            self.model.set_hidden({k for k in saved.split(",") if k} - {"ref", "name"})
        self._apply_hidden()

    def finish(self) -> None:
        """What the first paint does without (it would build PySide6's ``Qt`` namespace, see
        ``models.DISPLAY_ROLE``): sorting by a click on a title, its arrow, the titles' menu."""
        if self.view.isSortingEnabled():
            return
        column, descending = self.model.sort_key()
        header = self.view.horizontalHeader()
        header.setSortIndicator(column, QtCore.Qt.SortOrder.DescendingOrder if descending
                                else QtCore.Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)  # sorts as the arrow says: as the rows already are
        header.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.column_menu)

    # ------------------------------------------------------------ the page interface

    def widget(self) -> QWidget:
        return self

    def show_register(self, snapshot: Snapshot, changed: frozenset[str]) -> None:
        if changed & self.shows:
            register = snapshot.register
            self.set_records(list(getattr(register, self.name)), self.make_columns(register))

    def retranslate(self) -> None:
        self.view.setAccessibleName(tr(self.title))
        self.empty.setText(tr(EMPTY_HINTS[self.name]) if self.name in EMPTY_HINTS else "")

    def open_current(self) -> None:
        ref = self.current_ref()
        if ref is not None:
            emit(self.open_record, self.name, ref)

    def _apply_hidden(self) -> None:
        hidden = self.model.hidden()
        for i, column in enumerate(self.model.columns):
            self.view.setColumnHidden(i, column.key in hidden)

    def column_menu(self, position: QPoint) -> None:
        menu = self.columns_menu(self)
        menu.exec(self.view.horizontalHeader().mapToGlobal(position))

    def columns_menu(self, parent: QWidget) -> QMenu:
        """Tick the columns to show (the reference and the name always show)."""
        menu = QMenu(tr("Columns"), parent)
        hidden = self.model.hidden()
        for column in self.model.columns:
            action = menu.addAction(tr(column.title))
            action.setCheckable(True)
            action.setChecked(column.key not in hidden)
            action.setEnabled(column.key not in ("ref", "name", "title"))
            action.toggled.connect(lambda on, key=column.key: self.show_column(key, on))
        return menu

    def show_column(self, key: str, shown: bool) -> None:
        hidden = self.model.hidden()
        if shown:
            hidden.discard(key)
        else:
            hidden.add(key)
        self.model.set_hidden(hidden)
        self._apply_hidden()
        self.settings.set(settings.hidden_columns(self.name), ",".join(sorted(hidden)))

    def set_records(self, records: list[Any], columns: list[Any] | None = None) -> None:
        ref = self.current_ref()
        if columns is not None:
            self.model.set_columns(columns)
        self.model.set_records(records)
        self.empty.setVisible(not records and self.name in EMPTY_HINTS)
        self._apply_hidden()
        if records and self._sized != self._fit_key():
            self._fit_columns()  # again in a new language or date form: widths differ
        self.select(ref)

    @staticmethod
    def _fit_key() -> str:
        return f"{current()}/{formatting.loaded()}"

    def _fit_columns(self) -> None:
        """Widths that fit the first rows, within reason (the DPO can drag them after)."""
        self._sized = self._fit_key()
        header = self.view.horizontalHeader()
        header.setResizeContentsPrecision(50)
        self.view.resizeColumnsToContents()
        char = self.fontMetrics().averageCharWidth()
        for i, column in enumerate(self.model.columns):
            widest = char * (40 if column.key in ("name", "title") else 22)
            self.view.setColumnWidth(i, min(max(self.view.columnWidth(i), 60), widest))

    def set_filter(self, text: str) -> None:
        ref = self.current_ref()
        self.model.set_filter(text)
        self.select(ref)

    def current_ref(self) -> str | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        ref = self.model.data(index, REF_ROLE)
        return str(ref) if ref is not None else None

    def select(self, ref: str | None) -> None:
        row = self.model.row_of(ref) if ref is not None else -1
        if row >= 0:
            self.view.selectRow(row)
            self.view.setCurrentIndex(self.model.index(row, 0))

    def shown_count(self) -> tuple[int, int]:
        return self.model.rowCount(), len(self.model.all_records())


class ActivityPage(ListPage):
    """The activities, with the DPIA screening of the selected one a button away."""

    screen_dpia = Signal(object)  # the selected activity's ref, or None

    def __init__(self, columns: Callable[[rec.Register], list[Column]],
                 shows: frozenset[str], window_settings: settings.Settings) -> None:
        super().__init__("activities", columns, shows, window_settings)
        row = QHBoxLayout()
        self.screen_button = QPushButton()
        self.screen_button.clicked.connect(lambda: emit(self.screen_dpia, self.current_ref()))
        self.screen_button.setEnabled(False)
        row.addWidget(self.screen_button)
        row.addStretch(1)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(0, row)
        self.selection_changed.connect(
            lambda: self.screen_button.setEnabled(self.current_ref() is not None))

    def retranslate(self) -> None:
        super().retranslate()
        self.screen_button.setText(tr("DPIA scree&ning…"))
        self.screen_button.setAccessibleName(tr("DPIA scree&ning…").replace("&", ""))
        self.screen_button.setToolTip(tr("Screen the selected activity: is a DPIA required, "
                                         "and why"))

    def set_records(self, records: list[Any], columns: list[Any] | None = None) -> None:
        super().set_records(records, columns)
        self.screen_button.setEnabled(self.current_ref() is not None)


class ProcessorPage(QWidget):
    """Processors as a tree: each processor with the subprocessors it engaged.

    ``columns`` makes the columns from the register (they show the activities using each one).
    """

    selection_changed = Signal()
    open_record = Signal(str, str)
    review_policy = Signal(object)  # the selected processor's ref, or None

    def __init__(self, columns: Callable[[rec.Register], list[Column]],
                 status: Callable[[Any], str],
                 window_settings: settings.Settings | None = None) -> None:
        super().__init__()
        self.name = "processors"
        self.title = kinds.kind(self.name).plural
        self.record_actions = frozenset((NEW, OPEN, DELETE, HISTORY))
        self.make_columns = columns
        self.settings = window_settings or settings.Settings()
        self._icons: dict[str, QIcon] = {}  # made by ``finish``
        self.model = ProcessorTreeModel(columns(rec.Register()), status, self._icons.get, self)
        self.proxy = TreeFilter(self)
        self.view = QTreeView()
        # As in ``ListPage``: no Python ``headerData`` before the first paint.
        shown, self.model.columns = self.model.columns, []
        self.proxy.setSourceModel(self.model)
        self.view.setModel(self.proxy)
        self.view.header().setModel(self.model.titles)
        self.model.set_records([], shown)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformRowHeights(True)
        self.view.activated.connect(lambda _index: self.open_current())
        self.view.selectionModel().currentChanged.connect(
            lambda _now, _before: emit(self.selection_changed))
        saved = self.settings.get(settings.hidden_columns(self.name))
        self._hidden = {k for k in saved.split(",") if k} - {"name"}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.empty = empty_hint()
        layout.addWidget(self.empty)
        # Policy review where the vendors are (it was only under File, issue 17); the findings
        # go into the selected processor unless the policy names another one in the register.
        row = QHBoxLayout()
        self.review_button = QPushButton()
        self.review_button.clicked.connect(lambda: emit(self.review_policy, self.current_ref()))
        row.addWidget(self.review_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.view)
        self.setFocusProxy(self.view)

    def finish(self) -> None:
        """What the window's first paint does without (the page is not on screen then, and
        Qt's enums would cost it tens of milliseconds, see ``models.DISPLAY_ROLE``): the
        agreement icons, sorting by a click on a title, the titles' menu."""
        if self.view.isSortingEnabled():
            return
        from PySide6.QtWidgets import QStyle

        sp = QStyle.StandardPixmap
        icons = {"missing": sp.SP_MessageBoxCritical, "expired": sp.SP_MessageBoxCritical,
                 "due": sp.SP_MessageBoxWarning, "ok": sp.SP_DialogApplyButton}
        self._icons.update({k: self.style().standardIcon(v) for k, v in icons.items()})
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, QtCore.Qt.SortOrder.AscendingOrder)
        header = self.view.header()
        header.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda position: self.columns_menu(self).exec(header.mapToGlobal(position)))

    # ------------------------------------------------------------ the page interface

    def widget(self) -> QWidget:
        return self

    def show_register(self, snapshot: Snapshot, changed: frozenset[str]) -> None:
        # The tree shows the activities that use each processor.
        if changed & {self.name, "activities"}:
            register = snapshot.register
            self.set_records(list(register.processors), self.make_columns(register))

    def retranslate(self) -> None:
        self.view.setAccessibleName(tr("Processors and their subprocessors"))
        self.empty.setText(tr(EMPTY_HINTS[self.name]))
        self.review_button.setText(tr("Review vendor's &policy…"))
        self.review_button.setAccessibleName(tr("Review vendor's &policy…").replace("&", ""))
        self.review_button.setToolTip(tr("Read a vendor's privacy policy and accept what it "
                                         "says into the selected processor"))

    def open_current(self) -> None:
        ref = self.current_ref()
        if ref is not None:
            emit(self.open_record, self.name, ref)

    def columns_menu(self, parent: QWidget) -> QMenu:
        """Tick the columns to show (the name always shows)."""
        menu = QMenu(tr("Columns"), parent)
        for column in self.model.columns:
            action = menu.addAction(tr(column.title))
            action.setCheckable(True)
            action.setChecked(column.key not in self._hidden)
            action.setEnabled(column.key != "name")
            action.toggled.connect(lambda on, key=column.key: self.show_column(key, on))
        return menu

    def show_column(self, key: str, shown: bool) -> None:
        if shown:
            self._hidden.discard(key)
        else:
            self._hidden.add(key)
        self._apply_hidden()
        self.settings.set(settings.hidden_columns(self.name), ",".join(sorted(self._hidden)))

    def _apply_hidden(self) -> None:
        for i, column in enumerate(self.model.columns):
            self.view.setColumnHidden(i, column.key in self._hidden)

    def set_records(self, records: list[Any], columns: list[Any] | None = None) -> None:
        ref = self.current_ref()
        self.model.set_records(records, columns)
        self.empty.setVisible(not records)
        self._apply_hidden()
        self.view.expandAll()
        for column in range(self.model.columnCount()):
            self.view.resizeColumnToContents(column)
        self.select(ref)

    def set_filter(self, text: str) -> None:
        self.proxy.set_filter(text)
        self.view.expandAll()

    def current_ref(self) -> str | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return str(self.proxy.data(index, REF_ROLE))

    def select(self, ref: str | None) -> None:
        if ref is None:
            return
        index = self.proxy.mapFromSource(self.model.index_of(ref))
        if index.isValid():
            self.view.setCurrentIndex(index)

    def shown_count(self) -> tuple[int, int]:
        total = len(self.model.all_records())
        shown = sum(1 for r in self.model.all_records()
                    if self.proxy.mapFromSource(self.model.index_of(r.ref)).isValid())
        return shown, total


__all__ = ["DELETE", "HISTORY", "NEW", "OPEN", "ListPage", "Page", "ProcessorPage", "Snapshot",
           "everything"]
