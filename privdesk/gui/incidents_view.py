"""Incidents: record one in seconds, watch the 72-hour clock, assess it, decide, notify, draft.

The clock starts at awareness (Art. 33(1)), so recording comes first and asks only for a title
and the moment the school became aware; the facts follow. The view shows the hours left in the
organisation's local time, the ENISA severity and the advice with its reasons (the DPO decides
and records the decision), the phased notifications (Art. 33(4)) and produces the draft for the
authority (Art. 33(3)).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from privdesk.domain import codes, kinds
from privdesk.domain import records as rec
from privdesk.domain.incidents import (
    authority_notified_at,
    hours_left,
    hours_to_notification,
    notifications,
    notify_by,
    problems,
    processor_reported_first,
)
from privdesk.domain.kinds import zone_for
from privdesk.domain.risk import assess
from privdesk.gui import desktop
from privdesk.gui.erase_dialog import EraseDialog, ask_to_erase
from privdesk.gui.export import (
    ExportRun,
    export_folder,
    remember_folder,
    safe_file_stem,
    start_breach_report_export,
)
from privdesk.gui.fields import (
    CheckList,
    ChoiceField,
    CodeCheckList,
    GroupsField,
    LongTextField,
    TriStateField,
)
from privdesk.gui.formatting import format_local, format_number
from privdesk.gui.language import code_label, current, gettext_function, tr, trn
from privdesk.gui.pages import empty_hint
from privdesk.gui.settings import Settings
from privdesk.gui.workflow import (
    Editing,
    edit_moment,
    heading_label,
    moment_edit,
    name_controls,
    record_list_pane,
    set_moment,
    wrapped_label,
)

Now = Callable[[], datetime]


if TYPE_CHECKING:
    from privdesk.services import Change, RegisterService


def _hours(value: float) -> str:
    """Hours as a person writes them: whole when whole, else one decimal (18,4 in nb and sv)."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else format_number(rounded)


def _form(value: float) -> int:
    """The number that picks the plural form of ``_hours(value)``: a fraction takes "other"."""
    rounded = round(value, 1)
    return int(rounded) if rounded == int(rounded) else 2


