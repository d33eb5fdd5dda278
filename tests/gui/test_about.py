"""The About dialog: version, licence, register and log folder, and the diagnostics to copy."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

import privdesk
from privdesk.gui import about
from privdesk.gui.about import AboutDialog
from privdesk.gui.language import set_language


@pytest.fixture
def log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "logs"
    monkeypatch.setenv("PRIVDESK_LOG_DIR", str(folder))
    return folder


def _texts(dialog: AboutDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel)]


def test_about_shows_the_version_licence_and_folders_and_copies_diagnostics(
        qtbot: Any, window: Any, register_file: Path, log_dir: Path) -> None:
    window.about_action.trigger()
    dialog = window.about_dialog
    assert isinstance(dialog, AboutDialog)
    qtbot.waitExposed(dialog)
    version = importlib.metadata.version("privdesk")
    assert dialog.windowTitle() == "About privdesk"
    assert dialog.fields["version"].text() == version
    assert "GPL-3.0-or-later" in dialog.fields["licence"].text()
    assert dialog.fields["register"].text() == str(register_file)
    assert dialog.fields["log_folder"].text() == str(log_dir)
    assert f"privdesk {version}" in _texts(dialog)

    QApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert copied.splitlines()[0] == f"privdesk {version}"
    assert f"Log folder {log_dir}" in copied
    assert f"Register {register_file}" in copied
    assert "Python 3." in copied and "PySide6 " in copied and "Language en" in copied
    assert dialog.copied.text() == "The diagnostics are on the clipboard."

    dialog.reject()
    qtbot.waitUntil(lambda: window.about_dialog is None)


def test_about_speaks_the_ui_language_and_copies_plain_english(qtbot: Any, log_dir: Path) -> None:
    set_language("sv")
    dialog = AboutDialog(None)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() != "About privdesk"
    assert dialog.fields["register"].text() not in ("", "not opened yet")
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    # The diagnostics are for whoever supports privdesk: the same words in every language.
    assert "Register -" in copied and "Language sv" in copied


def test_the_version_falls_back_to_the_packages_own(monkeypatch: pytest.MonkeyPatch) -> None:
    def not_installed(_name: str) -> str:
        raise importlib.metadata.PackageNotFoundError("privdesk")

    monkeypatch.setattr(importlib.metadata, "version", not_installed)
    assert about.privdesk_version() == privdesk.__version__
