"""An access request from registration to a sent letter, and an extension, as the DPO does it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialogButtonBox, QWizard

from gui.workflow_fixtures import (
    TODAY,
    Files,
    demo_service,
    files,
    finished_run,
    leftovers,
    wait_for_worker,
    workers_finished,
)
from privdesk.gui.formatting import format_date
from privdesk.gui.requests_view import EditRequestDialog, RequestsView
from privdesk.gui.settings import Settings
from privdesk.services import RegisterService

__all__ = ["demo_service", "files", "workers_finished"]

LEFT = Qt.MouseButton.LeftButton


def _view(qtbot: Any, service: RegisterService, stack: QUndoStack | None = None
          ) -> RequestsView:
    view = RequestsView(service, Settings(), stack, today=lambda: TODAY, minimum_duration=0)
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.show()
    qtbot.waitExposed(view)
    return view


def _missing(view: RequestsView) -> list[str]:
    return [view.missing_list.item(i).text() for i in range(view.missing_list.count())]


NO_POSTAL = ("The requester has no postal address: the answer goes by e-mail, as a copy in "
             "electronic form.")


def test_a_request_from_registration_to_a_sent_letter(
        qtbot: Any, demo_service: RegisterService, files: Files, tmp_path: Path,
        shown: Any) -> None:
    stack = QUndoStack()
    view = _view(qtbot, demo_service, stack)

    # Register: who asks, about whom, how the identity was checked.
    qtbot.mouseClick(view.new_button, LEFT)
    wizard = view.wizard
    assert wizard is not None and wizard.isVisible()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # the requester's name is required
    page = wizard.requester_page
    qtbot.keyClicks(page.name, "Per Hansen")
    qtbot.keyClicks(page.basis, "Parental responsibility in the pupil register")
    qtbot.keyClicks(page.email, "per.hansen@example.com")
    qtbot.mouseClick(next_button, LEFT)
    qtbot.keyClicks(wizard.subject_page.name, "Sofie Hansen")
    qtbot.keyClicks(wizard.subject_page.class_, "4A")
    qtbot.mouseClick(next_button, LEFT)
    identity = wizard.identity_page
    qtbot.keyClick(identity.verified, Qt.Key.Key_Space)
    qtbot.keyClicks(identity.method, "ID card shown at the school office")
    qtbot.keyClicks(identity.by, "Ingrid Solberg")
    qtbot.mouseClick(next_button, LEFT)
    # 2026-11-23 + one month = 2026-12-23, a Wednesday.
    assert format_date(date(2026, 12, 23)) in wizard.summary_page.summary.text()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), LEFT)

    request = demo_service.request("DSAR-2026-004")
    assert request.requester.name == "Per Hansen"
    assert request.requester.relation == "guardian"
    assert request.subject.groups == ("pupils",)
    assert request.subject.class_ == "4A"
    assert request.identity.verified and request.identity.at == TODAY
    assert request.received == TODAY
    assert view.current_request() == request
    assert "No processing activities are chosen." in _missing(view)
    assert format_date(date(2026, 12, 23)) in view.clock.text()

    # Pick the activities: the suggestion is every activity about pupils.
    qtbot.mouseClick(view.suggest_button, LEFT)
    assert view.checked_activities() == ("PA-001", "PA-002", "PA-003", "PA-004")
    view.set_activity_checked("PA-002", False)
    view.set_activity_checked("PA-004", False)

    # Record the data items per activity.
    qtbot.mouseClick(view.add_item_button, LEFT)
    view.set_data_cell(0, 0, "PA-001")
    view.set_data_cell(0, 1, "Name and class")
    view.set_data_cell(0, 2, "Sofie Hansen, 4A")
    view.set_data_cell(0, 3, "identity")
    qtbot.mouseClick(view.add_item_button, LEFT)
    view.set_data_cell(1, 0, "PA-003")
    view.set_data_cell(1, 1, "Assignment: Fjords")
    view.set_data_cell(1, 2, "Handed in 2026-11-02")
    view.set_data_cell(1, 4, "Nextgen Classroom")
    qtbot.mouseClick(view.save_button, LEFT)
    saved = demo_service.request("DSAR-2026-004")
    assert saved.activities == ("PA-001", "PA-003")
    assert [(d.activity, d.item, d.category, d.source) for d in saved.data] == [
        ("PA-001", "Name and class", "identity", None),
        ("PA-003", "Assignment: Fjords", None, "Nextgen Classroom")]
    # Only an e-mail address was given: a warning, not a refusal.
    assert _missing(view) == [NO_POSTAL]
    assert stack.canUndo()

    # Preview, then produce the letter.
    qtbot.mouseClick(view.preview_button, LEFT)
    qtbot.waitUntil(lambda: view.preview is not None, timeout=30_000)
    wait_for_worker(qtbot)
    preview = view.preview
    assert preview is not None and preview.isVisible()
    assert preview.pages >= 1
    assert "Sofie Hansen" in preview.first_page
    # The real pages, not a text dump: one picture per page, as wide as the dialog shows it.
    assert len(preview.page_views) == preview.pages
    first = preview.page_views[0]
    assert not first.pixmap().isNull() and first.pixmap().height() > first.pixmap().width()
    assert "Sofie Hansen" in first.accessibleDescription()  # what a screen reader reads
    preview.close()

    out = tmp_path / "letters"
    out.mkdir()
    files.save_as.append(out / "letter.pdf")
    qtbot.mouseClick(view.produce_button, LEFT)
    # The warning was shown, and confirmed, before the file name was asked for.
    assert shown.questions == [
        f"Before the letter goes out, note:\n\n• {NO_POSTAL}\n\nProduce it anyway?"]
    assert files.asked == ["DSAR-2026-004 letter.pdf"]
    run = finished_run(qtbot, view)
    assert run.outcome == "done"
    assert leftovers(out) == ["letter.pdf"]

    from pypdf import PdfReader

    text = "\n".join(p.extract_text() for p in PdfReader(out / "letter.pdf").pages)
    assert "Sofie Hansen" in text
    assert "Assignment: Fjords" in text
    kept = demo_service.documents("DSAR-2026-004")
    # The English demo school writes in English: its activity names and its letter agree.
    assert [(d["kind"], d["filename"], d["language"]) for d in kept] == [
        ("access_letter", "letter.pdf", "en")]
    assert run.done_dialog is not None
    run.done_dialog.close()

    # Mark it sent.
    qtbot.mouseClick(view.sent_button, LEFT)
    answered = demo_service.request("DSAR-2026-004")
    assert answered.status == "answered"
    assert answered.answered == TODAY
    assert not view.sent_button.isEnabled()
    view.remove_previews()


def test_an_extension_with_reasons_and_its_notice_deadline(
        qtbot: Any, demo_service: RegisterService) -> None:
    view = _view(qtbot, demo_service)
    view.select("DSAR-2026-001")
    assert view.current_request() is not None
    qtbot.mouseClick(view.extend_button, LEFT)
    dialog = view.extension_dialog
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # the reasons are required
    qtbot.keyClicks(dialog.reasons, "Records in four systems must be searched by hand")
    assert ok.isEnabled()
    qtbot.mouseClick(ok, LEFT)
    request = demo_service.request("DSAR-2026-001")
    assert request.status == "extended"
    assert request.extension is not None
    assert request.extension.months == 2
    assert request.extension.reasons == "Records in four systems must be searched by hand"
    assert request.extension.notified is None
    # Received 2026-11-02: due 2026-12-02, extended to 2027-02-02; notice by 2026-12-02.
    text = view.clock.text()
    assert format_date(date(2027, 2, 2)) in text
    assert "Tell the requester of the extension" in text
    assert format_date(date(2026, 12, 2)) in text


def test_items_without_a_value_are_refused(qtbot: Any, demo_service: RegisterService,
                                           shown: Any) -> None:
    view = _view(qtbot, demo_service)
    view.select("DSAR-2026-001")
    before = demo_service.request("DSAR-2026-001")
    qtbot.mouseClick(view.add_item_button, LEFT)
    view.set_data_cell(view.data.rowCount() - 1, 1, "Reading log")
    qtbot.mouseClick(view.save_button, LEFT)
    assert shown.errors == ["each data item needs both a name and a value"]
    assert demo_service.request("DSAR-2026-001") == before


def _produce(qtbot: Any, view: RequestsView, files: Files, target: Path) -> None:
    files.save_as.append(target)
    qtbot.mouseClick(view.produce_button, LEFT)
    run = finished_run(qtbot, view)
    assert run.outcome == "done"
    assert run.done_dialog is not None
    run.done_dialog.close()


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def test_another_childs_name_stops_the_letter_until_the_dpo_allows_it(
        qtbot: Any, demo_service: RegisterService, files: Files, tmp_path: Path,
        shown: Any) -> None:
    """Emil Nilsen is the subject of another request: his name in Emma's copy is refused in
    one line before any file name is asked for; allowing it is the DPO's audited choice."""
    view = _view(qtbot, demo_service)
    view.select("DSAR-2026-001")
    qtbot.mouseClick(view.add_item_button, LEFT)
    row = view.data.rowCount() - 1
    view.set_data_cell(row, 0, "PA-003")
    view.set_data_cell(row, 1, "Group work")
    view.set_data_cell(row, 2, "Poster made with emil nilsen")
    qtbot.mouseClick(view.save_button, LEFT)
    problem = ("DSAR-2026-001: the data item “Group work” names emil nilsen, another person in "
               "the register: remove the name, or allow it if you have checked that giving it "
               "out is lawful")
    # The window's list of what is missing says it already, as a sentence.
    assert "T" + problem[len("DSAR-2026-001: t"):] in _missing(view)

    shown.answer = False  # the DPO does not allow it
    qtbot.mouseClick(view.produce_button, LEFT)
    assert len(shown.questions) == 1 and shown.questions[0].startswith(problem)
    assert files.asked == []
    assert demo_service.documents("DSAR-2026-001") == []

    shown.answer = True
    out = tmp_path / "emma.pdf"
    _produce(qtbot, view, files, out)
    assert "emil nilsen" in _pdf_text(out)
    entry = demo_service.audit(ref="DSAR-2026-001")[-1]
    assert entry.field == "document" and entry.after["allowed_names"] == ["emil nilsen"]


