"""A PDF's pages as pictures: the letter's preview shows what the parent will see."""

from __future__ import annotations

import io
from typing import Any

from PySide6.QtGui import QColor, QImage
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from privdesk.gui.pdf_pages import page_images


def _ink(image: QImage, top: float, bottom: float) -> int:
    """Dark pixels (every second one) between ``top`` and ``bottom`` (fractions of the height)."""
    rows = range(int(image.height() * top), int(image.height() * bottom), 2)
    return sum(1 for y in rows for x in range(0, image.width(), 2)
               if QColor(image.pixel(x, y)).lightness() < 128)


def test_each_page_is_rendered_with_its_ink_where_the_pdf_puts_it(qapp: Any) -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont("Helvetica", 24)
    pdf.drawString(72, A4[1] - 100, "Innsyn for Sofie Hansen")  # near the top
    pdf.showPage()
    pdf.drawString(72, 100, "Med vennlig hilsen")  # near the bottom
    pdf.showPage()
    pdf.save()

    images = page_images(buffer.getvalue(), 600)
    assert len(images) == 2
    assert images[0].width() == 600
    assert abs(images[0].height() / images[0].width() - A4[1] / A4[0]) < 0.01
    assert _ink(images[0], 0, 0.2) > 50 and _ink(images[0], 0.2, 1) == 0
    assert _ink(images[1], 0.8, 1) > 50 and _ink(images[1], 0, 0.8) == 0
