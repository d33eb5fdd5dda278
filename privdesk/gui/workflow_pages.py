"""The DPO's workflows in the main window: the overview, the incident and request pages, and
File → Export ROPA…, Import ROPA…, Review policy….

The window keeps its own list pages (its code and tests use them); this puts the workflow views
in their place in the page stack and in ``window.pages``, so navigation, search, Delete and
History act on what the DPO sees. The window calls ``attach``, ``reload`` and ``rerender`` at
the matching moments of its own.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from privdesk.domain.errors import N_
from privdesk.gui.language import current, tr

if TYPE_CHECKING:
    # The views load when the register is attached, after the window's first paint.
    from privdesk.gui.incidents_view import IncidentsView
    from privdesk.gui.main_window import MainWindow
    from privdesk.gui.overview import OverviewPage
    from privdesk.gui.requests_view import RequestsView
    from privdesk.services import RegisterService

ACTION_TEXTS = {
    "export": N_("&Export ROPA…"),
    "import": N_("&Import ROPA…"),
    "policy": N_("Review &policy…"),
}


class Workflows(QObject):
    """The workflow pages and actions of one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.requests_view: RequestsView | None = None
        self.incidents_view: IncidentsView | None = None
        self.dialog: QWidget | None = None
        self.language = current()
        # Built with the register (``attach``), after the first paint; until then the
        # window's own overview stands in its place.
        self.overview: OverviewPage | None = None
        self.actions = {
            "export": QAction(window), "import": QAction(window), "policy": QAction(window)}
        self.actions["export"].setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.actions["import"].setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.actions["export"].triggered.connect(self.export_ropa)
        self.actions["import"].triggered.connect(self.import_ropa)
        self.actions["policy"].triggered.connect(self.review_policy)
        menu = window.file_menu
        for action in self.actions.values():
            action.setEnabled(False)
            menu.insertAction(window.quit_action, action)
        menu.insertSeparator(window.quit_action)
        self.retranslate_actions()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.finish)

    def finish(self) -> None:
        """privdesk is quitting: stop exports at their next step (no half files), then wait."""
        for view in (self.requests_view, self.incidents_view):
            run = view.run if view is not None else None
            if run is not None and run.running():
                run.cancel()
        QThreadPool.globalInstance().waitForDone(30_000)

    def now(self) -> datetime:
        """The window's moment: the real one, or noon of the day the window was given."""
        real = datetime.now(UTC)
        day = self.window.today()
        return real if real.date() == day else datetime.combine(day, time(12), UTC)

    # ------------------------------------------------------------ pages

    def _swap(self, name: str, widget: QWidget) -> None:
        window = self.window
        old = window.pages[name]
        index = window.stack.indexOf(old)
        window.stack.removeWidget(old)
        old.hide()
        window.stack.insertWidget(index, widget)
        window.pages[name] = widget
        if window.stack.currentIndex() != window.navigation.currentRow() >= 0:
            window.stack.setCurrentIndex(window.navigation.currentRow())

    def attach(self, service: RegisterService) -> None:
        """The window has a register: build the pages that work on it."""
        from privdesk.gui.incidents_view import IncidentsView
        from privdesk.gui.overview import OverviewPage
        from privdesk.gui.requests_view import RequestsView

        window = self.window
        if self.overview is None:
            self.overview = OverviewPage(self.now)
            self._swap("overview", self.overview)
            window.overview = self.overview  # type: ignore[assignment]
            self.overview.activated.connect(window.edit_current)
        keep = (self.requests_view.current_ref() if self.requests_view else None,
                self.incidents_view.current_ref() if self.incidents_view else None)
        requests = RequestsView(service, window.settings, window.undo_stack,
                                today=window.today)
        incidents = IncidentsView(service, window.settings, window.undo_stack, now=self.now)
        for view in (requests, incidents):
            view.editing.changed.connect(window.on_change)
            view.list.currentRowChanged.connect(lambda _row: self._selection_changed())
        self._swap("requests", requests)
        self._swap("incidents", incidents)
        for old in (self.requests_view, self.incidents_view):
            if old is not None:
                old.deleteLater()
        self.requests_view, self.incidents_view = requests, incidents
        if keep[0]:
            requests.select(keep[0])
        if keep[1]:
            incidents.select(keep[1])
        for action in self.actions.values():
            action.setEnabled(True)
        window._render_overview()  # the window rendered its lists before these pages existed

    def _selection_changed(self) -> None:
        self.window._update_actions()

    def reload(self, kinds: frozenset[str] | None) -> None:
        """The window reloaded ``kinds`` (None: everything): the pages follow."""
        kinds = kinds or frozenset(("activities", "processors", "incidents", "requests"))
        if self.requests_view is not None and kinds & {"requests", "activities"}:
            self.requests_view.reload()
        if self.incidents_view is not None and kinds & {"incidents", "activities",
                                                        "processors"}:
            self.incidents_view.reload()

    def rerender(self) -> None:
        """The window shows everything again (Babel loaded, or the language switched)."""
        if current() != self.language:
            self.retranslate()
        else:
            self.reload(None)

    def retranslate(self) -> None:
        """After a language switch: the actions, and the pages built anew in the language."""
        self.language = current()
        self.retranslate_actions()
        if self.overview is not None:
            self.overview.retranslate()
        if self.requests_view is not None:
            self.attach(self.requests_view.service)

    def retranslate_actions(self) -> None:
        for key, action in self.actions.items():
            action.setText(tr(ACTION_TEXTS[key]))
            action.setToolTip(tr(ACTION_TEXTS[key]).replace("&", "").rstrip("…"))

    # ------------------------------------------------------------ File menu

    def _open(self, dialog: QWidget) -> None:
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.show()

    def export_ropa(self) -> None:
        from privdesk.gui.export import RopaExportDialog

        window = self.window
        self._open(RopaExportDialog(window.service, window.settings, window,
                                    today=window.today))

    def import_ropa(self) -> None:
        from privdesk.gui.import_dialog import ImportDialog

        window = self.window
        dialog = ImportDialog(window.service, window.settings, window.undo_stack, window)
        dialog.applied.connect(self._changed)
        self._open(dialog)

    def review_policy(self) -> None:
        from privdesk.gui.policy_dialog import PolicyDialog

        window = self.window
        dialog = PolicyDialog(window.service, window.settings, window.undo_stack,
                              today=window.today, parent=window)
        dialog.editing.changed.connect(self._changed)
        self._open(dialog)

    def _changed(self, change: Any) -> None:
        if change:  # a Change that changed something
            self.window.on_change(change)


__all__ = ["Workflows"]