def test_a_late_letter_asks_for_the_reason_and_gives_it_to_the_parent(
        qtbot: Any, demo_service: RegisterService, files: Files, tmp_path: Path,
        shown: Any) -> None:
    """Art. 12(3): due 2 December 2026; on 10 December the letter is late and says why."""
    view = RequestsView(demo_service, Settings(), None, today=lambda: date(2026, 12, 10),
                        minimum_duration=0)
    qtbot.addWidget(view)
    view.show()
    view.select("DSAR-2026-001")
    assert ("The answer is late and no reason for the delay is recorded: the letter apologises "
            "but cannot say why.") in _missing(view)
    qtbot.keyClicks(view.delay_reason, "The pupil platform was down for a week")
    qtbot.mouseClick(view.save_button, LEFT)
    assert demo_service.request("DSAR-2026-001").delay_reason == (
        "The pupil platform was down for a week")

    out = tmp_path / "late.pdf"
    _produce(qtbot, view, files, out)
    assert shown.questions == [
        "Before the letter goes out, note:\n\n• The answer is late: the letter says so, "
        "apologises and gives the reason for the delay.\n\nProduce it anyway?"]
    text = _pdf_text(out)
    assert "This answer is late" in text  # the English demo's parent writes in English
    assert "The pupil platform was down for a week" in text


