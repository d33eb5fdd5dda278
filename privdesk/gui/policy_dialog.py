"""Reviewing a vendor's privacy policy: the findings with their evidence, accepted one by one.

privdesk reads the policy and proposes; nothing enters the register until the DPO accepts a
finding (docs/policy-review.md). Each accepted finding is one undoable edit of a processor record:
the vendor's name and number, a contact, a data location, a certification, or a subprocessor
(created under the vendor). Flags are shown with their evidence for the DPO to weigh.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from privdesk.domain import kinds
from privdesk.domain import records as rec
from privdesk.domain.errors import N_, UserError
from privdesk.gui import desktop, dialogs
from privdesk.gui.export import Job, export_folder
from privdesk.gui.language import gettext_function, tr, trn
from privdesk.gui.settings import Settings
from privdesk.gui.signals import emit
from privdesk.gui.workflow import Editing, name_controls, wrapped_label

if TYPE_CHECKING:
    from privdesk.services import RegisterService

NEW = ""  # the target combo's value for "a new processor"

# Company forms left out when names are compared: "NexaLearn" in its policy is the register's
# "NexaLearn AS", "Elastx" is "Elastx AB".
_COMPANY_FORMS = {"as", "asa", "ab", "publ", "oy", "oyj", "aps", "a/s", "ltd", "limited", "inc",
                  "llc", "gmbh", "ag", "bv", "b.v.", "sa", "sas", "plc", "corp", "corporation",
                  "co", "company", "ehf", "hf", "srl", "spa", "nv"}


def same_vendor(registered: str, read: str) -> bool:
    """Whether ``read`` (the name a policy gives) names the processor called ``registered``."""
    def key(name: str) -> str:
        words = re.findall(r"[\w/.]+", name.casefold())
        return " ".join(w.strip(".") for w in words if w.strip(".,") not in _COMPANY_FORMS)

    return bool(key(read)) and key(registered) == key(read)
SEVERITY_NAMES = {"high": N_("High"), "medium": N_("Medium"), "low": N_("Low")}


@dataclass(frozen=True)
class Finding:
    """One line the DPO can accept: what it says, the sentence it rests on, what it changes."""

    group: str
    text: str
    evidence: str
    kind: str  # vendor, contact, location, certification, subprocessor, flag
    value: Any = None

    @property
    def acceptable(self) -> bool:
        return self.kind != "flag"


def findings_of(review: Any) -> list[Finding]:
    """The review's findings as lines, in the order a DPO checks them."""
    gettext = gettext_function()
    f = review.findings
    found: list[Finding] = []
    vendor = f.vendor
    if vendor.name:
        parts = [vendor.name, vendor.org_number or "", vendor.country or ""]
        found.append(Finding(N_("Vendor"), " · ".join(p for p in parts if p),
                             vendor.evidence or "", "vendor", vendor))
    for contact in f.contacts:
        if contact.email:
            found.append(Finding(N_("Contacts"), contact.email, contact.evidence, "contact",
                                 contact.email))
    for location in f.data_locations:
        if location.party is None:
            found.append(Finding(N_("Where the data is kept"), location.country,
                                 location.evidence, "location", location.country))
    for certification in f.certifications:
        found.append(Finding(N_("Certifications"), certification.value,
                             certification.evidence, "certification", certification.value))
    for party in f.third_parties:
        if not party.processor:
            continue
        places = sorted({loc.country for loc in f.data_locations if loc.party == party.name})
        where = ", ".join(p for p in [party.country or "", *places] if p)
        found.append(Finding(N_("Subprocessors"), f"{party.name} ({where})" if where
                             else party.name, party.evidence, "subprocessor",
                             (party, tuple(places))))
    for flag in review.flags:
        severity = tr(SEVERITY_NAMES.get(flag.severity, flag.severity))
        found.append(Finding(N_("Flags"), f"{severity}: {flag.render(gettext)}",
                             flag.evidence or "", "flag", flag))
    return found



