"""One path for the window and the command line: a colleague's save is never overwritten by a
form opened before it, and an unready letter is refused by both with the same words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from support import run_cli

from gui.workflow_fixtures import NOW, TODAY, Files, demo_service, files, workers_finished
from privdesk.domain import records as rec
from privdesk.gui.incidents_view import IncidentsView
from privdesk.gui.requests_view import RequestsView
from privdesk.gui.settings import Settings
from privdesk.services import RegisterService

__all__ = ["demo_service", "files", "workers_finished"]

LEFT = Qt.MouseButton.LeftButton


def _colleague(service: RegisterService) -> RegisterService:
    """Someone else working on the same register (another login on a shared one)."""
    return RegisterService(service.database, actor="colleague@test")


def _requests_view(qtbot: Any, service: RegisterService) -> RequestsView:
    view = RequestsView(service, Settings(), None, today=lambda: TODAY, minimum_duration=0)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def _incidents_view(qtbot: Any, service: RegisterService) -> IncidentsView:
    view = IncidentsView(service, Settings(), now=lambda: NOW, refresh_ms=0, minimum_duration=0)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_request_saved_by_a_colleague_meanwhile_is_not_overwritten(
        qtbot: Any, demo_service: RegisterService, shown: Any) -> None:
    view = _requests_view(qtbot, demo_service)
    view.select("DSAR-2026-001")
    # The colleague corrects the parent's e-mail while the form is open here.
    colleague = _colleague(demo_service)
    opened = colleague.request("DSAR-2026-001")
    colleague.update(rec.replace(opened, requester=rec.replace(
        opened.requester, email="kari.nilsen@new.example")))
    # The DPO ticks another activity and saves the form as it was opened.
    view.set_activity_checked("PA-002", True)
    qtbot.mouseClick(view.save_button, LEFT)
    assert len(shown.errors) == 1 and "colleague@test changed this record" in shown.errors[0]
    # When, as the school's clocks show it (the demo school is in Norway).
    assert " CET " in shown.errors[0] or " CEST " in shown.errors[0]
    kept = demo_service.request("DSAR-2026-001")
    assert kept.requester.email == "kari.nilsen@new.example"
    assert "PA-002" not in kept.activities
    # Once the DPO reloads, the form shows the colleague's change and saves on top of it.
    view.reload()
    view.set_activity_checked("PA-002", True)
    qtbot.mouseClick(view.save_button, LEFT)
    saved = demo_service.request("DSAR-2026-001")
    assert "PA-002" in saved.activities
    assert saved.requester.email == "kari.nilsen@new.example"


def test_an_extension_from_a_stale_form_is_refused(
        qtbot: Any, demo_service: RegisterService, shown: Any) -> None:
    view = _requests_view(qtbot, demo_service)
    view.select("DSAR-2026-001")
    colleague = _colleague(demo_service)
    opened = colleague.request("DSAR-2026-001")
    colleague.update(rec.replace(opened, requester=rec.replace(opened.requester,
                                                               address="Nytt vei 1")))
    qtbot.mouseClick(view.extend_button, LEFT)
    dialog = view.extension_dialog
    qtbot.keyClicks(dialog.reasons, "Four systems must be searched by hand")
    dialog.accept()
    assert shown.errors and "colleague@test changed this record" in shown.errors[-1]
    assert demo_service.request("DSAR-2026-001").status == "open"


def test_an_incident_saved_by_a_colleague_meanwhile_is_not_overwritten(
        qtbot: Any, demo_service: RegisterService, shown: Any) -> None:
    view = _incidents_view(qtbot, demo_service)
    view.select("INC-2026-001")
    colleague = _colleague(demo_service)
    opened = colleague.incident("INC-2026-001")
    colleague.update(rec.replace(opened, consequences="Two families called the school"))
    view.measures.set_value("Class lists are now sent through the learning platform only")
    assert not view.save()
    assert len(shown.errors) == 1 and "colleague@test changed this record" in shown.errors[0]
    kept = demo_service.incident("INC-2026-001")
    assert kept.consequences == "Two families called the school"
    assert kept.measures == opened.measures


def test_the_window_and_the_command_line_refuse_an_unverified_letter_alike(
        qtbot: Any, demo_service: RegisterService, shown: Any, files: Files,
        tmp_path: Path) -> None:
    opened = demo_service.request("DSAR-2026-001")
    demo_service.update(rec.replace(opened, identity=rec.IdentityCheck(verified=False)))
    view = _requests_view(qtbot, demo_service)
    view.select("DSAR-2026-001")
    files.save_as.append(tmp_path / "letter.pdf")
    qtbot.mouseClick(view.produce_button, LEFT)
    assert len(shown.errors) == 1
    in_window = shown.errors[0]
    assert "identity is not verified" in in_window
    assert not (tmp_path / "letter.pdf").exists()
    assert demo_service.documents("DSAR-2026-001") == []

    target = str(demo_service.database.target)
    result = run_cli("letter", "--db", target, "--request", "DSAR-2026-001",
                     "--out", str(tmp_path / "cli-letter.pdf"), "--lang", "en")
    assert result.code == 1
    assert result.stderr.strip() == f"privdesk: {in_window}"
    assert not (tmp_path / "cli-letter.pdf").exists()
    # What only warns is listed in the window and does not stop a ready letter.
    assert any("identity is not verified" in view.missing_list.item(i).text()
               for i in range(view.missing_list.count()))