def test_a_dpos_note_on_a_data_item_is_saved_but_never_reaches_the_letter(
        qtbot: Any, demo_service: RegisterService, files: Files, tmp_path: Path) -> None:
    view = _view(qtbot, demo_service)
    view.select("DSAR-2026-001")
    view.set_data_cell(0, 5, "Asked the teacher on 2026-10-01")
    qtbot.mouseClick(view.save_button, LEFT)
    assert demo_service.request("DSAR-2026-001").data[0].note == (
        "Asked the teacher on 2026-10-01")
    out = tmp_path / "emma.pdf"
    _produce(qtbot, view, files, out)
    text = _pdf_text(out)
    assert "Emma Nilsen, 5B" in text and "2026-10-01" not in text


def test_editing_a_requests_type_requester_and_identity_lets_its_letter_go_out(
        qtbot: Any, demo_service: RegisterService, files: Files, tmp_path: Path,
        shown: Any) -> None:
    """Issue 17: the demo's request about Emil was registered as erasure with an unverified
    identity; the DPO corrects the type, the address and records the identity check."""
    stack = QUndoStack()
    view = _view(qtbot, demo_service, stack)
    view.select("DSAR-2026-003")
    assert not view.produce_button.isEnabled()  # an erasure request has no access letter
    assert ("The requester's identity is not verified: verify it before acting on the request"
            in _missing(view))

    qtbot.mouseClick(view.edit_button, LEFT)
    dialog = view.edit_dialog
    assert dialog.isVisible()
    assert dialog.requester_page.name.text() == "Kari Nilsen"
    assert not dialog.identity_page.method.isEnabled()
    dialog.kind.setCurrentIndex(dialog.kind.findData("access"))
    address = dialog.requester_page.address
    address.selectAll()
    qtbot.keyClicks(address, "Fjordgata 14, 1234 Nordvik")
    qtbot.keyClick(dialog.identity_page.verified, Qt.Key.Key_Space)
    qtbot.keyClicks(dialog.identity_page.method, "ID card shown at the school office")
    qtbot.keyClicks(dialog.identity_page.by, "Ingrid Solberg")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)

    request = demo_service.request("DSAR-2026-003")
    assert request.kind == "access"
    assert request.requester.address == "Fjordgata 14, 1234 Nordvik"
    assert request.requester.email == "kari.nilsen@example.com"  # untouched
    assert request.identity.verified and request.identity.at == TODAY
    assert request.identity.method == "ID card shown at the school office"
    assert [e.field for e in demo_service.audit(ref="DSAR-2026-003")][-3:] == [
        "identity", "kind", "requester"]
    assert not any("identity" in line for line in _missing(view))
    assert view.produce_button.isEnabled()

    out = tmp_path / "emil.pdf"
    _produce(qtbot, view, files, out)
    assert shown.questions == [
        "Before the letter goes out, note:\n\n• No data items are recorded for PA-002."
        "\n\nProduce it anyway?"]
    text = _pdf_text(out)
    assert "Emil Nilsen" in text and "Fjordgata 14, 1234 Nordvik" in text

    # Two undo steps: the edit, then the identity check.
    stack.undo()
    assert demo_service.request("DSAR-2026-003").kind == "erasure"
    stack.undo()
    assert not demo_service.request("DSAR-2026-003").identity.verified


