"""Hostile text for property tests: formula prefixes, reportlab markup, controls, bidi, long words.

``hostile_texts()`` draws strings built from the pieces an attacker (or an unlucky paste) puts
in a name or a note; ``examples(n)`` scales example counts for the long run
(``PRIVDESK_FUZZ_SCALE``, see ``benchmarks/fuzz_long.py``).
"""

from __future__ import annotations

import collections
import functools
import io
import os
import re
import unicodedata
import zipfile
from typing import Any

from hypothesis import strategies as st

SCALE = int(os.environ.get("PRIVDESK_FUZZ_SCALE", "1"))


def examples(count: int) -> int:
    """``count`` examples in the test run, ``count * SCALE`` in the long run."""
    return count * SCALE


PIECES = (
    "=cmd|' /C calc'!A0", "+1", "-1", "@SUM(1)", "=1+1", "#N/A", "'", "\t=2",
    '=HYPERLINK("http://evil.example","x")',
    "<font color=red>", "</font>", "<a href=x>", "</a>", "<img src=/etc/passwd>",
    "<link href='http://evil.example'>", "&amp;", "&lt;", "&#60;", "<br/>", "<para>",
    "<b>", "<onDraw name=x>", "<seq id=x/>", "]]>", "&",
    "\x00", "\x07", "\x1b[31m", "\x0b", "\x7f", "\x85", "\r\n", "\r", "\n",
    "\u202e", "\u202d", "\u2066", "\u200b",
    "🙂", "👨‍👩‍👧", "🇳🇴",
    "áŋđŧšžčÁŊĐŦŠŽČ", "æøåÆØÅäöÄÖ", "Máret Ŋuolla",
    "_x0041_", "_x000D_",
    " ", "  ",
)
LONG_WORD = "Ŋ" + "x" * 4_998 + "ŧ"  # 5,000 characters without a space

# No U+FEFF: pypdf reads it back as a byte-order mark and scrambles the text around it (an
# artefact of the reader, not of the PDF).
_ordinary = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",),
                                           exclude_characters="\ufeff"), max_size=12)


@st.composite
def hostile_texts(draw: Any, long_words: bool = True) -> str:
    """A non-blank string of hostile pieces and ordinary characters."""
    parts = draw(st.lists(st.one_of(st.sampled_from(PIECES), _ordinary), min_size=1,
                          max_size=6))
    if long_words and draw(st.integers(0, 19)) == 0:
        parts.append(LONG_WORD)
    text = "".join(parts)
    # Every field in these tests is one a record needs filled in: keep something visible.
    return text if text.strip() else text + "x"


# ---------------------------------------------------------------- workbooks


