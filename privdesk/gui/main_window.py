"""The main window: navigation over its pages, search, menus, undo, status."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore  # QtCore.Qt only after the first paint: see models.DISPLAY_ROLE
from PySide6.QtCore import QByteArray, QModelIndex
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from privdesk.domain import kinds
from privdesk.domain import records as rec
from privdesk.domain.errors import N_, UserError
from privdesk.gui import formatting, settings
from privdesk.gui.columns import (
    activity_columns,
    agreement_status,
    processor_columns,
    users_of_processors,
)
from privdesk.gui.language import ENDONYMS, current, set_language, tr, trn
from privdesk.gui.overview import OverviewPage
from privdesk.gui.pages import (
    DELETE,
    HISTORY,
    NEW,
    OPEN,
    ORGANISATION,
    ActivityPage,
    Page,
    ProcessorPage,
    Snapshot,
    everything,
)
from privdesk.gui.shortcuts import key_sequence, set_shortcut
from privdesk.gui.workflow_pages import Workflows

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    # Loaded when first used, after the window's first paint: the services (SQLAlchemy),
    # the record classes and the interchange reader behind the editors; the undo commands
    # and the message boxes (``report``).
    from privdesk.gui.about import AboutDialog
    from privdesk.gui.audit import AuditDialog
    from privdesk.gui.editors import RecordEditor
    from privdesk.services import Change, RegisterService

# Where the keyboard is, seen at a glance on lists and tables (the styles' own focus mark is a
# faint dotted line, or nothing): a frame in the highlight colour, in every style and theme.
# (Not QAbstractItemView: a table's header is one too, and a border would clip its titles.)
FOCUS_STYLE = ("QListView, QTableView, QTreeView { border: 2px solid palette(mid); } "
               "QListView:focus, QTableView:focus, QTreeView:focus "
               "{ border: 2px solid palette(highlight); }")
# The kinds the window's own editors make (requests and incidents have their workflow views).
EDITED_KINDS = ("activities", "processors")


class MainWindow(QMainWindow):
    """The DPO's desk: one register, its lists, and every edit undoable."""

    def __init__(self, service: RegisterService | None,
                 window_settings: settings.Settings | None = None,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self._service = service
        self._read_target: str | None = None  # the register shown by ``show_read``
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
        self.undo_stack.indexChanged.connect(self._index_changed)
        # The register as last read: every page shows it; a change re-reads only what it touched.
        self.snapshot = Snapshot()
        self._placed = False  # on the screen once shown (showEvent)
        # The actions' keys and icons, set at ``attach`` (``_set_keys_and_icons``).
        self._keys: list[tuple[QAction, str]] = []
        self._icons: list[tuple[QAction, str]] = []
        self._blank: QIcon | None = None
        self._build_pages()
        self._build_actions()
        self._build_menus()
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

    @property
    def organisation(self) -> rec.Organisation | None:
        return self.snapshot.register.organisation

    def now(self) -> datetime:
        """The window's moment: the real one, or noon of the day the window was given."""
        real = datetime.now(UTC)
        day = self.today()
        return real if real.date() == day else datetime.combine(day, time(12), UTC)

    def attach(self, service: RegisterService, snapshot: Snapshot | None = None) -> None:
        """Show ``service``'s register (the window may be painted before it is opened);
        ``snapshot``: the register as already read (``show_read``), not read again."""
        self._service = service
        if not self.styleSheet():
            # The window's dialogs and editors inherit it. Not before the first paint: Qt's
            # style sheet style then polishes every widget, about 2 % of the time to the
            # register on screen, for a frame the DPO needs once the keyboard can act.
            self.setStyleSheet(FOCUS_STYLE)
        self._set_keys_and_icons()
        self.undo_stack.clear()
        self.workflows.attach(service)
        for page in self.pages:  # what the first paint did without (``ListPage.finish``)
            finish = getattr(page, "finish", None)
            if finish is not None:
                finish()
        if snapshot is None:
            self.snapshot = Snapshot()
            self.reload()
        else:
            self.snapshot = snapshot
            self._show(everything())
        self._select_first()
        if self.snapshot.register.is_empty():
            self.navigation.setCurrentRow(0)  # first run: the overview's welcome and checklist
        self._update_title()
        self._update_actions()

    def show_read(self, snapshot: Snapshot, target: str) -> None:
        """Show the register as read before it is opened (the first screen at once, before
        SQLAlchemy loads); ``attach`` follows with the same snapshot and makes it editable.
        Only the page on screen is filled now, the others at ``attach``."""
        self.snapshot = snapshot
        self._read_target = target
        self.current_page().show_register(snapshot, everything())
        self._select_first()
        self._update_title()
        self._update_counts()

    def _select_first(self) -> None:
        if self.activities.current_ref() is None and self.activities.model.rowCount():
            # The keyboard can act at once.
            self.activities.select(self.activities.model.record(0).ref)

    # ------------------------------------------------------------ building

    def _build_pages(self) -> None:
        central = QWidget()
        self.splitter = QSplitter()  # side by side
        self.navigation = QListWidget()
        self.navigation.setMaximumWidth(260)
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
        self.overview = OverviewPage(self.now)
        self.activities = ActivityPage(
            lambda register: activity_columns({p.ref: p.name for p in register.processors}),
            frozenset(("processors",)), self.settings)
        self.processors = ProcessorPage(
            lambda register: processor_columns(self.today(),
                                               users_of_processors(list(register.activities))),
            lambda p: agreement_status(p, self.today()), self.settings)
        # The DPO's workflows (incidents, access requests) and File → Export/Import/Policy.
        self.workflows = Workflows(self, self.settings, self.undo_stack, self.today, self.now)
        self.workflows.changed.connect(self.on_change)
        self.processors.review_policy.connect(self.workflows.review_policy)
        self.activities.screen_dpia.connect(self.workflows.screen_dpia)
        self.pages: list[Page] = [self.overview, self.activities, self.processors,
                                  self.workflows.incidents, self.workflows.requests]
        # Not QListWidgetItem(text, list): choosing among its overloads builds the Python enums
        # of QIcon (150 members, before the first paint).
        self.navigation.addItems([""] * len(self.pages))
        for page in self.pages:
            self.stack.addWidget(page.widget())
            page.open_record.connect(self.open_record)
            page.selection_changed.connect(self._update_actions)
        self.navigation.currentRowChanged.connect(self.show_page)
        self.overview.first_step.connect(self.first_step)
        right_layout.addWidget(self.stack, 1)
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([200, 900])
        layout = QVBoxLayout(central)
        layout.addWidget(self.splitter)
        self.setCentralWidget(central)
        self.setTabOrder(self.navigation, self.search)

    def _icon(self, name: str) -> QIcon:
        """The style's standard icon ``name`` ("SP_TrashIcon")."""
        from PySide6.QtWidgets import QStyle

        return self.style().standardIcon(QStyle.StandardPixmap[name])

    def _action(self, slot: Callable[[], Any], key: str | None = None,
                icon: str | None = None) -> QAction:
        """An action of the window; its ``key`` (see ``shortcuts.key_sequence``) and ``icon``
        (see ``_icon``) are set by ``_set_keys_and_icons``."""
        action = QAction(self)
        if key is not None:
            self._keys.append((action, key))
        if icon is not None:
            self._icons.append((action, icon))
            action.setIcon(self._blank_icon())
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _blank_icon(self) -> QIcon:
        """A transparent icon, in the first paint where the style's icon comes later: the
        tool bar's buttons are laid out as they will stay (the window does not jump)."""
        if self._blank is None:
            from PySide6.QtGui import QColor, QIcon, QPixmap

            pixmap = QPixmap(1, 1)
            pixmap.fill(QColor(0, 0, 0, 0))
            self._blank = QIcon(pixmap)
        return self._blank

    def _set_keys_and_icons(self) -> None:
        """The actions' shortcuts and icons, once the register is open (``attach``): not before
        the first paint, where PySide6 would build the Python enums of ``QKeySequence`` and
        ``QStyle`` (about 700 members, 2-3 % of the time to the register on screen) for keys
        nobody can press yet and icons that come a moment later. ``workflows`` does the same."""
        keys, self._keys = self._keys, []
        for action, key in keys:
            set_shortcut(action, key)
        if keys and not key_sequence("Quit").count():  # some desktops define none: Ctrl+Q then
            set_shortcut(self.quit_action, "Ctrl+Q")
        icons, self._icons = self._icons, []
        for action, name in icons:
            action.setIcon(self._icon(name))

    def _build_actions(self) -> None:
        self.new_action = self._action(self.new_record, "New", "SP_FileIcon")
        self.edit_action = self._action(self.edit_current, "Ctrl+E", "SP_FileDialogDetailedView")
        self.delete_action = self._action(self.delete_current, "Delete", "SP_TrashIcon")
        self.save_action = self._action(self.save, "Save", "SP_DialogSaveButton")
        self.history_action = self._action(self.show_history, "Ctrl+H", "SP_FileDialogInfoView")
        self.find_action = self._action(self.focus_search, "Find")
        self.quit_action = self._action(self.close, "Quit")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.undo_action = self._action(self.undo_stack.undo, "Undo", "SP_ArrowBack")
        self.redo_action = self._action(self.undo_stack.redo, "Redo", "SP_ArrowForward")
        self.about_action = self._action(self.about)
        self.organisation_action = self._action(self.edit_organisation)
        self.page_actions: list[QAction] = []
        for i, _page in enumerate(self.pages):
            self.page_actions.append(self._action(
                partial(self.navigation.setCurrentRow, i), f"Ctrl+{i + 1}"))
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for language, name in ENDONYMS.items():
            action = QAction(self)  # not (name, self): see _build_pages on QIcon's enums
            action.setText(name)
            action.setCheckable(True)
            action.setChecked(language == current())
            action.triggered.connect(lambda _c=False, lang=language: self.switch_language(lang))
            self.language_group.addAction(action)
            self.language_actions[language] = action
        toolbar = self.addToolBar("main")
        toolbar.setObjectName("main-toolbar")
        # Qt.ToolButtonStyle.ToolButtonTextBesideIcon, as the property's int: the first use of
        # PySide6's Qt namespace builds all of its enums (see models.DISPLAY_ROLE).
        toolbar.setProperty("toolButtonStyle", 2)
        for group in ((self.new_action, self.edit_action, self.delete_action),
                      (self.undo_action, self.redo_action), (self.history_action,)):
            if toolbar.actions():
                toolbar.addSeparator()
            toolbar.addActions(list(group))
        self.toolbar = toolbar

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        # No Save in the menu: every edit is saved as it is made (Ctrl+S only says so).
        self.file_menu.addAction(self.new_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.organisation_action)
        self.file_menu.addActions(list(self.workflows.actions.values()))
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
            self.organisation_action: N_("&Organisation and DPO…"),
        }
        for action, msgid in texts.items():
            action.setText(tr(msgid))
            action.setToolTip(tr(msgid).replace("&", "").replace("…", ""))
        helps = {
            self.new_action: N_("Add a new record to this list"),
            self.edit_action: N_("Open the selected record in the editor"),
            self.delete_action: N_("Delete the selected record (you can undo it)"),
            self.history_action: N_("Show who changed the selected record, and when"),
            self.organisation_action: N_("The school's name, address, country and DPO"),
        }
        for action, msgid in helps.items():
            action.setStatusTip(tr(msgid))
        for i, page in enumerate(self.pages):
            title = tr(page.title)
            self.page_actions[i].setText(title)
            self.navigation.item(i).setText(title)
            page.retranslate()
        self.workflows.retranslate_actions()
        self.file_menu.setTitle(tr("&File"))
        self.edit_menu.setTitle(tr("&Edit"))
        self.view_menu.setTitle(tr("&View"))
        self.settings_menu.setTitle(tr("Se&ttings"))
        self.language_menu.setTitle(tr("&Language"))
        self.help_menu.setTitle(tr("&Help"))
        self.toolbar.setWindowTitle(tr("Tool bar"))
        self.toolbar.setAccessibleName(tr("Tool bar"))
        self.navigation.setAccessibleName(tr("Parts of the register"))
        self.search_label.setText(tr("&Search:"))
        self.search.setAccessibleName(tr("Search the list"))
        self.search.setPlaceholderText(tr("Type to filter the list"))
        self.count_label.setAccessibleName(tr("Records shown"))
        self.statusBar().setAccessibleName(tr("Status"))
        for page in self.pages:  # their Alt+letters keep clear of the menus just renamed
            settle = getattr(page, "settle_mnemonics", None)
            if settle is not None:
                settle()
        self._update_title()
        self._update_actions()

    def _update_title(self) -> None:
        read_target = self._read_target
        if self._service is None and read_target is None:
            self.setWindowTitle(tr("Opening the register…") + " — privdesk")
            return
        name = self.organisation.name if self.organisation else tr("Register")
        target = self._service.database.target if self._service is not None else read_target
        where = Path(str(target)).name if target is not None else ""
        # No "[*]": every edit is saved in its own transaction, nothing is ever pending.
        self.setWindowTitle(tr("{name} ({file}) — privdesk", name=name, file=where)
                            if where else tr("{name} — privdesk", name=name))

    # ------------------------------------------------------------ state

    def _restore_state(self) -> None:
        from privdesk.gui.geometry import keep_on_screen

        geometry = self.settings.get(settings.GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1180, 720)
        if not self.isMaximized() and not self.isFullScreen():
            keep_on_screen(self)  # saved on a larger screen, or on one since unplugged
        state = self.settings.get(settings.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        splitter = self.settings.get(settings.SPLITTER)
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        view = self.settings.get(settings.VIEW)
        names = [page.name for page in self.pages]
        self.navigation.setCurrentRow(names.index(view) if view in names else 1)

    def save_state(self) -> None:
        self.settings.set(settings.GEOMETRY, QByteArray(self.saveGeometry()))
        self.settings.set(settings.WINDOW_STATE, QByteArray(self.saveState()))
        self.settings.set(settings.SPLITTER, QByteArray(self.splitter.saveState()))
        self.settings.set(settings.VIEW, self.current_kind())
        self.settings.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._placed and not self.isMaximized() and not self.isFullScreen():
            # Again now that the window has its frame: the title bar must be on the screen too.
            from privdesk.gui.geometry import keep_on_screen

            self._placed = True
            keep_on_screen(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)

    # ------------------------------------------------------------ content

    def reload(self, changed: frozenset[str] | None = None) -> None:
        """Read what ``changed`` names once (None: everything) and hand it to every page."""
        changed = everything() if changed is None else changed
        fresh: dict[str, Any] = {}
        versions = dict(self.snapshot.versions)
        if ORGANISATION in changed:
            fresh[ORGANISATION] = self.service.organisation()
        for kind in kinds.names():
            if kind in changed:
                records, versions[kind] = self.service.versioned(kind)
                fresh[kind] = tuple(records)
        register = dataclasses.replace(self.snapshot.register, **fresh)
        due = self.snapshot.due
        if changed & {"requests", "incidents", ORGANISATION}:
            from privdesk.services.erasure import Erasure

            erasure = Erasure(self.service)
            due = (*erasure.due(register=register), *erasure.due_backups())
        self.snapshot = Snapshot(register, versions, due)
        self._show(changed)
        if ORGANISATION in changed:
            self._update_title()

    def _show(self, changed: frozenset[str]) -> None:
        for page in self.pages:
            page.show_register(self.snapshot, changed)
        self.current_page().set_filter(self.search.text())
        self._update_counts()
        self._update_actions()

    def rerender(self) -> None:
        """Show the same records again in the current language and formats (no reading)."""
        self._show(everything())

    def finish_start(self) -> None:
        """After the first paint: load Babel and show dates in the language's own form."""
        formatting.load()
        self.rerender()

    def on_change(self, change: Change) -> None:
        """A service call changed the register: read what it touched, once, for every page."""
        if change:
            self.reload(change.kinds())

    # ------------------------------------------------------------ navigation and search

    def current_kind(self) -> str:
        return self.current_page().name

    def current_page(self) -> Page:
        row = self.navigation.currentRow()
        return self.pages[row] if 0 <= row < len(self.pages) else self.pages[0]

    def page(self, name: str) -> Page:
        return next(page for page in self.pages if page.name == name)

    def show_page(self, row: int) -> None:
        if not 0 <= row < len(self.pages):
            return
        self.stack.setCurrentIndex(row)
        self.pages[row].set_filter(self.search.text())
        self._update_actions()
        self._update_counts()

    def apply_filter(self, text: str) -> None:
        self.current_page().set_filter(text)
        self._update_counts()

    def focus_search(self) -> None:
        self.search.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _update_counts(self) -> None:
        counts = self.current_page().shown_count()
        if counts is None:
            self.count_label.setText("")
            return
        shown, total = counts
        self.count_label.setText(tr("{shown} of {total} shown", shown=shown, total=total))

    def _update_actions(self) -> None:
        page = self.current_page()
        ready = self._service is not None
        selected = ready and page.current_ref() is not None
        self.new_action.setEnabled(ready and NEW in page.record_actions)
        self.edit_action.setEnabled(selected and OPEN in page.record_actions)
        self.delete_action.setEnabled(selected and DELETE in page.record_actions)
        # On the overview, History lists the register's erasures (their records are gone).
        self.history_action.setEnabled((selected and HISTORY in page.record_actions)
                                       or (ready and page is self.overview))
        undo_text, redo_text = self.undo_stack.undoText(), self.undo_stack.redoText()
        self.undo_action.setEnabled(self.undo_stack.canUndo())
        self.redo_action.setEnabled(self.undo_stack.canRedo())
        self.undo_action.setText(tr("&Undo {what}", what=undo_text) if undo_text
                                 else tr("&Undo"))
        self.redo_action.setText(tr("&Redo {what}", what=redo_text) if redo_text
                                 else tr("&Redo"))

    def _index_changed(self, _index: int) -> None:
        self._update_actions()

    def choose_columns(self) -> None:
        page = self.current_page()
        menu = page.columns_menu(self)
        if menu is not None:
            widget = page.widget()
            menu.exec(widget.mapToGlobal(widget.rect().topLeft()))

    # ------------------------------------------------------------ edits

    def tell(self, text: str) -> None:
        """A passing message in the status bar (for ``message_ms``; 0 keeps it)."""
        self.statusBar().showMessage(text, self.message_ms)

    def report(self, error: UserError) -> None:
        from privdesk.gui import dialogs  # QMessageBox and the crash report: when first needed

        dialogs.show_user_error(self, error)

    def run(self, command: Any) -> bool:
        """Run an undoable command; a refused edit is a message and nothing changes."""
        from privdesk.gui.commands import execute

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
        editor.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
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

        register = self.snapshot.register
        activities, processors = list(register.activities), list(register.processors)
        refs = [r.ref for r in (activities if kind == "activities" else processors)]
        if kind == "activities":
            return ActivityEditor(record, refs, processors,
                                  kinds.kind(kind).next_ref(refs), self)
        users = users_of_processors(activities).get(record.ref, []) if record else []
        return ProcessorEditor(record, refs, processors, users,
                               kinds.kind(kind).next_ref(refs), self)

    def new_record(self) -> None:
        """Open an empty editor for the current list; Save adds the record (undoable)."""
        page = self.current_page()
        if NEW not in page.record_actions or page.name not in EDITED_KINDS:
            return
        self.open_editor(self.make_editor(page.name, None), self._create)

    def _create(self, record: Any) -> None:
        from privdesk.gui.commands import CreateRecord

        if record is not None and self.run(
                CreateRecord(self.service, record, self.on_change, self.report)):
            self.current_page().select(record.ref)
            if isinstance(record, rec.Processor) and record.parent is None:
                # Offered, not forced: the review fills in what the DPO did not type.
                self.tell(tr("Added {ref}. Its privacy policy can fill in the rest: Review "
                             "vendor's policy… above the list.", ref=record.ref))
            else:
                self.tell(tr("Added {ref}", ref=record.ref))

    def edit_current(self) -> None:
        """Open the selected record (on the overview: go to the record the line names)."""
        self.current_page().open_current()

    def open_record(self, kind: str, ref: str) -> None:
        """The DPO opened a record on a page: edit it there, or go to it on its own page."""
        page = self.current_page()
        if kind != page.name:
            names = [p.name for p in self.pages]
            if kind not in names:
                return
            self.navigation.setCurrentRow(names.index(kind))
            page = self.current_page()
            page.select(ref)
            page.widget().setFocus()
            return
        if OPEN not in page.record_actions:
            return
        try:
            record = self.service.get(kind, ref)
            version = self.service.version(kind, ref)[0]
        except UserError as error:
            self.report(error)
            return
        editor = self.make_editor(kind, record)
        self.open_editor(editor, lambda edited: self._update(
            edited, version, getattr(editor, "against_screening", False)))

    def edit_organisation(self) -> None:
        """The school's own details, in an editor (one undo step on Save)."""
        if self._service is not None:
            from privdesk.gui.organisation_editor import edit_organisation

            edit_organisation(self)

    def first_step(self, step: str) -> None:
        """A line of the first-run checklist (or the overview's "no organisation" link)."""
        from privdesk.gui.welcome import take_step

        take_step(self, step)

    def _update(self, edited: Any, version: int, against_screening: bool = False) -> None:
        from privdesk.gui.commands import UpdateRecord

        if edited is not None and self.run(UpdateRecord(
                self.service, edited, version, self.on_change, self.report,
                against_screening)):
            self.current_page().select(edited.ref)
            self.tell(tr("Saved {ref}", ref=edited.ref))

    def delete_current(self) -> None:
        page = self.current_page()
        kind, ref = page.name, page.current_ref()
        if DELETE not in page.record_actions or ref is None:
            return
        from privdesk.gui import dialogs
        from privdesk.gui.commands import DeleteRecord

        question = self._delete_question(kind, ref)
        if question and not dialogs.confirm(self, tr("Delete {ref}?", ref=ref), question):
            return
        if self.run(DeleteRecord(self.service, kind, ref, self.on_change, self.report)):
            self.tell(tr("Deleted {ref}. Undo brings it back with its links.", ref=ref))

    def _delete_question(self, kind: str, ref: str) -> str:
        """What deleting a processor would touch (the activities naming it, the subprocessors
        it engages), asked before it goes; empty when it touches nothing."""
        if kind != "processors":
            return ""
        register = self.snapshot.register
        name = next((p.name for p in register.processors if p.ref == ref), ref)
        users = [a.name for a in register.activities if ref in a.processors]
        subs = [p.name for p in register.processors if p.parent == ref]
        if not users and not subs:
            return ""
        lines = []
        if users:
            lines.append(trn("{name} is named in {count} activity: {names}.",
                             "{name} is named in {count} activities: {names}.", len(users),
                             name=name, names=", ".join(users)))
        if subs:
            lines.append(trn("{name} engages {count} subprocessor: {names}.",
                             "{name} engages {count} subprocessors: {names}.", len(subs),
                             name=name, names=", ".join(subs)))
        lines.append(tr("Delete it anyway? It is taken off these activities and its "
                        "subprocessors are left without it; Undo (Ctrl+Z) brings it all back."))
        return "\n\n".join(lines)

    def save(self) -> None:
        """Ctrl+S, from habit: every edit is already saved, so say where (nothing is pending)."""
        if self._service is None:
            return
        target = self.service.database.target
        self.tell(tr("Every change is saved in {file}", file=str(target or "")))

    def show_history(self) -> None:
        page = self.current_page()
        kind, ref = page.name, page.current_ref()
        from privdesk.gui.audit import AuditDialog

        if page is self.overview:
            from privdesk.services.erasure import Erasure

            dialog = AuditDialog("", "", Erasure(self.service).tombstones(), self,
                                 title=tr("Erasures"), heading_text=tr(
                                     "Records erased from the register, newest first: who, "
                                     "when, why and how many records went"))
        elif HISTORY not in page.record_actions or ref is None:
            return
        else:
            dialog = AuditDialog(tr(kinds.kind(kind).singular), ref,
                                 self.service.audit(kind, ref), self)
        dialog.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
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
        dialog.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
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


__all__ = ["MainWindow", "QModelIndex"]
