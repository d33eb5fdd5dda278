"""The first run: a welcome with a short checklist while the register is empty.

Each line is a button that starts the step (record the school, add a first activity, import a
workbook, review a vendor's policy, open the demo register); a done step says so. The demo opens
in a window of its own, from a file beside the DPO's register, which stays as it is.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QWidget

from privdesk.domain import records as rec
from privdesk.domain.errors import N_, UserError
from privdesk.gui.language import current, tr
from privdesk.gui.signals import emit

if TYPE_CHECKING:
    from privdesk.gui.main_window import MainWindow

ORGANISATION, ACTIVITY, IMPORT, POLICY, DEMO = (
    "organisation", "activity", "import", "policy", "demo")
# Each step: its button, and what it does.
STEPS = (
    (ORGANISATION, N_("&Record your school…"),
     N_("Name, organisation number, address, country and the DPO: letters and reports need "
        "them, and the country sets the deadlines.")),
    (ACTIVITY, N_("Add a processing &activity…"),
     N_("One row of the Art. 30 record: what the school does with personal data, and why.")),
    (IMPORT, N_("&Import a workbook…"),
     N_("Read a ROPA workbook (xlsx) you already keep.")),
    (POLICY, N_("Review a vendor's &policy…"),
     N_("Paste a privacy policy: privdesk finds the processor, its subprocessors and "
        "transfers.")),
    (DEMO, N_("Open the &demo register"),
     N_("A fictional school, in a window of its own, to try everything on. Your register "
        "stays as it is.")),
)
DEMO_NAME = "demo-register.sqlite"


class WelcomePanel(QFrame):
    """The checklist; ``step(name)`` when the DPO presses one of its buttons."""

    step = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        grid.addWidget(self.heading, 0, 0, 1, 3)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        grid.addWidget(self.intro, 1, 0, 1, 3)
        self.buttons: dict[str, QPushButton] = {}
        self.marks: dict[str, QLabel] = {}
        self.notes: dict[str, QLabel] = {}
        for row, (name, _text, _note) in enumerate(STEPS, start=2):
            mark = QLabel()
            button = QPushButton()
            button.setStyleSheet("text-align: left; padding: 4px 10px;")  # a list, read down
            note = QLabel()
            note.setWordWrap(True)
            button.clicked.connect(lambda _c=False, n=name: emit(self.step, n))
            grid.addWidget(mark, row, 0)
            grid.addWidget(button, row, 1)
            grid.addWidget(note, row, 2)
            self.marks[name], self.buttons[name], self.notes[name] = mark, button, note
        grid.setColumnStretch(2, 1)
        self._organisation: rec.Organisation | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(tr("Welcome to privdesk"))
        self.setAccessibleName(tr("Welcome to privdesk"))
        self.intro.setText(tr("The register is empty. Start with your school, then add what it "
                              "does, or bring in what you have:"))
        for name, text, note in STEPS:
            self.buttons[name].setText(tr(text))
            self.notes[name].setText(tr(note))
            self.buttons[name].setAccessibleDescription(tr(note))
        self.show_organisation(self._organisation)

    def show_organisation(self, organisation: rec.Organisation | None) -> None:
        """Tick the first step once the school is recorded."""
        self._organisation = organisation
        mark = self.marks[ORGANISATION]
        mark.setText("✓" if organisation else "1.")
        mark.setAccessibleName(tr("Done") if organisation else tr("To do"))
        for number, (name, _text, _note) in enumerate(STEPS[1:], start=2):
            self.marks[name].setText(f"{number}.")
        if organisation is not None:
            self.notes[ORGANISATION].setText(tr("Recorded: {name}. Press the button to change it.",
                                                name=organisation.name))


def take_step(window: MainWindow, step: str) -> None:
    """Do what a line of the checklist offers, in ``window``."""
    if step == ORGANISATION:
        window.edit_organisation()
    elif step == ACTIVITY:
        window.navigation.setCurrentRow(window.pages.index(window.activities))
        window.new_record()
    elif step == IMPORT:
        window.workflows.import_ropa()
    elif step == POLICY:
        window.workflows.review_policy()
    elif step == DEMO:
        open_demo(window)


def demo_path(window: MainWindow) -> Path:
    """The demo register's file: beside the DPO's register (in the user's data folder)."""
    from privdesk.store.database import default_register

    own = window.service.database.path
    return (own.parent if own is not None else default_register().parent) / DEMO_NAME


def open_demo(window: MainWindow) -> MainWindow | None:
    """The demo school in a second window, made the first time (never over the DPO's file)."""
    from privdesk.gui import dialogs
    from privdesk.gui.main_window import MainWindow
    from privdesk.services import open_register
    from privdesk.services.demo import demo_register

    path = demo_path(window)
    if window.service.database.path == path:
        window.tell(tr("This window shows the demo register."))
        return None
    stack = ExitStack()
    try:
        fresh = not path.exists()
        service = stack.enter_context(open_register(path))
        if fresh:
            service.load(demo_register(current()))
    except UserError as error:
        stack.close()
        dialogs.show_user_error(window, error)
        return None
    demo = MainWindow(service, window.settings, window.today)
    demo.setParent(window, Qt.WindowType.Window)  # closes with the DPO's window
    demo.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    demo.message_ms = window.message_ms
    demo.destroyed.connect(lambda _o=None: stack.close())
    demo.show()
    demo.finish_start()
    return demo


__all__ = ["STEPS", "WelcomePanel", "demo_path", "open_demo", "take_step"]
