"""One read per change: an edit through the window is written, then each table read once."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtWidgets import QApplication
from sqlalchemy import event

from privdesk.gui.main_window import MainWindow
from privdesk.services import RegisterService

# The first table a statement names after FROM, INTO or UPDATE: what it reads or writes.
_TABLE = re.compile(r"\b(?:FROM|INTO|UPDATE)\s+\"?(\w+)", re.IGNORECASE)


@contextmanager
def statements(service: RegisterService) -> Iterator[list[str]]:
    """Every SQL statement the register runs inside the block."""
    seen: list[str] = []

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    engine = service.database.engine
    event.listen(engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before)


def tables(seen: list[str]) -> Counter[str]:
    """How many statements read each table (SELECTs only, by the table after FROM)."""
    found: Counter[str] = Counter()
    for statement in seen:
        if statement.lstrip().upper().startswith("SELECT"):
            match = _TABLE.search(statement)
            if match:
                found[match.group(1)] += 1
    return found


def test_an_edit_reads_each_table_at_most_once(qtbot: Any, window: MainWindow,
                                               service: RegisterService) -> None:
    window.navigation.setCurrentRow(1)
    window.activities.select("PA-002")
    window.edit_action.trigger()
    editor = window.editor
    assert editor is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    name = editor.widget("name")
    name.selectAll()
    qtbot.keyClicks(name, "Homework help (paused)")
    written: list[str] = []
    reloaded: list[str] = []
    with statements(service) as seen:
        # The write ends where the window hears of the change; what follows is the reload.
        original = window.on_change

        def on_change(change: Any) -> None:
            written.extend(seen)
            seen.clear()
            original(change)
            reloaded.extend(seen)

        window.on_change = on_change  # type: ignore[method-assign]
        try:
            editor.save_button.click()
        finally:
            del window.on_change
    assert service.activity("PA-002").name == "Homework help (paused)"
    assert written and reloaded
    counts = tables(reloaded)
    # The edited activity's kind is read again (its rows and its links), nothing else: the
    # organisation and the other kinds are as the window last read them.
    assert counts, "the window read nothing after the change"
    assert max(counts.values()) == 1, f"a table read more than once: {dict(counts)}"
    assert "organisation" not in counts
    assert window.activities.model.text(window.activities.model.row_of("PA-002"),
                                        "name") == "Homework help (paused)"