@pytest.mark.parametrize("language", ["en", "nb", "sv"])
def test_the_edit_dialog_has_no_clashing_mnemonics(qtbot: Any, demo_service: RegisterService,
                                                   language: str) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from privdesk.gui.language import set_language

    set_language(language)
    try:
        dialog = EditRequestDialog(demo_service.request("DSAR-2026-001"), TODAY)
        qtbot.addWidget(dialog)
        dialog.show()
        widgets = [*dialog.findChildren(QLabel), *dialog.findChildren(QAbstractButton)]
        texts = [w.text() for w in widgets if w.isVisible() and "&" in w.text()]
        assert len(texts) >= 10
        keys = [text[text.index("&") + 1].lower() for text in texts]
        assert len(keys) == len(set(keys)), texts
    finally:
        set_language("en")


@pytest.mark.parametrize(("language", "one_left", "two_late"), [
    ("nb", "1 dag igjen", "2 dager for sent"),
    ("sv", "1 dag kvar", "2 dagar försent"),
    ("en", "1 day left", "2 days late"),
])
def test_the_answer_clock_counts_days_in_the_dpo_language(
        qtbot: Any, demo_service: RegisterService, language: str, one_left: str,
        two_late: str) -> None:
    """Issue 17: "1 days left" / "1 dager igjen" read wrong; the forms follow the count."""
    from datetime import timedelta

    from privdesk.domain.deadlines import request_deadlines
    from privdesk.gui.language import set_language

    set_language(language)
    view = _view(qtbot, demo_service)
    request = next(r for r in demo_service.snapshot().requests if r.status == "open")
    due = request_deadlines(request, view.country).current
    view.today = lambda: due - timedelta(days=1)
    assert one_left in view.clock_text(request)
    view.today = lambda: due + timedelta(days=2)
    assert two_late in view.clock_text(request)


def test_an_empty_register_says_how_to_register_the_first_request(
        qtbot: Any, tmp_path: Path) -> None:
    """Issue 17: an empty list of requests says what to press."""
    from privdesk.services import open_register

    with open_register(tmp_path / "empty.sqlite", actor="dpo@test") as service:
        view = _view(qtbot, service)
        assert view.empty.isVisible()
        assert "Register one with New request…" in view.empty.text()


