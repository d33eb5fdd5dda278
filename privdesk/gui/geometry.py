"""A window kept on the screen it is on: moved and shrunk into the screen's free area.

A geometry saved on a large screen (or on a second screen since unplugged) may put the window
partly or wholly off a 1366×768 laptop's screen; Qt corrects a plain off-screen position when
it restores, not a window larger than the screen or one the window manager placed beyond it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def target_screen_area(widget: QWidget) -> QRect:
    """The free area (without panels) of the screen showing most of ``widget``."""
    frame = widget.frameGeometry()
    screen = QGuiApplication.screenAt(frame.center())
    if screen is None:  # the centre is on no screen: the one the window belongs to
        screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def keep_on_screen(widget: QWidget) -> None:
    """Shrink ``widget`` to its screen's free area and move it wholly onto it."""
    area = target_screen_area(widget)
    frame = widget.frameGeometry()
    # The window's frame (title bar, borders) around its contents.
    extra_width = frame.width() - widget.width()
    extra_height = frame.height() - widget.height()
    width = max(min(widget.width(), area.width() - extra_width), widget.minimumWidth())
    height = max(min(widget.height(), area.height() - extra_height), widget.minimumHeight())
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(width, height)
    frame = widget.frameGeometry()
    x = min(max(frame.left(), area.left()), area.left() + area.width() - frame.width())
    y = min(max(frame.top(), area.top()), area.top() + area.height() - frame.height())
    if (x, y) != (frame.left(), frame.top()):
        widget.move(max(x, area.left()), max(y, area.top()))


__all__ = ["keep_on_screen", "target_screen_area"]
