"""The DPO's workflows as pages of the main window (incidents, access requests) and
File → Export ROPA…, Import ROPA…, Review policy….

A workflow view sets its texts as it is built, so its page builds it anew in another language;
the page is the stable widget the window shows. The window hands the pages what it read for a
change (``show_register``) and hears of their edits (``Workflows.changed``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6 import QtCore  # QtCore.Qt: see models.DISPLAY_ROLE
from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal
from PySide6.QtGui import QAction, QShowEvent, QUndoStack
from PySide6.QtWidgets import QFrame, QMenu, QScrollArea, QVBoxLayout, QWidget

from privdesk.domain import kinds
from privdesk.domain.errors import N_
from privdesk.gui import mnemonics, settings
from privdesk.gui.language import current, tr
from privdesk.gui.pages import DELETE, HISTORY, ORGANISATION, Snapshot, everything
from privdesk.gui.shortcuts import set_shortcut
from privdesk.gui.signals import emit

if TYPE_CHECKING:
    # The views load when the register is attached, after the window's first paint.
    from privdesk.gui.incidents_view import IncidentsView
    from privdesk.gui.requests_view import RequestsView
    from privdesk.services import RegisterService

View = TypeVar("View", "IncidentsView", "RequestsView")

ACTION_TEXTS = {
    "export": N_("&Export ROPA…"),
    "import": N_("&Import ROPA…"),
    "policy": N_("Review &policy…"),
    "notice": N_("P&rivacy notice…"),
}
# What each workflow view shows besides its own kind: the organisation (its country's time
# zone and deadlines) and the activities and processors a record may name.
SHOWS = {name: frozenset((ORGANISATION, name, *kinds.kind(name).refers_to))
         for name in ("incidents", "requests")}


class WorkflowPage(QWidget, Generic[View]):
    """One workflow view as a page of the window; empty until the register is attached."""

    selection_changed = Signal()
    open_record = Signal(str, str)
    changed = Signal(object)  # a ``Change`` made by an edit in the view

    def __init__(self, name: str, build: Callable[[RegisterService], View],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.title = kinds.kind(name).plural
        self.record_actions = frozenset((DELETE, HISTORY))  # the view has its own New
        self.build: Callable[[RegisterService], View] = build
        self.view: View | None = None
        self.service: RegisterService | None = None
        self.snapshot: Snapshot | None = None
        self.language = current()
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.box.addWidget(self.scroll_area)

    def attach(self, service: RegisterService) -> None:
        """Build the view on ``service`` (again after a language switch), keeping the choice."""
        self.service = service
        self.language = current()
        old = self.view
        keep = old.current_ref() if old is not None else None
        view = self.build(service)
        # The window reads for every change and hands the view what it read: the view does
        # not read again for its own edits.
        view.editing.changed.disconnect(view.on_change)
        view.editing.changed.connect(lambda change: emit(self.changed, change))
        view.list.currentRowChanged.connect(lambda _row: emit(self.selection_changed))
        if old is not None:
            self.scroll_area.takeWidget()
            old.hide()
            old.deleteLater()
        # The view scrolls up and down on a short screen rather than making the window as tall
        # as its form (a 1366×768 laptop); it keeps its width. (Set here, not when the page is
        # made: Qt's enums are not built before the window's first paint, models.DISPLAY_ROLE.)
        self.scroll_area.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(view)
        view.show()  # a child added to a shown page stays hidden until told
        self.scroll_area.setMinimumWidth(view.minimumSizeHint().width()
                                    + self.scroll_area.verticalScrollBar().sizeHint().width())
        self.scroll_area.setAccessibleName(tr(self.title))
        self.setFocusProxy(view.list)
        self.view = view
        if self.snapshot is not None:
            self.show_register(self.snapshot, everything())
        if keep:
            view.select(keep)
        self.settle_mnemonics()
        emit(self.selection_changed)

    def settle_mnemonics(self) -> None:
        """No Alt+letter of the view answers two controls, nor one of the window's menus."""
        if self.view is not None:
            mnemonics.settle(self.view, mnemonics.window_letters(self.window()))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.settle_mnemonics()  # the menus may have changed language since the view was built

    # ------------------------------------------------------------ the page interface

    def widget(self) -> QWidget:
        return self

    def show_register(self, snapshot: Snapshot, changed: frozenset[str]) -> None:
        self.snapshot = snapshot
        if self.view is not None and changed & SHOWS[self.name]:
            self.view.show_records(snapshot.register, snapshot.versions.get(self.name, {}))

    def retranslate(self) -> None:
        if self.view is None:
            return
        if current() != self.language and self.service is not None:
            self.attach(self.service)
        else:
            self.view.retranslate()

    def set_filter(self, text: str) -> None:
        if self.view is not None:
            self.view.set_filter(text)

    def shown_count(self) -> tuple[int, int] | None:
        return self.view.shown_count() if self.view is not None else (0, 0)

    def current_ref(self) -> str | None:
        return self.view.current_ref() if self.view is not None else None

    def select(self, ref: str) -> None:
        if self.view is not None:
            self.view.select(ref)

    def open_current(self) -> None:
        """The record is open in the view already: its detail is beside the list."""

    def columns_menu(self, parent: QWidget) -> QMenu | None:
        return None


