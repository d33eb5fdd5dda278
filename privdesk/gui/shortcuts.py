"""Keyboard shortcuts set on actions without building PySide6's ``Qt`` namespace.

PySide6's overloads of ``QAction.setShortcut`` (a key sequence, a standard key, a ``Qt.Key``)
build all ninety-odd enums of ``Qt`` when first called, tens of milliseconds before the
window's first paint (see ``models.DISPLAY_ROLE``); ``setShortcuts`` with a list does not.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence


def set_shortcut(action: QAction, shortcut: QKeySequence | QKeySequence.StandardKey) -> None:
    """``action.setShortcut(shortcut)``: a standard key gets its first binding only, as there."""
    action.setShortcuts([shortcut if isinstance(shortcut, QKeySequence)
                         else QKeySequence(shortcut)])
