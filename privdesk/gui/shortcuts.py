"""Keyboard shortcuts set on actions without building PySide6's ``Qt`` namespace.

PySide6's overloads of ``QAction.setShortcut`` (a key sequence, a standard key, a ``Qt.Key``)
build all ninety-odd enums of ``Qt`` when first called, tens of milliseconds before the
window's first paint (see ``models.DISPLAY_ROLE``); ``setShortcuts`` with a list does not.
Keys are named by text, and ``QKeySequence`` is loaded when the first one is set: the window
sets its shortcuts once the register is open, after the first paint (``MainWindow.attach``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QKeySequence


def key_sequence(key: str) -> QKeySequence:
    """A standard key by its name ("Undo": the platform's own binding, the first of them) or
    a key in portable text ("Ctrl+Shift+E")."""
    from PySide6.QtGui import QKeySequence

    standard = QKeySequence.StandardKey.__members__.get(key)
    return QKeySequence(standard) if standard is not None else QKeySequence(key)


def set_shortcut(action: QAction, shortcut: QKeySequence | QKeySequence.StandardKey | str,
                 ) -> None:
    """``action.setShortcut(shortcut)``: a standard key gets its first binding only, as there;
    text as ``key_sequence`` reads it."""
    from PySide6.QtGui import QKeySequence

    if isinstance(shortcut, str):
        shortcut = key_sequence(shortcut)
    action.setShortcuts([shortcut if isinstance(shortcut, QKeySequence)
                         else QKeySequence(shortcut)])
