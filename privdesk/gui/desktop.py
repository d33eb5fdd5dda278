"""The workflows' modal statics: file dialogs and opening a file (the functions tests patch).

Like ``dialogs.py`` for messages, this is the one place the workflow views ask for a file name
or hand a file to the desktop, so that tests replace these functions and never open a viewer
or block on a native dialog, which qtbot cannot drive
(https://pytest-qt.readthedocs.io/en/latest/note_dialogs.html).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget


def ask_save_path(parent: QWidget | None, title: str, suggested: Path, name_filter: str,
                  suffix: str) -> Path | None:
    """Where to save a document; the suffix is added when the user leaves it out."""
    chosen, _selected = QFileDialog.getSaveFileName(parent, title, str(suggested), name_filter)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def ask_open_path(parent: QWidget | None, title: str, folder: Path,
                  name_filter: str) -> Path | None:
    """A file to read, or None when the user cancels."""
    chosen, _selected = QFileDialog.getOpenFileName(parent, title, str(folder), name_filter)
    return Path(chosen) if chosen else None


def open_path(path: Path) -> bool:
    """Open a file (or a folder) with the desktop's own application; False if that failed.

    Only paths privdesk wrote itself come here, never a URL from the register.
    """
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
