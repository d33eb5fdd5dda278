"""File → Privacy notice…: choose the audience, language, format and activities, then write the
notice (Art. 13/14) off the UI thread and keep it in the register, as ``privdesk notice`` does.

The notice is assembled on the UI thread by the same service verb as the command line's
(``Notices.notice``), so the window refuses the same gaps with the same words: they are listed
in the dialog, one line each, and nothing is asked or written until they are fixed or the DPO
lets the notice mark them. Rendering and writing run in a worker (``export.ExportRun``); the
notice is kept and renamed into place on the UI thread (``files.publish``). The preview renders
the PDF in a worker too and shows its pages in the letter's preview (``pdf_preview``).
"""

from __future__ import annotations

import functools
import shutil
import tempfile
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from privdesk.domain.errors import N_, UserError
from privdesk.gui import desktop, dialogs
from privdesk.gui.export import (
    ExportRun,
    Job,
    Progress,
    _keep_document,
    export_folder,
    remember_folder,
    safe_file_stem,
)
from privdesk.gui.language import (
    current,
    document_language_box,
    gettext_function,
    tr,
    trn,
)
from privdesk.gui.pdf_preview import PdfPreview
from privdesk.gui.settings import Settings
from privdesk.gui.workflow import name_controls

if TYPE_CHECKING:
    from privdesk.documents.files import StagedFile
    from privdesk.domain.notice import Notice
    from privdesk.services import RegisterService
    from privdesk.services.notices import Notices

AUDIENCE_NAMES = {
    "parents": N_("Parents and guardians"),
    "pupils": N_("Pupils (simple wording)"),
    "staff": N_("Staff"),
}
FORMATS = {"pdf": (N_("PDF document"), N_("PDF documents (*.pdf)")),
           "html": (N_("Web page (HTML)"), N_("Web pages (*.html)"))}


def start_notice_export(parent: QWidget | None, notices: Notices, notice: Notice, target: Path,
                        form: str, minimum_duration: int = 500) -> ExportRun:
    """Render and write the notice (already assembled and checked by the service) in a
    worker, then keep it in the register and put it in place."""

    def work(progress: Progress) -> tuple[StagedFile, bytes]:
        from privdesk.documents.files import check_output, stage_document

        progress(0, 2)
        check_output(target, form)  # refused before rendering; checked again at the rename
        if form == "pdf":
            from privdesk.documents.notice_pdf import render_notice_pdf

            content = render_notice_pdf(notice)
        else:
            from privdesk.documents.notice_html import render_notice_html

            content = render_notice_html(notice)
        progress(1, 2)
        staged = stage_document(target, content, form)
        try:
            progress(2, 2)
        except BaseException:
            staged.discard()
            raise
        return staged, content

    def keep(content: bytes) -> None:
        notices.keep_notice(notice, content, target.name)

    return ExportRun(parent, tr("Writing the privacy notice…"), target, work,
                     _keep_document(keep), minimum_duration).start()


