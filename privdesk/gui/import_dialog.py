"""Importing a ROPA workbook: read it off the UI thread, preview what would change, then apply it.

Nothing changes until the DPO has seen the preview: what would be added, what would change
(and which fields), and what could not be read. A workbook with blocking problems cannot be
applied. Applying is one service call in one transaction, and one undo step.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QThreadPool, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from privdesk.domain import records as rec
from privdesk.domain.errors import N_, UserError
from privdesk.gui import desktop, dialogs
from privdesk.gui.commands import ServiceCommand, execute
from privdesk.gui.export import Job, export_folder
from privdesk.gui.language import gettext_function, tr
from privdesk.gui.settings import Settings
from privdesk.gui.signals import emit
from privdesk.gui.workflow import name_controls, wrapped_label

if TYPE_CHECKING:
    from privdesk.services import Change, RegisterService

KIND_NAMES = {
    "activities": N_("Processing activity"),
    "processors": N_("Processor"),
    "incidents": N_("Incident"),
}


class ApplyImport(ServiceCommand):
    """The records of a workbook created or updated in one transaction; undone as one."""

    def __init__(self, service: RegisterService, records: list[Any], notify: Any,
                 report: Any) -> None:
        super().__init__(service, tr("Import {count} records", count=len(records)), notify,
                         report)
        self.records = records

    def call(self) -> Change:
        return self.service.apply(self.records)


def changed_fields(old: Any, new: Any) -> list[str]:
    """The names of the fields that differ between two records of one kind."""
    return [f.name for f in dataclasses.fields(old)
            if getattr(old, f.name) != getattr(new, f.name)]


def field_headings(kind: str) -> dict[str, str]:
    """The workbook's heading (a msgid) of each field of ``kind``, as the DPO saw it in Excel."""
    from privdesk.documents import ropa_headings as h

    sheets = {"activities": (h.CONTROLLER_RECORD, h.PROCESSOR_RECORD),
              "processors": (h.PROCESSORS,), "incidents": (h.INCIDENTS,)}[kind]
    # The sheet heads the name column with the kind of record; in a list of changes "Name"
    # says more.
    found: dict[str, str] = {"transfers": h.TRANSFERS.title, "name": N_("Name")}
    for sheet in sheets:
        for column in sheet.columns:
            if not column.derived:
                found.setdefault(column.key.split(".")[0], column.heading)
    return found


@dataclasses.dataclass(frozen=True)
class Preview:
    """What applying the workbook would do."""

    added: list[tuple[str, str, str]]  # kind, ref, name
    changed: list[tuple[str, str, str, list[str]]]  # kind, ref, name, fields
    blocking: list[str]
    notes: list[str]
    organisation: rec.Organisation | None
    upserts: list[Any]

    @property
    def applicable(self) -> bool:
        return not self.blocking and bool(self.added or self.changed or self.organisation)


def build_preview(result: Any, service: RegisterService) -> Preview:
    """Compare an ``ImportResult`` with the register: adds, changes and problems."""
    gettext = gettext_function()
    current: dict[str, dict[str, Any]] = {
        "activities": {r.ref: r for r in service.activities()},
        "processors": {r.ref: r for r in service.processors()},
        "incidents": {r.ref: r for r in service.incidents()},
    }

    def existing(kind: str, ref: str) -> Any:
        return current[kind].get(ref)

    kinds = {rec.Processor: "processors", rec.Activity: "activities",
             rec.Incident: "incidents"}
    upserts = result.upserts(existing)
    added: list[tuple[str, str, str]] = []
    changed: list[tuple[str, str, str, list[str]]] = []
    for record in upserts:
        kind = kinds[type(record)]
        name = str(getattr(record, "name", None) or getattr(record, "title", ""))
        old = existing(kind, record.ref)
        if old is None:
            added.append((kind, record.ref, name))
        elif old != record:
            changed.append((kind, record.ref, name, changed_fields(old, record)))
    old_organisation = service.organisation()
    organisation = result.merged_organisation(old_organisation)
    if organisation == old_organisation:
        organisation = None
    return Preview(
        added=added, changed=changed,
        blocking=[p.render(gettext) for p in result.problems if p.blocking],
        notes=[p.render(gettext) for p in result.problems if not p.blocking],
        organisation=organisation,
        upserts=[r for r in upserts
                 if (kinds[type(r)], r.ref) in {(k, ref) for k, ref, _n in added}
                 | {(k, ref) for k, ref, _n, _f in changed}],
    )


