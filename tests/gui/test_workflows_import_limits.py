"""The window reads a workbook through the same capped reader as ``import-ropa``: a device or
an oversized file is refused with the command line's words, after at most the cap is read, and
the register is left as it was (issue 20)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from gui.workflow_fixtures import Files, demo_service, files, wait_for_worker, workers_finished
from privdesk import cli
from privdesk.gui.import_dialog import ImportDialog
from privdesk.gui.language import set_language
from privdesk.gui.settings import Settings
from privdesk.services import RegisterService

__all__ = ["demo_service", "files", "workers_finished"]

LEFT = Qt.MouseButton.LeftButton


def _cli_refusal(path: Path, register: str) -> str:
    stderr = io.StringIO()
    code = cli.run(["import-ropa", "--db", register, "--lang", "en", str(path)],
                   cli.Context(stdout=io.StringIO(), stderr=stderr))
    assert code == 1
    return stderr.getvalue().strip().removeprefix("privdesk: ")


def _garbage(tmp_path: Path) -> Path:
    path = tmp_path / "garbage.xlsx"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 40)
    return path


def _oversized(tmp_path: Path) -> Path:
    path = tmp_path / "huge.xlsx"
    with path.open("wb") as handle:  # sparse: 51 MB of nothing on disk
        handle.truncate(51 * 1024 * 1024)
    return path


@pytest.mark.parametrize("make", [lambda _tmp: Path("/dev/zero"), _oversized, _garbage],
                         ids=["dev-zero", "oversized", "garbage"])
def test_the_window_refuses_what_import_ropa_refuses(
        qtbot: Any, demo_service: RegisterService, files: Files, tmp_path: Path,
        make: Any) -> None:
    path = make(tmp_path)
    set_language("en")
    before = demo_service.snapshot()
    dialog = ImportDialog(demo_service, Settings(), QUndoStack())
    qtbot.addWidget(dialog)
    dialog.show()
    files.open_from.append(path)
    with qtbot.waitSignal(dialog.preview_ready, timeout=30_000):
        qtbot.mouseClick(dialog.choose_button, LEFT)
    wait_for_worker(qtbot)
    # Before, /dev/zero was "not a zip archive" in the window and "larger than 50 MB" in the
    # command line: two readers.
    assert dialog.status.text() == _cli_refusal(path, demo_service.database.engine.url.database)
    assert not dialog.apply_button.isEnabled()
    assert demo_service.snapshot() == before
