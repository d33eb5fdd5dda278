"""The DPO at the window: create, edit, validate, delete, undo, redo, filter, sort, languages."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from privdesk.domain.kinds import next_ref
from privdesk.gui.formatting import format_date
from privdesk.gui.main_window import MainWindow
from privdesk.gui.settings import LANGUAGE, VIEW, Settings, hidden_columns
from privdesk.services import RegisterService

from .conftest import TODAY, Dialogs


def press(qtbot: Any, widget: QWidget, key: QKeySequence.StandardKey) -> None:
    """Press the platform's chord for a standard key (Ctrl+N, Ctrl+Z, ...)."""
    sequence = QKeySequence(key)
    combination = sequence[0]
    qtbot.keyClick(widget, combination.key(), combination.keyboardModifiers())


def shown_refs(window: MainWindow) -> list[str]:
    model = window.activities.model
    return [model.record(row).ref for row in range(model.rowCount())]


def select(window: MainWindow, page: str, ref: str) -> None:
    window.navigation.setCurrentRow(
        ("overview", "activities", "processors", "incidents", "requests").index(page))
    window.current_page().select(ref)
    assert window.current_page().current_ref() == ref


def test_the_window_shows_the_register(window: MainWindow) -> None:
    assert "Nordvik" in window.windowTitle()
    assert "register.sqlite" in window.windowTitle()
    assert shown_refs(window) == ["PA-001", "PA-002", "PA-003", "PA-004", "PA-005"]
    assert window.count_label.text() == "5 of 5 shown"
    assert window.activities.model.text(0, "name") == "Mathematics practice in Numetry"


def test_create_an_activity_with_the_keyboard_then_undo_and_redo(
        qtbot: Any, window: MainWindow, service: RegisterService) -> None:
    window.activities.view.setFocus()
    press(qtbot, window, QKeySequence.StandardKey.New)
    editor = window.editor
    assert editor is not None and editor.isVisible()
    assert editor.widget("ref").text() == "PA-006"
    assert not editor.save_button.isEnabled()  # no name yet
    assert not editor.error_text("name")  # but nothing is wrong before the DPO typed
    qtbot.keyClicks(editor.widget("name"), "R")
    qtbot.keyClick(editor.widget("name"), Qt.Key.Key_Backspace)
    assert editor.error_text("name")  # typed, then emptied: now it says so
    qtbot.keyClicks(editor.widget("name"), "Reading logs in Lesesirkel")
    assert editor.save_button.isEnabled()
    qtbot.keyClicks(editor.widget("purposes"), "Follow each pupil's reading")
    editor.widget("legal_bases").set_checked(["6.1.e"])
    editor.widget("processors").set_checked(["VEN-009"])
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    created = service.activity("PA-006")
    assert created.name == "Reading logs in Lesesirkel"
    assert created.legal_bases == ("6.1.e",)
    assert created.processors == ("VEN-009",)
    assert "PA-006" in shown_refs(window)
    assert window.activities.current_ref() == "PA-006"
    assert not window.isWindowModified()  # saved at once: nothing pending

    press(qtbot, window, QKeySequence.StandardKey.Undo)
    assert [a.ref for a in service.activities()][-1] == "PA-005"
    assert "PA-006" not in shown_refs(window)
    press(qtbot, window, QKeySequence.StandardKey.Redo)
    assert service.activity("PA-006").name == "Reading logs in Lesesirkel"
    assert "PA-006" in shown_refs(window)

    assert not window.isWindowModified()


