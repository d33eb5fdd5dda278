"""The window on a small screen: restored onto the screen, short enough for 1366×768, focus seen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

from gui.conftest import TODAY
from privdesk.gui import settings as ui_settings
from privdesk.gui.geometry import keep_on_screen
from privdesk.gui.main_window import MainWindow
from privdesk.services import RegisterService


def _area() -> QRect:
    return QGuiApplication.primaryScreen().availableGeometry()


def test_a_geometry_from_a_larger_screen_is_brought_onto_this_one(
        qtbot: Any, service: RegisterService, settings: ui_settings.Settings) -> None:
    area = _area()
    big = QMainWindow()
    qtbot.addWidget(big)
    big.setGeometry(area.right() + 400, area.top() + 200, area.width() * 2, area.height() * 2)
    settings.set(ui_settings.GEOMETRY, QByteArray(big.saveGeometry()))
    window = MainWindow(service, settings, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert area.contains(window.frameGeometry())


def test_a_window_placed_beyond_the_screen_is_moved_and_shrunk_onto_it(
        qtbot: Any, window: MainWindow) -> None:
    area = _area()
    window.setGeometry(area.right() - 100, area.bottom() - 50, area.width() + 300,
                       area.height() + 200)
    keep_on_screen(window)
    assert area.contains(window.frameGeometry())
    assert window.width() <= area.width() and window.height() <= area.height()


def test_the_window_fits_a_1366_by_768_screen(window: MainWindow) -> None:
    # 768 less a panel and a title bar: the window must be allowed to be this short, on every
    # page (the incident and request forms scroll instead of pushing the window taller).
    for page in range(window.navigation.count()):
        window.navigation.setCurrentRow(page)
        assert window.minimumSizeHint().height() <= 560
        assert window.minimumSizeHint().width() <= 1366 - 100


def test_focus_on_a_list_is_drawn(qtbot: Any, window: MainWindow) -> None:
    table = window.activities.view
    window.search.setFocus()
    qtbot.waitUntil(lambda: window.search.hasFocus())
    unfocused = table.grab().toImage()
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    focused = table.grab().toImage()
    # The frame in the highlight colour: the edge of the table changes when it takes the focus.
    edge = [(x, 1) for x in range(10, table.width() - 10, 7)]
    assert any(unfocused.pixel(x, y) != focused.pixel(x, y) for x, y in edge)


def test_an_editor_opens_with_the_name_ready_for_typing(qtbot: Any, window: MainWindow) -> None:
    window.new_action.trigger()
    qtbot.waitUntil(lambda: window.editor is not None and window.editor.isVisible())
    editor = window.editor
    assert editor is not None
    qtbot.waitUntil(lambda: editor.widget("name").hasFocus())
    qtbot.keyClicks(editor.focusWidget(), "Skolefoto")
    assert editor.widget("name").text() == "Skolefoto"
    editor.done(0)