class ImportDialog(QDialog):
    """Choose a workbook, see what it would change, apply it or not."""

    preview_ready = Signal()
    applied = Signal(object)  # the Change

    def __init__(self, service: RegisterService, settings: Settings | None = None,
                 undo_stack: QUndoStack | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.settings = settings or Settings()
        self.undo_stack = undo_stack
        self.path: Path | None = None
        self.preview: Preview | None = None
        self.job: Job | None = None
        self.setWindowTitle(tr("Import a ROPA workbook"))
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(tr(
            "Read a ROPA workbook (privdesk's own, edited in Excel or LibreOffice) and see what "
            "it would change before anything is changed. Fields the workbook has no column for "
            "are kept as they are.")))
        row = QHBoxLayout()
        self.choose_button = QPushButton(tr("&Choose workbook…"))
        self.choose_button.clicked.connect(self.choose)
        row.addWidget(self.choose_button)
        self.status = QLabel(tr("No workbook chosen."))
        self.status.setWordWrap(True)
        row.addWidget(self.status, 1)
        layout.addLayout(row)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([tr("What would change"), tr("Details")])
        self.tree.setAccessibleName(tr("What the import would change"))
        self.tree.setColumnWidth(0, 520)
        layout.addWidget(self.tree, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = QPushButton(tr("&Apply"))
        self.apply_button.setEnabled(False)
        self.apply_button.setAccessibleName(tr("Apply the changes to the register"))
        self.buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        name_controls(self)

    # ------------------------------------------------------------ reading

    def choose(self) -> None:
        path = desktop.ask_open_path(self, tr("Open a ROPA workbook"),
                                     export_folder(self.settings),
                                     tr("Excel workbooks (*.xlsx)"))
        if path is not None:
            self.read(path)

    def read(self, path: Path) -> None:
        """Read ``path`` in a worker; ``preview_ready`` fires when the preview is shown."""
        self.path = path
        self.preview = None
        self.apply_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.tree.clear()
        self.status.setText(tr("Reading {file}…", file=path.name))

        def work(_progress: Any) -> Any:
            from privdesk.documents.ropa_import import read_ropa

            return read_ropa(path)

        self.job = Job(work)
        self.job.signals.succeeded.connect(self._read_done)
        self.job.signals.failed.connect(self._read_failed)
        QThreadPool.globalInstance().start(self.job)

    def _read_failed(self, error: BaseException) -> None:
        self.choose_button.setEnabled(True)
        if isinstance(error, OSError):
            error = UserError(N_("cannot read the file: {reason}"), str(self.path),
                              reason=error.strerror or str(error))
        if isinstance(error, UserError):
            self.status.setText(dialogs.user_error_text(error))
            emit(self.preview_ready)
            return
        emit(self.preview_ready)
        dialogs.excepthook(type(error), error, error.__traceback__)

    def _read_done(self, result: Any) -> None:
        self.choose_button.setEnabled(True)
        self.preview = build_preview(result, self.service)
        self.show_preview(self.preview)
        emit(self.preview_ready)

    def show_preview(self, preview: Preview) -> None:
        self.tree.clear()

        def group(title: str, count: int) -> QTreeWidgetItem:
            item = QTreeWidgetItem(self.tree, [tr(title, count=count)])
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            item.setExpanded(True)
            return item

        if preview.added:
            parent = group(N_("Adds ({count})"), len(preview.added))
            for kind, ref, name in preview.added:
                QTreeWidgetItem(parent, [f"{tr(KIND_NAMES[kind])} {ref}", name])
        if preview.changed:
            parent = group(N_("Changes ({count})"), len(preview.changed))
            for kind, ref, name, fields in preview.changed:
                headings = field_headings(kind)
                item = QTreeWidgetItem(parent, [
                    f"{tr(KIND_NAMES[kind])} {ref}: {name}",
                    ", ".join(tr(headings[f]) if f in headings else f for f in fields)])
                item.setToolTip(0, item.text(0))
        if preview.organisation is not None:
            parent = group(N_("Organisation ({count})"), 1)
            QTreeWidgetItem(parent, [preview.organisation.name, ""])
        if preview.blocking:
            parent = group(N_("Cannot read ({count})"), len(preview.blocking))
            for text in preview.blocking:
                item = QTreeWidgetItem(parent, [text])
                item.setToolTip(0, text)
        if preview.notes:
            parent = group(N_("Not read ({count})"), len(preview.notes))
            for text in preview.notes:
                item = QTreeWidgetItem(parent, [text])
                item.setToolTip(0, text)
        self.tree.expandAll()
        if preview.blocking:
            self.status.setText(tr("{count} problems in the workbook: it cannot be imported "
                                   "until they are fixed.", count=len(preview.blocking)))
        elif preview.applicable:
            self.status.setText(tr("{added} to add, {changed} to change. Nothing is changed "
                                   "until you press Apply.", added=len(preview.added),
                                   changed=len(preview.changed)))
        else:
            self.status.setText(tr("The workbook holds nothing the register does not have."))
        self.apply_button.setEnabled(preview.applicable)
        if preview.applicable:
            self.apply_button.setDefault(True)

    # ------------------------------------------------------------ applying

    def apply(self) -> None:
        preview = self.preview
        if preview is None or not preview.applicable:
            return
        change: Change | None = None
        try:
            if preview.upserts:
                command = ApplyImport(self.service, preview.upserts,
                                      lambda c: emit(self.applied, c),
                                      lambda e: dialogs.show_user_error(self, e))
                if self.undo_stack is not None:
                    change = execute(self.undo_stack, command)
                else:
                    change = command.run()
                    emit(self.applied, change)
            if preview.organisation is not None:
                emit(self.applied, self.service.set_organisation(preview.organisation))
        except UserError as error:
            dialogs.show_user_error(self, error)
            return
        self.result_change = change
        self.accept()


__all__ = ["ApplyImport", "ImportDialog", "Preview", "build_preview"]