def test_the_title_and_file_menu_never_suggest_unsaved_work(
        qtbot: Any, window: MainWindow, service: RegisterService) -> None:
    """Issue 17: the title's "*" and File → Save suggested unsaved work when all was saved."""
    window.activities.view.setFocus()
    press(qtbot, window, QKeySequence.StandardKey.New)
    editor = window.editor
    assert editor is not None and editor.isVisible()
    assert editor.windowTitle() == "New processing activity"  # nothing typed, nothing unsaved
    qtbot.keyClicks(editor.widget("name"), "Photographs")
    assert editor.windowTitle() == "New processing activity *"  # the form is not saved yet
    qtbot.keyClicks(editor.widget("purposes"), "Class photos")
    editor.widget("legal_bases").set_checked(["6.1.a"])
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert service.activity("PA-006").name == "Photographs"  # in the register already
    assert not window.isWindowModified()
    assert "*" not in window.windowTitle()  # neither a marker nor a "[*]" shown as it is
    press(qtbot, window, QKeySequence.StandardKey.Undo)
    assert not window.isWindowModified()  # the undo is saved too
    texts = [a.text().replace("&", "") for a in window.file_menu.actions()]
    assert "Save" not in texts
    press(qtbot, window, QKeySequence.StandardKey.Save)  # from habit: it says where it is
    assert window.statusBar().currentMessage().startswith("Every change is saved in ")


def test_ticking_a_vendor_on_an_activity_ticks_its_subprocessors(
        qtbot: Any, window: MainWindow, service: RegisterService) -> None:
    """Issue 17: ticking NexaLearn did not bring its subprocessors (nor their transfers)."""
    window.activities.view.setFocus()
    press(qtbot, window, QKeySequence.StandardKey.New)
    editor = window.editor
    assert editor is not None
    qtbot.keyClicks(editor.widget("name"), "Homework videos")
    links = editor.widget("processors")
    row = next(i for i in range(links.count())
               if links.item(i).data(Qt.ItemDataRole.UserRole) == "VEN-003")
    links.setFocus()
    links.setCurrentRow(row)
    qtbot.keyClick(links, Qt.Key.Key_Space)  # the DPO ticks NexaLearn AS
    assert links.checked() == ["VEN-003", "VEN-004", "VEN-005", "VEN-006", "VEN-007",
                               "VEN-008"]
    assert not editor.chain_note.isHidden()
    assert "5 subprocessors NexaLearn AS engages: Stripe, Google Analytics" in (
        editor.chain_note.text())
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert service.activity("PA-006").processors == ("VEN-003", "VEN-004", "VEN-005",
                                                     "VEN-006", "VEN-007", "VEN-008")


def test_the_editor_validates_as_the_dpo_types(qtbot: Any, window: MainWindow) -> None:
    select(window, "activities", "PA-001")
    window.edit_action.trigger()
    editor = window.editor
    assert editor is not None
    assert editor.save_button.isEnabled()
    period = editor.widget("retention_period")
    period.number.setValue(0)
    period.number.lineEdit().setText("x")  # not a number: the box keeps its last value
    assert editor.error_text("retention_period") == ""
    assert editor.save_button.isEnabled()

    editor.widget("review_due").clear_date()  # an optional date may stay empty
    assert editor.error_text("review_due") == ""
    assert editor.save_button.isEnabled()

    editor.widget("transfers").add_row()
    assert editor.error_text("transfers") == "⚠ row 1: choose the country from the list"
    assert not editor.save_button.isEnabled()
    country = editor.widget("transfers").table.cellWidget(0, 0)
    qtbot.keyClicks(country.lineEdit(), "United States")  # the country, by name in its cell
    assert editor.error_text("transfers") == ""
    assert editor.save_button.isEnabled()


def test_edit_saves_through_the_service_and_undo_restores(
        qtbot: Any, window: MainWindow, service: RegisterService, shown: Dialogs) -> None:
    select(window, "activities", "PA-002")
    qtbot.keyClick(window.activities.view, Qt.Key.Key_Return)
    editor = window.editor
    assert editor is not None
    name = editor.widget("name")
    name.selectAll()
    qtbot.keyClicks(name, "Homework help (paused)")
    editor.widget("status").set_value("retired")
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    press(qtbot, editor, QKeySequence.StandardKey.Save)
    assert not editor.isVisible()

    changed = service.activity("PA-002")
    assert changed.name == "Homework help (paused)"
    assert changed.status == "retired"
    assert window.activities.model.text(window.activities.model.row_of("PA-002"),
                                        "status") == "Retired"
    fields = {e.field for e in service.audit("activities", "PA-002") if e.action == "update"}
    assert {"name", "status"} <= fields

    window.undo_action.trigger()
    assert service.activity("PA-002").name == "Homework help through NexaLearn"
    assert service.activity("PA-002").status == "planned"
    assert not shown.errors


