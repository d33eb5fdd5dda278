"""Starting the window: the application's icon, and Qt's messages in the log."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, qInfo, qWarning
from PySide6.QtGui import QIcon, QImage
from PySide6.QtWidgets import QApplication

from privdesk import logs, resource_files
from privdesk.gui import application, dialogs
from privdesk.gui.application import APPLICATION_ID, prepare_application, route_qt_messages

from .conftest import OFFSCREEN_NOISE, Dialogs


def _visible(image: QImage) -> bool:
    """Some pixel of the image is not fully transparent."""
    return any(image.pixelColor(x, y).alpha() > 0
               for y in range(image.height()) for x in range(image.width()))


def test_the_application_has_its_icon(qapp: QApplication) -> None:
    prepare_application()
    icon = qapp.windowIcon()
    assert not icon.isNull()
    pixmap = icon.pixmap(48)
    assert not pixmap.isNull()
    assert _visible(pixmap.toImage())


def test_the_window_gets_the_icon_when_the_register_opens(
        qtbot: Any, qapp: QApplication, service: Any, register_file: Path) -> None:
    """The start leaves the icon (Qt's SVG plugin) until after the first paint."""
    from privdesk.gui.main_window import MainWindow

    qapp.setWindowIcon(QIcon())
    prepare_application(window_icon=False)
    assert qapp.windowIcon().isNull()
    window = MainWindow(None)
    qtbot.addWidget(window)
    opener = application._Opener(qapp, window, str(register_file), demo=False)
    try:
        opener.open()
        assert opener.code == 0 and window.activities.model.rowCount() > 0
        assert not qapp.windowIcon().isNull() and not window.windowIcon().isNull()
    finally:
        opener.close()


def test_the_icon_needs_only_the_svg(qapp: QApplication, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The PNGs are build outputs (packaging/make_icons.py): a checkout may have none."""
    source = resource_files.resource("icons", "hicolor", "scalable", "apps",
                                     f"{APPLICATION_ID}.svg")
    theme = tmp_path / "icons" / "hicolor"
    (theme / "scalable" / "apps").mkdir(parents=True)
    (theme / "48x48" / "apps").mkdir(parents=True)  # a size folder without its PNG
    shutil.copyfile(str(source), theme / "scalable" / "apps" / f"{APPLICATION_ID}.svg")
    monkeypatch.setattr(resource_files, "resource",
                        lambda *parts: tmp_path.joinpath(*parts))
    icon = application._application_icon()
    assert not icon.isNull()
    for size in (16, 48, 256):
        pixmap = icon.pixmap(size)
        assert pixmap.width() == size
        assert _visible(pixmap.toImage())


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, "a warning for the log")
def test_qt_messages_go_to_the_log_and_on(caplog: pytest.LogCaptureFixture, qtlog: Any) -> None:
    restore = route_qt_messages()
    try:
        with caplog.at_level(logging.INFO, logger="privdesk.qt"):
            qInfo("an event for the log")
            qWarning("a warning for the log")
    finally:
        restore()
    kept = [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "privdesk.qt"]
    assert kept == [(logging.INFO, "default: an event for the log"),
                    (logging.WARNING, "default: a warning for the log")]
    # Handed on to the handler before ours (here pytest-qt's).
    assert [r.message for r in qtlog.records][-2:] == ["an event for the log",
                                                       "a warning for the log"]
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="privdesk.qt"):
        qInfo("after the window")
    assert not [r for r in caplog.records if r.name == "privdesk.qt"]


def test_the_crash_report_goes_to_the_log_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              shown: Dialogs) -> None:
    monkeypatch.setenv(logs.LOG_DIR_VARIABLE, str(tmp_path))
    logs.start()
    try:
        try:
            raise KeyError("a bug in the window")
        except KeyError:
            dialogs.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    finally:
        logs.stop()
    assert len(shown.crashes) == 1
    text = (tmp_path / "privdesk.log").read_text(encoding="utf-8")
    assert "ERROR privdesk.gui.dialogs" in text and "privdesk crash report" in text
    assert "KeyError (message withheld" in text and "KeyError: 'a bug" not in text


def test_the_register_is_on_screen_before_it_is_opened(
        qtbot: Any, service: Any, register_file: Path) -> None:
    """A current register's rows are in the window's first paint, read with sqlite3; the
    window opened on it afterwards shows the same rows without reading them again."""
    from privdesk.gui.main_window import MainWindow

    from .test_window_reads import statements, tables

    window = MainWindow(None)
    qtbot.addWidget(window)
    early = application._read_first(window, str(register_file))
    assert early is not None
    refs = [a.ref for a in service.activities()]
    assert [r.ref for r in window.activities.model.all_records()] == refs
    assert window.activities.model.rowCount() == len(refs) > 0
    assert "Nordvik" in window.windowTitle() and register_file.name in window.windowTitle()
    # Shown, not yet editable: the register is not open; no keys, icons or focus frames yet.
    assert not window.new_action.isEnabled() and not window.edit_action.isEnabled()
    assert window.edit_action.shortcut().isEmpty() and window.styleSheet() == ""
    blank = window.edit_action.icon().cacheKey()  # holds the tool bar's layout meanwhile
    with statements(service) as seen:
        window.attach(service, early)  # type: ignore[arg-type]
    # The workflow pages build their views on the service (reading as they do); the window's
    # own read of the register is not done again. Against a window that had read nothing:
    other = MainWindow(None)
    qtbot.addWidget(other)
    with statements(service) as seen_cold:
        other.attach(service)
    saved = tables(seen_cold) - tables(seen)
    assert all(saved[t] >= 1 for t in ("organisation", "activity", "processor", "incident",
                                       "request")), saved
    assert [r.ref for r in window.activities.model.all_records()] == refs
    assert window.new_action.isEnabled() and window.activities.current_ref() == refs[0]
    assert window.edit_action.shortcut().toString() == "Ctrl+E"
    assert window.edit_action.icon().cacheKey() != blank
    assert window.edit_action.icon().cacheKey() != window.delete_action.icon().cacheKey()
    assert "palette(highlight)" in window.styleSheet()
    export = window.workflows.actions["export"]
    assert export.shortcut().toString() == "Ctrl+Shift+E"
    assert window.processors.model.all_records()  # the other pages filled at attach
    # Titles read from Qt's own model; a click on one sorts once the register is open.
    header = window.activities.view.horizontalHeader()
    assert header.model().headerData(0, Qt.Orientation.Horizontal) == "Ref"
    assert header.isSortIndicatorShown() and header.sortIndicatorSection() == 0
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    assert [r.ref for r in window.activities.model.records()] == sorted(refs, reverse=True)


# The real start, up to the register's rows on screen and on to the register opened. At the
# first paint: has PySide6 made its ``Qt`` namespace, or the classes QStyle and QKeySequence
# (PySide6 makes a class and all its enums when it is first used: ``Qt`` holds ninety-odd
# enums, QStyle hundreds of members, tens of milliseconds together); in English, has
# any resource been read (importlib.resources loaded); is the garbage collector still held off?
# Once the register is open: is the collector on again, are the keys and icons set?
_FIRST_PAINT_PROBE = """
import gc, os, sys
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTableView
app = QApplication(sys.argv[:1])
def made():
    return [name for module, name in ((QtCore, "Qt"), (QtWidgets, "QStyle"),
            (QtGui, "QKeySequence")) if name in vars(module)]
def opened():
    windows = [w for w in app.topLevelWidgets() if getattr(w, "_service", None) is not None]
    if not windows:
        QTimer.singleShot(10, opened)
        return
    edit = windows[0].edit_action
    print("opened", gc.isenabled(), edit.shortcut().toString(),
          edit.icon().cacheKey() != windows[0]._blank.cacheKey(),
          flush=True)
    os._exit(0)
class FirstPaint(QObject):
    done = False
    def eventFilter(self, watched, event):
        if (event.type() == QEvent.Type.Paint and not self.done
                and watched.parent().model().rowCount() > 0):
            self.done = True
            print("painted", made(), "importlib.resources" in sys.modules, gc.isenabled(),
                  flush=True)
            QTimer.singleShot(0, opened)
        return False
probe = FirstPaint()
# Only the tables' viewports are watched: a filter on the whole application would itself make
# the classes of every object it is shown (the style among them).
set_model = QTableView.setModel
def watched_set_model(view, model):
    set_model(view, model)
    view.viewport().installEventFilter(probe)
QTableView.setModel = watched_set_model
from privdesk.app import main
main(["--db", sys.argv[1]])
"""


def test_the_first_screen_makes_no_costly_qt_classes_and_in_english_reads_no_resource(
        service: Any, register_file: Path, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path),
           "PRIVDESK_LOG_DIR": str(tmp_path / "log"), "LANGUAGE": "en", "LC_ALL": "C.UTF-8"}
    result = subprocess.run([sys.executable, "-c", _FIRST_PAINT_PROBE, str(register_file)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.stdout.splitlines() == ["painted [] False False", "opened True Ctrl+E True"], (
        result.stdout + result.stderr)


def test_a_register_to_migrate_is_opened_after_the_first_paint(
        qtbot: Any, tmp_path: Path) -> None:
    from privdesk.gui.main_window import MainWindow

    old = tmp_path / "old.sqlite"
    shutil.copyfile(Path(__file__).resolve().parent.parent / "fixtures" / "registers"
                    / "schema-0001-demo.sqlite", old)
    old.chmod(0o600)
    window = MainWindow(None)
    qtbot.addWidget(window)
    assert application._read_first(window, str(old)) is None
    assert window.activities.model.rowCount() == 0
    assert not list(tmp_path.glob("*.backups"))  # nothing migrated, nothing backed up yet
