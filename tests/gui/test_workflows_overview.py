"""The landing page: counts, what needs attention most urgent first, each line opens its record."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt

from gui.workflow_fixtures import NOW, demo_service, workers_finished
from privdesk.domain import records as rec
from privdesk.gui.overview import OverviewPage
from privdesk.gui.pages import Snapshot
from privdesk.services import RegisterService

__all__ = ["demo_service", "workers_finished"]


def test_overview_shows_counts_and_opens_the_most_urgent_record(
        qtbot: Any, demo_service: RegisterService) -> None:
    demo_service.create(rec.Incident(ref="INC-2026-003", title="Stolen laptop",
                                     aware_at=NOW - timedelta(hours=10)))
    page = OverviewPage(now=lambda: NOW)
    qtbot.addWidget(page)
    page.show_register(Snapshot(demo_service.snapshot()))
    page.show()
    qtbot.waitExposed(page)
    assert page.organisation.text() == "Nordvik skole"
    texts = page.texts()
    assert texts[:4] == ["Processing activities: 5", "Processors: 9", "Open incidents: 2",
                         "Open access requests: 2"]
    items = texts[6:]
    assert texts[5] == f"Needs attention ({len(items)})"
    assert items[0].startswith("Breach clock: INC-2026-003 Stolen laptop: 62 hours left "
                               "to notify the authority (by 2026-11-26 ")
    assert any(t.startswith("Missing: VEN-003 NexaLearn AS: no processor agreement")
               for t in items)
    assert page.list.currentRow() == 6  # the most urgent item is ready for Enter

    page.set_filter("nexalearn")
    shown = [page.list.item(i).text() for i in range(page.list.count())
             if not page.list.item(i).isHidden()]
    assert shown[:6] == texts[:6]  # the counts stay
    assert all("NexaLearn" in t for t in shown[6:]) and len(shown) > 6
    page.set_filter("")

    page.list.setFocus()
    with qtbot.waitSignal(page.open_record) as opened:
        qtbot.keyClick(page.list, Qt.Key.Key_Return)
    assert opened.args == ["incidents", "INC-2026-003"]
    assert page.target() == ("incidents", "INC-2026-003")
