"""The activity and processor editors, built in code from the fields of the interchange format.

The editor turns its widgets into the record's JSON and reads it back with the same reader as
``privdesk load`` (``interchange.read_record``), so a field is refused here exactly as it would
be in a file; the message, translated, appears next to the field and Save stays disabled until
the record is valid.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from privdesk.domain import codes, dpia
from privdesk.domain import records as rec
from privdesk.domain.errors import N_, UserError
from privdesk.domain.interchange import read_record, to_json
from privdesk.domain.labels import LEGAL_BASIS_EXPLANATIONS
from privdesk.gui import dialogs
from privdesk.gui.country_picker import CountryPicker
from privdesk.gui.fields import (
    CategoryRetentionField,
    CheckList,
    ChoiceField,
    CodeCheckList,
    CountryListField,
    DateField,
    GroupsField,
    LinesField,
    LongTextField,
    PeriodField,
    RefChoiceField,
    TextField,
    TransfersField,
    TriStateField,
)
from privdesk.gui.formatting import format_date
from privdesk.gui.language import tr, trn
from privdesk.gui.signals import emit


@dataclass
class Field:
    """One field of the form: where its value goes in the JSON, its label, its widget."""

    path: str
    label: str
    widget: Any
    tab: str
    help: str = ""
    label_widget: QLabel | None = None
    error: QLabel | None = None


def message_text(error: UserError) -> str:
    """A UserError's message in the UI language, without its place."""
    text = tr(error.message)
    return text.format(**error.params) if error.params else text


