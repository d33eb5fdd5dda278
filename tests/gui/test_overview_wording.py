"""The overview in the DPO's language: counted words in the singular or plural, dates as at home."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from gui.workflow_fixtures import demo_service, workers_finished
from privdesk.domain import records as rec
from privdesk.gui import formatting
from privdesk.gui.language import set_language
from privdesk.gui.overview import OverviewPage
from privdesk.gui.pages import Snapshot
from privdesk.services import RegisterService

__all__ = ["demo_service", "workers_finished"]

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(("language", "expected"), [
    ("nb", "INC-9 Stjålet nettbrett: 1 time igjen til å melde fra til tilsynsmyndigheten "
           "(innen 23.11.2026 11:00 CET)"),
    ("sv", "INC-9 Stjålet nettbrett: 1 timme kvar att anmäla till tillsynsmyndigheten "
           "(senast 2026-11-23 11:00 CET)"),
    ("en", "INC-9 Stjålet nettbrett: 1 hour left to notify the authority "
           "(by 23 Nov 2026 11:00 CET)"),
])
def test_a_breach_clock_line_reads_as_the_dpo_writes(
        qtbot: Any, demo_service: RegisterService, monkeypatch: pytest.MonkeyPatch,
        language: str, expected: str) -> None:
    monkeypatch.setitem(formatting._state, "loaded", True)  # Babel's forms, as after start
    demo_service.create(rec.Incident(ref="INC-9", title="Stjålet nettbrett",
                                     aware_at=NOW - timedelta(hours=71)))
    set_language(language)
    page = OverviewPage(now=lambda: NOW)
    qtbot.addWidget(page)
    page.show_register(Snapshot(demo_service.snapshot()))
    assert any(text.endswith(expected) for text in page.texts()), page.texts()
