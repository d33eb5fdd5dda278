"""A record's history in the DPO's words: field labels, codes as labels, dates in the language's
form, lists joined; the value as stored one step away (tooltip and the details line)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from privdesk.domain.records import replace
from privdesk.gui import formatting
from privdesk.gui.language import set_language
from privdesk.gui.main_window import MainWindow
from privdesk.services import RegisterService

from .test_main_window import select


@pytest.fixture
def norwegian() -> Any:
    set_language("nb")
    yield
    set_language("en")


def rows(window: MainWindow) -> list[list[str]]:
    history = window.history
    assert history is not None and history.isVisible()
    model = history.model
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_history_shows_changes_in_words_with_the_stored_value_at_hand(
        qtbot: Any, window: MainWindow, service: RegisterService,
        monkeypatch: pytest.MonkeyPatch, norwegian: None) -> None:
    monkeypatch.setitem(formatting._state, "loaded", True)  # Babel's forms, as after start
    pa = service.activity("PA-001")
    service.update(replace(pa, legal_bases=("6.1.e", "6.1.a"), review_due=date(2027, 3, 1)))
    service.update(replace(service.activity("PA-001"),
                           data_items=("name", "class", "points")))
    select(window, "activities", "PA-001")
    window.history_action.trigger()
    shown = rows(window)
    by_field = {row[3]: row[4:] for row in shown[:3]}
    assert by_field["Opplysninger"] == [
        "name; class; skill level; points; teacher's name", "name; class; points"]
    before, after = by_field["Rettslig grunnlag"]
    assert before == "Art. 6 nr. 1 bokstav e – allmennhetens interesse eller offentlig myndighet"
    assert after.startswith(f"{before}…")  # shortened; the whole in the tooltip
    row = next(i for i, r in enumerate(shown) if r[3] == "Rettslig grunnlag")
    model = window.history.model if window.history else None
    assert model is not None
    assert "Art. 6 nr. 1 bokstav a – samtykke" in model.data(
        model.index(row, 5), Qt.ItemDataRole.ToolTipRole)
    assert by_field["Neste gjennomgang"] == ["30.06.2027", "01.03.2027"]
    assert not any("[" in cell or '"' in cell for row in shown for cell in row[4:])

    history = window.history
    assert history is not None
    view = history.view
    row = next(i for i, r in enumerate(shown) if r[3] == "Neste gjennomgang")
    rect = view.visualRect(history.model.index(row, 5))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    text = history.details.text()
    assert text.startswith("Neste gjennomgang: 30.06.2027 → 01.03.2027")
    assert "2027-06-30 → 2027-03-01" in text  # the value as stored
    tip = history.model.data(history.model.index(row, 5), Qt.ItemDataRole.ToolTipRole)
    assert tip == text
    history.reject()
