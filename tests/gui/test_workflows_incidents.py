"""An incident from awareness to a notification draft, as the DPO records it under the clock."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from gui.workflow_fixtures import (
    NOW,
    Files,
    demo_service,
    files,
    finished_run,
    leftovers,
    workers_finished,
)
from privdesk.gui.incidents_view import IncidentsView
from privdesk.gui.settings import Settings
from privdesk.services import RegisterService

__all__ = ["demo_service", "files", "workers_finished"]

LEFT = Qt.MouseButton.LeftButton


def _view(qtbot: Any, service: RegisterService, now: Any = lambda: NOW) -> IncidentsView:
    view = IncidentsView(service, Settings(), now=now, refresh_ms=0, minimum_duration=0)
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


def _texts(widget: Any) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def test_an_incident_from_awareness_to_a_notification_draft(
        qtbot: Any, demo_service: RegisterService, files: Files, tmp_path: Path) -> None:
    clock = {"now": NOW}
    view = _view(qtbot, demo_service, lambda: clock["now"])

    # Record it at once: the clock starts at awareness.
    qtbot.mouseClick(view.new_button, LEFT)
    quick = view.quick
    assert quick is not None and quick.isVisible()
    start = quick.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not start.isEnabled()
    qtbot.keyClicks(quick.title_field, "Laptop with pupil reports stolen from a car")
    qtbot.mouseClick(start, LEFT)
    incident = demo_service.incident("INC-2026-003")
    assert incident.aware_at == NOW
    assert incident.status == "open"
    assert view.current_incident() == incident
    # 10:00 in Oslo; 72 hours later is Thursday 10:00 CET.
    assert "72 hours left to notify the authority: by 2026-11-26 10:00 CET" in view.clock.text()

    # Six hours later, the facts.
    clock["now"] = NOW + timedelta(hours=6)
    view.show_clock()
    assert "66 hours left" in view.clock.text()
    qtbot.keyClicks(view.description, "An unencrypted laptop was taken from a teacher's car.")
    view.breach_types.set_checked(["confidentiality"])
    view.data_categories.set_checked(["identity", "special_needs"])
    view.subject_groups.set_value(["pupils"])
    view.subjects_count.setValue(28)
    view.children_field.set_value(True)
    view.exposure.set_value("unknown")
    view.encrypted.set_value(False)
    view.malicious.set_value(True)
    view.activities.set_checked(["PA-004"])
    qtbot.mouseClick(view.save_button, LEFT)
    saved = demo_service.incident("INC-2026-003")
    assert saved.breach_types == ("confidentiality",)
    assert saved.data_categories == ("identity", "special_needs")
    assert saved.subject_groups == ("pupils",)
    assert saved.subjects_count == 28
    assert saved.children is True and saved.encrypted is False and saved.malicious is True
    assert saved.exposure == "unknown"
    assert saved.activities == ("PA-004",)
    assert saved.records_count is None

    # The severity and the advice, with reasons.
    view.tabs.setCurrentIndex(1)
    assert "Notify the supervisory authority: yes" in view.advice.text()
    assert "Tell the people affected: yes" in view.advice.text()
    assert view.severity.text().startswith("Severity (ENISA): ")
    reasons = _texts(view.reasons)
    assert any("72 hours" in r for r in reasons)

    # The decision, and the initial notification (phase one of Art. 33(4)).
    view.tabs.setCurrentIndex(2)
    qtbot.keyClicks(view.decision_note, "Special needs data of children, thief unknown: notify.")
    clock["now"] = NOW + timedelta(hours=20)
    qtbot.mouseClick(view.notify_button, LEFT)
    notice = view.notification_dialog
    assert notice is not None and notice.kind.value() == "initial"
    qtbot.keyClicks(notice.reference, "DT-26/04567")
    qtbot.mouseClick(notice.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)
    notified = demo_service.incident("INC-2026-003")
    assert notified.decision_note == "Special needs data of children, thief unknown: notify."
    assert [(n.kind, n.at, n.reference) for n in notified.notifications] == [
        ("initial", NOW + timedelta(hours=20), "DT-26/04567")]
    assert notified.authority_notified_at == NOW + timedelta(hours=20)
    assert notified.authority_ref == "DT-26/04567"
    assert "20 hours after the school became aware" in view.clock.text()
    assert view.notification_table.rowCount() == 1

    # A follow-up when more is known.
    clock["now"] = NOW + timedelta(days=3)
    qtbot.mouseClick(view.notify_button, LEFT)
    follow = view.notification_dialog
    assert follow.kind.value() == "follow_up"
    qtbot.mouseClick(follow.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)
    assert [n.kind for n in demo_service.incident("INC-2026-003").notifications] == [
        "initial", "follow_up"]

    # The notification draft for the authority.
    out = tmp_path / "drafts"
    out.mkdir()
    files.save_as.append(out / "draft.pdf")
    qtbot.mouseClick(view.produce_button, LEFT)
    assert files.asked == ["INC-2026-003 notification draft.pdf"]
    run = finished_run(qtbot, view)
    assert run.outcome == "done"
    assert leftovers(out) == ["draft.pdf"]

    from pypdf import PdfReader

    text = "\n".join(p.extract_text() for p in PdfReader(out / "draft.pdf").pages)
    assert "Laptop with pupil reports stolen from a car" in text
    assert "DT-26/04567" in text
    kept = demo_service.documents("INC-2026-003")
    # The English demo school writes in English: its incident's title and its draft agree.
    assert [(d["kind"], d["filename"], d["language"]) for d in kept] == [
        ("breach_report", "draft.pdf", "en")]
    assert run.done_dialog is not None
    run.done_dialog.close()


def test_an_overdue_clock_says_so(qtbot: Any, demo_service: RegisterService) -> None:
    view = _view(qtbot, demo_service, lambda: NOW + timedelta(hours=80))
    qtbot.mouseClick(view.new_button, LEFT)
    quick = view.quick
    assert quick is not None
    qtbot.keyClicks(quick.title_field, "Shared folder open to all pupils")
    # The school became aware 80 hours ago: the DPO sets the moment back.
    quick.aware.setDateTime(quick.aware.dateTime().addSecs(-80 * 3600))
    qtbot.mouseClick(quick.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)
    assert demo_service.incident("INC-2026-003").aware_at == NOW
    assert "The 72 hours ran out 2026-11-26 10:00 CET, 8 hours ago" in view.clock.text()


def _needs_attention(qtbot: Any, service: RegisterService, now: Any) -> list[str]:
    """What the overview's "Needs attention" list shows, read as the DPO reads it."""
    from privdesk.gui.overview import OverviewPage
    from privdesk.gui.pages import Snapshot

    page = OverviewPage(now=lambda: now)
    qtbot.addWidget(page)
    page.show_register(Snapshot(service.snapshot()))
    return [page.list.item(i).text() for i in range(page.list.count())]