def test_cancel_with_changes_asks_first(qtbot: Any, window: MainWindow,
                                        shown: Dialogs) -> None:
    select(window, "activities", "PA-001")
    window.edit_action.trigger()
    editor = window.editor
    assert editor is not None
    qtbot.keyClicks(editor.widget("owner"), " and deputy")
    assert editor.modified and editor.windowTitle() == "Processing activity PA-001 *"
    shown.answer = False
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.isVisible() and shown.questions
    shown.answer = True
    editor.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert not editor.isVisible()


def test_delete_a_processor_and_undo_brings_back_its_links(
        qtbot: Any, window: MainWindow, service: RegisterService) -> None:
    select(window, "processors", "VEN-001")
    window.processors.view.setFocus()
    qtbot.keyClick(window.processors.view, Qt.Key.Key_Delete)
    assert "VEN-001" not in [p.ref for p in service.processors()]
    assert "VEN-001" not in service.activity("PA-001").processors
    assert service.processor("VEN-002").parent is None
    assert window.processors.model.index_of("VEN-001").isValid() is False

    press(qtbot, window, QKeySequence.StandardKey.Undo)
    assert service.processor("VEN-001").name == "Eduplaytion AS"
    assert "VEN-001" in service.activity("PA-001").processors
    assert service.processor("VEN-002").parent == "VEN-001"
    index = window.processors.model.index_of("VEN-002")
    assert window.processors.model.record(index.parent()).ref == "VEN-001"


def test_deleting_a_processor_in_use_asks_first_naming_what_it_touches(
        qtbot: Any, window: MainWindow, service: RegisterService, shown: Dialogs) -> None:
    """Issue 17: a vendor used by an activity, with subprocessors, went without a question."""
    select(window, "processors", "VEN-001")
    window.processors.view.setFocus()
    shown.answer = False
    qtbot.keyClick(window.processors.view, Qt.Key.Key_Delete)
    assert len(shown.questions) == 1
    question = shown.questions[0]
    assert service.activity("PA-001").name in question
    assert "Eduplaytion AS engages 1 subprocessor: Elastx AB." in question
    assert service.processor("VEN-001").name == "Eduplaytion AS"  # the DPO said no
    assert not window.undo_stack.canUndo()

    shown.answer = True
    qtbot.keyClick(window.processors.view, Qt.Key.Key_Delete)
    assert "VEN-001" not in [p.ref for p in service.processors()]
    press(qtbot, window, QKeySequence.StandardKey.Undo)
    assert "VEN-001" in service.activity("PA-001").processors


def test_a_refused_delete_is_a_message_and_changes_nothing(
        window: MainWindow, service: RegisterService, shown: Dialogs) -> None:
    # The copy of the data in a request names the activity: the service refuses.
    named = {item.activity for r in service.requests() for item in r.data}
    ref = sorted(named)[0]
    select(window, "activities", ref)
    window.delete_action.trigger()
    assert shown.errors and ref in shown.errors[0]
    assert service.activity(ref).ref == ref
    assert not window.undo_stack.canUndo()


def test_someone_else_saved_first(qtbot: Any, window: MainWindow, service: RegisterService,
                                  shown: Dialogs) -> None:
    select(window, "activities", "PA-003")
    window.edit_action.trigger()
    editor = window.editor
    assert editor is not None
    from privdesk.domain.records import replace

    service.update(replace(service.activity("PA-003"), owner="Someone else"))
    qtbot.keyClicks(editor.widget("name"), " (edited)")
    editor.save_button.click()
    assert shown.errors and "changed this record" in shown.errors[0]
    assert service.activity("PA-003").owner == "Someone else"
    assert not window.undo_stack.canUndo()