def clock_text(incident: rec.Incident, now: datetime, zone: str) -> str:
    """The 72-hour clock in words: hours left and the deadline in local time, or when told.

    Moments are in the language's own form (``26.11.2026 10:00 CET`` in nb); a clock run out
    more than 48 hours ago counts days ("3 days ago", not "72.5 hours ago").
    """
    aware = tr("Became aware {moment}.", moment=format_local(incident.aware_at, zone))
    notified = authority_notified_at(incident)
    if notified is not None:
        elapsed = hours_to_notification(incident) or 0.0
        told = trn("The authority was notified {moment}, {hours} hour after the school became "
                   "aware.",
                   "The authority was notified {moment}, {hours} hours after the school became "
                   "aware.", _form(elapsed), moment=format_local(notified, zone),
                   hours=_hours(elapsed))
        if elapsed > 72:
            told += " " + tr("That is later than 72 hours: the reasons for the delay must be "
                             "given (Art. 33(1)).")
        return f"{aware}\n{told}"
    deadline = format_local(notify_by(incident), zone)
    left = hours_left(incident, now)
    if processor_reported_first(incident) and incident.reported_by_processor is not None:
        aware += " " + tr("A processor reported it earlier, {moment}: the 72 hours run from "
                          "then (Art. 33(2)).",
                          moment=format_local(incident.reported_by_processor, zone))
    # Only the DPO's explicit decision (or a notification) stops the clock; a note being
    # written in the decision field does not (issue 17).
    if incident.decided_not_to_notify_at is not None:
        return "\n".join([aware, tr("Decided {moment} not to notify the authority. {note}",
                                    moment=format_local(incident.decided_not_to_notify_at, zone),
                                    note=incident.decision_note or "")])
    if incident.status == "closed":
        return "\n".join([aware, tr("Closed without a notification to the authority. {note}",
                                    note=incident.decision_note or "").rstrip()])
    if left >= 0:
        return "\n".join([aware, trn("{hours} hour left to notify the authority: by {moment}.",
                                     "{hours} hours left to notify the authority: by {moment}.",
                                     _form(left), hours=_hours(left), moment=deadline)])
    if left <= -48:
        days = int(-left // 24)
        return "\n".join([aware, trn(
            "The 72 hours ran out {moment}, {count} day ago. Notify without further delay and "
            "give the reasons for the delay.",
            "The 72 hours ran out {moment}, {count} days ago. Notify without further delay and "
            "give the reasons for the delay.", days, moment=deadline)])
    return "\n".join([aware, trn("The 72 hours ran out {moment}, {hours} hour ago. Notify "
                                 "without further delay and give the reasons for the delay.",
                                 "The 72 hours ran out {moment}, {hours} hours ago. Notify "
                                 "without further delay and give the reasons for the delay.",
                                 _form(-left), moment=deadline, hours=_hours(-left))])


class QuickIncidentDialog(QDialog):
    """Record an incident now: a title and the moment of awareness start the clock."""

    def __init__(self, ref: str, now: datetime, zone: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ref = ref
        self.setWindowTitle(tr("New incident"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 34)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(tr(
            "The 72 hours start when the school became aware of the breach. Record it now; "
            "the facts can follow.")))
        form = QFormLayout()
        self.title_field = QLineEdit()
        self.title_field.setAccessibleName(tr("What happened, in a few words"))
        self.aware = moment_edit(now, zone, tr("When the school became aware"))
        self.description = LongTextField()
        self.description.setAccessibleName(tr("Description"))
        for text, widget in ((tr("&Title:"), self.title_field),
                             (tr("&Aware since:"), self.aware),
                             (tr("&Description:"), self.description)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("&Start the clock"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.title_field.textChanged.connect(self._validate)
        self._validate()
        name_controls(self)

    def _validate(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.title_field.text().strip()))

    def incident(self) -> rec.Incident:
        return rec.Incident(ref=self.ref, title=self.title_field.text().strip(),
                            aware_at=edit_moment(self.aware),
                            description=self.description.value())


class NotificationDialog(QDialog):
    """One notification to the authority: the initial one, a follow-up, or the complete one."""

    def __init__(self, incident: rec.Incident, now: datetime, zone: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Notification to the authority"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 34)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(tr(
            "Art. 33(4): what is not known yet can follow in phases. Record each notification "
            "with the authority's reference.")))
        form = QFormLayout()
        self.kind = ChoiceField("notification_kinds", codes.NOTIFICATION_KINDS)
        self.kind.set_value("follow_up" if notifications(incident) else "initial")
        self.kind.setAccessibleName(tr("Kind of notification"))
        self.at = moment_edit(now, zone, tr("When the notification was sent"))
        self.reference = QLineEdit(incident.authority_ref or "")
        self.reference.setAccessibleName(tr("The authority's reference"))
        self.note = LongTextField()
        self.note.setAccessibleName(tr("Note"))
        for text, widget in ((tr("&Kind:"), self.kind), (tr("&Sent:"), self.at),
                             (tr("&Reference:"), self.reference), (tr("&Note:"), self.note)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        name_controls(self)

    def notification(self) -> rec.Notification:
        return rec.Notification(at=edit_moment(self.at), kind=str(self.kind.value()),
                                reference=self.reference.text().strip() or None,
                                note=self.note.value())


def _count_box(accessible: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(-1, 100_000_000)
    box.setSpecialValueText(tr("Not known"))  # shown at the minimum, -1
    box.setValue(-1)
    box.setAccessibleName(accessible)
    return box


class IncidentsView(QWidget):
    """The incidents and the workflow of the chosen one: clock, facts, advice, decision."""

    def __init__(self, service: RegisterService, settings: Settings | None = None,
                 undo_stack: QUndoStack | None = None,
                 now: Now = lambda: datetime.now(UTC), refresh_ms: int = 60_000,
                 minimum_duration: int = 500, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.settings = settings or Settings()
        self.now = now
        self.minimum_duration = minimum_duration
        self.editing = Editing(service, undo_stack, self)
        from privdesk.services.incidents import Incidents  # with the service (SQLAlchemy)

        self.incidents = Incidents(service)
        self.editing.changed.connect(self.on_change)
        self.run: ExportRun | None = None
        self.quick: QuickIncidentDialog | None = None
        self.notification_dialog: NotificationDialog | None = None
        self.erase_dialog: EraseDialog | None = None
        self._incidents: list[rec.Incident] = []
        # The version each incident was read at: what the DPO's edits are based on.
        self._versions: dict[str, int] = {}
        self._organisation: rec.Organisation | None = None
        self._current: rec.Incident | None = None
        # The clock ticks only while the view is shown (0: never, for tests).
        self.timer = QTimer(self)
        self.timer.setInterval(refresh_ms)
        self.timer.timeout.connect(self.show_clock)
        self.refresh_ms = refresh_ms
        self.kind = "incidents"
        self._filter = ""
        self._build()
        self.reload()
        name_controls(self)

    @property
    def zone(self) -> str:
        organisation = self._organisation
        return zone_for(organisation.country if organisation else None)

    # ------------------------------------------------------------ layout

    def _build(self) -> None:
        outer = QHBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(splitter)
        left, self.new_button, self.list = record_list_pane(
            tr("&New incident…"), tr("Record a new incident and start its clock"),
            self.new_incident, tr("Incidents"), self._select_row)
        # What an empty list says to do (the first run, or every record deleted).
        self.empty = empty_hint()
        self.empty.setText(tr("No incidents recorded. Record one with New incident… as "
                              "soon as the school learns of a breach: the 72-hour clock runs "
                              "from then."))
        layout_of_left = left.layout()
        if isinstance(layout_of_left, QVBoxLayout):
            layout_of_left.insertWidget(1, self.empty)
        splitter.addWidget(left)

        right = QWidget()
        layout = QVBoxLayout(right)
        self.heading = heading_label()
        layout.addWidget(self.heading)
        self.clock = wrapped_label()
        self.clock.setAccessibleName(tr("The 72-hour clock"))
        clock_font = self.clock.font()
        clock_font.setBold(True)
        self.clock.setFont(clock_font)
        layout.addWidget(self.clock)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(tr("Parts of the incident"))
        self.tabs.addTab(self._facts_tab(), tr("&Facts"))
        self.tabs.addTab(self._advice_tab(), tr("&Severity and advice"))
        self.tabs.addTab(self._decision_tab(), tr("&Decision and notifications"))
        layout.addWidget(self.tabs, 1)
        actions = QHBoxLayout()
        self.save_button = QPushButton(tr("Sa&ve"))
        self.save_button.clicked.connect(self.save)
        self.produce_button = QPushButton(tr("&Produce notification draft…"))
        self.produce_button.clicked.connect(self.produce_draft)
        self.erase_button = QPushButton(tr("Erase…"))
        self.erase_button.setToolTip(tr("Erase the incident with every trace of it "
                                        "(not undoable)"))
        self.erase_button.clicked.connect(self.erase_incident)
        actions.addWidget(self.save_button)
        actions.addWidget(self.produce_button)
        actions.addWidget(self.erase_button)
        actions.addStretch()
        layout.addLayout(actions)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        self.detail = right
        self._filling = False
        for widget in (self.description, self.breach_types, self.data_categories,
                       self.subject_groups, self.children_field, self.vulnerable, self.exposure,
                       self.exfiltrated, self.malicious, self.encrypted, self.key_compromised,
                       self.backup_available, self.recovered, self.ongoing, self.cause,
                       self.cross_border, self.delay_reason):
            widget.edited.connect(self.form_edited)
        for box in (self.subjects_count, self.records_count):
            box.valueChanged.connect(self.form_edited)
        self.restored.valueChanged.connect(self.form_edited)
        for check in (self.occurred_known, self.ended_known, self.subjects_told):
            check.toggled.connect(self.form_edited)

    def _form_row(self, form: QFormLayout, text: str, widget: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        form.addRow(label, widget)

    def _facts_tab(self) -> QWidget:
        scroll = QScrollArea()
        scroll.setAccessibleName(tr("Facts of the incident"))
        scroll.setWidgetResizable(True)
        inner = QWidget()
        form = QFormLayout(inner)
        self.description = LongTextField()
        self.description.setAccessibleName(tr("Description"))
        self.occurred_known = QCheckBox(tr("Known"))
        self.occurred = moment_edit(self.now(), self.zone, tr("When the breach happened"))
        self.occurred.setEnabled(False)
        self.occurred_known.toggled.connect(self.occurred.setEnabled)
        occurred_row = QHBoxLayout()
        occurred_row.addWidget(self.occurred_known)
        occurred_row.addWidget(self.occurred, 1)
        occurred_widget = QWidget()
        occurred_widget.setLayout(occurred_row)
        occurred_row.setContentsMargins(0, 0, 0, 0)
        self.breach_types = CodeCheckList("breach_types", codes.BREACH_TYPES)
        self.breach_types.setAccessibleName(tr("Kind of breach"))
        self.data_categories = CodeCheckList("data_categories", codes.DATA_CATEGORIES)
        self.data_categories.setAccessibleName(tr("Categories of data"))
        self.subject_groups = GroupsField()
        self.subjects_count = _count_box(tr("Number of people affected"))
        self.records_count = _count_box(tr("Number of records affected"))
        self.children_field = TriStateField()
        self.children_field.setAccessibleName(tr("Children affected"))
        self.vulnerable = TriStateField()
        self.vulnerable.setAccessibleName(tr("Vulnerable people affected"))
        self.exposure = ChoiceField("exposures", codes.EXPOSURES, optional=True)
        self.exposure.setAccessibleName(tr("Who could see the data"))
        self.exfiltrated = TriStateField()
        self.exfiltrated.setAccessibleName(tr("Data taken away"))
        self.malicious = TriStateField()
        self.malicious.setAccessibleName(tr("Malicious"))
        self.encrypted = TriStateField()
        self.encrypted.setAccessibleName(tr("Encrypted"))
        self.key_compromised = TriStateField()
        self.key_compromised.setAccessibleName(tr("Key compromised"))
        self.backup_available = TriStateField()
        self.backup_available.setAccessibleName(tr("Backup available"))
        self.restored = QDoubleSpinBox()
        self.restored.setRange(-1, 100_000)
        self.restored.setDecimals(1)
        self.restored.setSpecialValueText(tr("Not known"))
        self.restored.setValue(-1)
        self.restored.setAccessibleName(tr("Restored within hours"))
        self.recovered = TriStateField()
        self.recovered.setAccessibleName(tr("Recovered or deleted by the recipient"))
        self.consequences = LongTextField()
        self.consequences.setAccessibleName(tr("Likely consequences"))
        self.measures = LongTextField()
        self.measures.setAccessibleName(tr("Measures taken"))
        self.measures_planned = LongTextField()
        self.measures_planned.setAccessibleName(tr("Measures planned"))
        self.cause = ChoiceField("breach_causes", codes.BREACH_CAUSES, optional=True)
        self.cause.setAccessibleName(tr("Cause of the breach"))
        self.discovery = LongTextField()
        self.discovery.setAccessibleName(tr("How the breach was discovered"))
        self.ongoing = TriStateField()
        self.ongoing.setAccessibleName(tr("Breach still ongoing"))
        self.ended_known = QCheckBox(tr("Ended"))
        self.ended = moment_edit(self.now(), self.zone, tr("When the breach ended"))
        self.ended.setEnabled(False)
        self.ended_known.toggled.connect(self.ended.setEnabled)
        ended_row = QHBoxLayout()
        ended_row.addWidget(self.ended_known)
        ended_row.addWidget(self.ended, 1)
        ended_row.setContentsMargins(0, 0, 0, 0)
        ended_widget = QWidget()
        ended_widget.setLayout(ended_row)
        self.data_location = LongTextField()
        self.data_location.setAccessibleName(tr("Where the data are now"))
        self.cross_border = TriStateField()
        self.cross_border.setAccessibleName(tr("People in other EEA countries affected"))
        self.other_authorities = QLineEdit()
        self.other_authorities.setAccessibleName(tr("Other supervisory authorities concerned"))
        self.activities = CheckList()
        self.activities.setAccessibleName(tr("Processing activities concerned"))
        self.processors = CheckList()
        self.processors.setAccessibleName(tr("Processors involved"))
        rows: list[tuple[str, QWidget]] = [
            (tr("&Description:"), self.description),
            (tr("Happened:"), occurred_widget),
            (tr("Ongoing:"), self.ongoing),
            (tr("Ended:"), ended_widget),
            (tr("Cause:"), self.cause),
            (tr("How it was discovered:"), self.discovery),
            (tr("&Kind of breach:"), self.breach_types),
            (tr("&Categories of data:"), self.data_categories),
            (tr("&People:"), self.subject_groups),
            (tr("&Number of people:"), self.subjects_count),
            (tr("Number of &records:"), self.records_count),
            (tr("C&hildren:"), self.children_field),
            (tr("&Vulnerable people:"), self.vulnerable),
            (tr("&Who could see it:"), self.exposure),
            (tr("Data &taken away:"), self.exfiltrated),
            (tr("&Malicious:"), self.malicious),
            (tr("&Encrypted:"), self.encrypted),
            (tr("Key co&mpromised:"), self.key_compromised),
            (tr("&Backup available:"), self.backup_available),
            (tr("Restored within (hours):"), self.restored),
            (tr("Recovered or deleted by the recipient:"), self.recovered),
            (tr("Where the data are now:"), self.data_location),
            (tr("Likely &consequences:"), self.consequences),
            (tr("Measures taken:"), self.measures),
            (tr("Measures p&lanned:"), self.measures_planned),
            (tr("Other EEA countries affected:"), self.cross_border),
            (tr("Other authorities concerned:"), self.other_authorities),
            (tr("&Activities:"), self.activities),
            (tr("P&rocessors:"), self.processors),
        ]
        for text, widget in rows:
            self._form_row(form, text, widget)
        scroll.setWidget(inner)
        return scroll

    def _advice_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.severity = wrapped_label()
        self.severity.setAccessibleName(tr("Severity"))
        font = self.severity.font()
        font.setBold(True)
        self.severity.setFont(font)
        layout.addWidget(self.severity)
        self.advice = wrapped_label()
        self.advice.setAccessibleName(tr("Advice"))
        layout.addWidget(self.advice)
        layout.addWidget(QLabel(tr("Reasons:")))
        self.reasons = QListWidget()
        self.reasons.setWordWrap(True)
        self.reasons.setAccessibleName(tr("Reasons for the advice"))
        layout.addWidget(self.reasons, 2)
        self.problems_label = QLabel(tr("To check in the record:"))
        layout.addWidget(self.problems_label)
        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName(tr("What to check in the record"))
        layout.addWidget(self.problems, 1)
        layout.addWidget(wrapped_label(tr(
            "This is advice: the DPO decides and records the decision and its reasons.")))
        return page

    def _decision_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        form = QFormLayout()
        self.decision_note = LongTextField()
        self.decision_note.setAccessibleName(tr("The decision and its reasons"))
        self.delay_reason = LongTextField()
        self.delay_reason.setAccessibleName(tr("Reasons for a late notification"))
        self.subjects_told = QCheckBox(tr("The people affected were told (Art. 34)"))
        self.subjects_told_at = moment_edit(self.now(), self.zone,
                                            tr("When the people affected were told"))
        self.subjects_told.toggled.connect(self.subjects_told_at.setEnabled)
        self.subjects_notice = LongTextField()
        self.subjects_notice.setAccessibleName(tr("How the people affected were told, or why "
                                                  "not"))
        self.status = ChoiceField("incident_statuses", codes.INCIDENT_STATUSES)
        self.status.setAccessibleName(tr("Status"))
        self._form_row(form, tr("D&ecision and reasons:"), self.decision_note)
        self._form_row(form, tr("Reasons for &delay:"), self.delay_reason)
        form.addRow(self.subjects_told, self.subjects_told_at)
        self._form_row(form, tr("How they were told, or &why not:"), self.subjects_notice)
        self._form_row(form, tr("&Status:"), self.status)
        layout.addLayout(form)
        decide_row = QHBoxLayout()
        self.decide_button = QPushButton(tr("Decide not to notif&y"))
        self.decide_button.setToolTip(tr("Record the decision not to notify the authority, "
                                         "with the reasons written above"))
        self.decide_button.clicked.connect(self.decide_not_to_notify)
        self.withdraw_button = QPushButton(tr("Wit&hdraw the decision"))
        self.withdraw_button.clicked.connect(self.withdraw_decision)
        self.decision_state = wrapped_label()
        self.decision_state.setAccessibleName(tr("The decision on notifying"))
        decide_row.addWidget(self.decide_button)
        decide_row.addWidget(self.withdraw_button)
        decide_row.addWidget(self.decision_state, 1)
        layout.addLayout(decide_row)
        layout.addWidget(QLabel(tr("Notifications to the authority:")))
        self.notification_table = QTableWidget(0, 4)
        self.notification_table.setAccessibleName(tr("Notifications to the authority"))
        self.notification_table.verticalHeader().setVisible(False)
        self.notification_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.notification_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.notification_table, 1)
        row = QHBoxLayout()
        self.notify_button = QPushButton(tr("&Add notification…"))
        self.notify_button.clicked.connect(self.add_notification)
        row.addWidget(self.notify_button)
        row.addStretch()
        layout.addLayout(row)
        self.retranslate_headers()
        return page

    def retranslate_headers(self) -> None:
        self.notification_table.setHorizontalHeaderLabels(
            [tr("Kind"), tr("Sent"), tr("Reference"), tr("Note")])

    # ------------------------------------------------------------ the clock

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.refresh_ms > 0:
            self.timer.start()
        self.show_clock()

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def show_clock(self) -> None:
        if self._current is None:
            self.clock.clear()
            return
        self.clock.setText(clock_text(self._current, self.now(), self.zone))

    # ------------------------------------------------------------ reading

    def reload(self, select: str | None = None) -> None:
        """Read what the view shows (standing alone; in the window, the window reads)."""
        incidents, versions = self.service.versioned("incidents")
        self.show_records(rec.Register(organisation=self.service.organisation(),
                                       incidents=tuple(incidents),
                                       activities=tuple(self.service.activities()),
                                       processors=tuple(self.service.processors())),
                          versions, select)

    def show_records(self, register: rec.Register, versions: Mapping[str, int],
                     select: str | None = None) -> None:
        """Show the incidents of ``register`` (read at ``versions``), its activities,
        processors and organisation: the window hands them over after each change."""
        keep = select or (self._current.ref if self._current else None)
        self._organisation = register.organisation
        self._incidents, self._versions = list(register.incidents), dict(versions)
        self.activities.set_options([(a.ref, f"{a.ref}  {a.name}", "")
                                     for a in register.activities])
        self.processors.set_options([(p.ref, f"{p.ref}  {p.name}", "")
                                     for p in register.processors])
        self.list.blockSignals(True)
        self.list.clear()
        for incident in self._incidents:
            status = code_label("incident_statuses", incident.status)
            item = QListWidgetItem(f"{incident.ref}  {incident.title}\n    {status}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, incident.ref)
        self.list.blockSignals(False)
        self.empty.setVisible(self.list.count() == 0)
        self.set_filter(self._filter)
        refs = [i.ref for i in self._incidents]
        row = refs.index(keep) if keep in refs else (0 if refs else -1)
        self.list.setCurrentRow(row)
        self._select_row(row)

    # ------------------------------------------------------------ as a page of the window

    @property
    def view(self) -> QListWidget:
        return self.list

    def current_ref(self) -> str | None:
        return self._current.ref if self._current is not None else None

    def set_filter(self, text: str) -> None:
        """Show only the rows that contain every typed word (the window's search field)."""
        self._filter = text
        words = text.casefold().split()
        for row in range(self.list.count()):
            line = self.list.item(row)
            line.setHidden(not all(w in line.text().casefold() for w in words))

    def shown_count(self) -> tuple[int, int]:
        shown = sum(1 for row in range(self.list.count()) if not self.list.item(row).isHidden())
        return shown, self.list.count()

    def on_change(self, change: Change) -> None:
        if change and change.kinds() & {self.kind, *kinds.kind(self.kind).refers_to}:
            self.reload()

    def select(self, ref: str) -> None:
        refs = [i.ref for i in self._incidents]
        if ref in refs:
            self.list.setCurrentRow(refs.index(ref))

    def current_incident(self) -> rec.Incident | None:
        return self._current

    def _select_row(self, row: int) -> None:
        self._current = self._incidents[row] if 0 <= row < len(self._incidents) else None
        self.show_incident()

    def show_incident(self) -> None:
        incident = self._current
        self.detail.setEnabled(incident is not None)
        if incident is None:
            self.heading.setText(tr("No incident chosen"))
            self.clock.clear()
            return
        self.heading.setText(f"{incident.ref}: {incident.title}")
        self.show_clock()
        self._filling = True
        try:
            self._fill_facts(incident)
            self._fill_decision(incident)
        finally:
            self._filling = False
        self.show_advice(incident)

    def show_decision(self, incident: rec.Incident) -> None:
        """Whether the DPO decided not to notify: only the explicit action says so."""
        notified = authority_notified_at(incident) is not None
        decided = incident.decided_not_to_notify_at
        self.decide_button.setEnabled(not notified and decided is None)
        self.withdraw_button.setVisible(decided is not None)
        if notified:
            self.decision_state.setText(tr("The authority has been notified."))
        elif decided is not None:
            self.decision_state.setText(tr(
                "Decided {moment} not to notify the authority.",
                moment=format_local(decided, self.zone)))
        else:
            self.decision_state.setText(tr("No decision recorded: the clock runs until the "
                                           "authority is notified or you decide not to "
                                           "notify."))

    def form_edited(self) -> None:
        """The advice follows the form as it is edited, not the last saved state (issue 17);
        the clock and the state change only through saved, explicit actions."""
        if self._filling or self._current is None:
            return
        edited = self.edited_incident()
        if edited is not None:
            self.show_advice(edited)

    def _fill_facts(self, incident: rec.Incident) -> None:
        self.description.set_value(incident.description)
        self.occurred_known.setChecked(incident.occurred_at is not None)
        moment = incident.occurred_at or incident.aware_at
        set_moment(self.occurred, moment, self.zone)
        self.breach_types.set_value(incident.breach_types)
        self.data_categories.set_value(incident.data_categories)
        self.subject_groups.set_value(incident.subject_groups)
        self.subjects_count.setValue(-1 if incident.subjects_count is None
                                     else incident.subjects_count)
        self.records_count.setValue(-1 if incident.records_count is None
                                    else incident.records_count)
        for field, value in ((self.children_field, incident.children),
                             (self.vulnerable, incident.vulnerable),
                             (self.exfiltrated, incident.exfiltrated),
                             (self.malicious, incident.malicious),
                             (self.encrypted, incident.encrypted),
                             (self.key_compromised, incident.key_compromised),
                             (self.backup_available, incident.backup_available),
                             (self.recovered, incident.recovered_or_deleted_by_recipient)):
            field.set_value(value)
        self.exposure.set_value(incident.exposure)
        self.restored.setValue(-1 if incident.restored_within_hours is None
                               else incident.restored_within_hours)
        self.consequences.set_value(incident.consequences)
        self.measures.set_value(incident.measures)
        self.measures_planned.set_value(incident.measures_planned)
        self.cause.set_value(incident.cause)
        self.discovery.set_value(incident.discovery)
        self.ongoing.set_value(incident.ongoing)
        self.ended_known.setChecked(incident.ended_at is not None)
        set_moment(self.ended, incident.ended_at or self.now(), self.zone)
        self.data_location.set_value(incident.data_location)
        self.cross_border.set_value(incident.cross_border)
        self.other_authorities.setText(incident.other_authorities or "")
        self.activities.set_value(incident.activities)
        self.processors.set_value(incident.processors)

    def _fill_decision(self, incident: rec.Incident) -> None:
        self.decision_note.set_value(incident.decision_note)
        self.delay_reason.set_value(incident.delay_reason)
        self.subjects_told.setChecked(incident.subjects_notified_at is not None)
        self.subjects_told_at.setEnabled(incident.subjects_notified_at is not None)
        told = incident.subjects_notified_at or self.now()
        set_moment(self.subjects_told_at, told, self.zone)
        self.subjects_notice.set_value(incident.subjects_notice)
        self.status.set_value(incident.status)
        self.show_decision(incident)
        sequence = notifications(incident)
        self.notification_table.setRowCount(len(sequence))
        for row, notification in enumerate(sequence):
            for column, text in enumerate((
                    code_label("notification_kinds", notification.kind),
                    format_local(notification.at, self.zone),
                    notification.reference or "", notification.note or "")):
                self.notification_table.setItem(row, column, QTableWidgetItem(text))

    def show_advice(self, incident: rec.Incident) -> None:
        gettext = gettext_function()
        result = assess(incident)
        s = result.severity
        self.severity.setText(tr(
            "Severity (ENISA): {band}, score {score} (DPC {dpc} × EI {ei} + CB {cb})",
            band=code_label("severity_bands", s.band), score=_hours(s.score), dpc=s.dpc,
            ei=_hours(s.ei), cb=_hours(s.cb)))
        yes, no = tr("yes"), tr("no")
        self.advice.setText("\n".join([
            tr("Notify the supervisory authority: {answer}",
               answer=yes if result.notify_authority else no),
            tr("Tell the people affected: {answer}",
               answer=yes if result.notify_subjects else no)]))
        self.reasons.clear()
        for reason in result.reasons:
            QListWidgetItem("• " + reason.render(gettext), self.reasons)
        self.problems.clear()
        found = problems(incident)
        for problem in found:
            QListWidgetItem("• " + problem.render(gettext), self.problems)
        self.problems_label.setVisible(bool(found))
        self.problems.setVisible(bool(found))

    # ------------------------------------------------------------ editing

    def edited_incident(self) -> rec.Incident | None:
        incident = self._current
        if incident is None:
            return None

        def count(box: QSpinBox) -> int | None:
            return None if box.value() < 0 else box.value()

        edited: rec.Incident = rec.replace(
            incident,
            description=self.description.value(),
            occurred_at=edit_moment(self.occurred) if self.occurred_known.isChecked() else None,
            breach_types=tuple(self.breach_types.value()),
            data_categories=tuple(self.data_categories.value()),
            subject_groups=tuple(self.subject_groups.value()),
            subjects_count=count(self.subjects_count),
            records_count=count(self.records_count),
            children=self.children_field.value(), vulnerable=self.vulnerable.value(),
            exposure=self.exposure.value(), exfiltrated=self.exfiltrated.value(),
            malicious=self.malicious.value(), encrypted=self.encrypted.value(),
            key_compromised=self.key_compromised.value(),
            backup_available=self.backup_available.value(),
            restored_within_hours=None if self.restored.value() < 0 else self.restored.value(),
            recovered_or_deleted_by_recipient=self.recovered.value(),
            consequences=self.consequences.value(), measures=self.measures.value(),
            measures_planned=self.measures_planned.value(), cause=self.cause.value(),
            discovery=self.discovery.value(), ongoing=self.ongoing.value(),
            ended_at=edit_moment(self.ended) if self.ended_known.isChecked() else None,
            data_location=self.data_location.value(),
            cross_border=self.cross_border.value(),
            other_authorities=self.other_authorities.text().strip() or None,
            subjects_notice=self.subjects_notice.value(),
            activities=tuple(self.activities.value()),
            processors=tuple(self.processors.value()),
            decision_note=self.decision_note.value(),
            delay_reason=self.delay_reason.value(),
            subjects_notified_at=(edit_moment(self.subjects_told_at)
                                  if self.subjects_told.isChecked() else None),
            status=self.status.value() or "open",
        )
        return edited

    def save(self) -> bool:
        edited = self.edited_incident()
        if edited is None:
            return False
        if edited == self._current:
            return True
        return self.editing.save(edited, expected_version=self._versions.get(edited.ref))

    def new_incident(self) -> None:
        refs = [i.ref for i in self._incidents]
        now = self.now()
        ref = kinds.kind("incidents").next_ref(refs, now.year)
        self.quick = QuickIncidentDialog(ref, now, self.zone, self)
        self.quick.setWindowModality(Qt.WindowModality.WindowModal)
        dialog = self.quick
        dialog.accepted.connect(lambda: self._create(dialog.incident()))
        dialog.open()

    def _create(self, incident: rec.Incident) -> None:
        if self.editing.save(incident, create=True):
            self.reload(select=incident.ref)

    def add_notification(self) -> None:
        if self._current is None:
            return
        dialog = NotificationDialog(self._current, self.now(), self.zone, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.notification_dialog = dialog
        dialog.accepted.connect(lambda: self._add_notification(dialog.notification()))
        dialog.open()

    def _add_notification(self, notification: rec.Notification) -> None:
        if self._current is None or not self.save():
            return
        ref = self._current.ref
        self.editing.perform(
            tr("Record a notification of {ref}", ref=ref),
            lambda version: self.incidents.record_notification(ref, notification, version),
            self._versions.get(ref))

    def decide_not_to_notify(self) -> None:
        """The explicit decision not to notify, with the reasons in the decision field."""
        if self._current is None or not self.save():
            return
        ref = self._current.ref
        reasons = self.decision_note.value() or ""
        at = self.now()
        self.editing.perform(
            tr("Decide not to notify {ref}", ref=ref),
            lambda version: self.incidents.decide_not_to_notify(ref, reasons, at, version),
            self._versions.get(ref))

    def withdraw_decision(self) -> None:
        if self._current is None or not self.save():
            return
        ref = self._current.ref
        self.editing.perform(
            tr("Withdraw the decision on {ref}", ref=ref),
            lambda version: self.incidents.withdraw_decision(ref, version),
            self._versions.get(ref))

    def produce_draft(self) -> None:
        if self._current is None or not self.save():
            return
        organisation = self.service.organisation()
        inputs = self.incidents.report_inputs(
            self._current.ref, organisation.language if organisation else current(), self.now())
        target = desktop.ask_save_path(
            self, tr("Save the notification draft"),
            export_folder(self.settings)
            / (safe_file_stem(f"{inputs.incident.ref} notification draft") + ".pdf"),
            tr("PDF documents (*.pdf)"), ".pdf")
        if target is None:
            return
        remember_folder(self.settings, target)
        self.run = start_breach_report_export(self, self.incidents, inputs, target,
                                              self.minimum_duration)

    def erase_incident(self) -> None:
        """Ask (window-modal) with what will go and why; erase on Erase. Not undoable."""
        if self._current is not None:
            self.erase_dialog = ask_to_erase(self, self.editing, self.kind, self._current.ref)

    def retranslate(self) -> None:
        self.retranslate_headers()
        self.show_incident()


__all__ = ["IncidentsView", "NotificationDialog", "QuickIncidentDialog", "clock_text"]