def workbook_parts(content: bytes) -> dict[str, str]:
    """The XML parts of an xlsx file by name."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()
                if name.endswith((".xml", ".rels"))}


_FORMULA = re.compile(r"<(?:\w+:)?f[\s>/]")
_HYPERLINK = re.compile(r"<(?:\w+:)?hyperlinks?[\s>/]")


def workbook_dangers(content: bytes) -> list[str]:
    """Everything in a workbook that could run or link: formulas, hyperlinks, external links."""
    import xml.etree.ElementTree as ElementTree

    found = []
    for name, xml in workbook_parts(content).items():
        try:
            ElementTree.fromstring(xml)
        except ElementTree.ParseError as error:
            found.append(f"{name}: not well-formed XML ({error})")
        if name.startswith("xl/worksheets/") and _FORMULA.search(xml):
            found.append(f"{name}: a formula")
        # Markup, not text: user text in the XML is escaped, so "<" here opens an element.
        if _HYPERLINK.search(xml) or "relationships/hyperlink" in xml:
            found.append(f"{name}: a hyperlink")
        if name.startswith("xl/externalLinks"):
            found.append(f"{name}: an external link")
        if "TargetMode=\"External\"" in xml:
            found.append(f"{name}: an external target")
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type not in ("s", "n", "d"):
                    found.append(f"{sheet.title}!{cell.coordinate}: type {cell.data_type}")
                if cell.hyperlink is not None:
                    found.append(f"{sheet.title}!{cell.coordinate}: a hyperlink")
    return found


def workbook_texts(content: bytes) -> list[str]:
    """The text of every text cell, as a reader sees it (OOXML escapes undone)."""
    from openpyxl import load_workbook

    from privdesk.documents.safe_cells import read_text

    workbook = load_workbook(io.BytesIO(content), read_only=True)
    try:
        return [read_text(cell.value) for sheet in workbook.worksheets
                for row in sheet.iter_rows() for cell in row
                if isinstance(getattr(cell, "value", None), str)]
    finally:
        workbook.close()


# ---------------------------------------------------------------- PDFs


def pdf_text(content: bytes) -> str:
    """The text of the story only: what is drawn between the top and bottom margins, so that
    the footer and the running header never come between two halves of a split word."""
    from pypdf import PdfReader

    from privdesk.documents import pdf

    low, high = pdf.MARGIN_BOTTOM - 1, pdf.PAGE_SIZE[1] - pdf.MARGIN_TOP + 1
    pieces: list[str] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: Any) -> None:
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if low <= y <= high:
            pieces.append(text)

    for page in PdfReader(io.BytesIO(content)).pages:
        page.extract_text(visitor_text=visit)
        pieces.append("\n")
    return "".join(pieces)


def pdf_dangers(content: bytes) -> list[str]:
    """Links, actions, images or scripts in a PDF (user text must never make any)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    found = []
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            found.append(f"page {number}: annotation {annotation.get_object().get('/Subtype')}")
        resources = page.get("/Resources") or {}
        if "/XObject" in resources:
            found.append(f"page {number}: an image or form")
    root = reader.trailer["/Root"]
    for key in ("/OpenAction", "/AA", "/Names"):
        if key in root:
            found.append(f"catalog: {key}")
    if b"/JavaScript" in content or b"/URI" in content or b"/Launch" in content:
        found.append("an action in the file")
    return found


_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

def _visible(text: str) -> str:
    # Format characters (bidi controls, zero-width space and joiners, soft hyphen) draw
    # nothing: a soft hyphen shows only where a line breaks, the others never.
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


@functools.cache
def _font_coverage() -> frozenset[int]:
    """The code points both embedded faces (regular and bold) have a glyph for."""
    from reportlab.pdfbase import pdfmetrics

    from privdesk.documents import pdf

    pdf.register_fonts()
    faces = [pdfmetrics.getFont(name).face for name in (pdf.FONT, pdf.FONT_BOLD)]
    return frozenset.intersection(*(frozenset(f.charToGlyph) for f in faces))  # type: ignore[attr-defined]


def _glyphs(text: str) -> str:
    # A character without a glyph in DejaVu Sans (emoji, most CJK) is drawn as the empty box
    # and extracted as U+0000: a limit of the font, not of the escaping.
    # A drawn character beyond U+FFFF (a domino tile, a rare CJK) cannot be extracted: the
    # ToUnicode map reportlab 4 writes for it has an odd-length code that readers skip.
    covered = _font_coverage()
    return "".join(("" if ord(c) > 0xFFFF else c) if ord(c) in covered or c.isspace()
                   else "\x00" for c in text)


def pdf_shown(text: str) -> str:
    """``text`` as the PDF shows it, compared without white space: the documented rule of
    ``pdf.escape`` drops control characters; text extraction loses white space and the
    invisible format characters (bidi controls, zero-width space); characters outside the
    font are boxes."""
    kept = _visible(_glyphs(_UNPRINTABLE.sub("", text)))
    return "".join(kept.split())


def pdf_compare(text: str) -> str:
    """Extracted PDF text prepared like ``pdf_shown``."""
    return "".join(_visible(_glyphs(text)).split())


def shown_in(value: str, text: str) -> bool:
    """True when ``value`` is in the extracted ``text`` (both prepared as above). Text with
    right-to-left letters is compared as a multiset of characters: the reader reorders such
    runs in its own way, while the drawing order is not what this checks."""
    expected = pdf_shown(value)
    if any(unicodedata.bidirectional(c) in ("R", "AL") for c in expected):
        return not collections.Counter(expected) - collections.Counter(text)
    return expected in text