def test_search_filters_as_the_dpo_types(qtbot: Any, window: MainWindow) -> None:
    press(qtbot, window, QKeySequence.StandardKey.Find)
    assert window.search.hasFocus()
    qtbot.keyClicks(window.search, "nume")
    assert shown_refs(window) == ["PA-001"]
    assert window.count_label.text() == "1 of 5 shown"
    window.search.clear()
    qtbot.keyClicks(window.search, "PUPILS active")
    assert set(shown_refs(window)) == {"PA-001", "PA-003", "PA-004"}
    # Processors: a subprocessor that matches is shown under its processor.
    window.navigation.setCurrentRow(2)
    window.search.clear()
    qtbot.keyClicks(window.search, "elastx")
    proxy = window.processors.proxy
    assert proxy.rowCount() == 1
    assert proxy.index(0, 0).data() == "Eduplaytion AS"
    assert proxy.index(0, 0, proxy.index(0, 0)).data() == "Elastx AB"


def test_the_toolbar_names_its_buttons_beside_their_icons(window: MainWindow) -> None:
    assert window.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    assert window.splitter.orientation() == Qt.Orientation.Horizontal


def test_sort_by_clicking_a_header(qtbot: Any, window: MainWindow) -> None:
    view = window.activities.view
    column = window.activities.model.column_of("review_due")
    header = view.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(column) + 5, 5))
    order = [window.activities.model.record(r) for r in range(5)]
    dates = [a.review_due for a in order if a.review_due is not None]
    assert dates == sorted(dates)
    assert order[-1].review_due is None  # an unknown date sorts last


def test_columns_can_be_hidden_and_are_remembered(
        qtbot: Any, window: MainWindow, service: RegisterService, settings: Settings) -> None:
    window.activities.show_column("owner", True)
    column = window.activities.model.column_of("owner")
    assert not window.activities.view.isColumnHidden(column)
    qtbot.keyClicks(window.search, "principal")
    assert "PA-001" in shown_refs(window)
    window.activities.show_column("owner", False)
    assert window.activities.view.isColumnHidden(column)
    window.close()
    again = MainWindow(service, Settings(), today=lambda: TODAY)
    qtbot.addWidget(again)
    assert again.activities.view.isColumnHidden(column)
    assert again.current_kind() == "activities"


def test_history_shows_who_changed_what(qtbot: Any, window: MainWindow,
                                        service: RegisterService) -> None:
    from privdesk.domain.records import replace

    service.update(replace(service.activity("PA-004"), owner="Deputy head for special needs"))
    select(window, "activities", "PA-004")
    window.history_action.trigger()
    history = window.history
    assert history is not None and history.isVisible()
    model = history.model
    rows = [[model.data(model.index(r, c)) for c in range(model.columnCount())]
            for r in range(model.rowCount())]
    assert rows[0][1:4] == ["dpo@test", "Changed", "Owner"]
    assert rows[0][5] == "Deputy head for special needs"
    assert rows[-1][2] == "Created"
    history.reject()


def test_switching_language_translates_the_open_window(
        qtbot: Any, window: MainWindow, settings: Settings) -> None:
    window.language_actions["nb"].trigger()
    assert window.file_menu.title() == "&Fil"
    assert window.navigation.item(1).text() == "Behandlingsaktiviteter"
    header = window.activities.model.headerData(1, Qt.Orientation.Horizontal)
    assert header == "Navn"
    # What the header on screen shows (it reads the titles from Qt's own model).
    shown = window.activities.view.horizontalHeader().model()
    assert shown.headerData(1, Qt.Orientation.Horizontal) == "Navn"
    tree = window.processors.view.header().model()
    assert tree.headerData(0, Qt.Orientation.Horizontal) == "Navn"
    assert window.activities.model.text(0, "role") == "Behandlingsansvarlig"
    assert window.activities.model.text(0, "review_due") in ("2027-06-30", "30.06.2027")
    select(window, "activities", "PA-001")
    window.edit_action.trigger()
    editor = window.editor
    assert editor is not None
    # Qt's own buttons speak bokmål too (our qtbase_nb).
    assert editor.buttons.button(QDialogButtonBox.StandardButton.Save).text() == "Lagre"
    assert editor.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Avbryt"
    editor.reject()

    window.language_actions["sv"].trigger()
    assert window.file_menu.title() == "&Arkiv"
    assert QApplication.translate("QPlatformTheme", "Save") == "Spara"
    window.language_actions["en"].trigger()
    assert window.file_menu.title() == "&File"
    assert QApplication.translate("QPlatformTheme", "Save") == "Save"
    assert settings.get(LANGUAGE) == "en"


