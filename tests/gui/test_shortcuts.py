"""Shortcuts set without Qt's enum namespace: the same keys as ``QAction.setShortcut`` gives."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from privdesk.gui.shortcuts import set_shortcut


def test_a_shortcut_is_the_one_setshortcut_gives(qapp: QApplication) -> None:
    for shortcut in (QKeySequence("Ctrl+Shift+E"), QKeySequence.StandardKey.Redo,
                     QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.New):
        ours, theirs = QAction(), QAction()
        set_shortcut(ours, shortcut)
        theirs.setShortcut(shortcut)
        assert ours.shortcuts() == theirs.shortcuts()
        assert ours.shortcut() == theirs.shortcut() and not ours.shortcut().isEmpty()
