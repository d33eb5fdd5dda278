"""Importing a ROPA workbook: read it off the UI thread, preview what would change, then apply it.

Nothing changes until the DPO has seen the preview: what would be added, what would change
(and which fields), and what could not be read. A workbook with blocking problems cannot be
applied. Applying is one service call in one transaction, and one undo step.
"""

from __future__ import annotations

import dataclasses
import html
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
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from privdesk.domain import kinds
from privdesk.domain import records as rec
from privdesk.domain.errors import N_, UserError
from privdesk.gui import desktop, dialogs
from privdesk.gui.commands import ServiceCommand, execute
from privdesk.gui.export import Job, export_folder
from privdesk.gui.language import gettext_function, tr, trn
from privdesk.gui.settings import Settings
from privdesk.gui.signals import emit
from privdesk.gui.values import change_text
from privdesk.gui.workflow import name_controls, wrapped_label

if TYPE_CHECKING:
    from privdesk.services import Change, RegisterService
    from privdesk.services.imports import ImportPlan

class ApplyImport(ServiceCommand):
    """The records of a workbook created or updated, and its organisation set, in one
    transaction; undone as one (the organisation too, back to what it was, unless the import
    gave the register its first one: that stays)."""

    def __init__(self, service: RegisterService, plan: ImportPlan, notify: Any,
                 report: Any) -> None:
        super().__init__(service, trn("Import {count} record", "Import {count} records",
                                      len(plan.upserts)),
                         notify, report)
        self.plan = plan

    def call(self) -> Change:
        from privdesk.services.imports import Imports

        return Imports(self.service).apply(self.plan)


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
    """What applying the workbook would do, in the UI's words (the service's plan)."""

    plan: ImportPlan
    blocking: list[str]
    notes: list[str]

    @property
    def added(self) -> list[tuple[str, str, str]]:  # kind, ref, name
        return [(a.kind, a.ref, a.name) for a in self.plan.added]

    @property
    def changed(self) -> list[tuple[str, str, str, list[tuple[str, Any, Any]]]]:
        """kind, ref, name and each changed field with its value before and after."""
        return [(c.kind, c.ref, c.name,
                 [(f, *(c.values[i] if i < len(c.values) else (None, None)))
                  for i, f in enumerate(c.fields)])
                for c in self.plan.changed]

    @property
    def organisation(self) -> rec.Organisation | None:
        return self.plan.organisation

    @property
    def upserts(self) -> list[Any]:
        return list(self.plan.upserts)

    @property
    def applicable(self) -> bool:
        return self.plan.applicable


def build_preview(result: Any, service: RegisterService) -> Preview:
    """Compare an ``ImportResult`` with the register (the plan ``import-ropa`` prints)."""
    from privdesk.services.imports import Imports

    gettext = gettext_function()
    plan = Imports(service).plan(result)
    return Preview(plan, blocking=[p.render(gettext) for p in plan.problems if p.blocking],
                   notes=[p.render(gettext) for p in plan.problems if not p.blocking])


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
        self.tree.setColumnWidth(0, 360)  # the rest for old → new
        layout.addWidget(self.tree, 3)
        # What could not be read, in full and wrapped (a tree row would cut it off).
        self.problems = QTextBrowser()
        self.problems.setAccessibleName(tr("Problems in the workbook"))
        self.problems.setOpenLinks(False)
        self.problems.setVisible(False)
        layout.addWidget(self.problems, 1)
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
        self.problems.clear()
        self.problems.setVisible(False)
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
                QTreeWidgetItem(parent, [f"{tr(kinds.kind(kind).singular)} {ref}", name])
        if preview.changed:
            parent = group(N_("Changes ({count})"), len(preview.changed))
            for kind, ref, name, fields in preview.changed:
                headings = field_headings(kind)
                item = QTreeWidgetItem(parent, [
                    f"{tr(kinds.kind(kind).singular)} {ref}: {name}",
                    ", ".join(tr(headings[f]) if f in headings else f for f, _b, _a in fields)])
                item.setToolTip(0, item.text(0))
                for field, before, after in fields:
                    short, full = change_text(before, after, field, kind)
                    title = tr(headings[field]) if field in headings else field
                    child = QTreeWidgetItem(item, [title, short])
                    child.setToolTip(0, title)
                    child.setToolTip(1, full)
        if preview.organisation is not None:
            parent = group(N_("Organisation ({count})"), 1)
            QTreeWidgetItem(parent, [preview.organisation.name, ""])
        if preview.plan.conflicts:
            parent = group(N_("Changed in the register since the export ({count})"),
                           len(preview.plan.conflicts))
            for conflict in preview.plan.conflicts:
                kind = (tr(N_("Organisation")) if conflict.kind == "organisation"
                        else f"{tr(kinds.kind(conflict.kind).singular)} {conflict.ref}")
                details = (tr("saved by {who} at {when}", who=conflict.who, when=conflict.when)
                           if conflict.who else tr("deleted"))
                item = QTreeWidgetItem(parent, [f"{kind}: {conflict.name}", details])
                item.setToolTip(0, item.text(0))
        self.show_problems(preview)
        self.tree.expandAll()
        if preview.blocking:
            self.status.setText(trn(
                "{count} problem in the workbook: it cannot be imported until it is fixed.",
                "{count} problems in the workbook: it cannot be imported until they are fixed.",
                len(preview.blocking)))
        elif preview.plan.conflicts:
            self.status.setText(trn(
                "{count} record was changed in the register since this workbook was "
                "exported: nothing can be imported from it. Export the register again and make "
                "the changes in the new workbook.",
                "{count} records were changed in the register since this workbook was "
                "exported: nothing can be imported from it. Export the register again and make "
                "the changes in the new workbook.", len(preview.plan.conflicts)))
        elif preview.applicable:
            self.status.setText(tr("{added} to add, {changed} to change. Nothing is changed "
                                   "until you press Apply.", added=len(preview.added),
                                   changed=len(preview.changed)))
        else:
            self.status.setText(tr("The workbook holds nothing the register does not have."))
        self.apply_button.setEnabled(preview.applicable)
        if preview.applicable:
            self.apply_button.setDefault(True)

    def show_problems(self, preview: Preview) -> None:
        """Each problem in full, under a heading with its count; hidden when there are none."""
        parts = []
        for title, texts in ((N_("Cannot read ({count})"), preview.blocking),
                             (N_("Not read ({count})"), preview.notes)):
            if texts:
                parts.append(f"<p><b>{html.escape(tr(title, count=len(texts)))}</b></p><ul>"
                             + "".join(f"<li>{html.escape(t)}</li>" for t in texts) + "</ul>")
        self.problems.setHtml("".join(parts))
        self.problems.setVisible(bool(parts))

    # ------------------------------------------------------------ applying

    def apply(self) -> None:
        preview = self.preview
        if preview is None or not preview.applicable:
            return
        change: Change | None = None
        try:
            command = ApplyImport(self.service, preview.plan,
                                  lambda c: emit(self.applied, c),
                                  lambda e: dialogs.show_user_error(self, e))
            if self.undo_stack is not None:
                change = execute(self.undo_stack, command)
            else:
                change = command.run()
                emit(self.applied, change)
        except UserError as error:
            dialogs.show_user_error(self, error)
            return
        self.result_change = change
        self.accept()


__all__ = ["ApplyImport", "ImportDialog", "Preview", "build_preview"]