class NoticeDialog(QDialog):
    """Whom the notice is for, in which language and format, covering which activities."""

    def __init__(self, service: RegisterService, settings: Settings | None = None,
                 parent: QWidget | None = None, minimum_duration: int = 500) -> None:
        super().__init__(parent)
        from privdesk.services.notices import Notices

        self.service = service
        self.notices = Notices(service)
        self.settings = settings or Settings()
        self.minimum_duration = minimum_duration
        self.run: ExportRun | None = None
        self.setWindowTitle(tr("Write the privacy notice"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 50)
        layout = QVBoxLayout(self)
        intro = QLabel(tr("The information pupils, parents or staff must be given (Art. 13 and "
                          "14), written from the register. Each notice written is kept in the "
                          "register with its date and version."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.audience = QComboBox()
        for code, name in AUDIENCE_NAMES.items():
            self.audience.addItem(tr(name), code)
        self.audience.setAccessibleName(tr("Whom the notice is for"))
        self.audience.currentIndexChanged.connect(self.choose_default_activities)
        form.addRow(self._label(tr("&For:"), self.audience), self.audience)
        organisation = service.organisation()
        self.language = document_language_box(organisation.language if organisation else None,
                                               tr("Language of the notice"))
        form.addRow(self._label(tr("&Language:"), self.language), self.language)
        self.format = QComboBox()
        for code, (name, _filter) in FORMATS.items():
            self.format.addItem(tr(name), code)
        self.format.setAccessibleName(tr("Format of the notice"))
        form.addRow(self._label(tr("F&ormat:"), self.format), self.format)
        layout.addLayout(form)
        activities_label = QLabel(tr("&Activities the notice covers:"))
        self.activities = QListWidget()
        self.activities.setAccessibleName(tr("Activities the notice covers"))
        activities_label.setBuddy(self.activities)
        for activity in service.activities():
            item = QListWidgetItem(f"{activity.ref} – {activity.name}")
            item.setData(Qt.ItemDataRole.UserRole, activity.ref)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.activities.addItem(item)
        layout.addWidget(activities_label)
        layout.addWidget(self.activities)
        self.mark_gaps = QCheckBox(tr("&Mark what the register lacks as not yet recorded"))
        self.mark_gaps.setAccessibleName(tr("Write the notice with its gaps marked"))
        layout.addWidget(self.mark_gaps)
        self.gaps = QLabel("")
        self.gaps.setWordWrap(True)
        self.gaps.setTextFormat(Qt.TextFormat.PlainText)
        self.gaps.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.gaps.setAccessibleName(tr("What to fix before the notice can be written"))
        self.gaps.hide()
        layout.addWidget(self.gaps)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.preview: PdfPreview | None = None
        self.preview_job: Job | None = None
        self._temporary: Path | None = None
        self.preview_button = QPushButton(tr("&Preview"))
        self.preview_button.setAccessibleName(tr("Show the notice before writing it"))
        self.preview_button.clicked.connect(self.show_preview)
        buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.write_button = QPushButton(tr("&Write…"))
        self.write_button.setDefault(True)
        self.write_button.setAccessibleName(tr("Choose where to save the privacy notice"))
        buttons.addButton(self.write_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.write_button.clicked.connect(self.write)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.choose_default_activities()
        name_controls(self)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def choose_default_activities(self, *_args: Any) -> None:
        """Tick the activities a notice for the chosen audience covers by default."""
        from privdesk.domain.notice import choose_activities

        try:
            chosen = {a.ref for a in choose_activities(self.service.activities(),
                                                       str(self.audience.currentData()))}
        except UserError:
            chosen = set()
        for row in range(self.activities.count()):
            item = self.activities.item(row)
            ticked = item.data(Qt.ItemDataRole.UserRole) in chosen
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def chosen_refs(self) -> list[str]:
        return [str(self.activities.item(row).data(Qt.ItemDataRole.UserRole))
                for row in range(self.activities.count())
                if self.activities.item(row).checkState() == Qt.CheckState.Checked]

    def assemble(self, form: str) -> Notice | None:
        """The notice as chosen, from the service; None (the gaps listed in the dialog, or a
        refusal shown) when it cannot be written."""
        from privdesk.domain.notice import NoticeRefused

        refs = self.chosen_refs()
        if not refs:
            dialogs.show_user_error(self, UserError(N_("choose at least one activity")))
            return None
        try:
            notice = self.notices.notice(str(self.audience.currentData()),
                                         str(self.language.currentData()), refs, form=form,
                                         mark_gaps=self.mark_gaps.isChecked())
        except NoticeRefused as refused:
            from privdesk.documents.wording import gap_line

            gettext = gettext_function()
            lines = [dialogs.user_error_text(refused),
                     *(f"• {gap_line(gap, gettext, current())}" for gap in refused.gaps)]
            self.gaps.setText("\n".join(lines))
            self.gaps.show()
            return None
        except UserError as error:
            dialogs.show_user_error(self, error)
            return None
        self.gaps.hide()
        return notice

    def show_preview(self) -> None:
        """The notice's pages as they will print, before anything is written or kept: its PDF
        rendered off the UI thread, then shown page by page as the letter's preview is."""
        notice = self.assemble("pdf")
        if notice is None:
            return

        def work(_progress: Progress) -> bytes:
            from privdesk.documents.notice_pdf import render_notice_pdf

            return render_notice_pdf(notice)

        self.preview_button.setEnabled(False)
        self.preview_job = Job(work)
        self.preview_job.signals.succeeded.connect(self._show_preview)
        self.preview_job.signals.failed.connect(self._preview_failed)
        QThreadPool.globalInstance().start(self.preview_job)

    def _preview_failed(self, error: BaseException) -> None:
        self.preview_button.setEnabled(True)
        dialogs.show_failure(self, error)

    def _show_preview(self, content: bytes) -> None:
        self.preview_button.setEnabled(True)
        if self._temporary is None:
            self._temporary = Path(tempfile.mkdtemp(prefix="privdesk-preview-"))
            # Removed with the dialog (deleted on close), and at exit when it never closed.
            self.destroyed.connect(functools.partial(shutil.rmtree, self._temporary, True))
            weakref.finalize(self, shutil.rmtree, self._temporary, True)
        self.preview = PdfPreview(
            content, self._temporary, safe_file_stem(tr("Privacy notice preview")) + ".pdf",
            title=tr("Preview of the privacy notice"),
            info=lambda count: trn("{count} page, as it will be printed and published.",
                                   "{count} pages, as they will be printed and published.",
                                   count),
            pages_name=tr("Pages of the privacy notice"), parent=self)
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.show()

    def write(self) -> None:
        form = str(self.format.currentData())
        notice = self.assemble(form)
        if notice is None:
            return
        organisation = notice.organisation.name
        name = safe_file_stem(tr("Privacy notice {organisation} {date}",
                                 organisation=organisation, date=notice.today.isoformat()))
        target = desktop.ask_save_path(self, tr("Save the privacy notice"),
                                       export_folder(self.settings) / f"{name}.{form}",
                                       tr(FORMATS[form][1]), f".{form}")
        if target is None:
            return
        remember_folder(self.settings, target)
        self.run = start_notice_export(self.parentWidget() or self, self.notices, notice,
                                       target, form, self.minimum_duration)
        self.accept()


__all__ = ["NoticeDialog", "start_notice_export"]
