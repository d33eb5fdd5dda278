"""Render the application icon from its SVG source: hicolor PNGs, Windows .ico, macOS .icns.

Run from the checkout: ``.venv/bin/python packaging/make_icons.py [FOLDER]`` (default
``resources/icons``). Needs PySide6 (QtSvg is in PySide6-Essentials) to draw the SVG and Pillow
to pack .ico and .icns. The outputs are build products, not committed: the builds
(``build_linux.sh``, ``build_nuitka.py``, the Windows and macOS steps) run this first. The window
itself uses the SVG, ``resources/icons/hicolor/scalable/apps/<id>.svg``, which is the source.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

APP_ID = "no.privdesk.Privdesk"
ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SOURCE = ICONS / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(size: int) -> bytes:
    """The SVG drawn on a transparent square of ``size`` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SOURCE}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def make_icons(target: Path) -> None:
    """hicolor PNGs, the scalable SVG, ``<id>.ico`` and ``<id>.icns`` under ``target``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    rendered = {size: render(size) for size in sorted({*PNG_SIZES, *ICO_SIZES, *ICNS_SIZES})}
    for size in PNG_SIZES:
        png = target / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        png.parent.mkdir(parents=True, exist_ok=True)
        png.write_bytes(rendered[size])
    scalable = target / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    if scalable.resolve() != SOURCE.resolve():
        scalable.parent.mkdir(parents=True, exist_ok=True)
        scalable.write_bytes(SOURCE.read_bytes())

    images = {size: Image.open(io.BytesIO(rendered[size])).convert("RGBA") for size in rendered}
    # Each size drawn from the vector source, not scaled down from the largest bitmap.
    largest_ico = images[max(ICO_SIZES)]
    largest_ico.save(target / f"{APP_ID}.ico", format="ICO",
                     sizes=[(s, s) for s in ICO_SIZES],
                     append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)])
    largest_icns = images[max(ICNS_SIZES)]
    largest_icns.save(target / f"{APP_ID}.icns", format="ICNS",
                      append_images=[images[s] for s in ICNS_SIZES if s != max(ICNS_SIZES)])
    del app


def main() -> int:
    target = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ICONS
    make_icons(target)
    print(f"icons written under {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
