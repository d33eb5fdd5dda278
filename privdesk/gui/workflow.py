"""What the workflow views share: saving through undoable commands, dates in and out of widgets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTimeZone, Signal
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import (
    QDateEdit,
    QDateTimeEdit,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from privdesk.domain.codes import FIRST_YEAR, LAST_YEAR
from privdesk.domain.errors import UserError
from privdesk.gui import formatting
from privdesk.gui.commands import CreateRecord, ServiceCommand, UpdateRecord, VerbCommand, execute
from privdesk.gui.signals import emit

if TYPE_CHECKING:
    from privdesk.services import Change, RegisterService

class Editing(QObject):
    """Every edit of a workflow: one service call, undoable when the window gives its stack.

    ``changed`` carries the service's ``Change`` so the window (and the view itself) reload
    what it touched; a refused edit is one plain message and changes nothing.
    """

    changed = Signal(object)

    def __init__(self, service: RegisterService, undo_stack: QUndoStack | None,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.service = service
        self.undo_stack = undo_stack
        self.widget = parent

    def _notify(self, change: Change) -> None:
        emit(self.changed, change)

    def _report(self, error: UserError) -> None:
        from privdesk.gui import dialogs  # not before the window's first paint

        dialogs.show_user_error(self.widget, error)

    def save(self, record: Any, create: bool = False,
             expected_version: int | None = None) -> bool:
        """Create ``record``, or update it from the version the form was based on (a
        colleague's later save is refused, not overwritten); False (after a message) when the
        service refuses."""
        command: ServiceCommand = (
            CreateRecord(self.service, record, self._notify, self._report) if create else
            UpdateRecord(self.service, record, expected_version, self._notify, self._report))
        return self._run(command)

    def perform(self, text: str, verb: Callable[[int | None], Change],
                expected_version: int | None) -> bool:
        """Run a service verb from the version the form was based on, as one undo step."""
        return self._run(VerbCommand(self.service, text, verb, expected_version, self._notify,
                                     self._report))

    def _run(self, command: ServiceCommand) -> bool:
        try:
            if self.undo_stack is not None:
                execute(self.undo_stack, command)
            else:
                self._notify(command.run())
        except UserError as error:
            self._report(error)
            return False
        return True


# The years the register accepts (``codes.FIRST_YEAR``..``LAST_YEAR``): Qt's own range
# reaches 9999, where a deadline a month later is past the end of Python's calendar and the
# wizard's summary crashed (issue 20). The services refuse such a date as well.
DATE_RANGE = (QDate(FIRST_YEAR, 1, 1), QDate(LAST_YEAR, 12, 31))


# The date as the language writes it (what the lists and the clock show: 26.11.2026 in nb,
# 2026-11-26 in sv, 26/11/2026 in en_GB), in a form a field can take typed digits in.
DATE_FORMS = {"nb": "dd.MM.yyyy", "sv": "yyyy-MM-dd", "en": "dd/MM/yyyy"}


def date_form(with_time: bool = False) -> str:
    from privdesk.gui.language import current

    form = DATE_FORMS.get(current(), "yyyy-MM-dd")
    return f"{form} HH:mm" if with_time else form


def _select_section(edit: QDateTimeEdit) -> None:
    """Select the part under the cursor (the day, the hour …) so typed digits replace it: Qt
    ignores digits typed into a whole part with the cursor merely in it (after a click)."""
    line = edit.lineEdit()
    if not line.hasSelectedText():
        edit.setSelectedSection(edit.currentSection())


def _typed(edit: QDateTimeEdit, event: QKeyEvent) -> None:
    """Before a digit typed over the whole text (Ctrl+A, then digits), start at the first
    part, as a DPO typing 26112026 1000 expects."""
    line = edit.lineEdit()
    if event.text().isdigit() and line.hasSelectedText() and line.selectedText() == line.text():
        edit.setCurrentSectionIndex(0)
        edit.setSelectedSection(edit.currentSection())


def _key(edit: QDateTimeEdit, event: QKeyEvent, handle: Callable[[QKeyEvent], None]) -> None:
    """A key typed into a date field as the DPO writes dates: "01.10.2026" as well as
    "01102026". Qt moves on to the month by itself after a two-digit day and then takes the
    typed "." as a move past the month as well; a separator typed right after such a move is
    the one Qt already made, and is dropped."""
    text = event.text()
    advanced = edit.property("privdesk_advanced") is True
    edit.setProperty("privdesk_advanced", False)
    if advanced and text and not text.isdigit() and not text.isspace() and text.isprintable():
        return
    _typed(edit, event)
    before = edit.currentSectionIndex()
    handle(event)
    if text.isdigit() and edit.currentSectionIndex() == before + 1:
        edit.setProperty("privdesk_advanced", True)


class MomentEdit(QDateTimeEdit):
    """A date and time in the language's form that takes typed digits wherever clicked."""

    with_time = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.lineEdit() and event.type() == QEvent.Type.MouseButtonRelease:
            _select_section(self)
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        _key(self, event, super().keyPressEvent)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.setDisplayFormat(date_form(self.with_time))


class DayEdit(QDateEdit):
    """A date in the language's form that takes typed digits wherever clicked."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.lineEdit() and event.type() == QEvent.Type.MouseButtonRelease:
            _select_section(self)
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        _key(self, event, super().keyPressEvent)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.setDisplayFormat(date_form())


def date_edit(value: date | None, accessible_name: str) -> QDateEdit:
    """A date field in the language's form (26.11.2026 in nb) with a calendar."""
    edit = DayEdit()
    edit.lineEdit().installEventFilter(edit)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_form())
    edit.setDateRange(*DATE_RANGE)
    if value is not None:
        edit.setDate(QDate(value.year, value.month, value.day))
    edit.setAccessibleName(accessible_name)
    return edit


