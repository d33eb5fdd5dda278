"""An activity's DPIA screening as a one-page PDF for the file: result, reasons, who and when.

Records in, bytes out, in the language asked for; every piece of register text passes
``pdf.escape`` before it reaches a ``Paragraph``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table

from privdesk.documents import pdf
from privdesk.domain import dpia
from privdesk.domain.errors import N_
from privdesk.domain.kinds import zone_for
from privdesk.domain.records import Activity, Organisation, Screening
from privdesk.i18n import translation


@dataclass(frozen=True, slots=True)
class ScreeningInputs:
    """What the page shows: the activity, the answers, their decision, the stored screening
    (None: not saved yet) and whether the activity changed since."""

    activity: Activity
    answers: tuple[dpia.Answer, ...]
    decision: dpia.Decision
    stored: Screening | None
    out_of_date: bool


def render_screening(inputs: ScreeningInputs, organisation: Organisation | None,
                     language: str, now: datetime) -> bytes:
    """The screening as PDF bytes in ``language`` (nb, sv or en), dated ``now`` (aware)."""
    t = translation(language).gettext
    s = pdf.styles()
    activity, decision, stored = inputs.activity, inputs.decision, inputs.stored
    local = ZoneInfo(zone_for(organisation.country if organisation else None))
    title = t(N_("DPIA screening: {ref} {name}")).format(ref=activity.ref, name=activity.name)
    story: list[Flowable] = [Paragraph(pdf.escape(title), s.title)]
    if organisation is not None:
        story.append(Paragraph(pdf.escape(organisation.name), s.small))
    result = t(dpia.RESULT_LABELS[decision.result])
    summary = [f"<b>{pdf.escape(result)}</b>"]
    if decision.deciding:
        names = "; ".join(
            f"{t(dpia.BY_ID[c].label)} ({dpia.BY_ID[c].reference})" for c in decision.deciding)
        summary.append(pdf.escape(t(N_("Decided by: {criteria}")).format(criteria=names)))
    else:
        summary.append(pdf.escape(t(N_("No criterion is met."))))
    story.append(Paragraph("<br/>".join(summary), s.summary))
    if stored is not None:
        when = stored.at.astimezone(local).strftime("%Y-%m-%d %H:%M")
        story.append(Paragraph(pdf.escape(t(N_("Screened {at} by {by}")).format(
            at=when, by=stored.by)), s.body))
    else:
        story.append(Paragraph(pdf.escape(t(N_(
            "Not saved: a draft, with the answers as they stood when it was printed."))), s.body))
    if inputs.out_of_date:
        story.append(Paragraph(pdf.escape(t(N_(
            "The activity has changed since it was screened: screen it again"))), s.body))
    story.append(_answers_table(inputs.answers, t))
    sources = sorted({dpia.BY_ID[a.criterion].source for a in inputs.answers},
                     key=list(dpia.SOURCES).index)
    story.append(Paragraph(pdf.escape(t(N_("Sources"))), s.subheading))
    for source in sources:
        story.append(Paragraph(pdf.escape(t(dpia.SOURCES[source])), s.small))
    meta = pdf.DocumentMeta(
        title=title, author=organisation.name if organisation else "privdesk",
        subject=t(N_("DPIA screening")), language=language,
        page_label=t(N_("Page {page} of {pages}")),
        footer=t(N_("Printed {date}")).format(date=now.astimezone(local).strftime("%Y-%m-%d")))
    return pdf.render(story, meta)


def _answers_table(answers: Sequence[dpia.Answer], gettext: Callable[[str], str]) -> Table:
    s = _compact()
    words = {True: gettext(N_("yes")), False: gettext(N_("no")), None: "–"}
    rows: list[list[object]] = [[
        Paragraph(pdf.escape(gettext(N_("Question"))), s.cell_bold),
        Paragraph(pdf.escape(gettext(N_("Source"))), s.cell_bold),
        Paragraph(pdf.escape(gettext(N_("Answer"))), s.cell_bold),
        Paragraph(pdf.escape(gettext(N_("Reason"))), s.cell_bold),
    ]]
    for answer in answers:
        criterion = dpia.BY_ID[answer.criterion]
        style = s.cell_bold if answer.met else s.cell
        rows.append([
            Paragraph(pdf.escape(gettext(criterion.label)), style),
            Paragraph(pdf.escape(criterion.reference), s.cell),
            Paragraph(pdf.escape(words[answer.met]), style),
            Paragraph(pdf.escape(answer.reason), s.cell),
        ])
    table = Table(rows, colWidths=[58 * mm, 28 * mm, 16 * mm, 68 * mm], repeatRows=1)
    table.setStyle(pdf.table_style(
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, pdf.RULE),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, pdf.RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ))
    return table


@dataclass(frozen=True, slots=True)
class _Cells:
    cell: ParagraphStyle
    cell_bold: ParagraphStyle


def _compact() -> _Cells:
    """The shared cell styles a size smaller: twenty questions with their reasons must fit
    on one page in the longest language (Swedish)."""
    s = pdf.styles()
    return _Cells(ParagraphStyle("dpia_cell", parent=s.cell, fontSize=8, leading=10),
                  ParagraphStyle("dpia_cell_bold", parent=s.cell_bold, fontSize=8,
                                 leading=10))


__all__ = ["ScreeningInputs", "render_screening"]
