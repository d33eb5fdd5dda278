"""The one place that shows errors and asks questions (the statics tests patch), and crashes.

Two kinds of error: a ``UserError`` is bad input or a refused operation, nothing changed,
shown as one plain, translated message; anything else is a bug, shown with a report the DPO
can copy. Every edit is already committed when it succeeds, so a bug never loses the register.
"""

from __future__ import annotations

import logging
import platform
import sys
from types import TracebackType

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from privdesk.domain.errors import UserError
from privdesk.gui.language import gettext_function, tr
from privdesk.logs import safe_traceback

log = logging.getLogger(__name__)


def user_error_text(error: UserError) -> str:
    """The message of a UserError in the UI language (with its place when it has one)."""
    return error.render(gettext_function())


def show_user_error(parent: QWidget | None, error: UserError) -> None:
    """Bad input or a refused operation: one plain message, nothing changed."""
    QMessageBox.warning(parent, tr("privdesk"), user_error_text(error))


def show_failure(parent: QWidget | None, error: BaseException) -> None:
    """A worker's failure, shown on the UI thread: a refusal as one message over ``parent``,
    anything else as the window's error hook shows it."""
    if isinstance(error, UserError):
        show_user_error(parent, error)
        return
    excepthook(type(error), error, error.__traceback__)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """A yes/no question (No is the default)."""
    answer = QMessageBox.question(
        parent, title, text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def inform(parent: QWidget | None, text: str) -> None:
    QMessageBox.information(parent, tr("privdesk"), text)


def crash_report(kind: type[BaseException], value: BaseException,
                 tb: TracebackType | None) -> str:
    """What a developer needs to fix the bug; nothing from the register.

    Built, not filtered: versions, then ``logs.safe_traceback`` (frames and exception types;
    a message only when Python wrote it about the code; a database error's statement without
    its parameters). Nothing here comes from an exception's text that could quote a record.
    """
    from PySide6 import __version__ as pyside_version

    lines = [
        "privdesk crash report",
        f"Python {platform.python_version()} on {platform.platform()}",
        f"PySide6 {pyside_version}, Qt {qVersion()}",
        "",
        safe_traceback(kind, value, tb),
    ]
    return "\n".join(lines)


class CrashDialog(QDialog):
    """A bug: say so plainly, show the report, let the DPO copy it."""

    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("privdesk: something went wrong"))
        self.setAccessibleName(tr("Error report"))
        layout = QVBoxLayout(self)
        message = QLabel(tr(
            "privdesk met an error it did not expect. Your register is safe: every change was "
            "saved when you made it. Please send the report below to whoever supports privdesk."))
        message.setWordWrap(True)
        layout.addWidget(message)
        self.report = QPlainTextEdit(report)
        self.report.setReadOnly(True)
        self.report.setAccessibleName(tr("Error report"))
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(self.report)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(tr("&Copy report"))
        self.copy_button.setAccessibleName(tr("Copy report"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 420)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.report.toPlainText())


def show_crash(report: str) -> None:
    """Show the crash dialog (modal); patched in tests like the other statics."""
    dialog = CrashDialog(report, QApplication.activeWindow())
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.exec()


def excepthook(kind: type[BaseException], value: BaseException,
               tb: TracebackType | None) -> None:
    """``sys.excepthook`` of the window: a UserError is a message, anything else a bug."""
    from privdesk.store.failures import as_user_error

    # A locked register or a full disk is said plainly, as the command line says it.
    refusal = as_user_error(value) if isinstance(value, Exception) else None
    if refusal is not None:
        show_user_error(QApplication.activeWindow(), refusal)
        return
    report = crash_report(kind, value, tb)
    log.error("%s", report)
    print(report, file=sys.stderr)
    if QApplication.instance() is not None:
        show_crash(report)
