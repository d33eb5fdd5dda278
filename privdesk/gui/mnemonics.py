"""Alt+letter keys without clashes: a control whose letter is taken gets another of its letters.

The translations mark a letter in each label, button and tab ("&Save", "&Lagre"); a form with
thirty controls, the window's menus and its search field cannot keep every marked letter apart in
three languages by hand. ``settle`` keeps each marked letter that is still free and moves the
others to a free letter of the same text (a word's first letter first), or drops the mark when
none is free. Controls on different pages of a stack (a tab widget's pages) never show together,
so each page is settled on its own, after what shows on every page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from PySide6 import QtCore  # QtCore.Qt: see models.DISPLAY_ROLE
from PySide6.QtWidgets import QAbstractButton, QLabel, QMenuBar, QStackedWidget, QWidget

if TYPE_CHECKING:
    # Loaded where used: the main window imports this module before its first paint, and
    # PySide6 builds a class's enums when its name is first read (see shortcuts.py).
    from PySide6.QtWidgets import QWizard, QWizardPage

# (text, how to set it) of one control that answers an Alt+letter
Control = tuple[str, Callable[[str], None]]


def letter(text: str) -> str | None:
    """The marked letter of ``text`` ("&Save" → "s"), casefolded; None without one."""
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def _starts(plain: str) -> list[int]:
    """Where the words of ``plain`` begin (the letters an Alt+letter is best put on)."""
    return [i for i, c in enumerate(plain)
            if c.isalpha() and (i == 0 or not plain[i - 1].isalnum())]


def _at_start(text: str) -> bool:
    """Whether the marked letter of ``text`` begins a word."""
    bare = text.replace("&&", "\0")
    at = bare.find("&")
    return at >= 0 and at in _starts(bare.replace("&", ""))


def free_starts(text: str, taken: set[str]) -> set[str]:
    """The letters beginning a word of ``text`` that are not in ``taken``."""
    plain = text.replace("&", "")
    return {plain[i].casefold() for i in _starts(plain)} - taken


def remarked(text: str, taken: set[str]) -> str:
    """``text`` with its mark on a letter not in ``taken`` (a word's first letter preferred),
    or with no mark when every letter is taken."""
    if "&&" in text:
        return text
    plain = text.replace("&", "")
    starts = _starts(plain)
    others = [i for i, c in enumerate(plain) if c.isalpha() and i not in starts]
    for i in (*starts, *others):
        if plain[i].casefold() not in taken:
            return plain[:i] + "&" + plain[i:]
    return plain


def _assign(controls: list[Control], used: set[str]) -> None:
    """Put the marks of ``controls`` (in order of precedence) on letters apart from ``used``
    and each other, as many on a word's first letter as can be: a free mark on a word's first
    letter stays; the others, the control with the fewest free first letters first, take a
    free first letter, or else keep their own letter if free, or else any free letter."""
    pending: list[Control] = []
    for text, set_text in controls:
        mark = letter(text)
        if mark is not None and mark not in used and _at_start(text):
            used.add(mark)
        else:
            pending.append((text, set_text))
    while pending:
        # The most constrained control first; one with no free first letter waits till last.
        choices = [len(free_starts(text, used)) for text, _set in pending]
        best = min(range(len(pending)),
                   key=lambda i: (choices[i] == 0, choices[i], i))
        text, set_text = pending.pop(best)
        mark = letter(text)
        if choices[best] == 0 and mark is not None and mark not in used:
            used.add(mark)
            continue
        new = remarked(text, used)
        if new != text:
            set_text(new)
        if (found := letter(new)) is not None:
            used.add(found)


def _controls(widget: QWidget) -> Iterator[Control]:
    from PySide6.QtWidgets import QTabBar

    if isinstance(widget, QTabBar):
        for i in range(widget.count()):
            if widget.isTabVisible(i):
                yield widget.tabText(i), partial(widget.setTabText, i)
    elif isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and "&" in widget.text() and widget.buddy() is not None):
        yield widget.text(), widget.setText


def _scope(root: QWidget) -> tuple[list[QWidget], list[QStackedWidget]]:
    """The widgets under ``root`` outside any stack, and the stacks met on the way."""
    widgets: list[QWidget] = []
    stacks: list[QStackedWidget] = []

    def walk(parent: QWidget) -> None:
        for child in parent.findChildren(
                QWidget, options=QtCore.Qt.FindChildOption.FindDirectChildrenOnly):
            if child.isWindow():
                continue
            if isinstance(child, QStackedWidget):
                stacks.append(child)
                continue
            widgets.append(child)
            walk(child)

    walk(root)
    return widgets, stacks


def _rank(widget: QWidget) -> int:
    """Tabs keep their letters first, then buttons, then the labels of fields."""
    from PySide6.QtWidgets import QTabBar

    return 0 if isinstance(widget, QTabBar) else 1 if isinstance(widget, QAbstractButton) else 2


def settle(root: QWidget, taken: Iterable[str] = ()) -> None:
    """Give every control of ``root`` a letter no other control showing with it has, and none
    of ``taken`` (the letters of what shows around ``root``)."""
    used = set(taken)
    widgets, stacks = _scope(root)
    _assign([control for widget in sorted(widgets, key=_rank)
             for control in _controls(widget) if letter(control[0]) is not None], used)
    for stack in stacks:
        for page in (stack.widget(i) for i in range(stack.count())):
            if page is not None:
                settle(page, used)


def window_letters(window: QWidget) -> set[str]:
    """The letters of what always shows in ``window``: its menu bar and the controls outside
    any stack (the search field)."""
    found: set[str] = set()
    for bar in window.findChildren(QMenuBar):
        found |= {m for a in bar.actions() if a.isVisible() and (m := letter(a.text()))}
    widgets, _stacks = _scope(window)
    for widget in widgets:
        found |= {m for text, _set in _controls(widget) if (m := letter(text))}
    return found


def settle_wizard(wizard: QWizard) -> None:
    """Each page of ``wizard`` first, its labels on their words' first letters; then Back,
    Next and Finish on letters no page uses.

    The buttons show with every page, so their letters must keep clear of all of them: were
    they settled first, "&Neste" and "&Tilbake" would push "Navn" and "Type" to "Na&vn" and
    "T&ype". A button left with no free letter loses its mark (Enter still presses Next).
    """
    from PySide6.QtWidgets import QWizard

    button = QWizard.WizardButton
    always = (button.BackButton, button.NextButton, button.CancelButton)
    last = (button.FinishButton, button.CommitButton)
    pages = [page for page_id in wizard.pageIds() if (page := wizard.page(page_id)) is not None]
    for page in pages:
        settle(page)

    def letters(shown: list[QWizardPage]) -> set[str]:
        found: set[str] = set()
        for page in shown:
            widgets, _stacks = _scope(page)
            found |= {m for widget in widgets for text, _set in _controls(widget)
                      if (m := letter(text))}
        return found

    def assign(buttons: tuple[QWizard.WizardButton, ...], used: set[str]) -> None:
        _assign([(wizard.buttonText(b), partial(wizard.setButtonText, b))
                 for b in buttons if letter(wizard.buttonText(b)) is not None], used)

    assign(always, letters(pages))
    taken = {m for b in always if (m := letter(wizard.buttonText(b)))}
    # Finish shows on the last page only (in place of Next), unless told to show on every one.
    early = wizard.testOption(QWizard.WizardOption.HaveFinishButtonOnEarlyPages)
    assign(last, taken | letters(pages if early else [p for p in pages if p.isFinalPage()]))
    finish = {m for b in last if (m := letter(wizard.buttonText(b)))}
    for page in pages:
        settle(page, taken | finish if early or page.isFinalPage() else taken)
