"""Exports from the window: the ROPA workbook, letters and breach reports, off the UI thread.

A document is rendered and written in ``QThreadPool.globalInstance()`` while a window-modal
``QProgressDialog`` shows how far it got; Cancel sets a flag that the progress callback turns
into ``Cancelled``, and ``atomic_output`` then removes the temporary file, so a cancelled export
leaves nothing behind. The register is read before the worker starts and written
(``record_document``) after it ends, both on the UI thread: the worker never touches the
database or a widget (widgets belong to the UI thread, and a SQLAlchemy session is not
thread-safe). A letter or report is written by the worker under a temporary name only, then
recorded and renamed into place on the UI thread (``files.publish``, as the command line does),
so a letter on disk is always one the register records. When the file is there, the DPO can
open it or show its folder (``desktop.py``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from privdesk.domain.errors import N_, UserError
from privdesk.gui import desktop, dialogs
from privdesk.gui.language import document_language_box, tr
from privdesk.gui.settings import Setting, Settings
from privdesk.gui.signals import emit
from privdesk.gui.workflow import date_form, name_controls

# The folder the last document was saved in (UI state, not register data).
EXPORT_FOLDER = Setting("export/folder", str, "")

Progress = Callable[[int, int], None]
Work = Callable[[Progress], Any]


if TYPE_CHECKING:
    from privdesk.documents.files import StagedFile
    from privdesk.domain.incidents import ReportInputs
    from privdesk.domain.letters import LetterInputs
    from privdesk.domain.retention import Erased
    from privdesk.services import RegisterService
    from privdesk.services.incidents import Incidents
    from privdesk.services.requests import Requests

class JobSignals(QObject):
    """What a worker tells the UI thread; queued across threads because it lives there."""

    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class Job(QRunnable):
    """One piece of work in the pool, with a cooperative cancel flag."""

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it (ExportRun keeps the reference)
        self.work = work
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self.ended = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int) -> None:
        from privdesk.documents.files import Cancelled

        if self._cancel.is_set():
            raise Cancelled
        emit(self.signals.progress, done, total)

    def run(self) -> None:
        from privdesk.documents.files import Cancelled

        try:
            result = self.work(self._progress)
        except Cancelled:
            emit(self.signals.cancelled)
        except BaseException as error:  # shown on the UI thread: a message or a crash report
            emit(self.signals.failed, error)
        else:
            emit(self.signals.succeeded, result)
        finally:
            self.ended.set()


class DoneDialog(QDialog):
    """The file is written: open it, show its folder, or close."""

    def __init__(self, path: Path, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(tr("Export finished"))
        layout = QVBoxLayout(self)
        self.message = QLabel(tr("Saved {file} in {folder}.", file=path.name,
                                 folder=str(path.parent)))
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = QPushButton(tr("&Open"))
        self.open_button.setAccessibleName(tr("Open the file"))
        self.folder_button = QPushButton(tr("Show in &folder"))
        self.folder_button.setAccessibleName(tr("Show the file's folder"))
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(lambda: self._open(self.path))
        self.folder_button.clicked.connect(lambda: self._open(self.path.parent))
        layout.addWidget(buttons)
        self.open_button.setDefault(True)
        name_controls(self)

    def _open(self, target: Path) -> None:
        if desktop.open_path(target):
            self.accept()
        else:
            dialogs.show_user_error(self, UserError(
                N_("no application could open {file}"), file=str(target)))


class ExportRun(QObject):
    """One export: the worker, its progress dialog, and what happens when it ends.

    ``after`` runs on the UI thread with the worker's result when the worker has ended (a
    letter is then recorded as sent and put in place); if it fails, the export failed.
    ``minimum_duration`` is the progress dialog's delay in ms before it appears (tests and
    screenshots set it to 0).
    """

    done = Signal(object)  # the path written
    cancelled = Signal()
    failed = Signal(str)

    def __init__(self, parent: QWidget | None, title: str, target: Path, work: Work,
                 after: Callable[[Any], None] | None = None,
                 minimum_duration: int = 500) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.target = target
        self.after = after
        self.done_dialog: DoneDialog | None = None
        self.outcome: str | None = None
        self.job = Job(work)
        self.progress = QProgressDialog(title, tr("Cancel"), 0, 0, parent)
        self.progress.setWindowTitle(tr("Exporting"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(minimum_duration)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setAccessibleName(title)
        self.progress.canceled.connect(self.cancel)
        self.job.signals.progress.connect(self._on_progress)
        self.job.signals.succeeded.connect(self._on_succeeded)
        self.job.signals.failed.connect(self._on_failed)
        self.job.signals.cancelled.connect(self._on_cancelled)

    def start(self) -> ExportRun:
        self.progress.setValue(0)
        QThreadPool.globalInstance().start(self.job)
        return self

    def cancel(self) -> None:
        """The DPO pressed Cancel: the worker stops at its next progress step."""
        self.job.cancel()
        self.progress.setLabelText(tr("Cancelling…"))

    def running(self) -> bool:
        return self.outcome is None

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the worker's thread has returned (tests and closing the window)."""
        return self.job.ended.wait(msecs / 1000) and QThreadPool.globalInstance().waitForDone(
            msecs)

    def _on_progress(self, done: int, total: int) -> None:
        if self.outcome is not None:
            return
        if total > 0 and self.progress.maximum() != total:
            self.progress.setMaximum(total)
        self.progress.setValue(min(done, total) if total > 0 else 0)

    def _finish(self, outcome: str) -> None:
        self.outcome = outcome
        self.progress.close()

    def _on_succeeded(self, result: Any) -> None:
        if self.after is not None:
            try:
                self.after(result)
            except Exception as error:  # noqa: BLE001 - reported as the worker's errors are
                self._on_failed(error)  # no file was put in place: never say "Saved"
                return
        self._finish("done")
        self.done_dialog = DoneDialog(self.target, self.parent_widget)
        self.done_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.done_dialog.show()
        emit(self.done, self.target)

    def _on_cancelled(self) -> None:
        self._finish("cancelled")
        emit(self.cancelled)

    def _on_failed(self, error: BaseException) -> None:
        self._finish("failed")
        if isinstance(error, OSError):
            error = UserError(N_("cannot write the file: {reason}"), str(self.target),
                              reason=error.strerror or str(error))
        if isinstance(error, UserError):
            dialogs.show_user_error(self.parent_widget, error)
            emit(self.failed, dialogs.user_error_text(error))
            return
        emit(self.failed, str(error))
        dialogs.excepthook(type(error), error, error.__traceback__)


