"""A document's pages shown as they print, before it is written or sent: the access letter's
preview and the privacy notice's use this one dialog.

Each page is a picture (``pdf_pages``) carrying its text for a screen reader; "Open in a PDF
viewer" puts a copy in a private temporary folder the caller owns and removes.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from privdesk.domain.errors import N_, UserError
from privdesk.gui import desktop, dialogs
from privdesk.gui.language import tr
from privdesk.gui.workflow import name_controls


class PdfPreview(QDialog):
    """The PDF ``content`` page by page, one below the other, as they print, and a look in the
    DPO's own PDF viewer (written as ``folder / name``)."""

    def __init__(self, content: bytes, folder: Path, name: str, *, title: str,
                 info: Callable[[int], str], pages_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from pypdf import PdfReader

        from privdesk.gui.pdf_pages import page_images

        self.content = content
        self.folder = folder
        self.name = name
        reader = PdfReader(io.BytesIO(content))
        texts = [page.extract_text() for page in reader.pages]
        self.pages = len(texts)
        self.first_page = texts[0] if texts else ""
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.info = QLabel(info(self.pages))
        layout.addWidget(self.info)
        # The page at its printed size (A4 is 595 points wide), or as wide as the screen has
        # room for: readable without zooming.
        screen = self.screen().availableGeometry()
        width = min(round(595 * self.logicalDpiX() / 72), screen.width() - 120)
        ratio = self.devicePixelRatioF()
        column = QWidget()
        column.setAutoFillBackground(True)
        column.setBackgroundRole(QPalette.ColorRole.Dark)
        pages = QVBoxLayout(column)
        pages.setSpacing(12)
        self.page_views: list[QLabel] = []
        for number, image in enumerate(page_images(content, round(width * ratio)), 1):
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            page = QLabel()
            page.setPixmap(pixmap)
            page.setFrameShape(QFrame.Shape.Box)
            page.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a screen reader reads page by page
            page.setAccessibleName(tr("Page {number} of {count}", number=number,
                                      count=self.pages))
            page.setAccessibleDescription(texts[number - 1] if number <= len(texts) else "")
            pages.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_views.append(page)
        self.page_scroll = QScrollArea()
        self.page_scroll.setWidget(column)
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setAccessibleName(pages_name)
        layout.addWidget(self.page_scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = QPushButton(tr("Open in a &PDF viewer"))
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self.open_in_viewer)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(width + 80, max(320, min(round(width * 1.2), screen.height() - 80)))
        name_controls(self)

    def open_in_viewer(self) -> None:
        from privdesk.documents.files import write_atomic

        # A private temporary folder that the caller removes when it closes: a letter holds
        # a child's personal data.
        path = self.folder / self.name
        write_atomic(path, self.content)
        if not desktop.open_path(path):
            dialogs.show_user_error(self, UserError(N_("no application could open {file}"),
                                                    file=str(path)))


__all__ = ["PdfPreview"]
