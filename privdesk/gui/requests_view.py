"""Access requests: register one in a few steps, follow its clock, gather the data, answer it.

The DPO registers who asks and for whom (a parent for a pupil, most often) and how their
identity was checked; the view then shows the deadline (Art. 12(3)) and what is still missing,
suggests the activities that concern the child (those whose data subjects include the child's
groups), takes the data items per activity, previews and produces the letter (Art. 15), marks
it sent, and records an extension with its reasons and the notice's own deadline.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, QThreadPool
from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from privdesk.domain import codes, kinds
from privdesk.domain import records as rec
from privdesk.domain.deadlines import MAX_EXTENSION_MONTHS, request_deadlines
from privdesk.domain.errors import N_, UserError
from privdesk.domain.letters import NAMED, Gap, letter_gaps
from privdesk.gui import desktop, dialogs, mnemonics
from privdesk.gui.erase_dialog import ask_to_erase
from privdesk.gui.export import (
    ExportRun,
    Job,
    export_folder,
    remember_folder,
    safe_file_stem,
    start_letter_export,
)
from privdesk.gui.fields import ElidedComboBox
from privdesk.gui.formatting import format_date
from privdesk.gui.language import ENDONYMS, code_label, gettext_function, tr, trn
from privdesk.gui.pages import empty_hint
from privdesk.gui.pdf_preview import PdfPreview
from privdesk.gui.settings import Settings
from privdesk.gui.workflow import (
    Editing,
    date_edit,
    edit_date,
    heading_label,
    name_controls,
    record_list_pane,
    wrapped_label,
)

if TYPE_CHECKING:
    from privdesk.domain.letters import LetterInputs
    from privdesk.services import Change, RegisterService

OPEN_STATUSES = ("open", "extended")


def suggested_activities(subject: rec.DataSubject, activities: list[rec.Activity]
                         ) -> list[str]:
    """The activities whose data subjects include one of the child's groups."""
    groups = set(subject.groups)
    return [a.ref for a in activities if groups & set(a.subjects) and a.status != "retired"]


def missing(request: rec.Request, organisation: rec.Organisation | None,
            today: date | None = None, others: tuple[str, ...] = ()) -> list[str]:
    """What must be done before the letter can go out, as sentences in the UI language (the
    domain's rules, as the command line applies them)."""
    return sentences(letter_gaps(request, organisation, today=today, others=others))


def sentences(gaps: list[Gap]) -> list[str]:
    text = (gap.render(gettext_function()) for gap in gaps)
    return [line[:1].upper() + line[1:] for line in text]


def _in_sentence(label: str) -> str:
    """A code's label inside a sentence: its capital is only for lists and headings."""
    return label[:1].lower() + label[1:]


# ---------------------------------------------------------------- registering a request

# What each type of request asks of the school, and which document privdesk writes for it: only
# an access request is answered with privdesk's letter and its copy of the data (Art. 15(3)).
KIND_NOTES = {
    "access": N_("Art. 15: privdesk writes the answer with a copy of the data, from the data "
                 "items you record per activity."),
    "rectification": N_("Art. 16: correct the data where they are kept and tell the "
                        "requester. privdesk writes no letter for it: note what was corrected."),
    "erasure": N_("Art. 17: erase the data unless a duty to keep them applies, and tell the "
                  "requester. privdesk writes no letter for it: note what was erased, or why "
                  "not."),
    "restriction": N_("Art. 18: keep the data stored but unused while the question is "
                      "settled. privdesk writes no letter for it: note what was restricted."),
    "portability": N_("Art. 20: data the person gave, processed on consent or contract, handed "
                      "over in a machine-readable format. privdesk writes no letter for it."),
    "objection": N_("Art. 21: stop processing based on public interest or legitimate "
                    "interests unless compelling grounds outweigh the person's. privdesk writes "
                    "no letter for it: note the decision."),
}


def kind_note(kind: str) -> str:
    return tr(KIND_NOTES.get(kind, KIND_NOTES["access"]))


# The action that closes a request of each type: an access request is answered with the letter
# (marked as sent); the others with what was done, recorded with its date (``AnswerDialog``).
DONE_ACTIONS = {
    "access": N_("&Mark as sent"),
    "rectification": N_("&Mark as corrected…"),
    "erasure": N_("&Mark as erased…"),
    "restriction": N_("&Mark as restricted…"),
    "portability": N_("&Mark as handed over…"),
    "objection": N_("&Mark as decided…"),
}
DONE_QUESTIONS = {
    "rectification": N_("Record the day the data were corrected and the requester was told, "
                        "and what was corrected."),
    "erasure": N_("Record the day the data were erased (or the requester was told why not), "
                  "and what was erased."),
    "restriction": N_("Record the day the processing was restricted and the requester was "
                      "told, and what was restricted."),
    "portability": N_("Record the day the data were handed over, and in which format."),
    "objection": N_("Record the day the requester was told of the decision on the objection, "
                    "and the decision with its reasons."),
}


def done_action(kind: str) -> str:
    return tr(DONE_ACTIONS.get(kind, DONE_ACTIONS["access"]))


