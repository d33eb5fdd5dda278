"""The privacy notice as a PDF: the same words as the HTML, on A4, through ``documents.pdf``.

Fonts embedded (DejaVu Sans), the document language in the catalog, and an outline (bookmarks)
with one entry per section and per processing, so a reader can jump to "what about my child's
grades?"; the index by kind of information links to each processing. reportlab writes no
structure tree, so the PDF is not tagged: the HTML is the accessible form to publish.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer, Table

from privdesk.documents import pdf
from privdesk.documents.notice_text import (
    Address,
    Block,
    Facts,
    Index,
    Items,
    Missing,
    NoticeText,
    Para,
    Ref,
    Section,
    notice_text,
)
from privdesk.domain.notice import Notice
from privdesk.i18n import translation

MISSING_COLOUR = colors.HexColor("#7a1d00")
MISSING_BACK = colors.HexColor("#fff4e5")
LINK_COLOUR = "#0a4a8f"


class _Heading(Paragraph):
    """A heading that is also a destination and an outline entry (the PDF's bookmarks)."""

    def __init__(self, text: str, style: ParagraphStyle, key: str, level: int | None) -> None:
        super().__init__(text, style)
        self._key = key
        self._level = level
        self._title = text

    def draw(self) -> None:
        super().draw()
        canvas: Any = self.canv
        canvas.bookmarkHorizontal(self._key, 0, self.height + 4)
        if self._level is not None:
            canvas.addOutlineEntry(self._plain, self._key, level=self._level, closed=False)

    @property
    def _plain(self) -> str:
        # The outline shows plain text: the heading's own words, unescaped.
        from xml.sax.saxutils import unescape

        return unescape(self._title)


class _FactsTable(Table):
    """A processing's facts, each row kept whole across a page break: a row split in two left
    its second half on the next page without its label ("Outside the EU/EEA"). Only a row
    that does not fit even in half a page is split, so that no row can stop the document."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.splitInRow = 0
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if parts or availHeight < HALF_PAGE:
            return parts
        self.splitInRow = 1
        return list(super().split(availWidth, availHeight))


# Room below which a row is moved whole to the next page rather than split.
HALF_PAGE = (pdf.PAGE_SIZE[1] - pdf.MARGIN_TOP - pdf.MARGIN_BOTTOM) / 2


class _Pdf:
    def __init__(self, text: NoticeText) -> None:
        self.text = text
        self.styles = pdf.styles()
        s = self.styles
        self.ref = ParagraphStyle("notice_ref", parent=s.small, spaceAfter=1)
        self.cell_ref = ParagraphStyle("notice_cell_ref", parent=s.small, fontSize=8,
                                       leading=10.5, spaceAfter=0)
        self.missing = ParagraphStyle("notice_missing", parent=s.cell_bold,
                                      textColor=MISSING_COLOUR, backColor=MISSING_BACK)
        # Not kept with the next flowable: a processing's table is often taller than what is
        # left of a page, and kept with its heading it left most pages half empty.
        self.h3 = ParagraphStyle("notice_h3", parent=s.subheading, fontSize=11, leading=14.5,
                                 spaceBefore=10, keepWithNext=0)

    def story(self) -> list[Flowable]:
        s = self.styles
        story: list[Flowable] = [
            _Heading(pdf.escape(self.text.title), s.title, "top", None),
            Paragraph(pdf.escape(self.text.subtitle), s.small),
            Spacer(1, 3 * mm),
        ]
        for section in self.text.sections:
            if section.anchor == "details":
                # The first layer (summary and index) stands apart from the details.
                story.append(PageBreak())
            story += self.section(section)
        return story

    def section(self, section: Section) -> list[Flowable]:
        s = self.styles
        style = s.heading if section.level == 2 else self.h3
        flowables: list[Flowable] = [CondPageBreak(45 * mm),
                                     _Heading(pdf.escape(section.title), style, section.anchor,
                                              section.level - 2)]
        for block in section.blocks:
            flowables += self.block(block, summary=section.anchor == "summary")
        return flowables

    def block(self, block: Block, summary: bool = False) -> list[Flowable]:
        s = self.styles
        if isinstance(block, Para):
            small = block.small or isinstance(block.text, Ref)
            return [Paragraph(pdf.escape(block.text), self.ref if small else s.body)]
        if isinstance(block, Items):
            found: list[Flowable] = []
            for item in block.items:
                parts = []
                if item.lead:
                    parts.append(f"<b>{pdf.escape(item.lead)}</b>")
                if item.text:
                    parts.append(pdf.escape(item.text))
                line = (": " if item.lead and item.text else "").join(parts)
                if item.ref:
                    line += f' <font size="8" color="#555555">({pdf.escape(item.ref)})</font>'
                found.append(Paragraph(line, s.bullet, bulletText="•"))
            return [*found, Spacer(1, 2 * mm)]
        if isinstance(block, Facts):
            rows = [[Paragraph(pdf.escape(label), s.cell_bold),
                     [self.value(v) for v in values]] for label, values in block.rows]
            return [_FactsTable(rows, colWidths=[44 * mm, pdf.TEXT_WIDTH - 44 * mm],
                                hAlign="LEFT", style=self.grid())]
        if isinstance(block, Index):
            rows = [[Paragraph(pdf.escape(label), s.cell_bold),
                     Paragraph(", ".join(
                         f'<a href="#{pdf.escape(anchor)}" color="{LINK_COLOUR}">'
                         f"<u>{pdf.escape(text)}</u></a>" for text, anchor in links), s.cell)]
                    for label, links in block.rows]
            return [Table(rows, colWidths=[60 * mm, pdf.TEXT_WIDTH - 60 * mm], splitInRow=1,
                          hAlign="LEFT", style=self.grid())]
        assert isinstance(block, Address)
        return [Paragraph("<br/>".join(pdf.escape(line) for line in block.lines),
                          ParagraphStyle("notice_address", parent=s.body, leftIndent=12))]

    def value(self, text: str) -> Flowable:
        if isinstance(text, Ref):
            return Paragraph(pdf.escape(text), self.cell_ref)
        if isinstance(text, Missing):
            return Paragraph(pdf.escape(text), self.missing)
        return Paragraph(pdf.escape(text, lines=True), self.styles.cell)

    def grid(self) -> Any:
        return pdf.table_style(("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.3, pdf.RULE),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2),
                               ("TOPPADDING", (0, 0), (-1, -1), 3),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4))

    def meta(self) -> pdf.DocumentMeta:
        gettext = translation(self.text.language).gettext
        return pdf.DocumentMeta(
            title=self.text.title, author=self.text.organisation, subject=self.text.subject,
            language=self.text.language, page_label=gettext("Page {page} of {pages}"),
            footer=self.text.subtitle, running_header=self.text.title)


def render_notice_pdf(notice: Notice) -> bytes:
    """The notice as PDF bytes."""
    document = _Pdf(notice_text(notice))
    return pdf.render(document.story(), document.meta())


__all__ = ["render_notice_pdf"]
