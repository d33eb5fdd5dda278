"""The main window: navigation, the lists of the register, search, menus, undo, status."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from privdesk.domain.errors import N_, UserError
from privdesk.gui import dialogs, formatting, settings
from privdesk.gui.columns import (
    activity_columns,
    agreement_status,
    incident_columns,
    processor_columns,
    request_columns,
    users_of_processors,
)
from privdesk.gui.commands import CreateRecord, DeleteRecord, UpdateRecord, execute
from privdesk.gui.language import ENDONYMS, current, set_language, tr
from privdesk.gui.models import REF_ROLE, ProcessorTreeModel, RecordTableModel, TreeFilter
from privdesk.gui.signals import emit
from privdesk.gui.workflow_pages import Workflows

if TYPE_CHECKING:
    # Loaded when first used, after the window's first paint: the services (SQLAlchemy),
    # the record classes and the interchange reader behind the editors.
    from privdesk.domain import records as rec
    from privdesk.gui.about import AboutDialog
    from privdesk.gui.audit import AuditDialog
    from privdesk.gui.editors import RecordEditor
    from privdesk.services import Change, RegisterService

PAGES = ("overview", "activities", "processors", "incidents", "requests")
PAGE_TITLES = {
    "overview": N_("Overview"),
    "activities": N_("Processing activities"),
    "processors": N_("Processors"),
    "incidents": N_("Incidents"),
    "requests": N_("Access requests"),
}
# Singular names of a record of each kind, for messages.
RECORD_NAMES = {
    "activities": N_("Processing activity"),
    "processors": N_("Processor"),
    "incidents": N_("Incident"),
    "requests": N_("Request"),
}
REF_PREFIXES = {"activities": "PA-", "processors": "VEN-"}


def next_ref(refs: list[str], prefix: str) -> str:
    """The next free ref of the usual form (PA-006 after PA-005)."""
    pattern = re.compile(re.escape(prefix) + r"(\d+)")
    numbers = [int(m.group(1)) for r in refs if (m := pattern.fullmatch(r))]
    return f"{prefix}{(max(numbers) + 1 if numbers else 1):03d}"


class ListPage(QWidget):
    """One kind of record as a sortable, filterable table with a choice of columns."""

    activated = Signal()

    def __init__(self, kind: str, columns: list[Any], window_settings: settings.Settings) -> None:
        super().__init__()
        self.kind = kind
        self.settings = window_settings
        self._sized = ""  # the language and date form the widths were fitted for
        self.model = RecordTableModel(columns, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
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
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.column_menu)
        self.view.activated.connect(lambda _index: emit(self.activated))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        saved = self.settings.get(settings.hidden_columns(kind))
        if saved:
            self.model.set_hidden({k for k in saved.split(",") if k} - {"ref", "name"})
        self._apply_hidden()

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
        self.settings.set(settings.hidden_columns(self.kind), ",".join(sorted(hidden)))

    def set_records(self, records: list[Any], columns: list[Any] | None = None) -> None:
        ref = self.current_ref()
        if columns is not None:
            self.model.set_columns(columns)
        self.model.set_records(records)
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


class ProcessorPage(QWidget):
    """Processors as a tree: each processor with the subprocessors it engaged."""

    activated = Signal()

    def __init__(self, columns: list[Any], status: Callable[[Any], str],
                 window_settings: settings.Settings | None = None) -> None:
        super().__init__()
        self.kind = "processors"
        self.settings = window_settings or settings.Settings()
        sp = QStyle.StandardPixmap
        icons = {"missing": sp.SP_MessageBoxCritical, "expired": sp.SP_MessageBoxCritical,
                 "due": sp.SP_MessageBoxWarning, "ok": sp.SP_DialogApplyButton}
        self._icons = {k: self.style().standardIcon(v) for k, v in icons.items()}
        self.model = ProcessorTreeModel(columns, status, self._icons.get, self)
        self.proxy = TreeFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTreeView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformRowHeights(True)
        self.view.activated.connect(lambda _index: emit(self.activated))
        header = self.view.header()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda position: self.columns_menu(self).exec(header.mapToGlobal(position)))
        saved = self.settings.get(settings.hidden_columns(self.kind))
        self._hidden = {k for k in saved.split(",") if k} - {"name"}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

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
        self.settings.set(settings.hidden_columns(self.kind), ",".join(sorted(self._hidden)))

    def _apply_hidden(self) -> None:
        for i, column in enumerate(self.model.columns):
            self.view.setColumnHidden(i, column.key in self._hidden)

    def set_records(self, records: list[Any], columns: list[Any] | None = None) -> None:
        ref = self.current_ref()
        self.model.set_records(records, columns)
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


class OverviewPage(QWidget):
    """The register at a glance: how much it holds and what needs attention."""

    activated = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.kind = "overview"
        self.list = QListWidget()
        self.list.itemActivated.connect(lambda _item: emit(self.activated))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        self._lines: list[tuple[str, str | None, str | None]] = []

    def show_register(self, register: rec.Register, today: date) -> None:
        lines: list[tuple[str, str | None, str | None]] = []
        organisation = register.organisation
        if organisation is not None:
            lines.append((organisation.name, None, None))
        counts = (
            (N_("Processing activities: {count}"), len(register.activities)),
            (N_("Processors: {count}"), len(register.processors)),
            (N_("Incidents: {count}"), len(register.incidents)),
            (N_("Access requests: {count}"), len(register.requests)),
        )
        lines.extend((tr(msgid, count=count), None, None) for msgid, count in counts)
        attention: list[tuple[str, str | None, str | None]] = []
        for activity in register.activities:
            if not activity.legal_bases:
                attention.append((tr("{ref} {name}: no legal basis", ref=activity.ref,
                                     name=activity.name), "activities", activity.ref))
            if not activity.retention and not activity.retention_period:
                attention.append((tr("{ref} {name}: no retention period", ref=activity.ref,
                                     name=activity.name), "activities", activity.ref))
            if activity.review_due is not None and activity.review_due < today:
                attention.append((tr("{ref} {name}: review was due {date}", ref=activity.ref,
                                     name=activity.name,
                                     date=formatting.format_date(activity.review_due)),
                                  "activities", activity.ref))
        for processor in register.processors:
            status = agreement_status(processor, today)
            if status == "missing":
                attention.append((tr("{ref} {name}: no processor agreement", ref=processor.ref,
                                     name=processor.name), "processors", processor.ref))
            elif status == "expired":
                attention.append((tr("{ref} {name}: the agreement's review was due {date}",
                                     ref=processor.ref, name=processor.name,
                                     date=formatting.format_date(processor.dpa.review_due)),
                                  "processors", processor.ref))
        open_incidents = [i for i in register.incidents if i.status == "open"]
        for incident in open_incidents:
            attention.append((tr("{ref} {title}: open incident", ref=incident.ref,
                                 title=incident.title), "incidents", incident.ref))
        for request in register.requests:
            if request.status in ("open", "extended"):
                attention.append((tr("{ref}: open request received {date}", ref=request.ref,
                                     date=formatting.format_date(request.received)),
                                  "requests", request.ref))
        lines.append(("", None, None))
        lines.append((tr("Needs attention ({count})", count=len(attention)), None, None))
        lines.extend(attention or [(tr("Nothing needs attention."), None, None)])
        self._lines = lines
        self.list.clear()
        for text, kind, ref in lines:
            item = QListWidgetItem(text, self.list)
            if kind is None:
                font = item.font()
                font.setBold(bool(text))
                item.setFont(font)
            else:
                item.setText("   " + text)
                item.setData(Qt.ItemDataRole.UserRole, (kind, ref))
                item.setData(Qt.ItemDataRole.AccessibleTextRole, text)

    def target(self) -> tuple[str, str] | None:
        item = self.list.currentItem()
        if item is None:
            return None
        found = item.data(Qt.ItemDataRole.UserRole)
        return (str(found[0]), str(found[1])) if found else None

    def texts(self) -> list[str]:
        return [text for text, _kind, _ref in self._lines]

    def set_filter(self, text: str) -> None:
        """Hide the lines that need attention but do not contain every typed word."""
        words = text.casefold().split()
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole):
                folded = item.text().casefold()
                item.setHidden(not all(w in folded for w in words))


class MainWindow(QMainWindow):
    """The DPO's desk: one register, its lists, and every edit undoable."""

    def __init__(self, service: RegisterService | None,
                 window_settings: settings.Settings | None = None,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self._service = service
        self.settings = window_settings or settings.Settings()
        self.today = today
        # How long a status message stays; tests set 0 so that no timer outlives them.
        self.message_ms = 6000
        self.undo_stack = QUndoStack(self)
        self.editor: RecordEditor | None = None
        self.history: AuditDialog | None = None
        self.about_dialog: AboutDialog | None = None
        # Bound methods, not lambdas: Qt drops the connection when the window goes, so the
        # stack's last signals while it is destroyed reach nothing.
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.undo_stack.indexChanged.connect(self._index_changed)
        self.organisation: rec.Organisation | None = None
        self._activities: list[rec.Activity] = []
        self._processors: list[rec.Processor] = []
        self._build_pages()
        self._build_actions()
        self._build_menus()
        # Issue 8: the overview, the incident and request workflows, File → Export/Import.
        self.workflows = Workflows(self)
        self.statusBar().setAccessibleName(tr("Status"))
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self.retranslate()
        self._restore_state()
        if service is not None:
            self.attach(service)

    @property
    def service(self) -> RegisterService:
        """The register the window shows (there is one once ``attach`` has run)."""
        if self._service is None:
            raise RuntimeError("the window has no register yet")
        return self._service

    def attach(self, service: RegisterService) -> None:
        """Show ``service``'s register (the window may be painted before it is opened)."""
        self._service = service
        self.undo_stack.clear()
        self.organisation = service.organisation()
        self.reload()
        for page in (self.activities, self.incidents, self.requests):
            if page.current_ref() is None and page.model.rowCount():
                page.select(page.model.record(0).ref)  # the keyboard can act at once
        self.workflows.attach(service)
        self._update_title()
        self._update_actions()

    # ------------------------------------------------------------ building

    def _build_pages(self) -> None:
        central = QWidget()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.navigation = QListWidget()
        self.navigation.setMaximumWidth(260)
        for _page in PAGES:
            QListWidgetItem("", self.navigation)
        self.navigation.currentRowChanged.connect(self.show_page)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        search_row = QHBoxLayout()
        self.search_label = QLabel()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search)
        self.search.textChanged.connect(self.apply_filter)
        search_row.addWidget(self.search_label)
        search_row.addWidget(self.search, 1)
        right_layout.addLayout(search_row)
        self.stack = QStackedWidget()
        self.overview = OverviewPage()
        self.activities = ListPage("activities", activity_columns({}), self.settings)
        self.processors = ProcessorPage(
            processor_columns(self.today(), {}),
            lambda p: agreement_status(p, self.today()), self.settings)
        self.incidents = ListPage("incidents", incident_columns(), self.settings)
        self.requests = ListPage("requests", request_columns(), self.settings)
        self.pages: dict[str, Any] = {
            "overview": self.overview, "activities": self.activities,
            "processors": self.processors, "incidents": self.incidents,
            "requests": self.requests,
        }
        for name in PAGES:
            self.stack.addWidget(self.pages[name])
            self.pages[name].activated.connect(self.edit_current)
        for page in (self.activities, self.processors, self.incidents, self.requests):
            page.view.selectionModel().currentChanged.connect(
                lambda _now, _before: self._update_actions())
        right_layout.addWidget(self.stack, 1)
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([200, 900])
        layout = QVBoxLayout(central)
        layout.addWidget(self.splitter)
        self.setCentralWidget(central)
        self.setTabOrder(self.navigation, self.search)

    def _icon(self, pixmap: QStyle.StandardPixmap) -> QIcon:
        return self.style().standardIcon(pixmap)

    def _action(self, slot: Callable[[], Any], shortcut: Any = None,
                icon: QStyle.StandardPixmap | None = None) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if icon is not None:
            action.setIcon(self._icon(icon))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        sp = QStyle.StandardPixmap
        key = QKeySequence.StandardKey
        self.new_action = self._action(self.new_record, key.New, sp.SP_FileIcon)
        self.edit_action = self._action(self.edit_current, QKeySequence("Ctrl+E"),
                                        sp.SP_FileDialogDetailedView)
        self.delete_action = self._action(self.delete_current, key.Delete, sp.SP_TrashIcon)
        self.save_action = self._action(self.save, key.Save, sp.SP_DialogSaveButton)
        self.history_action = self._action(self.show_history, QKeySequence("Ctrl+H"),
                                           sp.SP_FileDialogInfoView)
        self.find_action = self._action(self.focus_search, key.Find)
        self.quit_action = self._action(self.close, key.Quit)
        if not QKeySequence.keyBindings(key.Quit):  # some desktops define none: Ctrl+Q then
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.undo_action = self._action(self.undo_stack.undo, key.Undo, sp.SP_ArrowBack)
        self.redo_action = self._action(self.undo_stack.redo, key.Redo, sp.SP_ArrowForward)
        self.about_action = self._action(self.about)
        self.page_actions: list[QAction] = []
        for i, _page in enumerate(PAGES):
            self.page_actions.append(self._action(
                partial(self.navigation.setCurrentRow, i), QKeySequence(f"Ctrl+{i + 1}")))
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for language, name in ENDONYMS.items():
            action = QAction(name, self)
            action.setCheckable(True)
            action.setChecked(language == current())
            action.triggered.connect(lambda _c=False, lang=language: self.switch_language(lang))
            self.language_group.addAction(action)
            self.language_actions[language] = action
        toolbar = self.addToolBar("main")
        toolbar.setObjectName("main-toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for group in ((self.new_action, self.edit_action, self.delete_action),
                      (self.undo_action, self.redo_action), (self.history_action,)):
            if toolbar.actions():
                toolbar.addSeparator()
            toolbar.addActions(list(group))
        self.toolbar = toolbar

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([self.new_action, self.save_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addActions([self.undo_action, self.redo_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([self.edit_action, self.delete_action, self.history_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.find_action)
        self.view_menu = bar.addMenu("")
        self.view_menu.addActions(self.page_actions)
        self.view_menu.addSeparator()
        self.columns_action = self.view_menu.addAction("")
        self.columns_action.triggered.connect(self.choose_columns)
        self.settings_menu = bar.addMenu("")
        self.language_menu = self.settings_menu.addMenu("")
        self.language_menu.addActions(list(self.language_actions.values()))
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

    def retranslate(self) -> None:
        """Every text of the window in the current language (also after a switch)."""
        texts = {
            self.new_action: N_("&New…"), self.edit_action: N_("&Open…"),
            self.delete_action: N_("&Delete"), self.save_action: N_("&Save"),
            self.history_action: N_("&History…"), self.find_action: N_("&Find"),
            self.quit_action: N_("&Quit"), self.undo_action: N_("&Undo"),
            self.redo_action: N_("&Redo"), self.about_action: N_("&About privdesk"),
            self.columns_action: N_("&Columns…"),
        }
        for action, msgid in texts.items():
            action.setText(tr(msgid))
            action.setToolTip(tr(msgid).replace("&", "").replace("…", ""))
        helps = {
            self.new_action: N_("Add a new record to this list"),
            self.edit_action: N_("Open the selected record in the editor"),
            self.delete_action: N_("Delete the selected record (you can undo it)"),
            self.save_action: N_("Every change is saved as you make it; this marks the point"),
            self.history_action: N_("Show who changed the selected record, and when"),
        }
        for action, msgid in helps.items():
            action.setStatusTip(tr(msgid))
        for i, page in enumerate(PAGES):
            title = tr(PAGE_TITLES[page])
            self.page_actions[i].setText(title)
            self.navigation.item(i).setText(title)
        self.file_menu.setTitle(tr("&File"))
        self.edit_menu.setTitle(tr("&Edit"))
        self.view_menu.setTitle(tr("&View"))
        self.settings_menu.setTitle(tr("&Settings"))
        self.language_menu.setTitle(tr("&Language"))
        self.help_menu.setTitle(tr("&Help"))
        self.toolbar.setWindowTitle(tr("Tool bar"))
        self.toolbar.setAccessibleName(tr("Tool bar"))
        self.navigation.setAccessibleName(tr("Parts of the register"))
        self.search_label.setText(tr("&Search:"))
        self.search.setAccessibleName(tr("Search the list"))
        self.search.setPlaceholderText(tr("Type to filter the list"))
        self.activities.view.setAccessibleName(tr("Processing activities"))
        self.processors.view.setAccessibleName(tr("Processors and their subprocessors"))
        self.incidents.view.setAccessibleName(tr("Incidents"))
        self.requests.view.setAccessibleName(tr("Access requests"))
        self.overview.list.setAccessibleName(tr("Overview"))
        self.count_label.setAccessibleName(tr("Records shown"))
        self.statusBar().setAccessibleName(tr("Status"))
        self._update_title()
        self._update_actions()

    def _update_title(self) -> None:
        if self._service is None:
            self.setWindowTitle(tr("Opening the register…") + "[*] — privdesk")
            return
        name = self.organisation.name if self.organisation else tr("Register")
        target = self.service.database.target
        where = Path(str(target)).name if target is not None else ""
        self.setWindowTitle(tr("{name} ({file})[*] — privdesk", name=name, file=where)
                            if where else tr("{name}[*] — privdesk", name=name))

    # ------------------------------------------------------------ state

    def _restore_state(self) -> None:
        geometry = self.settings.get(settings.GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1180, 720)
        state = self.settings.get(settings.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        splitter = self.settings.get(settings.SPLITTER)
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        view = self.settings.get(settings.VIEW)
        self.navigation.setCurrentRow(PAGES.index(view) if view in PAGES else 1)

    def save_state(self) -> None:
        self.settings.set(settings.GEOMETRY, QByteArray(self.saveGeometry()))
        self.settings.set(settings.WINDOW_STATE, QByteArray(self.saveState()))
        self.settings.set(settings.SPLITTER, QByteArray(self.splitter.saveState()))
        self.settings.set(settings.VIEW, self.current_kind())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)

    # ------------------------------------------------------------ content

    def reload(self, kinds: frozenset[str] | None = None) -> None:
        """Read the lists again from the services (all, or those a change touched)."""
        everything = kinds is None
        kinds = kinds or frozenset(("activities", "processors", "incidents", "requests"))
        if "processors" in kinds or everything:
            kinds = kinds | {"activities"}  # activities show processor names
        if "activities" in kinds:
            kinds = kinds | {"processors"}  # processors show the activities using them
        if "activities" in kinds or "processors" in kinds:
            self._activities = self.service.activities()
            self._processors = self.service.processors()
            self._render_activities_and_processors()
        if "incidents" in kinds:
            self.incidents.set_records(self.service.incidents())
        if "requests" in kinds:
            self.requests.set_records(self.service.requests())
        self.workflows.reload(None if everything else kinds)
        self._render_overview()
        self._update_counts()

    def _render_activities_and_processors(self, columns_changed: bool = True) -> None:
        names = {p.ref: p.name for p in self._processors}
        self.activities.set_records(self._activities, activity_columns(names))
        self.processors.set_records(self._processors, processor_columns(
            self.today(), users_of_processors(self._activities)))

    def _render_overview(self) -> None:
        from privdesk.domain.records import Register

        register = Register(
            organisation=self.organisation, activities=tuple(self._activities),
            processors=tuple(self._processors),
            incidents=tuple(self.incidents.model.all_records()),
            requests=tuple(self.requests.model.all_records()))
        self.overview.show_register(register, self.today())
        self.overview.set_filter(self.search.text())

    def rerender(self) -> None:
        """Show the same records again in the current language and formats."""
        self._render_activities_and_processors()
        self.incidents.set_records(self.incidents.model.all_records(), incident_columns())
        self.requests.set_records(self.requests.model.all_records(), request_columns())
        self.workflows.rerender()
        self._render_overview()
        self._update_counts()

    def finish_start(self) -> None:
        """After the first paint: load Babel and show dates in the language's own form."""
        formatting.load()
        self.rerender()

    def on_change(self, change: Change) -> None:
        """A service call changed the register: each list reloads if it is concerned."""
        if change:
            self.reload(change.kinds())

    # ------------------------------------------------------------ navigation and search

    def current_kind(self) -> str:
        row = self.navigation.currentRow()
        return PAGES[row] if 0 <= row < len(PAGES) else "overview"

    def current_page(self) -> Any:
        return self.pages[self.current_kind()]

    def show_page(self, row: int) -> None:
        if not 0 <= row < len(PAGES):
            return
        self.stack.setCurrentIndex(row)
        self.pages[PAGES[row]].set_filter(self.search.text())
        self._update_actions()
        self._update_counts()

    def apply_filter(self, text: str) -> None:
        self.current_page().set_filter(text)
        self._update_counts()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _update_counts(self) -> None:
        page = self.current_page()
        if page is self.overview:
            self.count_label.setText("")
            return
        shown, total = page.shown_count()
        self.count_label.setText(tr("{shown} of {total} shown", shown=shown, total=total))

    def _update_actions(self) -> None:
        kind = self.current_kind()
        ready = self._service is not None
        selected = (ready and kind != "overview"
                    and self.current_page().current_ref() is not None)
        self.new_action.setEnabled(ready and kind in ("activities", "processors"))
        self.edit_action.setEnabled(selected and kind in ("activities", "processors"))
        self.delete_action.setEnabled(selected)
        self.history_action.setEnabled(selected)
        undo_text, redo_text = self.undo_stack.undoText(), self.undo_stack.redoText()
        self.undo_action.setEnabled(self.undo_stack.canUndo())
        self.redo_action.setEnabled(self.undo_stack.canRedo())
        self.undo_action.setText(tr("&Undo {what}", what=undo_text) if undo_text
                                 else tr("&Undo"))
        self.redo_action.setText(tr("&Redo {what}", what=redo_text) if redo_text
                                 else tr("&Redo"))
        self.setWindowModified(not self.undo_stack.isClean())

    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def _index_changed(self, _index: int) -> None:
        self._update_actions()

    def choose_columns(self) -> None:
        page = self.current_page()
        if isinstance(page, ListPage | ProcessorPage):
            menu = page.columns_menu(self)
            menu.exec(page.view.mapToGlobal(page.view.rect().topLeft()))

    # ------------------------------------------------------------ edits

    def tell(self, text: str) -> None:
        """A passing message in the status bar (for ``message_ms``; 0 keeps it)."""
        self.statusBar().showMessage(text, self.message_ms)

    def report(self, error: UserError) -> None:
        dialogs.show_user_error(self, error)

    def run(self, command: Any) -> bool:
        """Run an undoable command; a refused edit is a message and nothing changes."""
        try:
            execute(self.undo_stack, command)
        except UserError as error:
            self.report(error)
            return False
        finally:
            self._update_actions()
        return True

    def open_editor(self, editor: RecordEditor, saved: Callable[[Any], None]) -> None:
        """Show an editor (window-modal, not blocking); ``saved`` gets the record on Save."""
        editor.setWindowModality(Qt.WindowModality.WindowModal)
        self.editor = editor
        editor.accepted.connect(lambda: saved(editor.record()))
        editor.finished.connect(lambda _result: self._editor_closed(editor))
        editor.open()
        editor.activateWindow()

    def _editor_closed(self, editor: RecordEditor) -> None:
        # Qt emits ``finished`` before ``accepted``: delete later, after both have run.
        editor.deleteLater()
        if self.editor is editor:
            self.editor = None

    def make_editor(self, kind: str, record: Any | None) -> RecordEditor:
        from privdesk.gui.editors import ActivityEditor, ProcessorEditor

        refs = [r.ref for r in (self._activities if kind == "activities" else self._processors)]
        if kind == "activities":
            return ActivityEditor(record, refs, self._processors,
                                  next_ref(refs, REF_PREFIXES[kind]), self)
        users = users_of_processors(self._activities).get(record.ref, []) if record else []
        return ProcessorEditor(record, refs, self._processors, users,
                               next_ref(refs, REF_PREFIXES[kind]), self)

    def new_record(self) -> None:
        """Open an empty editor for the current list; Save adds the record (undoable)."""
        kind = self.current_kind()
        if kind not in ("activities", "processors"):
            return
        self.open_editor(self.make_editor(kind, None), self._create)

    def _create(self, record: Any) -> None:
        if record is not None and self.run(
                CreateRecord(self.service, record, self.on_change, self.report)):
            self.current_page().select(record.ref)
            self.tell(tr("Added {ref}", ref=record.ref))

    def edit_current(self) -> None:
        """Open the selected record (on the overview: go to the record the line names)."""
        kind = self.current_kind()
        if kind == "overview":
            target = self.overview.target()
            if target is not None:
                self.navigation.setCurrentRow(PAGES.index(target[0]))
                self.current_page().select(target[1])
                self.current_page().view.setFocus()
            return
        if kind not in ("activities", "processors"):
            return
        ref = self.current_page().current_ref()
        if ref is None:
            return
        try:
            record = self.service.get(kind, ref)
            version = self.service.version(kind, ref)[0]
        except UserError as error:
            self.report(error)
            return
        self.open_editor(self.make_editor(kind, record),
                         lambda edited: self._update(edited, version))

    def _update(self, edited: Any, version: int) -> None:
        if edited is not None and self.run(
                UpdateRecord(self.service, edited, version, self.on_change, self.report)):
            self.current_page().select(edited.ref)
            self.tell(tr("Saved {ref}", ref=edited.ref))

    def delete_current(self) -> None:
        kind = self.current_kind()
        if kind == "overview":
            return
        ref = self.current_page().current_ref()
        if ref is None:
            return
        if self.run(DeleteRecord(self.service, kind, ref, self.on_change, self.report)):
            self.tell(tr("Deleted {ref}. Undo brings it back with its links.", ref=ref))

    def save(self) -> None:
        """Every edit is already committed; mark this point so the title shows no changes."""
        if self._service is None:
            return
        self.undo_stack.setClean()
        target = self.service.database.target
        self.tell(tr("Every change is saved in {file}", file=str(target or "")))

    def show_history(self) -> None:
        kind = self.current_kind()
        if kind == "overview":
            return
        ref = self.current_page().current_ref()
        if ref is None:
            return
        from privdesk.gui.audit import AuditDialog

        dialog = AuditDialog(tr(RECORD_NAMES[kind]), ref, self.service.audit(kind, ref), self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(lambda _result: self._history_closed(dialog))
        self.history = dialog
        dialog.open()

    def _history_closed(self, dialog: AuditDialog) -> None:
        dialog.deleteLater()
        if self.history is dialog:
            self.history = None

    # ------------------------------------------------------------ language and help

    def switch_language(self, language: str) -> None:
        """Speak ``language`` now and from the next start."""
        set_language(language)
        self.settings.set(settings.LANGUAGE, language)
        self.language_actions[language].setChecked(True)
        self.retranslate()
        self.rerender()

    def about(self) -> None:
        """The About dialog (window-modal, not blocking): version, licence, folders."""
        from privdesk.gui.about import AboutDialog

        target = self._service.database.target if self._service is not None else None
        dialog = AboutDialog(target, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(lambda _result: self._about_closed(dialog))
        self.about_dialog = dialog
        dialog.open()

    def _about_closed(self, dialog: AboutDialog) -> None:
        dialog.deleteLater()
        if self.about_dialog is dialog:
            self.about_dialog = None


def application_window() -> MainWindow | None:
    """The open main window, if any (for the crash dialog's parent)."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            return widget
    return None


__all__ = ["MainWindow", "QModelIndex", "next_ref"]
