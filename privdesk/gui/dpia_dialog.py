"""The DPIA screening form of one activity: each question yes or no with a reason, the live
result and what decided it, saved through the screening service as one undo step."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from privdesk.domain import dpia
from privdesk.domain.errors import N_
from privdesk.gui.language import current, gettext_function, tr
from privdesk.gui.settings import Settings
from privdesk.gui.signals import emit
from privdesk.gui.workflow import Editing

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack

    from privdesk.gui.export import ExportRun
    from privdesk.services import RegisterService

SOURCE_HEADINGS = {
    dpia.WP248: N_("The nine criteria of WP248 (two or more: a DPIA is required in most "
                   "cases)"),
    dpia.DATATILSYNET: N_("Datatilsynet's list (one is enough: a DPIA is required)"),
}
# In Sweden IMY's list (Art. 35(4)) makes WP248's "two or more" binding (docs/dpia.md).
SWEDISH_WP248_HEADING = N_("The nine criteria of WP248, as IMY's list gives them (two or "
                           "more: a DPIA is required)")


class Question:
    """The widgets of one question: yes and no, and the reason."""

    def __init__(self, answer: dpia.Answer, parent: QWidget) -> None:
        self.criterion = dpia.BY_ID[answer.criterion]
        self.initial = answer
        self.label = QLabel(parent)
        self.label.setWordWrap(True)
        self.source = QLabel(self.criterion.reference,
                             parent)
        self.yes = QRadioButton(parent)
        self.no = QRadioButton(parent)
        self.group = QButtonGroup(parent)
        self.group.addButton(self.yes)
        self.group.addButton(self.no)
        if answer.met is True:
            self.yes.setChecked(True)
        elif answer.met is False:
            self.no.setChecked(True)
        self.reason = QLineEdit(answer.reason, parent)
        self.reason.setCursorPosition(0)
        self.reason.textChanged.connect(self.reason.setToolTip)  # a long reason in full
        self.reason.setToolTip(answer.reason)
        self.retranslate()

    def retranslate(self) -> None:
        label = tr(self.criterion.label)
        self.label.setText(label)
        self.yes.setText(tr("Yes"))
        self.no.setText(tr("No"))
        self.yes.setAccessibleName(tr("Yes: {question}", question=label))
        self.no.setAccessibleName(tr("No: {question}", question=label))
        self.reason.setAccessibleName(tr("Reason: {question}", question=label))
        self.reason.setPlaceholderText(tr("Reason"))

    def met(self) -> bool | None:
        if self.yes.isChecked():
            return True
        if self.no.isChecked():
            return False
        return None

    def show_suggested(self) -> None:
        """The register's suggestion, not yet changed, in italics: what the DPO confirms."""
        font = self.reason.font()
        font.setItalic(self.answer().prefilled)
        self.reason.setFont(font)

    def answer(self) -> dpia.Answer:
        met, reason = self.met(), self.reason.text().strip()
        # Still the register's suggestion when the DPO left answer and reason as they were.
        kept = (self.initial.prefilled and met == self.initial.met
                and reason == self.initial.reason.strip())
        return dpia.Answer(self.criterion.id, met, reason, kept)


