"""The one PDF base of privdesk's documents: fonts, escaping of user text, styles, pages, metadata.

Every PDF (the access letter, the breach report) is a list of reportlab flowables rendered by
``render(story, meta)``. User text reaches a ``Paragraph`` only through ``escape`` (Paragraph
text is markup: unescaped, ``<a href>`` becomes a link and ``<img src>`` embeds a local file).
The fonts are DejaVu Sans, shipped under ``resources/fonts`` and embedded, so Nordic and Sámi
letters render in every viewer.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any
from xml.sax.saxutils import escape as _xml_escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, TableStyle

from privdesk.resource_files import read_bytes

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"

# The document language as written to the catalog /Lang (BCP 47), by privdesk language.
PDF_LANGUAGES = {"nb": "nb-NO", "sv": "sv-SE", "en": "en-GB"}

PAGE_SIZE = A4
MARGIN_LEFT = 22 * mm
MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
TEXT_WIDTH = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT

GREY = colors.HexColor("#555555")
RULE = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#eef1f4")

Letterhead = Callable[[Canvas, BaseDocTemplate], None]
"""Draws the letterhead on the first page, in the band ``letterhead_height`` above the text."""


@cache
def register_fonts() -> None:
    """Register DejaVu Sans (regular, bold, oblique, bold oblique) as one family, once."""
    for name, filename in (
        (FONT, "DejaVuSans.ttf"),
        (FONT_BOLD, "DejaVuSans-Bold.ttf"),
        (FONT_ITALIC, "DejaVuSans-Oblique.ttf"),
        (FONT_BOLD_ITALIC, "DejaVuSans-BoldOblique.ttf"),
    ):
        # From bytes, not a path: inside a wheel or a frozen build the file may have no path.
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(read_bytes("fonts", filename))))
    # <b> and <i> in our own markup pick the right face of the family.
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC,
                                  boldItalic=FONT_BOLD_ITALIC)


# C0 and C1 control characters (tab, line feed and carriage return are handled apart), lone
# surrogates (they cannot be encoded into the PDF) and the two non-characters U+FFFE/U+FFFF.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


# A run of text without a space longer than this is given a break opportunity, an invisible
# zero-width space (U+200B), every ``_PIECE`` characters: reportlab splits an over-long word
# one character at a time, measuring each, and again at every re-layout (a paragraph or a table
# split across pages), so a 20,000-character name took 45 s (issue 20). Shorter runs (a URL,
# a hash) are left for reportlab to wrap where it must. Sixteen characters fit the narrowest
# table column of our documents (30 mm at 9 pt), so a group is never split again: with 40, a
# 100,000-character data value still took 54 s, with 16 it takes 10. A visible space between
# the groups was as fast but showed the reader spaces that are not in the data; a soft hyphen
# took 80 s for 20,000 characters; line breaks (``<br/>``) took two lines a group in a cell.
_LONG_RUN = 200
_PIECE = 16
_UNBROKEN = re.compile(rf"\S{{{_LONG_RUN + 1},}}")
_BREAK = "\u200b"


def _escape_runs(value: str) -> str:
    """``value`` XML-escaped, each over-long run in groups of ``_PIECE`` characters: every
    character is kept, an invisible break opportunity added between the groups."""
    pieces: list[str] = []
    last = 0
    for found in _UNBROKEN.finditer(value):
        pieces.append(_xml_escape(value[last:found.start()]))
        run = found.group()
        pieces.append(_BREAK.join(_xml_escape(run[i:i + _PIECE])
                                   for i in range(0, len(run), _PIECE)))
        last = found.end()
    pieces.append(_xml_escape(value[last:]))
    return "".join(pieces)


def escape(text: object, *, lines: bool = False) -> str:
    """User text made safe for ``Paragraph`` markup: shown literally, never interpreted.

    ``<``, ``>`` and ``&`` become entities, so ``<font>``, ``<a href>`` and ``<img src>`` are
    shown as typed; control characters are dropped. Line breaks become spaces, or with
    ``lines=True`` (addresses, multi-line notes) ``<br/>``, added after escaping, so they are
    the only markup in the result. A run of more than 200 characters without a space may break
    between lines every 16 characters (nothing is left out, nothing visible is added).
    """
    value = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    value = _escape_runs(_UNPRINTABLE.sub("", value))
    if lines:
        return "<br/>".join(line.strip() for line in value.split("\n"))
    return value.replace("\n", " ")


@dataclass(frozen=True, slots=True)
class Styles:
    """The paragraph styles every document uses (one look for all of privdesk's PDFs)."""

    title: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    body_right: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    bullet: ParagraphStyle
    summary: ParagraphStyle


@cache
def styles() -> Styles:
    """The shared styles (do not modify them; derive a new style with ``parent=``)."""
    register_fonts()
    # bulletFontName too: its default is Helvetica, which is neither embedded nor Sámi-capable.
    body = ParagraphStyle("body", fontName=FONT, bulletFontName=FONT, fontSize=10,
                          leading=13.5, spaceAfter=5, alignment=TA_LEFT)
    return Styles(
        title=ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=15,
                             leading=19, spaceBefore=4, spaceAfter=8),
        heading=ParagraphStyle("heading", parent=body, fontName=FONT_BOLD, fontSize=12,
                               leading=15.5, spaceBefore=10, spaceAfter=5, keepWithNext=1),
        subheading=ParagraphStyle("subheading", parent=body, fontName=FONT_BOLD, fontSize=10.5,
                                  leading=14, spaceBefore=7, spaceAfter=3, keepWithNext=1),
        body=body,
        body_right=ParagraphStyle("body_right", parent=body, alignment=TA_RIGHT),
        small=ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=GREY,
                             spaceAfter=3),
        label=ParagraphStyle("label", parent=body, fontName=FONT_BOLD, fontSize=9,
                             leading=12, spaceAfter=0),
        cell=ParagraphStyle("cell", parent=body, fontSize=9, leading=12, spaceAfter=0),
        cell_bold=ParagraphStyle("cell_bold", parent=body, fontName=FONT_BOLD, fontSize=9,
                                 leading=12, spaceAfter=0),
        bullet=ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2,
                              spaceAfter=2),
        summary=ParagraphStyle("summary", parent=body, backColor=SHADE, borderPadding=6,
                               leftIndent=6, rightIndent=6, spaceBefore=6, spaceAfter=12),
    )