class Workflows(QObject):
    """The workflow pages and the File menu's workflow actions of one window.

    ``changed`` carries the ``Change`` of every edit made in a page or a dialog.
    """

    changed = Signal(object)

    def __init__(self, parent: QWidget, window_settings: settings.Settings,
                 undo_stack: QUndoStack, today: Callable[[], date],
                 now: Callable[[], datetime]) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.settings = window_settings
        self.undo_stack = undo_stack
        self.today = today
        self.now = now
        self.service: RegisterService | None = None
        self.dialog: QWidget | None = None
        self.incidents: WorkflowPage[IncidentsView] = WorkflowPage(
            "incidents", self._incidents_view, parent)
        self.requests: WorkflowPage[RequestsView] = WorkflowPage(
            "requests", self._requests_view, parent)
        for page in (self.incidents, self.requests):
            page.changed.connect(self._changed)
        self.actions = {
            "export": QAction(parent), "import": QAction(parent), "policy": QAction(parent),
            "notice": QAction(parent)}
        self.actions["export"].triggered.connect(self.export_ropa)
        self.actions["import"].triggered.connect(self.import_ropa)
        self.actions["policy"].triggered.connect(self.review_policy)
        self.actions["notice"].triggered.connect(self.write_notice)
        for action in self.actions.values():
            action.setEnabled(False)
        self.retranslate_actions()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.finish)

    @property
    def incidents_view(self) -> IncidentsView | None:
        return self.incidents.view

    @property
    def requests_view(self) -> RequestsView | None:
        return self.requests.view

    def _incidents_view(self, service: RegisterService) -> IncidentsView:
        from privdesk.gui.incidents_view import IncidentsView

        return IncidentsView(service, self.settings, self.undo_stack, now=self.now)

    def _requests_view(self, service: RegisterService) -> RequestsView:
        from privdesk.gui.requests_view import RequestsView

        return RequestsView(service, self.settings, self.undo_stack, today=self.today)

    def finish(self) -> None:
        """privdesk is quitting: stop exports at their next step (no half files), then wait."""
        for view in (self.requests.view, self.incidents.view):
            run = view.run if view is not None else None
            if run is not None and run.running():
                run.cancel()
        QThreadPool.globalInstance().waitForDone(30_000)

    def attach(self, service: RegisterService) -> None:
        """The window has a register: build the pages that work on it."""
        self.service = service
        for page in (self.incidents, self.requests):
            page.attach(service)
        # Set here, after the window's first paint, as the window's own (see shortcuts.py).
        set_shortcut(self.actions["export"], "Ctrl+Shift+E")
        set_shortcut(self.actions["import"], "Ctrl+Shift+I")
        for action in self.actions.values():
            action.setEnabled(True)

    def retranslate_actions(self) -> None:
        for key, action in self.actions.items():
            action.setText(tr(ACTION_TEXTS[key]))
            action.setToolTip(tr(ACTION_TEXTS[key]).replace("&", "").rstrip("…"))

    # ------------------------------------------------------------ File menu

    def _open(self, dialog: QWidget) -> None:
        dialog.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.show()

    def _service(self) -> RegisterService:
        if self.service is None:
            raise RuntimeError("the workflows have no register yet")
        return self.service

    def export_ropa(self) -> None:
        from privdesk.gui.export import RopaExportDialog

        self._open(RopaExportDialog(self._service(), self.settings, self.parent_widget,
                                    today=self.today))

    def write_notice(self) -> None:
        from privdesk.gui.notice_dialog import NoticeDialog

        self._open(NoticeDialog(self._service(), self.settings, self.parent_widget))

    def import_ropa(self) -> None:
        from privdesk.gui.import_dialog import ImportDialog

        dialog = ImportDialog(self._service(), self.settings, self.undo_stack,
                              self.parent_widget)
        dialog.applied.connect(self._changed)
        self._open(dialog)

    def review_policy(self, into: str | None = None) -> None:
        """The policy review; its findings go into ``into`` (a processor's ref) unless the
        policy names another processor of the register."""
        from privdesk.gui.policy_dialog import PolicyDialog

        dialog = PolicyDialog(self._service(), self.settings, self.undo_stack,
                              today=self.today, parent=self.parent_widget,
                              into=into if isinstance(into, str) else None)
        dialog.editing.changed.connect(self._changed)
        self._open(dialog)

    def screen_dpia(self, ref: str | None = None) -> None:
        """The DPIA screening form of activity ``ref`` (the selected one)."""
        if not isinstance(ref, str):
            return
        from privdesk.gui.dpia_dialog import DpiaDialog

        dialog = DpiaDialog(self._service(), ref, self.undo_stack, self.parent_widget,
                            self.settings)
        dialog.saved.connect(self._changed)
        self._open(dialog)

    def _changed(self, change: Any) -> None:
        if change:  # a Change that changed something
            emit(self.changed, change)


__all__ = ["WorkflowPage", "Workflows"]