def test_writing_the_decision_leaves_the_clock_until_the_dpo_decides(
        qtbot: Any, demo_service: RegisterService, shown: Any) -> None:
    """Issue 17: typing in "Decision and reasons" is not deciding. The clock's warning stays
    and the incident stays in Needs attention until the DPO records a notification or decides,
    explicitly and with reasons, not to notify; the advice follows the form as it is edited."""
    clock = {"now": NOW}
    view = _view(qtbot, demo_service, lambda: clock["now"])
    qtbot.mouseClick(view.new_button, LEFT)
    qtbot.keyClicks(view.quick.title_field, "Vendor deleted the wrong class folder")
    qtbot.mouseClick(view.quick.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)
    ref = "INC-2026-003"

    # Four days later, nothing sent: the 72 hours ran out.
    clock["now"] = NOW + timedelta(hours=80)
    view.show_clock()
    assert "The 72 hours ran out" in view.clock.text()

    # The Severity tab follows the form as the DPO fills it in, before any save.
    view.tabs.setCurrentIndex(0)
    view.breach_types.set_checked(["availability"])
    view.data_categories.set_checked(["identity", "contact"])
    view.subjects_count.setValue(40)
    view.malicious.set_value(False)
    view.backup_available.set_value(True)
    qtbot.keyClicks(view.restored, "3")
    assert "Notify the supervisory authority: no" in view.advice.text()
    assert any("came back from a backup" in r for r in _texts(view.reasons))
    view.backup_available.set_value(False)
    assert "Notify the supervisory authority: yes" in view.advice.text()
    view.backup_available.set_value(True)
    assert demo_service.incident(ref).breach_types == ()  # nothing saved by looking

    # Writing the reasons, and even saving them, decides nothing.
    view.tabs.setCurrentIndex(2)
    qtbot.keyClicks(view.decision_note, "Restored from last night's backup in three hours.")
    assert "Decided" not in view.clock.text() and "The 72 hours ran out" in view.clock.text()
    qtbot.mouseClick(view.save_button, LEFT)
    saved = demo_service.incident(ref)
    assert saved.decision_note == "Restored from last night's backup in three hours."
    assert saved.decided_not_to_notify_at is None
    assert "The 72 hours ran out" in view.clock.text()
    assert "notify without further delay".casefold() in view.clock.text().casefold()
    assert any(ref in line for line in _needs_attention(qtbot, demo_service, clock["now"]))

    # Deciding without reasons is refused, in one line; nothing changes.
    view.decision_note.set_value("")
    qtbot.mouseClick(view.decide_button, LEFT)
    assert shown.errors and "reasons" in shown.errors[-1]
    assert demo_service.incident(ref).decided_not_to_notify_at is None

    # The explicit decision, with reasons, stops the clock and leaves Needs attention.
    qtbot.keyClicks(view.decision_note, "Restored from backup in three hours; no risk.")
    qtbot.mouseClick(view.decide_button, LEFT)
    decided = demo_service.incident(ref)
    assert decided.decided_not_to_notify_at == clock["now"]
    assert decided.decision_note == "Restored from backup in three hours; no risk."
    assert "not to notify the authority" in view.clock.text()
    assert "ran out" not in view.clock.text()
    assert not view.decide_button.isEnabled() and view.withdraw_button.isVisible()
    assert not any(ref in line for line in _needs_attention(qtbot, demo_service, clock["now"]))

    # Withdrawn, the incident is back on the clock.
    qtbot.mouseClick(view.withdraw_button, LEFT)
    assert demo_service.incident(ref).decided_not_to_notify_at is None
    assert "The 72 hours ran out" in view.clock.text()