def table_style(*commands: tuple[Any, ...]) -> TableStyle:
    """A table style in our font (a table's own default is Helvetica, never embedded)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands])


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentMeta:
    """What a document says about itself and what every page shows around the story.

    ``page_label`` is the translated footer with ``{page}`` and ``{pages}`` placeholders;
    ``footer`` (left of it) and ``running_header`` (top of pages after the first) are plain
    text, drawn directly on the canvas, so they are never markup. ``language`` is nb, sv or en.
    """

    title: str
    author: str
    subject: str
    language: str
    keywords: tuple[str, ...] = ()
    creator: str = "privdesk"
    page_label: str = "Page {page} of {pages}"
    footer: str = ""
    running_header: str = ""
    letterhead: Letterhead | None = None
    letterhead_height: float = 0.0
    invariant: bool = False


def _numbered_canvas(meta: DocumentMeta) -> type[Canvas]:
    """A canvas that holds its pages back until the end, to write "page X of Y" on each."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            # Keep the finished page's state and start a fresh one, as Canvas.showPage would
            # after writing it; the stubs do not declare reportlab's private _startPage.
            self._held_pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]

        def save(self) -> None:
            total = len(self._held_pages)
            for number, state in enumerate(self._held_pages, start=1):
                self.__dict__.update(state)
                self._draw_footer(number, total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _draw_footer(self, number: int, total: int) -> None:
            width = PAGE_SIZE[0]
            y = MARGIN_BOTTOM / 2
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN_LEFT, y + 10, width - MARGIN_RIGHT, y + 10)
            self.setFont(FONT, 8)
            self.setFillColor(GREY)
            label = meta.page_label.format(page=number, pages=total)
            self.drawRightString(width - MARGIN_RIGHT, y, label)
            if meta.footer:
                room = TEXT_WIDTH - pdfmetrics.stringWidth(label, FONT, 8) - 12
                self.drawString(MARGIN_LEFT, y, fit(meta.footer, FONT, 8, room))
            self.restoreState()

    return NumberedCanvas


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` on one line, shortened with an ellipsis where it would be wider than ``width``."""
    text = " ".join(_UNPRINTABLE.sub("", text).split())
    # What can be on the line lies within a prefix about four characters per em of the width
    # long: when that prefix is already too wide, only it is measured (a running header with
    # a 100,000-character name is measured on every page).
    probe = text[:max(8, int(4 * width / size))]
    if len(probe) < len(text) and pdfmetrics.stringWidth(probe, font, size) > width:
        text = probe
    elif pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    # The longest prefix that fits with the ellipsis, found by halving: a prefix is never
    # narrower than a shorter one, so this measures about log2(len) times, not len times
    # (issue 20: a 100,000-character name took minutes one character at a time).
    fits, too_wide = 0, len(text)
    while too_wide - fits > 1:
        middle = (fits + too_wide) // 2
        if pdfmetrics.stringWidth(text[:middle] + "…", font, size) <= width:
            fits = middle
        else:
            too_wide = middle
    return text[:fits].rstrip() + "…"


def _running_header(meta: DocumentMeta) -> Callable[[Canvas, BaseDocTemplate], None]:
    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        if not meta.running_header:
            return
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.setFillColor(GREY)
        y = PAGE_SIZE[1] - MARGIN_TOP / 2 - 4
        canvas.drawString(MARGIN_LEFT, y, fit(meta.running_header, FONT, 8, TEXT_WIDTH))
        canvas.restoreState()

    return draw


def _letterhead(meta: DocumentMeta) -> Callable[[Canvas, BaseDocTemplate], None]:
    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        if meta.letterhead is not None:
            canvas.saveState()
            meta.letterhead(canvas, doc)
            canvas.restoreState()

    return draw


def document_template(target: Any, meta: DocumentMeta) -> BaseDocTemplate:
    """An A4 document: the first page below the letterhead, later pages with a running header."""
    register_fonts()
    doc = BaseDocTemplate(
        target,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        creator=meta.creator,
        producer="privdesk (reportlab)",
        keywords=list(meta.keywords),
        lang=PDF_LANGUAGES.get(meta.language, meta.language),
        displayDocTitle=True,
        invariant=int(meta.invariant),
        initialFontName=FONT,
    )
    height = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM
    first = Frame(MARGIN_LEFT, MARGIN_BOTTOM, TEXT_WIDTH, height - meta.letterhead_height,
                  id="first", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    later = Frame(MARGIN_LEFT, MARGIN_BOTTOM, TEXT_WIDTH, height, id="later",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[first], onPage=_letterhead(meta),
                     autoNextPageTemplate="later"),
        PageTemplate(id="later", frames=[later], onPage=_running_header(meta)),
    ])
    return doc


def render(story: Sequence[Flowable], meta: DocumentMeta) -> bytes:
    """The PDF of ``story`` with the pages, footer and metadata that ``meta`` describes."""
    buffer = io.BytesIO()
    doc = document_template(buffer, meta)
    doc.build(list(story), canvasmaker=_numbered_canvas(meta))
    return buffer.getvalue()


def paragraph(text: str, style: ParagraphStyle) -> Flowable:
    """A paragraph of plain user text (escaped here; line breaks kept)."""
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text, lines=True), style)
