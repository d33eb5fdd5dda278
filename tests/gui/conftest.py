"""Fixtures of the window tests: a demo register, settings in a temporary folder, no leftovers."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from privdesk.domain.errors import UserError
from privdesk.gui import dialogs, formatting
from privdesk.gui.language import set_language
from privdesk.gui.settings import Settings
from privdesk.services import RegisterService, open_register
from privdesk.services.demo import demo_register

TODAY = date(2026, 11, 23)
# The offscreen platform plugin warns whenever a window's size hints change; it is the test
# platform's limitation, not ours (qtbase src/plugins/platforms/offscreen: no
# propagateSizeHints), and the warning fails tests under qt_log_level_fail = WARNING.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"
# A completer's popup (the country pickers) asks the platform to raise it and grab the
# keyboard, which the offscreen platform cannot do either (same source).
POPUP_NOISE = "This plugin does not support (raise|grabbing)"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, POPUP_NOISE))



@pytest.fixture(autouse=True)
def qt_settings(qapp: QApplication, tmp_path: Path) -> Iterator[Path]:
    """QSettings in a folder of the test's own, never the user's (napari's fresh settings)."""
    QCoreApplication.setOrganizationName("privdesk-tests")
    QCoreApplication.setApplicationName("privdesk-tests")
    folder = tmp_path / "settings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    set_language("en")
    yield folder
    set_language("en")


@pytest.fixture(autouse=True)
def dates_as_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dates in the form they have before the window loads Babel (ISO), whatever an earlier
    test started: a test that wants the language's own forms sets them itself."""
    monkeypatch.setitem(formatting._state, "loaded", False)


@pytest.fixture(autouse=True)
def no_leftovers(qapp: QApplication) -> Iterator[None]:
    """Fail a test that leaves a worker or a timer running (qutebrowser, napari), then destroy
    every window it left."""
    yield
    try:
        running = [t for w in QApplication.allWidgets() for t in w.findChildren(QTimer)
                   if t.isActive()]
        assert not running, f"timers still running: {running}"
        assert QThreadPool.globalInstance().activeThreadCount() == 0, "a worker is still running"
    finally:
        destroy_windows()


def destroy_windows() -> None:
    """Destroy the test's top-level widgets now, while the application lives.

    pytest-qt closes the widgets it was given and calls ``deleteLater``, but a deferred delete
    waits for an event loop: without this, hundreds of windows piled up and were destroyed
    inside a later test's event loop, mid-paint, which crashed a CI run (magicgui#743 and
    dangerzone#1548 saw the same)."""
    for _ in range(5):
        widgets = QApplication.topLevelWidgets()
        for widget in widgets:
            widget.close()
            widget.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        if not widgets:
            return


@dataclass
class Dialogs:
    """What the patched modal statics were asked to show, and the answer to questions."""

    errors: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)
    informed: list[str] = field(default_factory=list)
    answer: bool = True


@pytest.fixture(autouse=True)
def shown(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    """The one module of modal statics, patched: a real message box would block the test."""
    seen = Dialogs()

    def show_user_error(_parent: Any, error: UserError) -> None:
        seen.errors.append(dialogs.user_error_text(error))

    def confirm(_parent: Any, _title: str, text: str) -> bool:
        seen.questions.append(text)
        return seen.answer

    monkeypatch.setattr(dialogs, "show_user_error", show_user_error)
    monkeypatch.setattr(dialogs, "confirm", confirm)
    monkeypatch.setattr(dialogs, "inform", lambda _p, text: seen.informed.append(text))
    monkeypatch.setattr(dialogs, "show_crash", seen.crashes.append)
    return seen


@pytest.fixture
def register_file(tmp_path: Path) -> Path:
    return tmp_path / "register.sqlite"


@pytest.fixture
def service(register_file: Path) -> Iterator[RegisterService]:
    """A register holding the demo school, in the test's own file."""
    with open_register(register_file, actor="dpo@test") as opened:
        opened.load(demo_register())
        yield opened


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def window(qtbot: Any, service: RegisterService, settings: Settings) -> Any:
    """The main window on the demo register, shown, on the activities list."""
    from privdesk.gui.main_window import MainWindow

    main = MainWindow(service, settings, today=lambda: TODAY)
    main.message_ms = 0
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.navigation.setCurrentRow(1)
    return main