def test_a_clock_long_run_out_counts_days_in_the_dpo_own_date_form(
        qtbot: Any, demo_service: RegisterService, monkeypatch: Any) -> None:
    """Issue 17: "908.8 hours ago" and ISO moments in nb. Past 48 hours the clock counts days;
    under that, hours in the right form; the moments read 26.11.2026 10:00 CET in nb."""
    from privdesk.gui import formatting
    from privdesk.gui.language import set_language

    monkeypatch.setitem(formatting._state, "loaded", True)  # Babel's forms, as after start
    set_language("nb")
    clock = {"now": NOW}
    view = _view(qtbot, demo_service, lambda: clock["now"])
    qtbot.mouseClick(view.new_button, LEFT)
    qtbot.keyClicks(view.quick.title_field, "Nettbrett borte")
    qtbot.mouseClick(view.quick.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)
    assert "23.11.2026 10:00 CET" in view.clock.text(), view.clock.text()
    assert "2026-11" not in view.clock.text()
    clock["now"] = NOW + timedelta(hours=73)
    view.show_clock()
    assert "for 1 time siden" in view.clock.text(), view.clock.text()
    clock["now"] = NOW + timedelta(hours=72 + 908.8)
    view.show_clock()
    assert "26.11.2026 10:00 CET, for 37 dager siden" in view.clock.text(), view.clock.text()
    assert "timer" not in view.clock.text()


def test_an_empty_register_says_how_to_record_the_first_incident(
        qtbot: Any, tmp_path: Path) -> None:
    """Issue 17: an empty list said nothing; it says what to press, and goes once there is one."""
    from privdesk.services import open_register

    with open_register(tmp_path / "empty.sqlite", actor="dpo@test") as service:
        view = _view(qtbot, service)
        assert view.empty.isVisible()
        assert "Record one with New incident…" in view.empty.text()
        qtbot.mouseClick(view.new_button, LEFT)
        qtbot.keyClicks(view.quick.title_field, "Phishing mail answered")
        qtbot.mouseClick(view.quick.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)
        assert [i.ref for i in service.snapshot().incidents] == ["INC-2026-001"]
        assert not view.empty.isVisible()


def _click_start(qtbot: Any, edit: Any) -> None:
    """Click the field's first part (the day in nb, the year in sv), as the DPO does."""
    from PySide6.QtCore import QPoint

    line = edit.lineEdit()
    qtbot.mouseClick(line, LEFT, pos=QPoint(4, line.height() // 2))


def test_the_incident_form_takes_moments_in_the_language_form_and_typed_digits(
        qtbot: Any, demo_service: RegisterService) -> None:
    """Issue 17: the date-time fields showed ISO in nb and sv and ignored typed digits."""
    from datetime import UTC, datetime

    from privdesk.gui.language import set_language

    set_language("nb")
    try:
        view = _view(qtbot, demo_service)
        qtbot.mouseClick(view.new_button, LEFT)
        qtbot.keyClicks(view.quick.title_field, "Nettbrett borte")
        qtbot.mouseClick(view.quick.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)
        assert view.occurred.text() == "23.11.2026 10:00"
        view.occurred_known.click()
        _click_start(qtbot, view.occurred)
        qtbot.keyClicks(view.occurred, "21")  # the day, typed where the DPO clicked
        assert view.occurred.text() == "21.11.2026 10:00"
        view.ended_known.click()
        view.ended.setFocus()
        qtbot.keyClick(view.ended, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(view.ended, "221120261530")  # all of it, digits only
        assert view.ended.text() == "22.11.2026 15:30"
        qtbot.mouseClick(view.save_button, LEFT)
        saved = demo_service.incident("INC-2026-003")
        assert saved.occurred_at == datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
        assert saved.ended_at == datetime(2026, 11, 22, 14, 30, tzinfo=UTC)

        set_language("sv")
        qtbot.wait(1)  # the language change reaches the fields
        assert view.occurred.text() == "2026-11-21 10:00"
        _click_start(qtbot, view.occurred)
        qtbot.keyClicks(view.occurred, "2025")  # the year comes first in Swedish
        assert view.occurred.text() == "2025-11-21 10:00"
    finally:
        set_language("en")
