"""The workflows inside the main window: pages in the navigation, File menu actions, undo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from gui.workflow_fixtures import Files, files, finished_run, workers_finished
from privdesk.gui.export import RopaExportDialog
from privdesk.gui.import_dialog import ImportDialog
from privdesk.gui.incidents_view import IncidentsView
from privdesk.gui.main_window import MainWindow
from privdesk.gui.overview import OverviewPage
from privdesk.gui.policy_dialog import PolicyDialog
from privdesk.gui.requests_view import RequestsView
from privdesk.gui.workflow_pages import Workflows
from privdesk.services import RegisterService

__all__ = ["files", "workers_finished"]

LEFT = Qt.MouseButton.LeftButton


def _workflows(window: MainWindow) -> Workflows:
    assert isinstance(window.workflows, Workflows)
    return window.workflows


def _shown_view(window: MainWindow) -> Any:
    """The workflow view on the page the window shows (None for another page)."""
    current = window.stack.currentWidget()
    shown = [view for kind in (IncidentsView, RequestsView)
             for view in current.findChildren(kind) if view.isVisible()]
    return shown[0] if shown else None


def test_the_workflow_pages_are_in_the_navigation(qtbot: Any, window: MainWindow,
                                                  service: RegisterService) -> None:
    workflows = _workflows(window)
    window.navigation.setCurrentRow(0)
    assert isinstance(window.stack.currentWidget(), OverviewPage)
    assert window.stack.currentWidget() is window.overview
    texts = window.overview.texts()
    assert "Processing activities: 5" in texts
    window.navigation.setCurrentRow(3)
    assert isinstance(_shown_view(window), IncidentsView)
    assert _shown_view(window) is workflows.incidents_view
    window.navigation.setCurrentRow(4)
    assert isinstance(_shown_view(window), RequestsView)
    assert _shown_view(window) is workflows.requests_view

    # The search field filters the requests; Delete acts on the chosen one, undo restores it.
    requests = workflows.requests_view
    assert requests is not None
    qtbot.keyClicks(window.search, "emil")
    assert requests.shown_count() == (1, 3)
    window.search.clear()
    requests.select("DSAR-2026-003")
    assert window.delete_action.isEnabled()
    window.delete_action.trigger()
    assert "DSAR-2026-003" not in [r.ref for r in service.requests()]
    assert requests.current_ref() != "DSAR-2026-003"
    window.undo_action.trigger()
    assert "DSAR-2026-003" in [r.ref for r in service.requests()]


def test_an_edit_in_a_workflow_is_undone_from_the_window(
        qtbot: Any, window: MainWindow, service: RegisterService) -> None:
    workflows = _workflows(window)
    window.navigation.setCurrentRow(4)
    requests = workflows.requests_view
    assert requests is not None
    requests.select("DSAR-2026-001")
    qtbot.mouseClick(requests.extend_button, LEFT)
    dialog = requests.extension_dialog
    qtbot.keyClicks(dialog.reasons, "Four systems to search")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)
    assert service.request("DSAR-2026-001").status == "extended"
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert service.request("DSAR-2026-001").status == "open"
    assert service.request("DSAR-2026-001").extension is None
    assert "extended" not in requests.list.item(0).text().lower()


def test_the_overview_opens_an_incident_in_its_workflow(
        qtbot: Any, window: MainWindow) -> None:
    workflows = _workflows(window)
    window.navigation.setCurrentRow(0)
    texts = window.overview.texts()
    line = next(i for i, t in enumerate(texts) if "no processor agreement" in t)
    window.overview.list.setCurrentRow(line)
    window.edit_current()
    assert window.current_kind() == "processors"
    window.navigation.setCurrentRow(3)
    incidents = workflows.incidents_view
    assert incidents is not None
    window.current_page().select("INC-2026-002")
    assert incidents.current_incident() is not None
    assert incidents.current_ref() == "INC-2026-002"


def test_file_menu_export_import_and_policy(qtbot: Any, window: MainWindow, files: Files,
                                            tmp_path: Path) -> None:
    workflows = _workflows(window)
    texts = [a.text() for a in window.file_menu.actions()]
    assert "&Export ROPA…" in texts and "&Import ROPA…" in texts
    assert "Review &policy…" in texts
    assert texts.index("&Export ROPA…") < texts.index("&Quit")

    workflows.actions["export"].trigger()
    export = workflows.dialog
    assert isinstance(export, RopaExportDialog) and export.isVisible()
    files.save_as.append(tmp_path / "ropa.xlsx")
    qtbot.mouseClick(export.export_button, LEFT)
    run = finished_run(qtbot, export)
    assert (tmp_path / "ropa.xlsx").exists()
    assert run.done_dialog is not None
    run.done_dialog.close()

    workflows.actions["import"].trigger()
    importer = workflows.dialog
    assert isinstance(importer, ImportDialog)
    importer.reject()
    workflows.actions["policy"].trigger()
    assert isinstance(workflows.dialog, PolicyDialog)
    workflows.dialog.reject()


def test_switching_language_rebuilds_the_pages(qtbot: Any, window: MainWindow) -> None:
    workflows = _workflows(window)
    window.navigation.setCurrentRow(3)
    assert workflows.incidents_view is not None
    workflows.incidents_view.select("INC-2026-002")
    window.switch_language("nb")
    view = workflows.incidents_view
    assert view is not None and view.new_button.text() == "&Nytt avvik…"
    assert view.current_ref() == "INC-2026-002"
    assert _shown_view(window) is view
    assert workflows.actions["export"].text() == "&Eksporter protokollen…"
    window.switch_language("en")


def test_the_incident_clock_ticks_only_while_shown(qtbot: Any, window: MainWindow) -> None:
    workflows = _workflows(window)
    view = workflows.incidents_view
    assert view is not None
    window.navigation.setCurrentRow(3)
    assert view.timer.isActive()  # the hours left follow the clock while the DPO looks
    window.navigation.setCurrentRow(4)
    assert not view.timer.isActive()
    window.navigation.setCurrentRow(3)
    # The test ends on this page: closing the window stops the clock (no timer left over).
