"""Erasing a request or an incident in the window, as the DPO does it: the confirmation says
what goes and that it cannot be undone, asks why, and Undo can no longer bring the person
back."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from gui.conftest import Dialogs
from privdesk.gui.audit import summary
from privdesk.gui.erase_dialog import EraseDialog
from privdesk.gui.main_window import MainWindow
from privdesk.gui.overview import OverviewPage
from privdesk.gui.pages import Snapshot
from privdesk.services import RegisterService
from privdesk.services.erasure import Erasure

LEFT = Qt.MouseButton.LeftButton
REF = "DSAR-2026-001"


def _requests_page(window: MainWindow) -> Any:
    window.navigation.setCurrentRow(4)
    view = window.workflows.requests_view
    assert view is not None
    view.select(REF)
    assert view.current_request() is not None and view.current_request().ref == REF
    return view


def test_the_dpo_erases_a_request_and_undo_cannot_bring_it_back(
        qtbot: Any, window: MainWindow, service: RegisterService, shown: Dialogs) -> None:
    view = _requests_page(window)
    # An undoable step on the request first: undoing it after the erasure must not restore it.
    qtbot.mouseClick(view.sent_button, LEFT)
    assert service.request(REF).status == "answered" and window.undo_stack.canUndo()

    qtbot.mouseClick(view.erase_button, LEFT)
    dialog = view.erase_dialog
    assert isinstance(dialog, EraseDialog) and dialog.isVisible()
    assert "1 request, 4 data items" in dialog.summary.text()
    assert dialog.warning.text() == "This cannot be undone, and the Undo history is cleared."
    mentions = [dialog.mentions.item(i).text() for i in range(dialog.mentions.count())]
    assert "Request DSAR-2026-003: Requester" in mentions
    assert not dialog.erase_button.isEnabled()  # not without a reason
    qtbot.keyClicks(dialog.reason, "The guardian asked for erasure (Art. 17)")
    qtbot.mouseClick(dialog.erase_button, LEFT)

    assert REF not in {r.ref for r in service.requests()}
    assert shown.informed[-1].startswith(f"Erased {REF}.")
    assert not window.undo_stack.canUndo() and not window.undo_stack.canRedo()
    window.undo_action.trigger()
    assert REF not in {r.ref for r in service.requests()}
    shown_refs = [view.list.item(i).data(Qt.ItemDataRole.UserRole)
                  for i in range(view.list.count())]
    assert REF not in shown_refs
    tombstone = service.audit("requests", REF)
    assert [e.action for e in tombstone] == ["erase"]
    assert summary(tombstone[0])[1] == (
        f"{REF}: The guardian asked for erasure (Art. 17) (1 request, 4 data items, "
        "3 audit entries)")

    # History on the overview lists the erasures, whose records can no longer be selected.
    window.navigation.setCurrentRow(0)
    assert window.history_action.isEnabled()
    window.history_action.trigger()
    history = window.history
    assert history is not None and history.isVisible()
    model = history.model
    rows = [[model.data(model.index(r, c)) for c in range(model.columnCount())]
            for r in range(model.rowCount())]
    assert [row[1:3] for row in rows] == [["dpo@test", "Erased"]]
    assert rows[0][5].startswith(f"{REF}: The guardian asked")
    history.reject()


def test_cancel_erases_nothing(qtbot: Any, window: MainWindow,
                               service: RegisterService) -> None:
    view = _requests_page(window)
    qtbot.mouseClick(view.erase_button, LEFT)
    dialog = view.erase_dialog
    qtbot.keyClicks(dialog.reason, "not now")
    dialog.reject()
    assert service.request(REF).subject.name == "Emma Nilsen"


def test_the_overview_reminds_of_records_past_their_retention(
        qtbot: Any, service: RegisterService) -> None:
    erasure = Erasure(service)
    erasure.set_retention({"requests": 0})
    page = OverviewPage(now=service.clock)
    qtbot.addWidget(page)
    register = service.snapshot()
    page.show_register(Snapshot(register, due=tuple(erasure.due(register=register))))
    texts = page.texts()
    assert any("DSAR-2026-002: closed on" in t and "past its retention period" in t
               for t in texts), texts


def test_the_dpo_sets_the_retention_periods_in_the_organisation_editor(
        qtbot: Any, window: MainWindow, service: RegisterService) -> None:
    window.organisation_action.trigger()
    qtbot.waitUntil(lambda: window.editor is not None and window.editor.isVisible())
    editor = window.editor
    label, box = editor.retention_boxes["requests"]
    assert label.text() == "Closed requests, months:" and box.value() == 36
    box.selectAll()
    qtbot.keyClicks(box, "0")
    assert editor.modified and editor.windowTitle().endswith(" *")
    qtbot.mouseClick(editor.save_button, LEFT)

    assert Erasure(service).retention_months()["requests"] == 0
    window.navigation.setCurrentRow(0)
    assert any("DSAR-2026-002: closed on" in t for t in window.overview.texts())


def test_the_dpo_erases_an_incident_the_same_way(
        qtbot: Any, window: MainWindow, service: RegisterService, shown: Dialogs) -> None:
    incident = "INC-2026-001"
    service.record_document("breach_report", incident, "en", b"%PDF- draft", "draft.pdf")
    window.navigation.setCurrentRow(3)
    view = window.workflows.incidents_view
    assert view is not None
    view.select(incident)
    assert view.current_ref() == incident
    # An undoable step first: undoing it after the erasure must not bring the incident back.
    qtbot.keyClicks(view.description, " Found by the class teacher.")
    qtbot.mouseClick(view.save_button, LEFT)
    assert "Found by the class teacher." in service.incident(incident).description
    assert window.undo_stack.canUndo()

    qtbot.mouseClick(view.erase_button, LEFT)
    dialog = view.erase_dialog
    assert isinstance(dialog, EraseDialog) and dialog.isVisible()
    assert dialog.summary.text().startswith(f"Erase {incident} for good: 1 incident, "
                                            "1 kept document, ")
    assert "notification drafts" in dialog.summary.text()
    assert dialog.warning.text() == "This cannot be undone, and the Undo history is cleared."
    assert "look for them in the other records" in dialog.review.text()
    assert not dialog.erase_button.isEnabled()  # not without a reason
    qtbot.keyClicks(dialog.reason, "Retention period ended")
    qtbot.mouseClick(dialog.erase_button, LEFT)

    assert incident not in {i.ref for i in service.incidents()}
    assert service.documents(incident) == []
    assert shown.informed[-1].startswith(f"Erased {incident}.")
    assert not window.undo_stack.canUndo() and not window.undo_stack.canRedo()
    window.undo_action.trigger()
    assert incident not in {i.ref for i in service.incidents()}
    assert incident not in [view.list.item(i).data(Qt.ItemDataRole.UserRole)
                            for i in range(view.list.count())]
    assert view.current_ref() != incident
    tombstone = service.audit("incidents", incident)
    assert [e.action for e in tombstone] == ["erase"]
    assert tombstone[0].after["reason"] == "Retention period ended"