def test_overview_leads_to_what_needs_attention(qtbot: Any, window: MainWindow) -> None:
    window.navigation.setCurrentRow(0)
    texts = window.overview.texts()
    assert "Processing activities: 5" in texts
    line = next(i for i, t in enumerate(texts) if "no processor agreement" in t)
    window.overview.list.setCurrentRow(line)
    window.edit_current()
    assert window.current_kind() == "processors"
    assert window.processors.current_ref() is not None


def test_every_control_has_an_accessible_name(qtbot: Any, window: MainWindow) -> None:
    def unnamed(root: QWidget) -> list[str]:
        missing = []
        for widget in root.findChildren(QWidget):
            if (widget.isVisibleTo(root) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
                    and not widget.accessibleName()
                    and type(widget).__name__ not in ("QScrollBar",)
                    and widget.parent() is not None
                    and type(widget.parent()).__name__ != "QComboBox"):
                missing.append(f"{type(widget).__name__} {widget.objectName()}")
        return missing

    for row in range(5):
        window.navigation.setCurrentRow(row)
        assert unnamed(window) == []
    select(window, "activities", "PA-001")
    window.edit_action.trigger()
    editor = window.editor
    assert editor is not None
    for tab in range(editor.tab_widget.count()):
        editor.tab_widget.setCurrentIndex(tab)
        assert unnamed(editor) == []
    editor.reject()


def test_the_window_works_by_keyboard(qtbot: Any, window: MainWindow) -> None:
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_Down)  # to Processors
    assert window.current_kind() == "processors"
    qtbot.keyClick(window.navigation, Qt.Key.Key_Up)
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_Tab)
    assert window.search.hasFocus()
    qtbot.keyClick(window.search, Qt.Key.Key_Tab)
    assert window.activities.view.hasFocus()
    qtbot.keyClick(window.activities.view, Qt.Key.Key_Down)
    assert window.activities.current_ref() is not None
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_kind() == "processors"
    quit_key = window.quit_action.shortcut()[0]
    qtbot.keyClick(window, quit_key.key(), quit_key.keyboardModifiers())
    assert not window.isVisible()
    assert Settings().get(VIEW) == "processors"


def test_next_ref() -> None:
    assert next_ref(["PA-001", "PA-010", "X"], "PA-") == "PA-011"
    assert next_ref([], "VEN-") == "VEN-001"


def test_add_a_subprocessor_under_its_processor(qtbot: Any, window: MainWindow,
                                                service: RegisterService) -> None:
    window.navigation.setCurrentRow(2)
    window.new_action.trigger()
    editor = window.editor
    assert editor is not None
    assert editor.widget("ref").text() == "VEN-010"
    qtbot.keyClicks(editor.widget("name"), "Læringsanalyse Øst AS")
    qtbot.keyClicks(editor.widget("country").lineEdit(), "xx")
    assert "ISO 3166-1" in editor.error_text("country")
    assert not editor.save_button.isEnabled()
    editor.widget("country").lineEdit().clear()
    qtbot.keyClicks(editor.widget("country").lineEdit(), "Norway")
    editor.widget("role").set_value("subprocessor")
    assert "engaged it" in editor.error_text("parent")
    editor.widget("parent").set_value("VEN-003")
    qtbot.keyClicks(editor.widget("data_locations"), "NO, SE")
    qtbot.keyClicks(editor.widget("dpa.signed"), "01/11/2026")  # as en_GB writes it
    assert editor.save_button.isEnabled()
    editor.save_button.click()

    added = service.processor("VEN-010")
    assert (added.country, added.role, added.parent) == ("NO", "subprocessor", "VEN-003")
    assert added.data_locations == ("NO", "SE")
    model = window.processors.model
    index = model.index_of("VEN-010")
    assert model.record(index.parent()).ref == "VEN-003"
    agreement = model.columns.index(next(c for c in model.columns if c.key == "agreement"))
    assert model.data(model.index(index.row(), agreement, index.parent())) == (
        f"In place, signed {format_date(date(2026, 11, 1))}")