def edit_date(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def moment_edit(value: datetime, zone: str, accessible_name: str) -> QDateTimeEdit:
    """A moment shown and entered in the organisation's time zone, in the language's form
    (26.11.2026 10:00 in nb, 2026-11-26 10:00 in sv)."""
    edit = MomentEdit()
    edit.lineEdit().installEventFilter(edit)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_form(with_time=True))
    edit.setDateRange(*DATE_RANGE)
    edit.setTimeZone(QTimeZone(zone.encode()))
    edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(value.timestamp()), QTimeZone(zone.encode())))
    edit.setAccessibleName(accessible_name)
    return edit


def set_moment(edit: QDateTimeEdit, value: datetime, zone: str) -> None:
    """Show ``value`` in ``zone`` in a field made by ``moment_edit`` (the field takes the zone:
    one made before the organisation was known showed UTC while the clock showed CET)."""
    edit.setTimeZone(QTimeZone(zone.encode()))
    edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(value.timestamp()),
                                                  QTimeZone(zone.encode())))


def edit_moment(edit: QDateTimeEdit) -> datetime:
    """The aware moment a date-time field holds (in UTC; shown in the field's zone)."""
    from datetime import UTC

    return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), UTC)


def value_text(value: object, zone: str | None = None) -> str:
    """A parameter of a message as the UI shows it: dates in the UI's form, moments in the
    organisation's time zone (``zone``) with its name, as the incident clock shows them."""
    if isinstance(value, datetime):
        if zone is not None:
            return formatting.format_local(value, zone)
        return formatting.format_moment(value)
    if isinstance(value, date):
        return formatting.format_date(value)
    return str(value)


def wrapped_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


Callback = Callable[[], None]


def _plain(text: str) -> str:
    """A control's visible text as a name: without its mnemonic ``&`` and a closing colon."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(":… ").strip()


def name_controls(root: QWidget) -> None:
    """Give every control under ``root`` an accessible name (WCAG; screen readers).

    Controls named explicitly keep their names; the others take their label's text (the label
    whose buddy they are) or their own text (buttons, check boxes, selectable texts). Call it
    after building or re-translating a view; a text set later names itself only if set again.
    """
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QTabWidget

    buddies = {id(label.buddy()): label.text() for label in root.findChildren(QLabel)
               if label.buddy() is not None}
    widgets = root.findChildren(QWidget)
    for widget in widgets:
        if widget.accessibleName():
            continue
        if id(widget) in buddies:
            widget.setAccessibleName(_plain(buddies[id(widget)]))
        elif isinstance(widget, QAbstractButton) and widget.text():
            widget.setAccessibleName(_plain(widget.text()))
        elif isinstance(widget, QLabel) and widget.text():  # a selectable text takes focus
            widget.setAccessibleName(widget.text())
    # Parts of a control (a spin box's text field, a tab bar) take the control's name.
    for widget in widgets:
        parent = widget.parentWidget()
        if widget.accessibleName() or parent is None:
            continue
        if isinstance(parent, QAbstractSpinBox | QTabWidget):
            widget.setAccessibleName(parent.accessibleName())


def record_list_pane(new_text: str, new_name: str, on_new: Callable[[], object],
                     list_name: str, on_select: Callable[[int], object]
                     ) -> tuple[QWidget, QPushButton, QListWidget]:
    """The left side of a workflow view: a "New …" button above the list of records."""
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    button = QPushButton(new_text)
    button.setAccessibleName(new_name)
    button.clicked.connect(on_new)
    layout.addWidget(button)
    records = QListWidget()
    records.setAccessibleName(list_name)
    records.setWordWrap(True)
    records.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    records.currentRowChanged.connect(on_select)
    layout.addWidget(records)
    return pane, button, records


def heading_label() -> QLabel:
    """The record's title above its details: larger, bold, wrapped."""
    heading = QLabel()
    font = heading.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    heading.setFont(font)
    heading.setWordWrap(True)
    return heading
