"""A date the program could not work with (year 9999) cannot be entered in the window: the
date fields hold the years the register accepts, 1900 to 2199 (issue 20)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWizard

from gui.workflow_fixtures import TODAY, demo_service
from privdesk.gui.requests_view import RequestsView
from privdesk.gui.settings import Settings
from privdesk.services import RegisterService

__all__ = ["demo_service"]

LEFT = Qt.MouseButton.LeftButton


def test_a_request_cannot_be_received_in_the_year_9999(
        qtbot: Any, demo_service: RegisterService, shown: Any) -> None:
    view = RequestsView(demo_service, Settings(), None, today=lambda: TODAY, minimum_duration=0)
    qtbot.addWidget(view)
    view.show()
    qtbot.mouseClick(view.new_button, LEFT)
    wizard = view.wizard
    assert wizard is not None
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.keyClicks(wizard.requester_page.name, "Per Hansen")
    qtbot.mouseClick(next_button, LEFT)
    qtbot.keyClicks(wizard.subject_page.name, "Sofie Hansen")
    qtbot.mouseClick(next_button, LEFT)
    received = wizard.identity_page.received
    received.setDate(QDate(9999, 12, 31))
    assert received.date() == QDate(2199, 12, 31)  # before: 9999, and the summary crashed
    qtbot.mouseClick(next_button, LEFT)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), LEFT)
    assert shown.crashes == [] and shown.errors == []
    assert demo_service.request("DSAR-2026-004").received == date(2199, 12, 31)