def test_an_erasure_request_from_the_wizard_has_no_copy_and_no_letter(
        qtbot: Any, demo_service: RegisterService) -> None:
    """Issue 17: the wizard registered only access requests, and the demo's erasure request
    showed the Art. 15 copy table and the letter's buttons."""
    from privdesk.gui.language import set_language

    set_language("nb")
    view = _view(qtbot, demo_service)
    view.select("DSAR-2026-003")  # the demo's erasure request
    assert view.current_request().kind == "erasure"
    assert view.data_box.isHidden()
    assert view.preview_button.isHidden() and view.produce_button.isHidden()
    assert "Art. 17" in view.kind_note.text() and not view.kind_note.isHidden()
    assert "brevet" not in view.delay_reason.placeholderText()  # no letter for an erasure

    qtbot.mouseClick(view.new_button, LEFT)
    wizard = view.wizard
    assert wizard is not None
    page = wizard.requester_page
    assert wizard.windowTitle() == "Ny begjæring"
    assert wizard.focusWidget() is page.name  # typed text goes to the name, not the type's list
    page.kind.setCurrentIndex(page.kind.findData("rectification"))
    assert "Art. 16" in page.kind_note.text()
    qtbot.keyClicks(page.name, "Per Hansen")
    qtbot.keyClicks(page.email, "per.hansen@example.com")
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.mouseClick(next_button, LEFT)
    qtbot.keyClicks(wizard.subject_page.name, "Sofie Hansen")
    qtbot.mouseClick(next_button, LEFT)
    qtbot.mouseClick(next_button, LEFT)
    assert "retting" in wizard.summary_page.summary.text()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), LEFT)

    created = demo_service.request("DSAR-2026-004")
    assert created.kind == "rectification"
    assert view.data_box.isHidden() and view.produce_button.isHidden()

    view.select("DSAR-2026-001")  # an access request: its copy and its letter
    assert view.current_request().kind == "access"
    assert not view.data_box.isHidden() and not view.produce_button.isHidden()
    assert view.kind_note.isHidden()


def test_an_erasure_request_is_closed_with_what_was_erased_not_marked_as_sent(
        qtbot: Any, demo_service: RegisterService, shown: Any) -> None:
    """Issue 17: a non-access request offered "Mark as sent" (and asked about a letter that
    privdesk never writes for it); it is closed with the day and what was done."""
    stack = QUndoStack()
    view = _view(qtbot, demo_service, stack)
    view.select("DSAR-2026-003")  # the demo's erasure request
    assert view.sent_button.text() == "&Mark as erased…"
    qtbot.mouseClick(view.sent_button, LEFT)
    dialog = view.answer_dialog
    assert dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # what was done must be said
    assert dialog.focusWidget() is dialog.outcome
    qtbot.keyClicks(dialog.outcome, "Emil's account in Numetry deleted; the parent was told")
    qtbot.mouseClick(ok, LEFT)

    assert shown.questions == []  # no "no letter was produced" question
    erased = demo_service.request("DSAR-2026-003")
    assert (erased.status, erased.answered) == ("answered", TODAY)
    assert erased.note is not None and erased.note.endswith(
        "Emil's account in Numetry deleted; the parent was told")
    assert "What was done: Emil's account in Numetry deleted" in view.clock.text()
    assert not view.sent_button.isEnabled()

    stack.undo()
    assert demo_service.request("DSAR-2026-003").status == "open"

    # An access request still marks its letter as sent; each other type says what closes it.
    view.select("DSAR-2026-001")
    assert view.sent_button.text() == "&Mark as sent"
    for kind, label in (("rectification", "corrected"), ("restriction", "restricted"),
                        ("portability", "handed over"), ("objection", "decided")):
        view.set_done_action(kind)
        assert view.sent_button.text().replace("&", "") == f"Mark as {label}…"


def test_a_long_activity_or_category_in_the_copy_is_whole_in_its_tooltip(
        qtbot: Any, demo_service: RegisterService) -> None:
    """Issue 17 (screenshots): the copy's activity and category were cut mid-word
    ("PA-001  Matematikktrening i Nu"); a name longer than its cell ends in "…" and is whole
    in its tooltip."""
    view = _view(qtbot, demo_service)
    view.select("DSAR-2026-001")
    activity, category = view.data.cellWidget(0, 0), view.data.cellWidget(1, 3)
    assert activity.toolTip() == "PA-001  Mathematics practice in Numetry"
    assert category.toolTip() == category.currentText() != ""
    category.setCurrentIndex(category.findData("special_needs"))
    assert category.toolTip() == category.currentText()
