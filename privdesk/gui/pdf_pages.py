"""A PDF's pages as images, for the letter's preview: what the parent will see, page by page.

PDFium (pypdfium2) renders them; PySide6-Essentials has no QtPdf. It is loaded only when a
preview opens.
"""

from __future__ import annotations

from PySide6.QtGui import QImage


def page_images(content: bytes, width: int) -> list[QImage]:
    """Each page of the PDF ``content`` rendered ``width`` pixels wide, white behind the ink."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(content)
    images: list[QImage] = []
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                scale = width / page.get_width()
                bitmap = page.render(scale=scale, fill_color=(255, 255, 255, 255),
                                     rev_byteorder=True)
                try:
                    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                                   QImage.Format.Format_RGB888 if bitmap.n_channels == 3
                                   else QImage.Format.Format_RGBX8888)
                    images.append(image.copy())  # the buffer goes with the bitmap
                finally:
                    bitmap.close()
            finally:
                page.close()
    finally:
        document.close()
    return images