def remember_folder(settings: Settings, path: Path) -> None:
    settings.set(EXPORT_FOLDER, str(path.parent))


def export_folder(settings: Settings) -> Path:
    saved = settings.get(EXPORT_FOLDER)
    return Path(saved) if saved and Path(saved).is_dir() else Path.home()


def safe_file_stem(text: str) -> str:
    """A file name from a record's ref or name: no separators or characters Windows refuses."""
    cleaned = "".join("-" if c in '/\\:*?"<>|' or ord(c) < 32 else c for c in text)
    return cleaned.strip(" .") or "privdesk"


# ---------------------------------------------------------------- the three documents


def start_ropa_export(parent: QWidget | None, service: RegisterService, target: Path,
                      language: str, as_of: date | None, minimum_duration: int = 500
                      ) -> ExportRun:
    """Write the ROPA workbook of the register (as it stood at the end of ``as_of``)."""
    # Each record's version goes with it, so that an import of the edited workbook refuses
    # what a colleague changed since (a workbook of a past day carries none).
    versions: dict[str, dict[str, int]] | None = None if as_of is not None else {}
    register = service.as_of(as_of) if as_of is not None else service.snapshot(versions)
    dates = service.record_dates(as_of)  # the Created and Last updated columns
    exported_at = datetime.now(UTC)
    erased = erased_since(service, as_of) if as_of is not None else []

    def work(progress: Progress) -> Path:
        from privdesk.documents.files import check_output
        from privdesk.documents.ropa_xlsx import write_ropa

        check_output(target, "xlsx")  # before any work; atomic_output checks before the rename
        write_ropa(register, target, language, as_of, exported_at, progress, versions, dates,
                   erased)
        return target

    return ExportRun(parent, tr("Writing the ROPA workbook…"), target, work,
                     minimum_duration=minimum_duration).start()