class PolicyDialog(QDialog):
    """Open a policy, read the findings and their evidence, accept them into a processor."""

    review_ready = Signal()

    def __init__(self, service: RegisterService, settings: Settings | None = None,
                 undo_stack: QUndoStack | None = None,
                 today: Callable[[], date] = date.today,
                 parent: QWidget | None = None, into: str | None = None) -> None:
        super().__init__(parent)
        self.into = into  # the processor the DPO started from (the Processors page)
        self.service = service
        self.settings = settings or Settings()
        self.today = today
        self.editing = Editing(service, undo_stack, self)
        self.path: Path | None = None
        self.findings: list[Finding] = []
        self.accepted_lines: set[int] = set()
        self.job: Job | None = None
        self.target_ref: str | None = None
        self.setWindowTitle(tr("Review a privacy policy"))
        self.resize(900, 600)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(tr(
            "privdesk reads the vendor's privacy policy and proposes what the register needs; "
            "nothing is added until you accept it. Check each finding against its sentence.")))
        row = QHBoxLayout()
        self.open_button = QPushButton(tr("&Open policy…"))
        self.open_button.clicked.connect(self.choose)
        row.addWidget(self.open_button)
        self.status = QLabel(tr("No policy opened."))
        self.status.setWordWrap(True)
        row.addWidget(self.status, 1)
        layout.addLayout(row)
        target_row = QHBoxLayout()
        target_label = QLabel(tr("Accept &into:"))
        self.target = QComboBox()
        self.target.setAccessibleName(tr("The processor record to accept findings into"))
        target_label.setBuddy(self.target)
        target_row.addWidget(target_label)
        target_row.addWidget(self.target, 1)
        layout.addLayout(target_row)
        splitter = QSplitter()
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([tr("Finding")])
        self.tree.setAccessibleName(tr("Findings"))
        self.tree.currentItemChanged.connect(self._show_evidence)
        splitter.addWidget(self.tree)
        evidence_box = QWidget()
        evidence_layout = QVBoxLayout(evidence_box)
        evidence_layout.setContentsMargins(0, 0, 0, 0)
        evidence_layout.addWidget(QLabel(tr("Evidence (the policy's own words):")))
        self.evidence = QPlainTextEdit()
        self.evidence.setReadOnly(True)
        self.evidence.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.evidence.setAccessibleName(tr("Evidence"))
        evidence_layout.addWidget(self.evidence)
        splitter.addWidget(evidence_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.accept_button = QPushButton(tr("&Accept finding"))
        self.accept_button.setEnabled(False)
        buttons.addButton(self.accept_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.accept_button.clicked.connect(self.accept_current)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill_targets(self.into)
        name_controls(self)

    # ------------------------------------------------------------ reading

    def _fill_targets(self, select: str | None = None) -> None:
        self.target.clear()
        processors = [p for p in self.service.processors() if p.parent is None]
        self.target.addItem(tr("A new processor"), NEW)
        for processor in processors:
            self.target.addItem(f"{processor.ref} – {processor.name}", processor.ref)
        if select is not None:
            self.target.setCurrentIndex(max(self.target.findData(select), 0))

    def choose(self) -> None:
        path = desktop.ask_open_path(self, tr("Open a privacy policy"),
                                     export_folder(self.settings),
                                     tr("Policies (*.txt *.html *.htm *.pdf)"))
        if path is not None:
            self.read(path)

    def read(self, path: Path) -> None:
        """Read and review ``path`` in a worker; ``review_ready`` fires when shown."""
        self.path = path
        self.open_button.setEnabled(False)
        self.status.setText(tr("Reading {file}…", file=path.name))
        today = self.today()

        def work(_progress: Any) -> Any:
            from privdesk.documents.policy_text import read_policy_text, vendor_catalogue
            from privdesk.domain.policy.review import review_policy

            return review_policy(read_policy_text(path), vendor_catalogue(), today,
                                 fallback_name=path.stem)

        self.job = Job(work)
        self.job.signals.succeeded.connect(self._reviewed)
        self.job.signals.failed.connect(self._failed)
        QThreadPool.globalInstance().start(self.job)

    def _failed(self, error: BaseException) -> None:
        self.open_button.setEnabled(True)
        emit(self.review_ready)
        if isinstance(error, UserError):
            self.status.setText(dialogs.user_error_text(error))
            return
        dialogs.excepthook(type(error), error, error.__traceback__)

    def _reviewed(self, review: Any) -> None:
        self.open_button.setEnabled(True)
        self.findings = findings_of(review)
        self.accepted_lines = set()
        vendor = review.findings.vendor.name or (self.path.stem if self.path else "")
        self.vendor_name = vendor
        match = next((p.ref for p in self.service.processors()
                      if p.parent is None and same_vendor(p.name, vendor)), self.into)
        self._fill_targets(match)
        self.status.setText(trn("{count} finding in the policy of {vendor}.",
                                "{count} findings in the policy of {vendor}.",
                                len(self.findings), vendor=vendor))
        self.show_findings()
        emit(self.review_ready)

    def show_findings(self, keep: int | None = None) -> None:
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for index, finding in enumerate(self.findings):
            parent = groups.get(finding.group)
            if parent is None:
                parent = QTreeWidgetItem(self.tree, [tr(finding.group)])
                font = parent.font(0)
                font.setBold(True)
                parent.setFont(0, font)
                groups[finding.group] = parent
            text = finding.text
            if index in self.accepted_lines:
                text = tr("{finding} (accepted)", finding=text)
            line = QTreeWidgetItem(parent, [text])
            line.setData(0, Qt.ItemDataRole.UserRole, index)
            line.setToolTip(0, finding.evidence)
            if index == keep:
                self.tree.setCurrentItem(line)
        self.tree.expandAll()
        self._show_evidence()

    def finding_lines(self) -> list[QTreeWidgetItem]:
        lines: list[QTreeWidgetItem] = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is not None:
                lines.extend(c for j in range(top.childCount()) if (c := top.child(j)))
        return lines

    def select_finding(self, kind: str, text_start: str = "") -> None:
        """Make the first line of ``kind`` (starting with ``text_start``) the current one."""
        for line in self.finding_lines():
            finding = self.findings[int(line.data(0, Qt.ItemDataRole.UserRole))]
            if finding.kind == kind and finding.text.startswith(text_start):
                self.tree.setCurrentItem(line)
                return
        raise LookupError(kind)

    def current_finding(self) -> tuple[int, Finding] | None:
        line = self.tree.currentItem()
        index = line.data(0, Qt.ItemDataRole.UserRole) if line is not None else None
        if index is None:
            return None
        return int(index), self.findings[int(index)]

    def _show_evidence(self, *_args: Any) -> None:
        current = self.current_finding()
        text = ""
        if current is not None:
            finding = current[1]
            # A flag's message is long: the list shows its start, the pane all of it.
            text = (f"{finding.text}\n\n{finding.evidence}" if finding.kind == "flag"
                    else finding.evidence)
        self.evidence.setPlainText(text)
        self.accept_button.setEnabled(
            current is not None and current[1].acceptable and current[0] not in
            self.accepted_lines)

    # ------------------------------------------------------------ accepting

    def _target(self) -> rec.Processor | None:
        ref = self.target.currentData()
        return self.service.processor(str(ref)) if ref else None

    def _ensure_target(self, finding: Finding) -> rec.Processor | None:
        """The processor to accept into; a new one is created from the vendor's details."""
        existing = self._target()
        if existing is not None:
            return existing
        refs = [p.ref for p in self.service.processors()]
        ref = kinds.kind("processors").next_ref(refs)
        vendor = finding.value if finding.kind == "vendor" else None
        record = rec.Processor(
            ref=ref, name=(vendor.name if vendor else None) or self.vendor_name,
            org_number=vendor.org_number if vendor else None,
            country=vendor.country if vendor else None, role="processor")
        if not self.editing.save(record, create=True):
            return None
        self._fill_targets(ref)
        return record

    def accept_current(self) -> None:
        current = self.current_finding()
        if current is None or not current[1].acceptable:
            return
        index, finding = current
        was_new = self.target.currentData() == NEW
        target = self._ensure_target(finding)
        if target is None:
            return
        ok = True
        if finding.kind == "vendor" and not was_new:
            vendor = finding.value
            ok = self.editing.save(rec.replace(
                target, name=vendor.name or target.name,
                org_number=vendor.org_number or target.org_number,
                country=vendor.country or target.country))
        elif finding.kind == "contact":
            ok = self.editing.save(rec.replace(target, contact=finding.value))
        elif finding.kind == "location" and finding.value not in target.data_locations:
            ok = self.editing.save(rec.replace(
                target, data_locations=(*target.data_locations, finding.value)))
        elif (finding.kind == "certification"
              and finding.value not in target.certifications):
            ok = self.editing.save(rec.replace(
                target, certifications=(*target.certifications, finding.value)))
        elif finding.kind == "subprocessor":
            ok = self._accept_subprocessor(target, finding)
        if ok:
            self.accepted_lines.add(index)
            self.show_findings(keep=index)
            self.status.setText(tr("Accepted into {ref}.", ref=target.ref))

    def _accept_subprocessor(self, target: rec.Processor, finding: Finding) -> bool:
        party, places = finding.value
        processors = self.service.processors()
        same = next((p for p in processors if p.parent == target.ref
                     and p.name.casefold() == party.name.casefold()), None)
        if same is not None:
            locations = tuple(dict.fromkeys((*same.data_locations, *places)))
            return self.editing.save(rec.replace(same, country=same.country or party.country,
                                                 data_locations=locations))
        record = rec.Processor(
            ref=kinds.kind("processors").next_ref([p.ref for p in processors]), name=party.name,
            country=party.country, role="subprocessor", parent=target.ref,
            services=party.purpose, data_locations=tuple(places))
        return self.editing.save(record, create=True)


__all__ = ["Finding", "PolicyDialog", "findings_of"]