class _RequesterPage(QWizardPage):
    def __init__(self, with_kind: bool = True) -> None:
        super().__init__()
        self.setTitle(tr("Who asks?"))
        self.setSubTitle(tr("The person who made the request, and how they relate to the "
                            "person it is about."))
        form = QFormLayout(self)
        # The type of request first (Art. 15-22), with what privdesk writes for it.
        self.kind = QComboBox()
        for code in codes.REQUEST_KINDS:
            self.kind.addItem(code_label("request_kinds", code), code)
        self.kind.setAccessibleName(tr("Type of request"))
        self.kind_note = wrapped_label(kind_note("access"))
        self.kind_note.setAccessibleName(tr("What the type of request asks of the school"))
        self.kind.currentIndexChanged.connect(
            lambda _i: self.kind_note.setText(kind_note(str(self.kind.currentData()))))
        if with_kind:  # the edit dialog shows its own type above the requester
            kind_label = QLabel(tr("&Type:"))
            kind_label.setBuddy(self.kind)
            kind_box = QWidget()
            kind_column = QVBoxLayout(kind_box)
            kind_column.setContentsMargins(0, 0, 0, 0)
            kind_column.addWidget(self.kind)
            kind_column.addWidget(self.kind_note)  # right under the choice it explains
            form.addRow(kind_label, kind_box)
        else:
            self.kind.setParent(self)
            self.kind.hide()
            self.kind_note.setParent(self)
            self.kind_note.hide()
        self.name = QLineEdit()
        self.name.setAccessibleName(tr("Requester's name"))
        self.relation = QComboBox()
        for code in codes.RELATIONS:
            self.relation.addItem(code_label("relations", code), code)
        self.relation.setCurrentIndex(self.relation.findData("guardian"))
        self.relation.setAccessibleName(tr("Relation to the person the request is about"))
        self.basis = QLineEdit()
        self.basis.setAccessibleName(tr("Why the requester may act for the person"))
        self.basis.setPlaceholderText(tr("e.g. parental responsibility in the pupil register"))
        self.email = QLineEdit()
        self.email.setAccessibleName(tr("Requester's e-mail"))
        self.address = QLineEdit()
        self.address.setAccessibleName(tr("Requester's postal address"))
        self.language = QComboBox()
        self.language.addItem(tr("Not known"), None)
        for code, name in ENDONYMS.items():
            self.language.addItem(name, code)
        self.language.setAccessibleName(tr("Language of the answer"))
        for text, widget in ((tr("&Name:"), self.name), (tr("&Relation:"), self.relation),
                             (tr("&Basis:"), self.basis), (tr("&E-mail:"), self.email),
                             (tr("&Address:"), self.address),
                             (tr("&Language:"), self.language)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.registerField("requester*", self.name)
        self.relation.currentIndexChanged.connect(self._relation_changed)

    def _relation_changed(self) -> None:
        self.basis.setEnabled(self.relation.currentData() != "self")

    def set_requester(self, requester: rec.Requester) -> None:
        self.name.setText(requester.name)
        self.relation.setCurrentIndex(max(self.relation.findData(requester.relation), 0))
        self.basis.setText(requester.relation_basis or "")
        self.email.setText(requester.email or "")
        self.address.setText(requester.address or "")
        self.language.setCurrentIndex(max(self.language.findData(requester.language), 0))
        self._relation_changed()

    def requester(self) -> rec.Requester:
        relation = str(self.relation.currentData())
        return rec.Requester(
            name=self.name.text().strip(), relation=relation,
            relation_basis=(self.basis.text().strip() or None) if relation != "self" else None,
            email=self.email.text().strip() or None,
            address=self.address.text().strip() or None,
            language=self.language.currentData())


class _SubjectPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("About whom?"))
        self.setSubTitle(tr("The person whose data is asked for: often a pupil."))
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setAccessibleName(tr("Name of the person the request is about"))
        self.has_born = QCheckBox(tr("Date of birth known"))
        self.born = date_edit(date(2015, 1, 1), tr("Date of birth"))
        self.born.setEnabled(False)
        self.has_born.toggled.connect(self.born.setEnabled)
        self.class_ = QLineEdit()
        self.class_.setAccessibleName(tr("Class"))
        self.groups = QListWidget()
        self.groups.setAccessibleName(tr("Groups the person belongs to"))
        for code in codes.SUBJECT_GROUPS:
            item = QListWidgetItem(code_label("subjects", code), self.groups)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code == "pupils"
                               else Qt.CheckState.Unchecked)
        self.groups.setMaximumHeight(self.groups.sizeHintForRow(0) * 6)
        for text, widget in ((tr("&Name:"), self.name), (tr("&Class:"), self.class_)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow(self.has_born, self.born)
        groups_label = QLabel(tr("&Groups:"))
        groups_label.setBuddy(self.groups)
        form.addRow(groups_label, self.groups)
        self.registerField("subject*", self.name)

    def subject(self) -> rec.DataSubject:
        groups = tuple(
            str(self.groups.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.groups.count())
            if self.groups.item(i).checkState() == Qt.CheckState.Checked)
        return rec.DataSubject(
            name=self.name.text().strip(), groups=groups,
            born=edit_date(self.born) if self.has_born.isChecked() else None,
            class_=self.class_.text().strip() or None)


class _IdentityPage(QWizardPage):
    def __init__(self, today: date, with_received: bool = True) -> None:
        super().__init__()
        self.setTitle(tr("Identity check"))
        self.setSubTitle(tr("Give the data only to the right person (Art. 12(6)): how was the "
                            "requester's identity and authority checked?"))
        form = QFormLayout(self)
        self.received = date_edit(today, tr("Day the request was received"))
        self.verified = QCheckBox(tr("Identity &verified"))
        self.method = QLineEdit()
        self.method.setAccessibleName(tr("How the identity was verified"))
        self.method.setPlaceholderText(tr("e.g. BankID-signed request"))
        self.at = date_edit(today, tr("Day the identity was verified"))
        self.by = QLineEdit()
        self.by.setAccessibleName(tr("Who verified the identity"))
        if with_received:
            received_label = QLabel(tr("&Received:"))
            received_label.setBuddy(self.received)
            form.addRow(received_label, self.received)
        form.addRow(self.verified)
        self.labels: dict[str, QLabel] = {}
        for key, text, widget in (("method", tr("&Method:"), self.method),
                                  ("at", tr("&On:"), self.at), ("by", tr("&By:"), self.by)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
            self.labels[key] = label
        self.verified.toggled.connect(self._verified_changed)
        self._verified_changed(False)

    def _verified_changed(self, verified: bool) -> None:
        for widget in (self.method, self.at, self.by):
            widget.setEnabled(verified)

    def set_identity(self, identity: rec.IdentityCheck, today: date) -> None:
        self.verified.setChecked(identity.verified)
        self.method.setText(identity.method or "")
        day = identity.at or today
        self.at.setDate(QDate(day.year, day.month, day.day))
        self.by.setText(identity.by or "")
        self._verified_changed(identity.verified)

    def identity(self) -> rec.IdentityCheck:
        if not self.verified.isChecked():
            return rec.IdentityCheck(verified=False)
        return rec.IdentityCheck(verified=True, method=self.method.text().strip() or None,
                                 at=edit_date(self.at), by=self.by.text().strip() or None)


class _SummaryPage(QWizardPage):
    def __init__(self, wizard: NewRequestWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(tr("The clock"))
        self.setSubTitle(tr("When the answer is due (Art. 12(3))."))
        layout = QVBoxLayout(self)
        self.summary = wrapped_label()
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAccessibleName(tr("When the answer is due (Art. 12(3))."))
        layout.addWidget(self.summary)

    def initializePage(self) -> None:
        request = self.wizard_.request()
        deadlines = request_deadlines(request, self.wizard_.country)
        params = {"ref": request.ref, "requester": request.requester.name,
                  "subject": request.subject.name, "received": format_date(request.received),
                  "due": format_date(deadlines.due)}
        if request.kind == "access":
            first = tr("{ref}: {requester} asks for the data about {subject}.", **params)
        else:
            first = tr("{ref}: {requester} asks for {kind} of the data about {subject}.",
                       kind=_in_sentence(code_label("request_kinds", request.kind)), **params)
        self.summary.setText(first + " " + tr(
            "Received {received}; the answer is due {due}. If the request is complex, the "
            "deadline can be extended by up to two months, but the requester must be told by "
            "{due} with the reasons.", **params) + "\n\n" + kind_note(request.kind))


class NewRequestWizard(QWizard):
    """Register a request of Art. 15-22: its type and requester, the person it is about, the
    identity check."""

    def __init__(self, ref: str, today: date, country: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ref = ref
        self.country = country
        self.setWindowTitle(tr("New request"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.requester_page = _RequesterPage()
        self.subject_page = _SubjectPage()
        self.identity_page = _IdentityPage(today)
        self.summary_page = _SummaryPage(self)
        for page in (self.requester_page, self.subject_page, self.identity_page,
                     self.summary_page):
            self.addPage(page)
        # Qt ships no bokmål for its own wizard buttons: name them from our catalogue.
        for button, text in ((QWizard.WizardButton.BackButton, tr("< &Back")),
                             (QWizard.WizardButton.NextButton, tr("&Next >")),
                             (QWizard.WizardButton.FinishButton, tr("&Finish")),
                             (QWizard.WizardButton.CancelButton, tr("Cancel"))):
            self.setButtonText(button, text)
        mnemonics.settle_wizard(self)
        name_controls(self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.currentPage() is self.requester_page:
            # Typed text goes to the name: letters typed into the type's list would change it.
            self.requester_page.name.setFocus()

    def request(self) -> rec.Request:
        return rec.Request(
            ref=self.ref, kind=str(self.requester_page.kind.currentData()),
            received=edit_date(self.identity_page.received),
            subject=self.subject_page.subject(), requester=self.requester_page.requester(),
            identity=self.identity_page.identity())


class EditRequestDialog(QDialog):
    """Change a request after the wizard: its type, the requester and the identity check."""

    def __init__(self, request: rec.Request, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original = request
        self.setWindowTitle(tr("Edit {ref}", ref=request.ref))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        for code in codes.REQUEST_KINDS:
            self.kind.addItem(code_label("request_kinds", code), code)
        self.kind.setCurrentIndex(max(self.kind.findData(request.kind), 0))
        kind_label = QLabel(tr("&Type:"))
        kind_label.setBuddy(self.kind)
        form.addRow(kind_label, self.kind)
        layout.addLayout(form)
        requester_box = QGroupBox(tr("Who asks?"))
        self.requester_page = _RequesterPage(with_kind=False)
        self.requester_page.set_requester(request.requester)
        QVBoxLayout(requester_box).addWidget(self.requester_page)
        layout.addWidget(requester_box)
        identity_box = QGroupBox(tr("Identity check"))
        self.identity_page = _IdentityPage(today, with_received=False)
        # "&By:" would clash with the requester's "&Basis:" in one dialog.
        self.identity_page.labels["by"].setText(tr("Verified b&y:"))
        self.identity_page.set_identity(request.identity, today)
        QVBoxLayout(identity_box).addWidget(self.identity_page)
        layout.addWidget(identity_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.requester_page.name.textChanged.connect(self._validate)
        self._validate()
        # Wide enough for an address and a relation basis to be read whole.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)
        name_controls(self)
        self.kind.setFocus()

    def _validate(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.requester_page.name.text().strip()))

    def edited(self) -> rec.Request:
        """The request as the DPO left the form (data items and activities untouched)."""
        edited: rec.Request = rec.replace(
            self.original, kind=str(self.kind.currentData()),
            requester=self.requester_page.requester(),
            identity=self.identity_page.identity())
        return edited


# ---------------------------------------------------------------- extension


class ExtensionDialog(QDialog):
    """Extend the deadline by up to two months, with the reasons the requester must be told."""

    def __init__(self, request: rec.Request, today: date, country: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request = request
        self.setWindowTitle(tr("Extend the deadline of {ref}", ref=request.ref))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 34)
        layout = QVBoxLayout(self)
        deadlines = request_deadlines(request, country)
        layout.addWidget(wrapped_label(tr(
            "Art. 12(3): where a request is complex or there are many, the deadline can be "
            "extended by up to two months. The requester must be told of the extension and "
            "its reasons by {date}.", date=format_date(deadlines.extension_notice_by))))
        form = QFormLayout()
        existing = request.extension
        self.months = QSpinBox()
        self.months.setRange(1, MAX_EXTENSION_MONTHS)
        self.months.setValue(existing.months if existing else MAX_EXTENSION_MONTHS)
        self.months.setAccessibleName(tr("Months of extension"))
        self.reasons = QPlainTextEdit(existing.reasons if existing else "")
        self.reasons.setAccessibleName(tr("Reasons for the extension"))
        self.reasons.setTabChangesFocus(True)
        self.decided = date_edit(existing.decided if existing and existing.decided else today,
                                 tr("Day the extension was decided"))
        self.notified = QCheckBox(tr("The requester has been &told"))
        self.notified_on = date_edit(
            existing.notified if existing and existing.notified else today,
            tr("Day the requester was told"))
        self.notified.setChecked(bool(existing and existing.notified))
        self.notified_on.setEnabled(self.notified.isChecked())
        self.notified.toggled.connect(self.notified_on.setEnabled)
        for text, widget in ((tr("&Months:"), self.months), (tr("&Reasons:"), self.reasons),
                             (tr("&Decided:"), self.decided)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow(self.notified, self.notified_on)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reasons.textChanged.connect(self._validate)
        self._validate()
        name_controls(self)

    def _validate(self) -> None:
        ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok_button.setEnabled(bool(self.reasons.toPlainText().strip()))

    def extension(self) -> rec.Extension:
        return rec.Extension(
            months=self.months.value(), reasons=self.reasons.toPlainText().strip(),
            decided=edit_date(self.decided),
            notified=edit_date(self.notified_on) if self.notified.isChecked() else None)


class AnswerDialog(QDialog):
    """Close a request of another type than access: the day it was answered and what was done
    (kept in the request's internal note: privdesk writes no letter for it)."""

    def __init__(self, request: rec.Request, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Record the answer to {ref}", ref=request.ref))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 34)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(tr(DONE_QUESTIONS.get(request.kind,
                                                             DONE_QUESTIONS["rectification"]))))
        form = QFormLayout()
        self.answered = date_edit(max(today, request.received), tr("Day the request was answered"))
        self.answered.setMinimumDate(QDate(request.received.year, request.received.month,
                                           request.received.day))
        self.outcome = QPlainTextEdit()
        self.outcome.setAccessibleName(tr("What was done"))
        self.outcome.setTabChangesFocus(True)
        for text, widget in ((tr("&Answered on:"), self.answered),
                             (tr("&What was done:"), self.outcome)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.outcome.textChanged.connect(self._validate)
        self._validate()
        name_controls(self)
        self.outcome.setFocus()

    def _validate(self) -> None:
        ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok_button.setEnabled(bool(self.outcome.toPlainText().strip()))

    def answer(self) -> tuple[date, str]:
        return edit_date(self.answered), self.outcome.toPlainText().strip()


# ---------------------------------------------------------------- the view


class RequestsView(QWidget):
    """The list of requests and the workflow of the chosen one."""

    def __init__(self, service: RegisterService, settings: Settings | None = None,
                 undo_stack: QUndoStack | None = None,
                 today: Callable[[], date] = date.today, minimum_duration: int = 500,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.settings = settings or Settings()
        self.today = today
        self.minimum_duration = minimum_duration
        self.editing = Editing(service, undo_stack, self)
        from privdesk.services.requests import Requests  # with the service (SQLAlchemy)

        self.requests = Requests(service)
        self.editing.changed.connect(self.on_change)
        self.run: ExportRun | None = None
        self.wizard: NewRequestWizard | None = None
        self.preview: PdfPreview | None = None
        self.preview_job: Job | None = None
        self._temporary: Path | None = None
        self._requests: list[rec.Request] = []
        # The version each request was read at: what the DPO's edits are based on.
        self._versions: dict[str, int] = {}
        self._organisation: rec.Organisation | None = None
        self._activities: list[rec.Activity] = []
        self._current: rec.Request | None = None
        self.kind = "requests"
        self._filter = ""
        self._build()
        self.reload()
        name_controls(self)

    # ------------------------------------------------------------ layout

    def _build(self) -> None:
        outer = QHBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(splitter)
        left, self.new_button, self.list = record_list_pane(
            tr("&New request…"), tr("Register a new request"), self.new_request,
            tr("Requests"), self._select_row)
        # What an empty list says to do (the first run, or every record deleted).
        self.empty = empty_hint()
        self.empty.setText(tr("No requests registered. Register one with New request… on "
                              "the day it arrives: the one-month deadline runs from then."))
        layout_of_left = left.layout()
        if isinstance(layout_of_left, QVBoxLayout):
            layout_of_left.insertWidget(1, self.empty)
        splitter.addWidget(left)

        right = QWidget()
        layout = QVBoxLayout(right)
        self.heading = heading_label()
        layout.addWidget(self.heading)
        self.clock = wrapped_label()
        self.clock.setAccessibleName(tr("Deadline"))
        layout.addWidget(self.clock)
        self.missing_box = QGroupBox(tr("Still missing"))
        missing_layout = QVBoxLayout(self.missing_box)
        self.missing_list = QListWidget()
        self.missing_list.setAccessibleName(tr("What is still missing"))
        self.missing_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        missing_layout.addWidget(self.missing_list)
        layout.addWidget(self.missing_box)

        activities_box = QGroupBox(tr("Processing activities that concern the person"))
        activities_layout = QVBoxLayout(activities_box)
        self.activity_list = QListWidget()
        self.activity_list.setAccessibleName(tr("Processing activities"))
        activities_layout.addWidget(self.activity_list)
        self.suggest_button = QPushButton(tr("Tick the &suggested activities"))
        self.suggest_button.setToolTip(tr(
            "Activities whose data subjects include the person's groups"))
        self.suggest_button.clicked.connect(self.tick_suggested)
        activities_layout.addWidget(self.suggest_button)
        layout.addWidget(activities_box)

        delay_form = QFormLayout()
        self.delay_reason = QLineEdit()
        self.delay_reason.setPlaceholderText(tr("Written in the letter when the answer is late"))
        delay_label = QLabel(tr("Reason for the &delay:"))
        delay_label.setBuddy(self.delay_reason)
        delay_form.addRow(delay_label, self.delay_reason)
        layout.addLayout(delay_form)

        # For any other type than access: what it asks of the school, in place of the copy.
        self.kind_note = wrapped_label()
        self.kind_note.setAccessibleName(tr("What the type of request asks of the school"))
        self.kind_note.setVisible(False)
        layout.addWidget(self.kind_note)
        data_box = QGroupBox(tr("Data items (the copy, Art. 15(3))"))
        self.data_box = data_box
        data_layout = QVBoxLayout(data_box)
        self.data = QTableWidget(0, 6)
        self.data.setAccessibleName(tr("Data items"))
        self.data.verticalHeader().setVisible(False)
        header = self.data.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # The activity's ref and name must be readable in its choice.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.data.setColumnWidth(0, self.fontMetrics().horizontalAdvance("M") * 22)
        self.data.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        data_layout.addWidget(self.data)
        data_buttons = QHBoxLayout()
        self.add_item_button = QPushButton(tr("&Add item"))
        self.add_item_button.clicked.connect(lambda: self.add_data_row())
        self.remove_item_button = QPushButton(tr("&Remove item"))
        self.remove_item_button.clicked.connect(self.remove_data_row)
        data_buttons.addWidget(self.add_item_button)
        data_buttons.addWidget(self.remove_item_button)
        data_buttons.addStretch()
        data_layout.addLayout(data_buttons)
        layout.addWidget(data_box, 1)
        # Where the copy would be for an access request: the other types leave the space empty
        # below their boxes, not inside them.
        self.filler = QWidget()
        self.filler.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.filler.setVisible(False)
        layout.addWidget(self.filler, 1)

        actions = QHBoxLayout()
        self.save_button = QPushButton(tr("Sa&ve"))
        self.save_button.clicked.connect(self.save)
        self.edit_button = QPushButton(tr("&Edit request…"))
        self.edit_button.setToolTip(tr("Change the type, the requester or the identity check"))
        self.edit_button.clicked.connect(self.edit_request)
        self.extend_button = QPushButton(tr("E&xtend…"))
        self.extend_button.clicked.connect(self.extend)
        self.preview_button = QPushButton(tr("&Preview letter"))
        self.preview_button.clicked.connect(self.preview_letter)
        self.produce_button = QPushButton(tr("&Produce letter…"))
        self.produce_button.clicked.connect(self.produce_letter)
        self.sent_button = QPushButton(done_action("access"))
        self.sent_button.clicked.connect(self.mark_sent)
        self.erase_button = QPushButton(tr("Erase…"))
        self.erase_button.setToolTip(tr("Erase the request with every trace of it (not undoable)"))
        self.erase_button.clicked.connect(self.erase_request)
        # Two rows (the request's own actions, then the letter's), so that the window still
        # fits a small screen in the longer nb and sv labels.
        letter_actions = QHBoxLayout()
        for row, buttons in ((actions, (self.save_button, self.edit_button, self.extend_button,
                                        self.sent_button)),
                             (letter_actions, (self.preview_button, self.produce_button,
                                               self.erase_button))):
            for button in buttons:
                row.addWidget(button)
            row.addStretch()
            layout.addLayout(row)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        self.detail = right
        self.retranslate_data_headers()

    def retranslate_data_headers(self) -> None:
        self.data.setHorizontalHeaderLabels([tr("Activity"), tr("Item"), tr("Value"),
                                             tr("Category"), tr("Source"),
                                             tr("Internal note")])
        note = self.data.horizontalHeaderItem(5)
        if note is not None:
            note.setToolTip(tr("Your own note on the item: never printed in the letter"))

    # ------------------------------------------------------------ reading

    @property
    def country(self) -> str | None:
        organisation = self._organisation
        return organisation.country if organisation else None

    def reload(self, select: str | None = None) -> None:
        """Read what the view shows (standing alone; in the window, the window reads)."""
        requests, versions = self.service.versioned("requests")
        self.show_records(rec.Register(organisation=self.service.organisation(),
                                       requests=tuple(requests),
                                       activities=tuple(self.service.activities())),
                          versions, select)

    def show_records(self, register: rec.Register, versions: Mapping[str, int],
                     select: str | None = None) -> None:
        """Show the requests of ``register`` (read at ``versions``), its activities and
        organisation: the window hands them over after each change, read once for every page."""
        keep = select or (self._current.ref if self._current else None)
        self._organisation = register.organisation
        self._requests, self._versions = list(register.requests), dict(versions)
        self._activities = list(register.activities)
        self.list.blockSignals(True)
        self.list.clear()
        for request in self._requests:
            status = code_label("request_statuses", request.status)
            item = QListWidgetItem(f"{request.ref}  {request.subject.name}\n    {status}",
                                   self.list)
            item.setData(Qt.ItemDataRole.UserRole, request.ref)
        self.list.blockSignals(False)
        self.empty.setVisible(self.list.count() == 0)
        self.set_filter(self._filter)
        refs = [r.ref for r in self._requests]
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
        if change and (change.kinds() & {self.kind, *kinds.kind(self.kind).refers_to}):
            self.reload()

    def select(self, ref: str) -> None:
        refs = [r.ref for r in self._requests]
        if ref in refs:
            self.list.setCurrentRow(refs.index(ref))

    def current_request(self) -> rec.Request | None:
        return self._current

    def _select_row(self, row: int) -> None:
        self._current = self._requests[row] if 0 <= row < len(self._requests) else None
        self.show_request()

    def show_request(self) -> None:
        request = self._current
        self.detail.setEnabled(request is not None)
        if request is None:
            self.heading.setText(tr("No request chosen"))
            self.clock.clear()
            self.missing_list.clear()
            self.activity_list.clear()
            self.data.setRowCount(0)
            self.delay_reason.clear()
            return
        subject = request.subject
        who = subject.name + (f" ({subject.class_})" if subject.class_ else "")
        self.heading.setText(tr("{ref}: {kind} for {who}", ref=request.ref,
                                kind=code_label("request_kinds", request.kind), who=who))
        self.clock.setText(self.clock_text(request))
        self.show_missing(request)
        self.show_activities(request)
        self.show_data(request)
        self.delay_reason.setText(request.delay_reason or "")
        is_open = request.status in OPEN_STATUSES
        for button in (self.save_button, self.edit_button, self.extend_button,
                       self.sent_button):
            button.setEnabled(is_open)
        # Only an access request is answered with privdesk's letter and its copy of the data.
        access = request.kind == "access"
        self.data_box.setVisible(access)
        for button in (self.preview_button, self.produce_button):
            button.setVisible(access)
            button.setEnabled(access)
        self.kind_note.setVisible(not access)
        self.filler.setVisible(not access)
        self.delay_reason.setPlaceholderText(
            tr("Written in the letter when the answer is late") if access
            else tr("Given to the requester when the answer is late"))
        self.kind_note.setText("" if access else kind_note(request.kind))
        self.set_done_action(request.kind)

    def set_done_action(self, kind: str) -> None:
        """The button that closes the request says what closes one of its type; its Alt+letter
        keeps clear of the others' once the window has settled them."""
        text = done_action(kind)
        if mnemonics.letter(self.sent_button.text()) is not None and \
                self.sent_button.text().replace("&", "") == text.replace("&", ""):
            return
        self.sent_button.setText(text)
        window = self.window()
        if window is not self:
            mnemonics.settle(self, mnemonics.window_letters(window))

    def clock_text(self, request: rec.Request) -> str:
        deadlines = request_deadlines(request, self.country)
        today = self.today()
        lines = [tr("Requested by {name} ({relation}), received {date}.",
                    name=request.requester.name,
                    relation=_in_sentence(code_label("relations",
                                                     request.requester.relation)),
                    date=format_date(request.received))]
        if request.status not in OPEN_STATUSES:
            lines.append(tr("Status: {status}{answered}.",
                            status=code_label("request_statuses", request.status),
                            answered=(" " + format_date(request.answered))
                            if request.answered else ""))
            if request.kind != "access" and request.note:
                lines.append(tr("What was done: {note}", note=request.note))
            return "\n".join(lines)
        days = (deadlines.current - today).days
        if days >= 0:
            lines.append(trn("Answer due {date}: {count} day left.",
                             "Answer due {date}: {count} days left.", days,
                             date=format_date(deadlines.current)))
        else:
            lines.append(trn("The answer was due {date}: {count} day late.",
                             "The answer was due {date}: {count} days late.", -days,
                             date=format_date(deadlines.current)))
        extension = request.extension
        if extension is not None:
            lines.append(trn("Extended by {count} month from {due}: {reasons}",
                             "Extended by {count} months from {due}: {reasons}",
                             extension.months, due=format_date(deadlines.due),
                             reasons=extension.reasons))
            if extension.notified is None:
                lines.append(tr("Tell the requester of the extension and its reasons by "
                                "{date}.", date=format_date(deadlines.extension_notice_by)))
            else:
                lines.append(tr("The requester was told of the extension on {date}.",
                                date=format_date(extension.notified)))
        return "\n".join(lines)

    def show_missing(self, request: rec.Request) -> None:
        self.missing_list.clear()
        found = missing(request, self._organisation, self.letter_day(request),
                        self.other_subjects(request))
        for text in found or [tr("Nothing: the letter can be produced.")]:
            QListWidgetItem(text, self.missing_list)

    def show_activities(self, request: rec.Request) -> None:
        suggested = set(suggested_activities(request.subject, self._activities))
        self.activity_list.clear()
        rows = max(3, min(len(self._activities), 8))
        self.activity_list.setMaximumHeight(
            self.activity_list.fontMetrics().lineSpacing() * rows + 12)
        for activity in self._activities:
            text = f"{activity.ref}  {activity.name}"
            if activity.ref in suggested:
                text += "  " + tr("(suggested)")
            item = QListWidgetItem(text, self.activity_list)
            item.setData(Qt.ItemDataRole.UserRole, activity.ref)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if activity.ref in request.activities
                               else Qt.CheckState.Unchecked)

    def show_data(self, request: rec.Request) -> None:
        self.data.setRowCount(0)
        for item in request.data:
            self.add_data_row(item)

    # ------------------------------------------------------------ editing

    def checked_activities(self) -> tuple[str, ...]:
        return tuple(
            str(self.activity_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.activity_list.count())
            if self.activity_list.item(i).checkState() == Qt.CheckState.Checked)

    def set_activity_checked(self, ref: str, checked: bool) -> None:
        for i in range(self.activity_list.count()):
            item = self.activity_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == ref:
                item.setCheckState(Qt.CheckState.Checked if checked
                                   else Qt.CheckState.Unchecked)

    def tick_suggested(self) -> None:
        if self._current is None:
            return
        for ref in suggested_activities(self._current.subject, self._activities):
            self.set_activity_checked(ref, True)

    def add_data_row(self, item: rec.DataItem | None = None) -> int:
        row = self.data.rowCount()
        self.data.insertRow(row)
        # A long activity or category name ends in "…", whole in the tooltip.
        activity = ElidedComboBox()
        activity.setAccessibleName(tr("Activity"))
        for a in self._activities:
            activity.addItem(f"{a.ref}  {a.name}", a.ref)
        wanted = item.activity if item else (self.checked_activities() or ("",))[0]
        activity.setCurrentIndex(max(activity.findData(wanted), 0))
        activity.explain()
        self.data.setCellWidget(row, 0, activity)
        self.data.setItem(row, 1, QTableWidgetItem(item.item if item else ""))
        self.data.setItem(row, 2, QTableWidgetItem(item.value if item else ""))
        category = ElidedComboBox()
        category.setAccessibleName(tr("Category"))
        category.addItem("", None)
        for code in codes.DATA_CATEGORIES:
            category.addItem(code_label("data_categories", code), code)
        category.setCurrentIndex(max(category.findData(item.category if item else None), 0))
        category.explain()
        self.data.setCellWidget(row, 3, category)
        self.data.setItem(row, 4, QTableWidgetItem((item.source or "") if item else ""))
        self.data.setItem(row, 5, QTableWidgetItem((item.note or "") if item else ""))
        return row

    def remove_data_row(self) -> None:
        row = self.data.currentRow()
        if row >= 0:
            self.data.removeRow(row)

    def set_data_cell(self, row: int, column: int, value: Any) -> None:
        """Set a cell as the DPO would (activity and category by code)."""
        if column in (0, 3):
            widget = self.data.cellWidget(row, column)
            assert isinstance(widget, QComboBox)
            widget.setCurrentIndex(max(widget.findData(value), 0))
        else:
            self.data.setItem(row, column, QTableWidgetItem(str(value)))

    def _cell(self, row: int, column: int) -> str:
        item = self.data.item(row, column)
        return item.text().strip() if item is not None else ""

    def data_items(self) -> tuple[rec.DataItem, ...]:
        found: list[rec.DataItem] = []
        for row in range(self.data.rowCount()):
            activity = self.data.cellWidget(row, 0)
            category = self.data.cellWidget(row, 3)
            assert isinstance(activity, QComboBox) and isinstance(category, QComboBox)
            item, value = self._cell(row, 1), self._cell(row, 2)
            if not item and not value:
                continue  # an empty row the DPO added and left
            found.append(rec.DataItem(activity=str(activity.currentData()), item=item,
                                      value=value, category=category.currentData(),
                                      source=self._cell(row, 4) or None,
                                      note=self._cell(row, 5) or None))
        return tuple(found)

    def edited_request(self) -> rec.Request | None:
        if self._current is None:
            return None
        edited: rec.Request = rec.replace(
            self._current, activities=self.checked_activities(), data=self.data_items(),
            delay_reason=self.delay_reason.text().strip() or None)
        return edited

    def save(self) -> bool:
        """Save the chosen activities and data items (refused items are reported)."""
        edited = self.edited_request()
        if edited is None:
            return False
        for item in edited.data:
            if not item.item or not item.value:
                dialogs.show_user_error(self, UserError(
                    N_("each data item needs both a name and a value")))
                return False
        if edited == self._current:
            return True
        return self.editing.save(edited, expected_version=self._versions.get(edited.ref))

    def _version(self) -> int | None:
        """The version of the chosen request that the form shows (after a save: the new one)."""
        return self._versions.get(self._current.ref) if self._current is not None else None

    def new_request(self) -> None:
        """Open the wizard (window-modal, not blocking); the request is saved on Finish."""
        refs = [r.ref for r in self._requests]
        today = self.today()
        self.wizard = NewRequestWizard(kinds.kind("requests").next_ref(refs, today.year), today,
                                       self.country, self)
        self.wizard.setWindowModality(Qt.WindowModality.WindowModal)
        wizard = self.wizard
        wizard.accepted.connect(lambda: self._create(wizard.request()))
        wizard.open()

    def _create(self, request: rec.Request) -> None:
        if self.editing.save(request, create=True):
            self.reload(select=request.ref)

    def extend(self) -> None:
        request = self._current
        if request is None:
            return
        dialog = ExtensionDialog(request, self.today(), self.country, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.extension_dialog = dialog
        dialog.accepted.connect(lambda: self._extend(dialog.extension()))
        dialog.open()

    def edit_request(self) -> None:
        """Open the edit dialog (window-modal); the change is saved on OK."""
        request = self._current
        if request is None or not self.save():
            return
        current = self._current
        assert current is not None
        dialog = EditRequestDialog(current, self.today(), self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.edit_dialog = dialog
        dialog.accepted.connect(lambda: self._edit(dialog.edited()))
        dialog.open()

    def _edit(self, edited: rec.Request) -> None:
        """Save the dialog's request: the identity check through ``verify_identity``, the type
        and the requester through ``edit``, each one undo step."""
        ref = edited.ref
        current = self._current
        if current is None or current.ref != ref:
            return
        if edited.identity != current.identity and not self.editing.perform(
                tr("Record the identity check of {ref}", ref=ref),
                lambda version: self.requests.verify_identity(ref, edited.identity, version),
                self._version()):
            return
        current = self.service.request(ref)
        if (edited.kind, edited.requester) != (current.kind, current.requester):
            changed = rec.replace(current, kind=edited.kind, requester=edited.requester)
            self.editing.perform(tr("Edit {ref}", ref=ref),
                                 lambda version: self.requests.edit(changed, version),
                                 self._version())

    def _extend(self, extension: rec.Extension) -> None:
        if self._current is None or not self.save():
            return
        ref = self._current.ref
        self.editing.perform(tr("Extend {ref}", ref=ref),
                             lambda version: self.requests.extend(ref, extension, version),
                             self._version())

    def mark_sent(self) -> None:
        """Close the request: an access request as its letter sent today; another type with
        the day and what was done, asked in ``AnswerDialog`` (window-modal)."""
        if self._current is None or not self.save():
            return
        current = self._current
        assert current is not None
        if current.kind != "access":
            dialog = AnswerDialog(current, self.today(), self)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.answer_dialog = dialog
            dialog.accepted.connect(lambda: self._answer(current.ref, *dialog.answer()))
            dialog.open()
            return
        ref, today = current.ref, self.today()
        if not self.service.documents(ref) and not dialogs.confirm(
                self, tr("Mark as sent"),
                tr("No letter was produced for {ref}. Mark it as answered anyway?", ref=ref)):
            return
        self.editing.perform(tr("Mark {ref} as answered", ref=ref),
                             lambda version: self.requests.mark_answered(ref, today, version),
                             self._version())

    def _answer(self, ref: str, on: date, outcome: str) -> None:
        if self._current is None or self._current.ref != ref:
            return
        self.editing.perform(tr("Mark {ref} as answered", ref=ref),
                             lambda version: self.requests.mark_answered(ref, on, version,
                                                                         outcome=outcome),
                             self._version())

    def erase_request(self) -> None:
        """Ask (window-modal) with what will go and why; erase on Erase. Not undoable."""
        request = self._current
        if request is not None:
            self.erase_dialog = ask_to_erase(self, self.editing, "requests", request.ref)

    def letter_day(self, request: rec.Request) -> date:
        """The date the letter would carry: an answered request keeps its answer's date."""
        if request.status == "answered" and request.answered is not None:
            return request.answered
        return self.today()

    def other_subjects(self, request: rec.Request) -> tuple[str, ...]:
        """The data subjects of the register's other requests (never named in this letter)."""
        return tuple(other.subject.name for other in self._requests if other.ref != request.ref)

    def _letter_inputs(self, confirm_warnings: bool = False) -> LetterInputs | None:
        """The letter's inputs after the form is saved; refused (with the same message as the
        command line's) when something blocks it.

        Another data subject's name is refused too, with the choice the command line's
        ``--allow-name`` gives: the DPO who has checked that it is lawful allows it, and the
        letter's audit entry keeps the name. With ``confirm_warnings``, what only warns is
        listed for the DPO to confirm before the letter is produced.
        """
        if self._current is None or not self.save():
            return None
        allowed: list[str] = []
        while True:
            try:
                inputs = self.requests.letter_inputs(self._current.ref, today=self.today(),
                                                     allowed_names=allowed)
                break
            except UserError as error:
                name = error.params.get("name") if error.message in NAMED.values() else None
                if not isinstance(name, str) or name in allowed:
                    dialogs.show_user_error(self, error)
                    return None
                if not dialogs.confirm(self, tr("Another person's name"), tr(
                        "{problem}\n\nHave you checked that giving {name} out in this letter "
                        "is lawful? If you allow it, your choice is recorded in the audit "
                        "trail with the letter.",
                        problem=dialogs.user_error_text(error), name=name)):
                    return None
                allowed.append(name)
        if confirm_warnings and inputs.warnings and not dialogs.confirm(
                self, tr("Produce the letter?"),
                tr("Before the letter goes out, note:\n\n{warnings}\n\nProduce it anyway?",
                   warnings="\n".join(f"• {line}" for line in sentences(
                       list(inputs.warnings))))):
            return None
        return inputs

    def preview_letter(self) -> None:
        """Render the letter off the UI thread; ``preview`` shows it when it is ready."""
        inputs = self._letter_inputs()
        if inputs is None:
            return
        request = inputs.request

        def work(_progress: Any) -> bytes:
            from privdesk.documents.access_letter import render_letter

            return render_letter(inputs)

        self.preview_button.setEnabled(False)
        self.preview_job = Job(work)
        self.preview_job.signals.succeeded.connect(
            lambda content: self._show_preview(request.ref, content))
        self.preview_job.signals.failed.connect(self._preview_failed)
        QThreadPool.globalInstance().start(self.preview_job)

    def _preview_failed(self, error: BaseException) -> None:
        self.preview_button.setEnabled(True)
        dialogs.show_failure(self, error)

    def _show_preview(self, ref: str, content: bytes) -> None:
        self.preview_button.setEnabled(True)
        if self._temporary is None:
            self._temporary = Path(tempfile.mkdtemp(prefix="privdesk-preview-"))
            # Removed with the view even when the window is not closed normally.
            weakref.finalize(self, shutil.rmtree, self._temporary, True)
        self.preview = PdfPreview(
            content, self._temporary, safe_file_stem(f"{ref} preview") + ".pdf",
            title=tr("Preview of the letter"),
            info=lambda count: trn("{count} page, as it will be printed and sent.",
                                   "{count} pages, as they will be printed and sent.", count),
            pages_name=tr("Pages of the letter"), parent=self)
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.show()

    def produce_letter(self) -> None:
        # What blocks, and what only warns, is shown before a file name is asked for.
        inputs = self._letter_inputs(confirm_warnings=True)
        if inputs is None:
            return
        ref = inputs.request.ref
        target = desktop.ask_save_path(
            self, tr("Save the letter"),
            export_folder(self.settings) / (safe_file_stem(f"{ref} letter") + ".pdf"),
            tr("PDF documents (*.pdf)"), ".pdf")
        if target is None:
            return
        remember_folder(self.settings, target)
        self.run = start_letter_export(self, self.requests, inputs, target,
                                       self.minimum_duration)
        self.run.done.connect(lambda _path: self.show_request())

    def closeEvent(self, event: Any) -> None:
        self.remove_previews()
        super().closeEvent(event)

    def remove_previews(self) -> None:
        if self._temporary is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)
            self._temporary = None

    def retranslate(self) -> None:
        self.retranslate_data_headers()
        self.show_request()