def _document_work(render: Callable[[], bytes], target: Path) -> Work:
    """Render and write the PDF under a temporary name (the worker); ``_keep_document`` then
    records it and puts it in place on the UI thread."""

    def work(progress: Progress) -> tuple[StagedFile, bytes]:
        from privdesk.documents.files import check_output, stage_document

        progress(0, 2)
        check_output(target, "pdf")  # refused before rendering; checked again at the rename
        content = render()
        progress(1, 2)  # a Cancel pressed while rendering stops here, before any file exists
        staged = stage_document(target, content, "pdf")
        try:
            progress(2, 2)
        except BaseException:
            staged.discard()
            raise
        return staged, content

    return work


def _keep_document(keep: Callable[[bytes], object]) -> Callable[[Any], None]:
    """The UI thread's part of a letter or report: record it, then rename it into place."""

    def after(result: tuple[StagedFile, bytes]) -> None:
        from privdesk.documents.files import publish

        staged, content = result
        publish(staged, lambda: keep(content))

    return after


def start_letter_export(parent: QWidget | None, requests: Requests, inputs: LetterInputs,
                        target: Path, minimum_duration: int = 500) -> ExportRun:
    """Write the answer to an access request (its inputs already checked by the service, as
    the command line's are) and keep it in the register as sent."""

    def render() -> bytes:
        from privdesk.documents.access_letter import render_letter

        return render_letter(inputs)

    def keep(content: bytes) -> None:
        requests.keep_letter(inputs, content, target.name)

    return ExportRun(parent, tr("Writing the letter…"), target, _document_work(render, target),
                     _keep_document(keep), minimum_duration).start()


def start_breach_report_export(parent: QWidget | None, incidents: Incidents,
                               inputs: ReportInputs, target: Path,
                               minimum_duration: int = 500) -> ExportRun:
    """Write the notification draft of an incident and keep it in the register."""

    def render() -> bytes:
        from privdesk.documents.breach_report import render_report

        return render_report(inputs)

    def keep(content: bytes) -> None:
        incidents.keep_report(inputs, content, target.name)

    return ExportRun(parent, tr("Writing the breach report…"), target,
                     _document_work(render, target), _keep_document(keep),
                     minimum_duration).start()


def start_screening_export(parent: QWidget | None, render: Callable[[], bytes], target: Path,
                           minimum_duration: int = 500) -> ExportRun:
    """Write a DPIA screening as a one-page PDF for the file (``render`` makes it from
    frozen inputs, on the worker); nothing is recorded in the register."""
    return ExportRun(parent, tr("Writing the DPIA screening…"), target,
                     _document_work(render, target), _keep_document(lambda _content: None),
                     minimum_duration).start()


# ---------------------------------------------------------------- File → Export ROPA…


def erased_since(service: RegisterService, day: date) -> list[Erased]:
    """The records erased after the end of ``day``: what its workbook leaves out."""
    from privdesk.services.erasure import Erasure

    return Erasure(service).erased_since(day)


def erased_note(service: RegisterService, day: date) -> str:
    """What the workbook of ``day`` leaves out, as its cover says it (refs, days, counts)."""
    from privdesk.domain.kinds import zone_for
    from privdesk.domain.retention import erased_text
    from privdesk.gui.formatting import format_date
    from privdesk.gui.language import gettext_function

    erased = erased_since(service, day)
    if not erased:
        return tr("No record was erased since then.")
    organisation = service.organisation()
    zone = ZoneInfo(zone_for(organisation.country if organisation else None))
    return tr("Erased since then, so not in the workbook (its cover lists them too): {erased}",
              erased=erased_text(erased, gettext_function(),
                                 lambda moment: format_date(moment.astimezone(zone).date())))


