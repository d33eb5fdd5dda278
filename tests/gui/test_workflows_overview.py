"""The landing page: counts, what needs attention most urgent first, each line opens its record."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt

from gui.workflow_fixtures import NOW, demo_service, workers_finished
from privdesk.domain import records as rec
from privdesk.gui.overview import OverviewPage
from privdesk.services import RegisterService

__all__ = ["demo_service", "workers_finished"]


def test_overview_shows_counts_and_opens_the_most_urgent_record(
        qtbot: Any, demo_service: RegisterService) -> None:
    demo_service.create(rec.Incident(ref="INC-2026-003", title="Stolen laptop",
                                     aware_at=NOW - timedelta(hours=10)))
    page = OverviewPage(now=lambda: NOW)
    qtbot.addWidget(page)
    page.show_register(demo_service.snapshot())
    page.show()
    qtbot.waitExposed(page)
    assert page.organisation.text() == "Nordvik skole"
    assert {k: v.text() for k, v in page.count_values.items()} == {
        "activities": "5", "processors": "9", "open_incidents": "2", "open_requests": "2"}
    texts = page.texts()
    assert texts[0].startswith("Breach clock: INC-2026-003 Stolen laptop: 62 hours left")
    assert page.heading.text() == f"Needs attention ({len(texts)})"
    assert any(t.startswith("Missing: VEN-003 NexaLearn AS: no processor agreement")
               for t in texts)

    page.list.setFocus()
    with qtbot.waitSignal(page.open_record) as opened:
        qtbot.keyClick(page.list, Qt.Key.Key_Return)
    assert opened.args == ["incidents", "INC-2026-003"]
    assert page.target() == ("incidents", "INC-2026-003")