class DpiaDialog(QDialog):
    """The screening of activity ``ref``: stored answers, or the register's suggestions."""

    saved = Signal(object)  # the service's Change

    def __init__(self, service: RegisterService, ref: str, undo_stack: QUndoStack | None,
                 parent: QWidget | None = None, window_settings: Settings | None = None,
                 minimum_duration: int = 500) -> None:
        super().__init__(parent)
        self.minimum_duration = minimum_duration  # of the PDF's progress dialog, in ms
        self.export_run: ExportRun | None = None  # the PDF being written, on a worker
        self.service = service
        self.settings = window_settings or Settings()
        from privdesk.services.dpia import Screenings  # SQLAlchemy after the first paint

        self.screenings = Screenings(service)
        self.view = self.screenings.open(ref, gettext_function())
        self.ref = ref
        self.written: Path | None = None  # the last PDF written
        self.editing = Editing(service, undo_stack, self)
        self.editing.changed.connect(lambda change: emit(self.saved, change))
        self.setSizeGripEnabled(True)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        column = QVBoxLayout(box)
        self.result_label = QLabel()
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.result_label.font()
        bold.setBold(True)
        self.result_label.setFont(bold)
        self.deciding_label = QLabel()
        self.deciding_label.setWordWrap(True)
        self.deciding_label.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.result_label)
        column.addWidget(self.deciding_label)
        layout.addWidget(box)
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(4, 3)
        self.questions: list[Question] = []
        self.source_labels: list[tuple[QLabel, str]] = []
        row, source = 0, None
        for answer in self.view.answers:
            question = Question(answer, inner)
            if question.criterion.source != source:
                source = question.criterion.source
                heading = QLabel()
                bold = QFont(heading.font())
                bold.setBold(True)
                heading.setFont(bold)
                heading.setWordWrap(True)
                text = (SWEDISH_WP248_HEADING
                        if source == dpia.WP248 and self.view.country == "SE"
                        else SOURCE_HEADINGS[source])
                self.source_labels.append((heading, text))
                grid.addWidget(heading, row, 0, 1, 5)
                row += 1
            grid.addWidget(question.label, row, 0)
            grid.addWidget(question.source, row, 1)
            grid.addWidget(question.yes, row, 2)
            grid.addWidget(question.no, row, 3)
            grid.addWidget(question.reason, row, 4)
            question.group.buttonToggled.connect(lambda *_: self.update_result())
            question.reason.textEdited.connect(lambda *_: self.update_result())
            self.questions.append(question)
            row += 1
        grid.setRowStretch(row, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        layout.addWidget(scroll, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.pdf_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.pdf_button.clicked.connect(self.write_pdf)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(self.fontMetrics().averageCharWidth() * 150, 720)

    # ------------------------------------------------------------ texts

    def retranslate(self) -> None:
        activity = self.view.activity
        self.setWindowTitle(tr("DPIA screening of {ref}", ref=activity.ref))
        self.heading.setText(f"{activity.ref} {activity.name}")
        stored = self.view.stored
        if stored is None:
            status = tr("Not screened yet: the answers filled in are what the register "
                        "suggests, their reasons in italics. Check each one, answer the rest "
                        "and give your reasons.")
        else:
            status = tr("Screened {at} by {by}", at=stored.at.astimezone().strftime(
                "%Y-%m-%d %H:%M"), by=stored.by)
        if self.view.out_of_date:
            status += "\n" + tr("The activity has changed since it was screened: screen it "
                                "again")
        self.status.setText(status)
        for label, msgid in self.source_labels:
            label.setText(tr(msgid))
        for question in self.questions:
            question.retranslate()
        self.save_button.setAccessibleName(tr("Save"))
        self.pdf_button.setText(tr("&PDF for the file…"))
        self.pdf_button.setAccessibleName(tr("&PDF for the file…").replace("&", ""))
        self.pdf_button.setToolTip(tr("Write the screening as shown as a one-page PDF"))
        self.update_result()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------ values

    def answers(self) -> tuple[dpia.Answer, ...]:
        return tuple(q.answer() for q in self.questions)

    def decision(self) -> dpia.Decision:
        return dpia.decide(self.answers(), self.view.country)

    def update_result(self) -> None:
        decision = self.decision()
        self.result_label.setText(tr(dpia.RESULT_LABELS[decision.result]))
        self.result_label.setAccessibleName(tr("Result of the screening"))
        self.deciding_label.setText(tr("Decided by: {criteria}", criteria="; ".join(
            tr(dpia.BY_ID[c].label) for c in decision.deciding)) if decision.deciding else "")
        self.deciding_label.setVisible(bool(decision.deciding))
        for question in self.questions:
            question.show_suggested()
        if decision.complete:
            self.summary.setText("")
        else:
            self.summary.setText(tr("Answer every question to save ({count} left)",
                                    count=len(decision.unanswered)))
        self.summary.setVisible(not decision.complete)
        self.save_button.setEnabled(decision.complete)

    def question(self, criterion: str) -> Question:
        return next(q for q in self.questions if q.criterion.id == criterion)

    # ------------------------------------------------------------ saving

    def write_pdf(self) -> None:
        """The screening as the form shows it, as a one-page PDF in the UI's language,
        written on a worker (``gui/export.py``) with the other exports' progress dialog."""
        from privdesk.documents.dpia_pdf import ScreeningInputs, render_screening
        from privdesk.gui import desktop
        from privdesk.gui.export import (
            export_folder,
            remember_folder,
            safe_file_stem,
            start_screening_export,
        )

        activity = self.view.activity
        target = desktop.ask_save_path(
            self, tr("Save the DPIA screening"),
            export_folder(self.settings)
            / (safe_file_stem(f"{activity.ref} {tr('DPIA screening')}") + ".pdf"),
            tr("PDF documents (*.pdf)"), ".pdf")
        if target is None:
            return
        remember_folder(self.settings, target)
        answers = self.answers()
        unchanged = answers == self.view.answers
        inputs = ScreeningInputs(activity, answers, self.decision(),
                                 self.view.stored if unchanged else None,
                                 self.view.out_of_date and unchanged)
        # Read on the UI thread (the worker holds no session); rendered on the worker.
        organisation, language, now = self.service.organisation(), current(), \
            self.service.clock()
        self.export_run = start_screening_export(
            self, lambda: render_screening(inputs, organisation, language, now), target,
            self.minimum_duration)
        self.export_run.done.connect(self._written)

    def _written(self, target: Path) -> None:
        self.written = target

    def save(self) -> None:
        answers = self.answers()
        if self.editing.perform(
                tr("DPIA screening of {ref}", ref=self.ref),
                lambda version: self.screenings.save(self.ref, answers, version),
                self.view.version):
            self.accept()


__all__ = ["DpiaDialog"]