class RopaExportDialog(QDialog):
    """Choose the workbook's language and the day it shows, then where to save it."""

    def __init__(self, service: RegisterService, settings: Settings | None = None,
                 parent: QWidget | None = None, today: Callable[[], date] = date.today,
                 minimum_duration: int = 500) -> None:
        super().__init__(parent)
        self.service = service
        self.settings = settings or Settings()
        self.today = today
        self.minimum_duration = minimum_duration
        self.run: ExportRun | None = None
        self.setWindowTitle(tr("Export the ROPA workbook"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)
        layout = QVBoxLayout(self)
        intro = QLabel(tr("The record of processing activities (Art. 30) as an Excel workbook "
                          "for auditors and the supervisory authority."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        organisation = service.organisation()
        self.language = document_language_box(organisation.language if organisation else None,
                                               tr("Language of the workbook"))
        language_label = QLabel(tr("&Language:"))
        language_label.setBuddy(self.language)
        form.addRow(language_label, self.language)
        self.past = QCheckBox(tr("As the register stood at the end of &a past day"))
        self.past.setAccessibleName(tr("Export a past state of the register"))
        self.as_of = QDateEdit()
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat(date_form())  # 26.11.2026 in nb, as the lists show
        day = today()
        self.as_of.setDate(QDate(day.year, day.month, day.day))
        self.as_of.setMaximumDate(QDate(day.year, day.month, day.day))
        self.as_of.setEnabled(False)
        self.as_of.setAccessibleName(tr("The day the workbook shows"))
        self.past.toggled.connect(self.as_of.setEnabled)
        form.addRow(self.past)
        day_label = QLabel(tr("&Day:"))
        day_label.setBuddy(self.as_of)
        form.addRow(day_label, self.as_of)
        layout.addLayout(form)
        # A past day's workbook leaves out what was erased since: the DPO sees it before
        # exporting, as the auditor sees it on the cover.
        self.erased = QLabel()
        self.erased.setWordWrap(True)
        self.erased.setAccessibleName(tr("Records erased since that day"))
        self.erased.hide()
        layout.addWidget(self.erased)
        self.past.toggled.connect(self.show_erased)
        self.as_of.dateChanged.connect(self.show_erased)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = QPushButton(tr("&Export…"))
        self.export_button.setDefault(True)
        self.export_button.setAccessibleName(tr("Choose where to save the workbook"))
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.clicked.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        name_controls(self)

    def show_erased(self) -> None:
        day = self.chosen_day()
        self.erased.setVisible(day is not None)
        self.erased.setText(erased_note(self.service, day) if day is not None else "")

    def chosen_day(self) -> date | None:
        if not self.past.isChecked():
            return None
        value = self.as_of.date()
        return date(value.year(), value.month(), value.day())

    def export(self) -> None:
        organisation = self.service.organisation()
        day = self.chosen_day() or self.today()
        name = safe_file_stem(f"ROPA {organisation.name if organisation else ''} {day}")
        target = desktop.ask_save_path(self, tr("Save the ROPA workbook"),
                                       export_folder(self.settings) / f"{name}.xlsx",
                                       tr("Excel workbooks (*.xlsx)"), ".xlsx")
        if target is None:
            return
        remember_folder(self.settings, target)
        try:
            self.run = start_ropa_export(self.parentWidget() or self, self.service, target,
                                         str(self.language.currentData()), self.chosen_day(),
                                         self.minimum_duration)
        except UserError as error:  # a day before the register's first record
            dialogs.show_user_error(self, error)
            return
        self.accept()


__all__ = ["DoneDialog", "ExportRun", "Job", "RopaExportDialog", "start_breach_report_export",
           "start_letter_export", "start_ropa_export"]