def _set_path(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        if not isinstance(data.get(part), dict):  # absent, or null in the stored record
            data[part] = {}
        data = data[part]
    data[last] = value


def _get_path(data: dict[str, Any], path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)  # type: ignore[assignment]
    return data


EMPTY = N_("must not be empty")
# A row of a table whose choice is still empty (a transfer just added): what to do, in words,
# instead of the reader's '"" is not an ISO 3166-1 country code'.
EMPTY_CHOICE = N_("row {row}: choose the {column} from the list")
ROW_COLUMNS = {"country": N_("Country"), "safeguard": N_("Safeguard"),
               "category": N_("Category of data")}


def _row_choice(error: UserError) -> str | None:
    """The message for an empty choice in a table's row, or None for any other error."""
    found = re.search(r"\[(\d+)\]\.(\w+)$", error.place)
    if found is None or error.params.get("value") != "" or found.group(2) not in ROW_COLUMNS:
        return None
    return tr(EMPTY_CHOICE, row=int(found.group(1)) + 1,
              column=tr(ROW_COLUMNS[found.group(2)]).lower())


class RecordEditor(QDialog):
    """A form for one record; ``record()`` is the valid record once Save was pressed."""

    validated = Signal(bool)
    record_type: type[Any] = rec.Activity
    title_new = N_("New record")
    title_edit = N_("Edit {ref}")
    tabs: tuple[str, ...] = ()

    def __init__(self, record: Any | None, taken_refs: Sequence[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original = record
        self.taken = {r for r in taken_refs if record is None or r != record.ref}
        self.fields: dict[str, Field] = {}
        self._result: Any = None
        self._touched = False  # whether the DPO changed anything yet
        self.modified = False  # whether the form differs from the record (not saved yet)
        self.setSizeGripEnabled(True)
        layout = QVBoxLayout(self)
        self.tab_widget = QTabWidget()
        self.tab_widget.setAccessibleName(tr("Parts of the form"))
        self.pages: dict[str, QFormLayout] = {}
        self.scrolls: dict[str, QScrollArea] = {}
        for tab in self.tabs:
            page = QWidget()
            outer = QVBoxLayout(page)
            inner = QWidget()
            form = QFormLayout(inner)
            outer.addWidget(inner)
            outer.addStretch(1)  # spare height goes below the form, not between its rows
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(page)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            self.tab_widget.addTab(scroll, tr(tab))
            self.pages[tab] = form
            self.scrolls[tab] = scroll
        layout.addWidget(self.tab_widget)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(tr("Problems in the form"))
        layout.addWidget(self.summary)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName(tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self.save_shortcut.activated.connect(self._save_shortcut)
        self._name_parts()
        self.build()
        for spec in self.fields.values():
            spec.widget.edited.connect(self.revalidate)
        self.load(to_json(record) if record is not None else self.blank())
        self._initial = self.data()
        self.revalidate()
        self.resize(self.fontMetrics().averageCharWidth() * 160, 680)
        # What the DPO types first goes into the form: the name (the reference is proposed).
        first = self.fields.get("name") or next(iter(self.fields.values()), None)
        if first is not None:
            first.widget.setFocus()

    # ------------------------------------------------------------ building

    def build(self) -> None:  # pragma: no cover - each editor defines it
        raise NotImplementedError

    def blank(self) -> dict[str, Any]:
        return {}

    def add(self, path: str, label: str, widget: Any, tab: str, help: str = "") -> Any:
        spec = Field(path, label, widget, tab, help)
        form = self.pages[tab]
        spec.label_widget = QLabel()
        spec.label_widget.setBuddy(widget)
        spec.error = QLabel()
        spec.error.setWordWrap(True)
        spec.error.setVisible(False)
        font = spec.error.font()
        font.setBold(True)
        spec.error.setFont(font)
        box = QWidget()
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(widget)
        column.addWidget(spec.error)
        form.addRow(spec.label_widget, box)
        self.fields[path] = spec
        self._label(spec)
        return widget

    def _label(self, spec: Field) -> None:
        assert spec.label_widget is not None
        spec.label_widget.setText(tr(spec.label))
        plain = tr(spec.label).replace("&", "")
        spec.widget.setAccessibleName(plain)
        if spec.help:
            spec.widget.setToolTip(tr(spec.help))
            spec.widget.setAccessibleDescription(tr(spec.help))

    def _name_parts(self) -> None:
        self.tab_widget.setAccessibleName(tr("Parts of the form"))
        self.tab_widget.tabBar().setAccessibleName(tr("Parts of the form"))
        for i, tab in enumerate(self.tabs):
            self.tab_widget.setTabText(i, tr(tab))
            self.scrolls[tab].setAccessibleName(tr(tab))

    def retranslate(self) -> None:
        self._name_parts()
        for spec in self.fields.values():
            self._label(spec)
            if hasattr(spec.widget, "retranslate"):
                spec.widget.retranslate()
        self.revalidate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _title(self) -> str:
        if self.original is None:
            return tr(self.title_new)
        return tr(self.title_edit, ref=self.original.ref)

    def _set_modified(self, modified: bool) -> None:
        """The form differs from the record: "*" after the title until it is saved (the
        title holds no Qt "[*]" placeholder, which some window managers show as it is)."""
        self.modified = modified
        self.setWindowTitle(self._title() + (" *" if modified else ""))

    # ------------------------------------------------------------ values

    def load(self, data: dict[str, Any]) -> None:
        for path, spec in self.fields.items():
            spec.widget.set_value(_get_path(data, path))

    def data(self) -> dict[str, Any]:
        """The form as the record's interchange JSON (what ``read_record`` checks).

        Fields the form does not show (a transfer's Art. 49 derogation) keep the record's
        value: saving a form never drops what it cannot edit.
        """
        data: dict[str, Any] = (copy.deepcopy(to_json(self.original))
                                if self.original is not None else {})
        for path, spec in self.fields.items():
            _set_path(data, path, spec.widget.value())
        return data

    def check(self, data: dict[str, Any]) -> Any:
        """The record, or a UserError whose place names the field."""
        for path in ("ref", "name"):
            if path in self.fields and not data.get(path):
                raise UserError(EMPTY, path)
        if data.get("ref") in self.taken:
            raise UserError(N_('"{ref}" is already used in {kind}'), "ref", ref=data["ref"],
                            kind=tr(self.kind_label))
        return read_record(self.record_type, data, "")

    kind_label = N_("this list")

    def _field_of(self, place: str) -> Field | None:
        path = re.sub(r"\[\d+\]", "", place)
        while path:
            if path in self.fields:
                return self.fields[path]
            path = path.rpartition(".")[0]
        return None

    def revalidate(self) -> bool:
        data = self.data()
        if data != getattr(self, "_initial", data):
            self._touched = True
        for spec in self.fields.values():
            assert spec.error is not None
            spec.error.clear()
            spec.error.setVisible(False)
        try:
            self._result = self.check(data)
        except UserError as error:
            self._result = None
            found = self._field_of(error.place)
            text = _row_choice(error) or message_text(error)
            if error.message == EMPTY and self.original is None and not self._touched:
                # A new, untouched form: Save waits, but nothing is wrong yet.
                self.summary.setText("")
                self.save_button.setEnabled(False)
                self.summary.setVisible(False)
                self._set_modified(False)
                emit(self.validated, False)
                return False
            if found is not None and found.error is not None:
                found.error.setText("⚠ " + text)
                found.error.setVisible(True)
                field_name = tr(found.label).replace("&", "").rstrip(":")
                self.summary.setText(tr("Cannot save yet: {field}: {message}",
                                        field=field_name, message=text))
            else:
                self.summary.setText(tr("Cannot save yet: {message}", message=text))
        else:
            self.summary.setText("")
        valid = self._result is not None
        self.summary.setVisible(not valid)
        self.save_button.setEnabled(valid)
        self._set_modified(data != getattr(self, "_initial", data))
        emit(self.validated, valid)
        return valid

    def record(self) -> Any:
        """The valid record the form holds (None while it is not valid)."""
        return self._result

    def error_text(self, path: str) -> str:
        """The message shown next to a field ("" when it is fine)."""
        error = self.fields[path].error
        return error.text() if error is not None and not error.isHidden() else ""

    def widget(self, path: str) -> Any:
        return self.fields[path].widget

    # ------------------------------------------------------------ closing

    def _save_shortcut(self) -> None:
        if self.save_button.isEnabled():
            self.save()

    def save(self) -> None:
        if self.revalidate():
            self.accept()

    def reject(self) -> None:
        if self.modified and not dialogs.confirm(
                self, tr("Discard changes?"),
                tr("You have changed this record. Close without saving?")):
            return
        super().reject()


ACTIVITY_TABS = (N_("General"), N_("Legal basis"), N_("Data"), N_("Recipients and transfers"),
                 N_("Retention and security"))


class ActivityEditor(RecordEditor):
    """Every field of a processing activity (docs/interchange.md)."""

    record_type = rec.Activity
    title_new = N_("New processing activity")
    title_edit = N_("Processing activity {ref}")
    tabs = ACTIVITY_TABS
    kind_label = N_("processing activities")

    def __init__(self, record: rec.Activity | None, taken_refs: Sequence[str],
                 processors: Sequence[rec.Processor], suggested_ref: str = "",
                 parent: QWidget | None = None) -> None:
        self.processors = list(processors)
        self.suggested_ref = suggested_ref
        super().__init__(record, taken_refs, parent)

    def blank(self) -> dict[str, Any]:
        return {"ref": self.suggested_ref, "role": "controller", "status": "active"}

    def build(self) -> None:
        general, legal, data, recipients, keeping = self.tabs
        self.add("ref", N_("&Reference:"), TextField(required=True), general,
                 N_("A short code unique in the register, e.g. PA-012"))
        self.add("name", N_("&Name:"), TextField(required=True), general)
        self.add("role", N_("Ro&le:"), ChoiceField("activity_roles", codes.ACTIVITY_ROLES),
                 general, N_("Controller: Art. 30(1). Processor (on behalf of another "
                             "controller): Art. 30(2)."))
        self.add("status", N_("S&tatus:"),
                 ChoiceField("activity_statuses", codes.ACTIVITY_STATUSES), general)
        self.add("purposes", N_("&Purposes:"), LinesField(), general)
        self.add("owner", N_("&Owner:"), TextField(), general)
        self.add("review_due", N_("Re&view due:"), DateField(), general)
        bases = CodeCheckList("legal_bases", codes.LEGAL_BASES, LEGAL_BASIS_EXPLANATIONS)
        self.add("legal_bases", N_("Legal &bases:"), bases, legal)
        self.basis_help = QLabel()
        self.basis_help.setWordWrap(True)
        self.basis_help.setAccessibleName(tr("What the legal basis means"))
        bases.described.connect(self.basis_help.setText)
        self.pages[legal].addRow("", self.basis_help)
        self.add("legal_basis_note", N_("Basis in &law:"), TextField(), legal,
                 N_("The law or contract the processing rests on"))
        self.add("special_conditions", N_("&Special categories (Art. 9/10):"),
                 CodeCheckList("special_conditions", codes.SPECIAL_CONDITIONS), legal)
        self.add("joint_controllers", N_("&Joint controllers:"), LinesField(), legal)
        self.add("controllers", N_("&Controllers (when we process for them):"), LinesField(),
                 legal)
        self.add("subjects", N_("Data &subjects:"), GroupsField(), data)
        self.add("data_categories", N_("&Categories of data:"),
                 CodeCheckList("data_categories", codes.DATA_CATEGORIES), data)
        self.add("data_items", N_("Data &items:"), LinesField(), data)
        self.add("source", N_("So&urce:"), TextField(), data)
        self.add("systems", N_("S&ystems:"), LinesField(), data)
        self.add("automated_decisions", N_("&Automated decisions:"), TextField(), data)
        self.add("recipients", N_("&Recipients:"), LinesField(), recipients)
        links = CheckList()
        links.set_options([(p.ref, f"{p.ref} – {p.name}", p.services or "")
                           for p in self.processors])
        self.add("processors", N_("&Processors:"), links, recipients)
        # Ticking a vendor ticks the subprocessors it engages (and theirs): the activity's
        # data go to them too, and their transfers follow from the chain (issue 17).
        self.chain_note = QLabel()
        self.chain_note.setWordWrap(True)
        self.chain_note.setVisible(False)
        self.pages[recipients].addRow("", self.chain_note)
        links.ticked.connect(self.tick_subprocessors)
        self.add("transfers", N_("&Transfers outside the EEA:"), TransfersField(), recipients)
        self.add("retention", N_("&Retention:"), TextField(), keeping)
        self.add("retention_period", N_("Retention &period:"), PeriodField(), keeping,
                 N_("How long the data are kept at most, counted from the end of the "
                    "processing; none when the time limit is not a fixed period"))
        self.add("retention_by_category", N_("Time limits per &category:"),
                 CategoryRetentionField(), keeping,
                 N_("Only for categories of data kept longer or shorter than the rest"))
        self.add("security", N_("&Security measures:"), LongTextField(), keeping)
        self.add("dpia.required", N_("DPIA re&quired:"), TriStateField(), keeping)
        # The saved screening's result beside the field it decides (issue 23): setting the
        # field against it asks first (``save``), and the service refuses it unconfirmed.
        self.screening_note = QLabel()
        self.screening_note.setWordWrap(True)
        screening = self.original.dpia.screening if self.original is not None else None
        if screening is not None:
            self.screening_note.setText(tr(
                "The DPIA screening of {date} found: {result}. Screen the activity again to "
                "change it.", date=format_date(screening.at.date()),
                result=tr(dpia.RESULT_LABELS[screening.result])))
        self.screening_note.setVisible(screening is not None)
        self.pages[keeping].addRow("", self.screening_note)
        self.add("dpia.done", N_("DPIA &done on:"), DateField(), keeping)
        self.add("dpia.reference", N_("DPIA r&eference:"), TextField(), keeping)
        self.against_screening = False  # the DPO confirmed a "DPIA required" against it

    def save(self) -> None:
        if not self.revalidate():
            return
        edited, before = self.record(), self.original
        if (before is not None and edited.dpia.required != before.dpia.required
                and dpia.contradicts(edited.dpia.required, edited.dpia.screening)):
            screening = edited.dpia.screening
            if not dialogs.confirm(self, tr("Set DPIA required against the screening?"), tr(
                    "The saved DPIA screening found: {result}. Set \"DPIA required\" to "
                    "differ from it? The overview and the workbook then follow the field, "
                    "and the screening's reasons no longer explain it.",
                    result=tr(dpia.RESULT_LABELS[screening.result]))):
                return
            self.against_screening = True
        self.accept()


    def tick_subprocessors(self, ref: str) -> None:
        """Tick the subprocessors ``ref`` engages, down the chain, and say which were added."""
        engaged: list[rec.Processor] = []
        parents = {ref}
        while True:
            found = [p for p in self.processors
                     if p.parent in parents and p not in engaged and p.ref != ref]
            if not found:
                break
            engaged += found
            parents = {p.ref for p in found}
        links = self.widget("processors")
        ticked = links.checked()
        added = [p for p in engaged if p.ref not in ticked]
        if not added:
            return
        links.set_checked([*ticked, *(p.ref for p in added)])
        vendor = next((p.name for p in self.processors if p.ref == ref), ref)
        self.chain_note.setText(trn(
            "Also ticked the subprocessor {vendor} engages: {names}. Untick it if this "
            "activity's data do not reach it.",
            "Also ticked the {count} subprocessors {vendor} engages: {names}. Untick any this "
            "activity's data do not reach.", len(added), vendor=vendor,
            names=", ".join(p.name for p in added)))
        self.chain_note.setVisible(True)


PROCESSOR_TABS = (N_("Processor"), N_("Agreement"))


class ProcessorEditor(RecordEditor):
    """Every field of a processor, subprocessor or other controller (docs/interchange.md)."""

    record_type = rec.Processor
    title_new = N_("New processor")
    title_edit = N_("Processor {ref}")
    tabs = PROCESSOR_TABS
    kind_label = N_("processors")

    def __init__(self, record: rec.Processor | None, taken_refs: Sequence[str],
                 processors: Sequence[rec.Processor], users: Sequence[str] = (),
                 suggested_ref: str = "", parent: QWidget | None = None) -> None:
        self.processors = [p for p in processors if record is None or p.ref != record.ref]
        self.users = list(users)
        self.suggested_ref = suggested_ref
        super().__init__(record, taken_refs, parent)

    def blank(self) -> dict[str, Any]:
        return {"ref": self.suggested_ref, "role": "processor"}

    def build(self) -> None:
        main, agreement = self.tabs
        self.add("ref", N_("&Reference:"), TextField(required=True), main,
                 N_("A short code unique in the register, e.g. VEN-012"))
        self.add("name", N_("&Name:"), TextField(required=True), main)
        self.add("org_number", N_("&Organisation number:"), TextField(), main)
        self.add("country", N_("&Country:"), CountryPicker(), main,
                 N_("Where the company is established, by name: whether it is in the EU/EEA, "
                    "has an adequacy decision or is a third country shows beside it"))
        self.add("role", N_("Ro&le:"), ChoiceField("processor_roles", codes.PROCESSOR_ROLES),
                 main)
        parent_field = RefChoiceField()
        parent_field.set_choices([(p.ref, p.name) for p in self.processors])
        self.add("parent", N_("Engaged &by:"), parent_field, main,
                 N_("For a subprocessor: the processor that engaged it"))
        self.add("services", N_("&Services:"), TextField(), main)
        self.add("data_locations", N_("&Data stored in:"), CountryListField(), main,
                 N_("The countries where the data is stored or accessed from"))
        self.add("certifications", N_("C&ertifications:"), LinesField(), main)
        self.add("contact", N_("Con&tact:"), TextField(), main)
        self.add("policy_url", N_("Privacy &policy:"), TextField(), main)
        self.used_by = QLabel()
        self.used_by.setWordWrap(True)
        self.used_by_label = QLabel()
        self.pages[main].addRow(self.used_by_label, self.used_by)
        self.add("dpa.signed", N_("&Signed on:"), DateField(), agreement)
        self.add("dpa.review_due", N_("&Review due:"), DateField(), agreement)
        self.add("dpa.reference", N_("Re&ference:"), TextField(), agreement)
        self.add("dpa.safeguard", N_("Transfer safe&guard:"),
                 ChoiceField("safeguards", codes.SAFEGUARDS, optional=True), agreement,
                 N_("The safeguard the agreement provides for data the processor stores or "
                    "reaches outside the EEA (used for every activity that uses it)"))
        self._used_by_text()

    def _used_by_text(self) -> None:
        self.used_by_label.setText(tr("Used by:"))
        self.used_by.setText(", ".join(self.users) if self.users else tr("No activity yet"))
        self.used_by.setAccessibleName(tr("Used by"))

    def retranslate(self) -> None:
        self._used_by_text()
        super().retranslate()

    def check(self, data: dict[str, Any]) -> Any:
        record = super().check(data)
        if record.role == "subprocessor" and record.parent is None:
            raise UserError(N_("a subprocessor names the processor that engaged it"), "parent")
        return record


EditorFactory = Callable[..., RecordEditor]
