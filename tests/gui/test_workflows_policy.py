"""Reviewing a vendor's policy: findings with evidence, accepted into processors one by one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from gui.workflow_fixtures import (
    TODAY,
    Files,
    demo_service,
    files,
    wait_for_worker,
    workers_finished,
)
from privdesk.gui.policy_dialog import PolicyDialog
from privdesk.gui.settings import Settings
from privdesk.services import RegisterService

__all__ = ["demo_service", "files", "workers_finished"]

LEFT = Qt.MouseButton.LeftButton
POLICY = Path(__file__).resolve().parents[1] / "fixtures" / "policies" / "skolekassa_nb.txt"


def test_findings_accepted_one_by_one_into_a_new_processor(
        qtbot: Any, demo_service: RegisterService, files: Files) -> None:
    stack = QUndoStack()
    dialog = PolicyDialog(demo_service, Settings(), stack, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    files.open_from.append(POLICY)
    with qtbot.waitSignal(dialog.review_ready, timeout=30_000):
        qtbot.mouseClick(dialog.open_button, LEFT)
    wait_for_worker(qtbot)
    assert dialog.target.currentData() == ""  # no such processor yet: a new one
    before = {p.ref for p in demo_service.processors()}

    dialog.select_finding("vendor")
    assert "Skolekassa AS" in dialog.evidence.toPlainText()
    qtbot.mouseClick(dialog.accept_button, LEFT)
    created = [p for p in demo_service.processors() if p.ref not in before]
    assert [(p.ref, p.name, p.org_number, p.country, p.role) for p in created] == [
        ("VEN-010", "Skolekassa AS", "912345678", "NO", "processor")]
    assert dialog.target.currentData() == "VEN-010"
    assert not dialog.accept_button.isEnabled()  # accepted once

    dialog.select_finding("contact", "ombud@")
    qtbot.mouseClick(dialog.accept_button, LEFT)
    assert demo_service.processor("VEN-010").contact == "ombud@skolekassa.example"

    dialog.select_finding("subprocessor", "Microsoft Azure")
    assert "Microsoft Azure" in dialog.evidence.toPlainText()
    qtbot.mouseClick(dialog.accept_button, LEFT)
    azure = demo_service.processor("VEN-011")
    assert (azure.name, azure.role, azure.parent, azure.country, azure.data_locations) == (
        "Microsoft Azure", "subprocessor", "VEN-010", "US", ("IE",))

    dialog.select_finding("flag")
    assert dialog.evidence.toPlainText()
    assert not dialog.accept_button.isEnabled()  # a flag is for the DPO to weigh

    # Each acceptance is one undo step.
    assert stack.count() == 3
    stack.undo()
    stack.undo()
    stack.undo()
    assert {p.ref for p in demo_service.processors()} == before


def test_accept_into_preselects_the_vendor_already_in_the_register(
        qtbot: Any, demo_service: RegisterService, files: Files) -> None:
    """Issue 17: the register's "Skolekassa" is the policy's "Skolekassa AS"."""
    from privdesk.domain import records as rec

    demo_service.create(rec.Processor(ref="VEN-010", name="Skolekassa", role="processor"))
    dialog = PolicyDialog(demo_service, Settings(), QUndoStack(), today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    files.open_from.append(POLICY)
    with qtbot.waitSignal(dialog.review_ready, timeout=30_000):
        qtbot.mouseClick(dialog.open_button, LEFT)
    wait_for_worker(qtbot)
    assert dialog.target.currentData() == "VEN-010"


def test_the_processors_page_offers_the_review_for_the_selected_vendor(
        qtbot: Any, window: Any) -> None:
    """Issue 17: policy review was hidden under File; the Processors page offers it."""
    from PySide6.QtWidgets import QApplication

    window.navigation.setCurrentRow(2)
    window.processors.select("VEN-003")
    assert window.processors.review_button.isVisible()
    qtbot.mouseClick(window.processors.review_button, LEFT)
    opened = [w for w in QApplication.topLevelWidgets()
              if isinstance(w, PolicyDialog) and w.isVisible()]
    assert len(opened) == 1
    assert opened[0].target.currentData() == "VEN-003"
    opened[0].done(0)
