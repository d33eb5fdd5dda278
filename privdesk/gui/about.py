"""The About dialog: version, licence, where the register and the log are, and diagnostics.

The diagnostics are what whoever supports privdesk asks for first; they are copied as plain
English text (like the crash report) and hold no field of the register.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from privdesk import logs
from privdesk.gui.language import current, tr

LICENCE = "GPL-3.0-or-later"


def privdesk_version() -> str:
    """The installed distribution's version, else the package's own (a checkout, a frozen build)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("privdesk")
    except PackageNotFoundError:
        from privdesk import __version__

        return __version__


@dataclass(frozen=True)
class Diagnostics:
    """What a supporter needs to know about this privdesk; nothing from the register."""

    version: str
    python: str
    platform: str
    qt: str
    pyside: str
    register: str
    log_folder: str
    language: str

    def text(self) -> str:
        return "\n".join((
            f"privdesk {self.version}",
            f"Python {self.python}",
            f"Platform {self.platform}",
            f"Qt {self.qt}, PySide6 {self.pyside}",
            f"Register {self.register}",
            f"Log folder {self.log_folder}",
            f"Language {self.language}",
        ))


def diagnostics(register: str | None) -> Diagnostics:
    """The diagnostics now; ``register`` as shown (a server's password hidden), if open."""
    from PySide6 import __version__ as pyside_version

    return Diagnostics(
        version=privdesk_version(), python=platform.python_version(),
        platform=platform.platform(), qt=qVersion(), pyside=pyside_version,
        register=register or "-", log_folder=str(logs.log_folder()), language=current())


class AboutDialog(QDialog):
    """What privdesk is and which one this is; Copy diagnostics copies the details."""

    def __init__(self, register: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.diagnostics = diagnostics(register)
        self.setWindowTitle(tr("About privdesk"))
        layout = QVBoxLayout(self)
        heading = QLabel(f"privdesk {self.diagnostics.version}")
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        heading.setFont(font)
        layout.addWidget(heading)
        summary = QLabel(tr(
            "privdesk keeps the register of processing activities, processors, incidents and "
            "requests on your own computer."))
        summary.setWordWrap(True)
        layout.addWidget(summary)
        form = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        rows = (
            ("version", tr("Version:"), self.diagnostics.version),
            ("licence", tr("Licence:"), tr("{licence} (free software)", licence=LICENCE)),
            ("register", tr("Register:"), register or tr("not opened yet")),
            ("log_folder", tr("Log folder:"), self.diagnostics.log_folder),
        )
        for key, label, value in rows:
            field = QLabel(value)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setWordWrap(True)
            field.setAccessibleName(label.rstrip(":"))
            form.addRow(label, field)
            self.fields[key] = field
        layout.addLayout(form)
        self.copied = QLabel()
        layout.addWidget(self.copied)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(tr("&Copy diagnostics"))
        self.copy_button.setAccessibleName(tr("Copy diagnostics"))
        self.copy_button.setToolTip(tr(
            "Copy the versions and folders to send to whoever supports privdesk"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.diagnostics.text())
        self.copied.setText(tr("The diagnostics are on the clipboard."))
