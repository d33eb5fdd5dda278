"""The main window: navigation between the parts of the register."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from privdesk.services import RegisterService


class MainWindow(QMainWindow):
    """The DPO's desk (the full application is built on this frame)."""

    def __init__(self, service: RegisterService) -> None:
        super().__init__()
        self.service = service
        organisation = service.organisation()
        name = organisation.name if organisation else "privdesk"
        self.setWindowTitle(f"{name} — privdesk")
        self.setCentralWidget(QLabel(name))
        self.resize(1100, 700)
