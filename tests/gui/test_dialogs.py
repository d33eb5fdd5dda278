"""Errors as the DPO sees them: a plain message for bad input, a copyable report for a bug."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtWidgets import QApplication

from privdesk.domain.errors import N_, UserError
from privdesk.gui import dialogs
from privdesk.gui.language import set_language

from .conftest import Dialogs


def test_a_bug_shows_a_report_and_a_user_error_a_message(shown: Dialogs) -> None:
    try:
        raise RuntimeError("the unexpected")
    except RuntimeError:
        dialogs.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert len(shown.crashes) == 1
    report = shown.crashes[0]
    # The type, not the message: a message may quote the register (logs.safe_traceback).
    assert "RuntimeError (message withheld" in report
    assert "RuntimeError: the unexpected" not in report
    assert "PySide6" in report and "Traceback" in report

    set_language("nb")
    dialogs.excepthook(UserError, UserError(N_("must not be empty"), "name"), None)
    assert shown.errors[0].startswith("name: ")
    assert shown.errors[0] != "name: must not be empty"  # translated
    assert len(shown.crashes) == 1


def test_the_crash_dialog_copies_its_report(qtbot: Any) -> None:
    dialog = dialogs.CrashDialog("privdesk crash report\nTraceback: boom")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == "privdesk crash report\nTraceback: boom"
    assert dialog.report.isReadOnly()


def test_a_locked_register_is_a_message_not_a_crash(
        shown: Dialogs, tmp_path: Any, template_registers: Any,
        monkeypatch: Any) -> None:
    import shutil
    import sqlite3

    from privdesk.domain import records as rec
    from privdesk.services import open_register
    from privdesk.store import engine

    register = tmp_path / "r.sqlite"
    shutil.copyfile(template_registers["demo"], register)
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 100)
    set_language("en")
    with open_register(register, create=False) as service:
        activity = service.activities()[0]
        holder = sqlite3.connect(register, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # a colleague's long write
        try:
            service.update(rec.replace(activity, name="Renamed"))
        except Exception:  # noqa: BLE001 - what reaches the window's excepthook
            dialogs.excepthook(*sys.exc_info())  # type: ignore[arg-type]
        finally:
            holder.execute("ROLLBACK")
            holder.close()
    assert shown.crashes == []
    assert shown.errors and shown.errors[0].startswith("the register is busy")


def test_a_full_disk_is_a_message_not_a_crash(shown: Dialogs, tmp_path: Any) -> None:
    import errno
    import os

    set_language("en")
    error = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_path / "ropa.xlsx"))
    dialogs.excepthook(OSError, error, None)
    assert shown.crashes == []
    assert shown.errors == [f"{tmp_path / 'ropa.xlsx'}: the disk is full: "
                            f"{os.strerror(errno.ENOSPC)}"]
