"""Every control of the workflow views has an accessible name, on every tab and wizard page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from gui.workflow_fixtures import NOW, TODAY, demo_service, wait_for_worker, workers_finished
from privdesk.gui.export import DoneDialog, RopaExportDialog
from privdesk.gui.import_dialog import ImportDialog
from privdesk.gui.incidents_view import IncidentsView, NotificationDialog, QuickIncidentDialog
from privdesk.gui.overview import OverviewPage
from privdesk.gui.pages import Snapshot
from privdesk.gui.policy_dialog import PolicyDialog
from privdesk.gui.requests_view import (
    EditRequestDialog,
    ExtensionDialog,
    NewRequestWizard,
    RequestsView,
)
from privdesk.gui.settings import Settings
from privdesk.services import RegisterService

__all__ = ["demo_service", "workers_finished"]

POLICY = Path(__file__).resolve().parents[1] / "fixtures" / "policies" / "skolekassa_nb.txt"


def unnamed(root: QWidget) -> list[str]:
    """Focusable, visible controls without an accessible name (as the window's test checks)."""
    return [f"{type(w).__name__} {w.objectName()}" for w in root.findChildren(QWidget)
            if w.isVisibleTo(root) and w.focusPolicy() != Qt.FocusPolicy.NoFocus
            and not w.accessibleName() and type(w).__name__ != "QScrollBar"
            and w.parent() is not None and type(w.parent()).__name__ != "QComboBox"]


def _shown(qtbot: Any, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_views_and_dialogs_name_every_control(qtbot: Any, demo_service: RegisterService,
                                              tmp_path: Path) -> None:
    settings = Settings()
    overview = _shown(qtbot, OverviewPage(now=lambda: NOW))
    assert isinstance(overview, OverviewPage)
    overview.show_register(Snapshot(demo_service.snapshot()))
    assert unnamed(overview) == []

    requests = _shown(qtbot, RequestsView(demo_service, settings, today=lambda: TODAY))
    assert unnamed(requests) == []

    incidents = IncidentsView(demo_service, settings, now=lambda: NOW, refresh_ms=0)
    _shown(qtbot, incidents)
    for tab in range(incidents.tabs.count()):
        incidents.tabs.setCurrentIndex(tab)
        assert unnamed(incidents) == [], tab

    wizard = NewRequestWizard("DSAR-2026-004", TODAY, "NO")
    _shown(qtbot, wizard)
    for _page in range(4):
        assert unnamed(wizard) == []
        wizard.next()
    dialogs: list[QWidget] = [
        ExtensionDialog(demo_service.request("DSAR-2026-001"), TODAY, "NO"),
        EditRequestDialog(demo_service.request("DSAR-2026-003"), TODAY),
        QuickIncidentDialog("INC-2026-003", NOW, "Europe/Oslo"),
        NotificationDialog(demo_service.incident("INC-2026-001"), NOW, "Europe/Oslo"),
        RopaExportDialog(demo_service, settings, today=lambda: TODAY),
        DoneDialog(tmp_path / "ropa.xlsx", None),
        ImportDialog(demo_service, settings),
    ]
    for dialog in dialogs:
        _shown(qtbot, dialog)
        assert unnamed(dialog) == [], type(dialog).__name__
    policy = PolicyDialog(demo_service, settings, today=lambda: TODAY)
    _shown(qtbot, policy)
    with qtbot.waitSignal(policy.review_ready, timeout=30_000):
        policy.read(POLICY)
    wait_for_worker(qtbot)
    assert unnamed(policy) == []