def test_processor_columns_can_be_chosen(qtbot: Any, window: MainWindow) -> None:
    page = window.processors
    menu = page.columns_menu(window)
    titles = [a.text() for a in menu.actions()]
    assert titles[:3] == ["Name", "Ref", "Country"]
    services = next(a for a in menu.actions() if a.text() == "Services")
    services.setChecked(False)
    column = next(i for i, c in enumerate(page.model.columns) if c.key == "services")
    assert page.view.isColumnHidden(column)
    assert "services" in Settings().get(hidden_columns("processors"))


def test_the_editor_works_by_keyboard(qtbot: Any, window: MainWindow,
                                      service: RegisterService) -> None:
    select(window, "activities", "PA-005")
    qtbot.keyClick(window.activities.view, Qt.Key.Key_Return)
    editor = window.editor
    assert editor is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    editor.tab_widget.setCurrentIndex(1)
    bases = editor.widget("legal_bases")
    bases.setFocus()
    bases.setCurrentRow(2)  # Art. 6(1)(c)
    qtbot.keyClick(bases, Qt.Key.Key_Space)
    assert bases.checked() == ["6.1.c"]
    assert "legal obligation" in editor.basis_help.text()
    press(qtbot, editor, QKeySequence.StandardKey.Save)
    assert service.activity("PA-005").legal_bases == ("6.1.c",)


def test_saving_the_editor_keeps_what_the_form_does_not_show(
        qtbot: Any, window: MainWindow, service: RegisterService) -> None:
    """A per-category retention and an Art. 49 derogation, which the form does not edit,
    survive an edit of the activity's name: saving a form never drops a recorded fact."""
    import dataclasses

    from privdesk.domain.records import CategoryRetention, Transfer

    before = service.activity("PA-002")
    service.update(dataclasses.replace(
        before, retention_by_category=(CategoryRetention(category="contact",
                                                         retention="Until the pupil leaves"),),
        transfers=(Transfer(country="CA", recipient="Exchange school", safeguard="derogation",
                            derogation="49.1.a"),)))
    select(window, "activities", "PA-002")
    window.edit_action.trigger()
    editor = window.editor
    assert editor is not None
    name = editor.widget("name")
    name.selectAll()
    qtbot.keyClicks(name, "Homework help, renamed")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    saved = service.activity("PA-002")
    assert saved.name == "Homework help, renamed"
    assert saved.retention_by_category == (
        CategoryRetention(category="contact", retention="Until the pupil leaves"),)
    assert saved.transfers[0].derogation == "49.1.a"


def test_adding_a_processor_offers_the_policy_review(
        qtbot: Any, window: MainWindow, service: RegisterService) -> None:
    """Issue 17: policy review offered when a vendor is added (in the status bar, not forced)."""
    window.navigation.setCurrentRow(2)
    window.new_action.trigger()
    editor = window.editor
    assert editor is not None
    qtbot.keyClicks(editor.widget("name"), "Lesesirkel AS")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert service.processor("VEN-010").name == "Lesesirkel AS"
    assert "Review vendor's policy…" in window.statusBar().currentMessage()
    assert window.processors.current_ref() == "VEN-010"
