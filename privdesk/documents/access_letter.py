"""The answer to an access request (Art. 15 GDPR) as a PDF letter: one child's data, one language.

Records in, bytes out. The letter is built only from the request itself (its activities and
its data items) and the register's descriptions of those activities and their processors, so
nothing about another pupil, request or guardian can reach it. Every piece of text that came
from the register passes ``pdf.escape`` before it reaches a ``Paragraph``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from privdesk.documents import pdf
from privdesk.documents.wording import AUTHORITIES, LOCALES, Authority
from privdesk.domain import labels
from privdesk.domain.codes import LANGUAGES
from privdesk.domain.deadlines import RequestDeadlines, request_deadlines
from privdesk.domain.errors import N_
from privdesk.domain.letters import LetterInputs, is_electronic, is_late
from privdesk.domain.records import Activity, Organisation, Processor, Request
from privdesk.domain.transfers import Chains
from privdesk.i18n import translation

# Activities named one by one in the summary; more are only counted there.
SUMMARY_NAMES = 6

# The requester's relation to the child, as it reads inside a sentence.
RELATION_IN_SENTENCE = {
    "guardian": N_("parent or guardian"),
    "representative": N_("representative"),
}


class Markup(str):
    """Text that is already Paragraph markup (built here from escaped parts), not user text."""


def _markup(value: object) -> str:
    return value if isinstance(value, Markup) else pdf.escape(value)


def _bold(value: object) -> Markup:
    return Markup(f"<b>{_markup(value)}</b>")


class _Letter:
    """The parts of one letter, in the recipient's language."""

    def __init__(self, request: Request, organisation: Organisation | None,
                 activities: Sequence[Activity], processors: Sequence[Processor],
                 language: str, today: date) -> None:
        from babel import Locale
        from babel.dates import format_date

        self.request = request
        self.organisation = organisation or Organisation(name="")
        self.language = language if language in LANGUAGES else "en"
        self.today = today
        catalogue = translation(self.language)
        self.gettext: Callable[[str], str] = catalogue.gettext
        self.ngettext: Callable[[str, str, int], str] = catalogue.ngettext
        locale = LOCALES[self.language]
        self._territories: Any = Locale.parse(locale).territories
        self._format_date: Callable[[date], str] = (
            lambda day: str(format_date(day, format="long", locale=locale)))
        self.styles = pdf.styles()
        self.country = (self.organisation.country or "").upper()
        self.deadlines: RequestDeadlines = request_deadlines(request, self.country or None)
        self.child = request.subject.name
        self.self_request = request.requester.relation == "self"
        self.activities = self._activities_of_request(activities)
        self.processors = {processor.ref: processor for processor in processors}
        self.chains = Chains(processors)
        self.late = is_late(request, self.organisation, today)
        grounds = {item.ground for item in request.withheld}
        self.about_others = "other_people" in grounds

    # --- what the letter is about -------------------------------------------------------------

    def _activities_of_request(self, activities: Sequence[Activity]) -> list[Activity]:
        """The request's own activities (and any its data items name), in the request's order."""
        by_ref = {activity.ref: activity for activity in activities}
        refs = dict.fromkeys([*self.request.activities,
                              *(item.activity for item in self.request.data)])
        # An activity missing from the register still gets its data items shown, under its ref.
        return [by_ref.get(ref) or Activity(ref=ref, name=ref) for ref in refs]

    def _recipients(self, activity: Activity) -> list[tuple[Processor, Processor | None]]:
        """The activity's processors, each followed by the subprocessors it engaged."""
        found: list[tuple[Processor, Processor | None]] = []
        seen: set[str] = set()

        def add(processor: Processor, parent: Processor | None) -> None:
            if processor.ref in seen:
                return
            seen.add(processor.ref)
            found.append((processor, parent))
            for child in self.processors.values():
                if child.parent == processor.ref:
                    add(child, processor)

        for ref in activity.processors:
            if ref in self.processors:
                add(self.processors[ref], None)
        return found

    # --- words --------------------------------------------------------------------------------

    def text(self, msgid: str, **params: object) -> Markup:
        """A translated sentence as markup: the template and each parameter escaped."""
        template = pdf.escape(self.gettext(msgid))
        return Markup(template.format(**{k: _markup(v) for k, v in params.items()}))

    def plural(self, translated: str, count: int, **params: object) -> Markup:
        """Like ``text`` for a template already chosen by ``self.ngettext`` for ``count``."""
        template = pdf.escape(translated)
        values = {k: _markup(v) for k, v in params.items()}
        return Markup(template.format(count=count, **values))

    def date(self, day: date | None) -> str:
        return self._format_date(day) if day else ""

    def country_name(self, code: str | None) -> str:
        if not code:
            return ""
        return str(self._territories.get(code.upper(), code))

    def label(self, group: str, code: str) -> str:
        return labels.label(group, code, self.gettext)

    def para(self, markup: str, style: Any = None) -> Paragraph:
        return Paragraph(markup, style or self.styles.body)

    def plain(self, value: object, style: Any = None) -> Paragraph:
        return Paragraph(pdf.escape(value, lines=True), style or self.styles.body)

    @property
    def authority(self) -> Authority | None:
        return AUTHORITIES.get(self.country)

    def authority_name(self) -> str:
        authority = self.authority
        if authority is None:
            return self.gettext("the data protection authority")
        return self.gettext(authority.name)

    # --- the letter ---------------------------------------------------------------------------

    def meta(self) -> pdf.DocumentMeta:
        organisation = self.organisation.name
        title = self.gettext("Access to personal data about {child}").format(child=self.child)
        return pdf.DocumentMeta(
            title=f"{title} ({self.request.ref})",
            author=organisation,
            subject=self.gettext("Answer to a request for access to personal data "
                                 "(Art. 15 GDPR)"),
            language=self.language,
            keywords=(self.request.ref,),
            page_label=self.gettext("Page {page} of {pages}"),
            footer=" · ".join(part for part in (organisation, self.request.ref) if part),
            running_header=f"{organisation} – {title}" if organisation else title,
            letterhead=self.draw_letterhead,
            letterhead_height=24 * mm,
        )

    def draw_letterhead(self, canvas: Any, doc: BaseDocTemplate) -> None:
        """The organisation's name and contact details across the top of the first page."""
        organisation = self.organisation
        left = pdf.MARGIN_LEFT
        top = pdf.PAGE_SIZE[1] - pdf.MARGIN_TOP + 4 * mm
        canvas.setFont(pdf.FONT_BOLD, 13)
        canvas.drawString(left, top - 13, pdf.fit(organisation.name, pdf.FONT_BOLD, 13,
                                                    pdf.TEXT_WIDTH))
        canvas.setFont(pdf.FONT, 8.5)
        canvas.setFillColor(pdf.GREY)
        lines = [organisation.address or ""]
        contact = []
        if organisation.org_number:
            contact.append(self.gettext("Org. no. {number}").format(
                number=organisation.org_number))
        contact += [value for value in (organisation.email, organisation.phone) if value]
        lines.append(" · ".join(contact))
        y = top - 26
        for line in (line for line in lines if line):
            canvas.drawString(left, y, pdf.fit(line, pdf.FONT, 8.5, pdf.TEXT_WIDTH))
            y -= 11
        canvas.setStrokeColor(pdf.RULE)
        canvas.setLineWidth(0.7)
        canvas.line(left, y + 2, pdf.PAGE_SIZE[0] - pdf.MARGIN_RIGHT, y + 2)

    def story(self) -> list[Flowable]:
        story: list[Flowable] = []
        story += self.address_block()
        story += self.opening()
        story += self.summary()
        # The first page is the letter itself (the first layer); the detail follows it.
        if self.activities:
            story.append(self.para(self.text(N_(
                "The details follow on the next pages, and the copy of the data is in the "
                "annex."))))
        else:
            story.append(self.para(self.text(N_("The details follow on the next page."))))
        story += self.closing()
        story.append(PageBreak())
        story += self.about_request()
        if self.activities:
            story += self.processing()
        if self.activities or self.request.withheld:
            story += self.withheld()
        story += self.rights()
        story += self.contact()
        if self.activities:
            story += self.annex()
        return story

    def address_block(self) -> list[Flowable]:
        requester = self.request.requester
        recipient = [self.plain(requester.name)]
        if requester.address:
            recipient.append(self.plain(requester.address))
        elif requester.email:
            recipient.append(self.plain(requester.email))
        s = self.styles
        facts = Table(
            [[self.para(self.text(N_("Our reference")), s.label),
              self.plain(self.request.ref, s.cell)],
             [self.para(self.text(N_("Date")), s.label),
              self.plain(self.date(self.today), s.cell)]],
            colWidths=[28 * mm, 42 * mm], hAlign="RIGHT",
            style=pdf.table_style(("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 2)),
        )
        # splitInRow: a very long name or address may be taller than a page (LayoutError).
        block = Table([[recipient, facts]], colWidths=[pdf.TEXT_WIDTH - 72 * mm, 72 * mm],
                      splitInRow=1,
                      style=pdf.table_style(("VALIGN", (0, 0), (-1, -1), "TOP"),
                                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                        ("RIGHTPADDING", (0, 0), (-1, -1), 0)))
        return [block, Spacer(1, 8 * mm)]

    def opening(self) -> list[Flowable]:
        s = self.styles
        request = self.request
        received = self.date(request.received)
        title = self.text(N_("Access to personal data about {child}"), child=self.child)
        if self.self_request:
            intro = self.text(
                N_("We received your request of {received} for access to the personal data we "
                "process about you. This letter is our answer under Article 15 of the General "
                "Data Protection Regulation (GDPR)."), received=received)
        else:
            relation = RELATION_IN_SENTENCE.get(request.requester.relation,
                                                request.requester.relation)
            intro = self.text(
                N_("We received your request of {received} for access to the personal data we "
                "process about {child}. You made the request as {relation} of {child}. This "
                "letter is our answer under Article 15 of the General Data Protection "
                "Regulation (GDPR)."), received=received, child=self.child,
                relation=self.gettext(relation))
        story: list[Flowable] = [self.para(title, s.title),
                                 self.para(self.text(N_("Dear {name},"),
                                                     name=request.requester.name)),
                                 self.para(intro)]
        if self.late:
            story.append(self.para(self.late_sentence()))
        return story

    def late_sentence(self) -> Markup:
        """Said plainly on the first page: the answer is late, we apologise, and why."""
        sentence = self.text(
            N_("This answer is late: it was due by {due}. We apologise for the delay."),
            due=self.date(self.deadlines.current))
        if self.request.delay_reason:
            reason = self.text(N_("The reason for the delay: {reason}"),
                               reason=self.request.delay_reason)
            sentence = Markup(f"{sentence} {reason}")
        return _bold(sentence)

    def summary(self) -> list[Flowable]:
        """The first layer: the answer in a few sentences, on the first page."""
        s = self.styles
        points: list[Markup] = []
        if not self.activities:
            points.append(_bold(self.text(
                N_("No: we do not process any personal data about you.") if self.self_request
                else N_("No: we do not process any personal data about {child}."),
                child=self.child)))
        else:
            points.append(_bold(self.text(
                N_("Yes: we process personal data about you.") if self.self_request
                else N_("Yes: we process personal data about {child}."), child=self.child)))
            count = len(self.activities)
            if count <= SUMMARY_NAMES:
                names = ", ".join(activity.name for activity in self.activities)
                points.append(self.plural(self.ngettext(
                    "The data are used in {count} activity: {names}.",
                    "The data are used in {count} activities: {names}.", count), count,
                    names=names))
            else:
                points.append(self.plural(self.ngettext(
                    "The data are used in {count} activity, described below.",
                    "The data are used in {count} activities, described below.", count), count))
            count = len(self.request.data)
            points.append(self.plural(self.ngettext(
                "A copy of the data ({count} item) is in the annex.",
                "A copy of the data ({count} items) is in the annex.", count), count))
            if is_electronic(self.request):
                points.append(self.text(N_(
                    "We give you the copy in electronic form, as this PDF document, because "
                    "the answer goes to you by e-mail (Art. 15(3) GDPR).")))
        if self.request.withheld:
            count = len(self.request.withheld)
            points.append(self.plural(self.ngettext(
                "We have not given you {count} piece of information; the section "
                "“What we have not given you” says why and what you can do.",
                "We have not given you {count} pieces of information; the section "
                "“What we have not given you” says why and what you can do.", count), count))
            if self.about_others:
                points.append(self.text(N_(
                    "We have left out information about other people, because giving it to "
                    "you would affect their rights and freedoms (Art. 15(4) GDPR).")))
        if self.activities:
            points.append(self.text(
                N_("You can ask us to correct or erase the data, to restrict their use, or "
                   "object to it, and you can complain to {authority}."),
                authority=self.authority_name()))
        else:
            points.append(self.text(
                N_("If you think this answer is wrong, you can complain to {authority}."),
                authority=self.authority_name()))
        points.append(self.deadline_sentence())
        points.append(self.text(N_("This answer is free of charge.")))
        # One row per sentence, so that the box can break across a page if it must.
        rows: list[list[Flowable]] = [[self.para(self.text(N_("In short")), s.subheading)]]
        rows += [[Paragraph(point, s.bullet, bulletText="•")] for point in points]
        box = Table(rows, colWidths=[pdf.TEXT_WIDTH], splitInRow=1,
                    style=pdf.table_style(("BACKGROUND", (0, 0), (-1, -1), pdf.SHADE),
                                          ("BOX", (0, 0), (-1, -1), 0.5, pdf.RULE),
                                          ("LEFTPADDING", (0, 0), (-1, -1), 8),
                                          ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                                          ("TOPPADDING", (0, 0), (-1, -1), 0),
                                          ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                                          ("TOPPADDING", (0, 0), (-1, 0), 2),
                                          ("BOTTOMPADDING", (0, -1), (-1, -1), 6)))
        return [Spacer(1, 2 * mm), box, Spacer(1, 4 * mm)]

    def deadline_sentence(self) -> Markup:
        deadlines = self.deadlines
        extended = self.request.extension is not None and deadlines.extended_due is not None
        sentence = self.text(
            N_("We received your request on {received}; our answer was due by {due}, and it "
               "is late.") if self.late and not extended else
            N_("We received your request on {received}; our answer is due by {due}."),
            received=self.date(self.request.received), due=self.date(deadlines.due))
        if extended:
            assert deadlines.extended_due is not None
            # The reasons follow in "About your request" (Art. 12(3)); a late letter also says
            # on its first page that even the extended date has passed.
            more = self.text(
                N_("We have extended the time limit to {extended_due}; the reasons are under "
                   "“About your request”."), extended_due=self.date(deadlines.extended_due))
            sentence = Markup(f"{sentence} {more}")
        return sentence

    def fact_table(self, rows: Iterable[tuple[str, object]]) -> Table:
        """Two columns: a label and a value (plain user text, or markup built here)."""
        s = self.styles
        data = []
        for name, value in rows:
            if isinstance(value, list):
                cell: Any = [self.para(_markup(v), s.cell) for v in value]
            else:
                cell = self.para(_markup(value), s.cell)
            data.append([self.para(self.text(name), s.cell_bold), cell])
        return Table(data, colWidths=[42 * mm, pdf.TEXT_WIDTH - 42 * mm], splitInRow=1,
                     style=pdf.table_style(("VALIGN", (0, 0), (-1, -1), "TOP"),
                                       ("LINEBELOW", (0, 0), (-1, -1), 0.3, pdf.RULE),
                                       ("LEFTPADDING", (0, 0), (-1, -1), 2),
                                       ("TOPPADDING", (0, 0), (-1, -1), 3),
                                       ("BOTTOMPADDING", (0, 0), (-1, -1), 4)),
                     hAlign="LEFT")

    def about_request(self) -> list[Flowable]:
        request = self.request
        subject = request.subject
        requester = request.requester
        rows: list[tuple[str, object]] = [(N_("Concerning"), subject.name)]
        if subject.born:
            rows.append((N_("Born"), self.date(subject.born)))
        if subject.class_:
            rows.append((N_("Class"), subject.class_))
        relation = self.label("relations", requester.relation)
        if requester.relation_basis:
            relation = f"{relation} ({requester.relation_basis})"
        rows.append((N_("Requested by"), requester.name))
        if not self.self_request:
            rows.append((N_("Relation to the child"), relation))
        identity = request.identity
        if identity.verified:
            checked = identity.method or self.gettext("Verified")
            if identity.at:
                checked = f"{checked} ({self.date(identity.at)})"
            rows.append((N_("Identity checked"), checked))
        rows += [(N_("Received"), self.date(request.received)),
                 (N_("Answer due by"), self.date(self.deadlines.due))]
        extension = request.extension
        if extension is not None and self.deadlines.extended_due is not None:
            rows.append((N_("Time limit extended to"), self.date(self.deadlines.extended_due)))
            rows.append((N_("Reasons for the extension"), extension.reasons))
            if extension.notified:
                told = self.text(N_("on {date}"), date=self.date(extension.notified))
            else:
                told = self.text(N_("due by {date}"),
                                 date=self.date(self.deadlines.extension_notice_by))
            rows.append((N_("Extension notified"), told))
        if self.late:
            rows.append((N_("Answered late"), self.text(N_("Yes, on {date}"),
                                                         date=self.date(self.today))))
            if self.request.delay_reason:
                rows.append((N_("Reason for the delay"), self.request.delay_reason))
        rows.append((N_("Cost"), self.text(N_("Free of charge (Art. 12(5) GDPR)"))))
        return [self.para(self.text(N_("About your request")), self.styles.heading),
                self.fact_table(rows)]

    def processing(self) -> list[Flowable]:
        s = self.styles
        story: list[Flowable] = [
            self.para(self.text(N_("What we process about {child}, and why"), child=self.child),
                      s.heading),
            self.para(self.text(
                N_("For each processing activity that concerns {child}: why we process the data, "
                "which kinds of data, who receives them, how long we keep them, where they come "
                "from, and whether they leave the EEA."), child=self.child)),
        ]
        for activity in self.activities:
            story.append(CondPageBreak(40 * mm))
            story.append(self.para(_bold(activity.name), s.subheading))
            story.append(self.fact_table(self.activity_rows(activity)))
        return story

    def activity_rows(self, activity: Activity) -> list[tuple[str, object]]:
        rows: list[tuple[str, object]] = []
        if activity.purposes:
            rows.append((N_("Purposes"), list(activity.purposes)))
        bases = [self.label("legal_bases", code) for code in activity.legal_bases]
        bases += [self.label("special_conditions", code) for code in activity.special_conditions]
        if activity.legal_basis_note:
            bases.append(activity.legal_basis_note)
        if bases:
            rows.append((N_("Legal basis"), bases))
        if activity.data_categories:
            rows.append((N_("Categories of data"), ", ".join(
                self.label("data_categories", code) for code in activity.data_categories)))
        rows.append((N_("Recipients"), self.recipient_lines(activity)))
        if activity.retention:
            rows.append((N_("How long we keep the data"), activity.retention))
        if activity.source:
            rows.append((N_("Where the data come from"), activity.source))
        rows.append((N_("Transfers outside the EEA"), self.transfer_lines(activity)))
        if activity.automated_decisions:
            rows.append((N_("Automated decisions"), activity.automated_decisions))
        else:
            rows.append((N_("Automated decisions"), self.text(
                N_("None: no decision about {child} is made by automated means alone, including "
                "profiling (Art. 22)."), child=self.child)))
        return rows

    def recipient_lines(self, activity: Activity) -> list[Markup]:
        lines: list[Markup] = []
        names: list[str] = []
        for processor, parent in self._recipients(activity):
            names.append(processor.name)
            country = self.country_name(processor.country)
            where = f"{processor.name}, {country}" if country else processor.name
            if parent is not None:
                lines.append(self.text(N_("{recipient} – subprocessor engaged by {processor}"),
                                       recipient=where, processor=parent.name))
            else:
                lines.append(self.text(N_("{recipient} – {role}"), recipient=where,
                                       role=self.label("processor_roles", processor.role)))
        # Free-text recipients the register names besides its processors (an authority, say).
        for recipient in activity.recipients:
            if not any(name and name.casefold() in recipient.casefold() for name in names):
                lines.append(Markup(pdf.escape(recipient)))
        return lines or [self.text(N_("No one outside {organisation}."),
                                   organisation=self.organisation.name)]

    def transfer_lines(self, activity: Activity) -> list[Markup]:
        """Every transfer out of the EEA of the activity's data: those the DPO typed and those
        that follow from where its processors and their subprocessors keep or reach the data
        (``domain.transfers``, as the workbook lists them)."""
        lines: list[Markup] = []
        for transfer in self.chains.transfers(activity):
            recipient = self.processors.get(transfer.recipient)
            name = recipient.name if recipient else transfer.recipient
            safeguard = (self.label("safeguards", transfer.safeguard) if transfer.safeguard
                         else self.text(N_("no safeguard recorded")))
            # ``transfer.note`` is the DPO's own (whom they asked, when): not for the recipient.
            lines.append(self.text(N_("{country}: {recipient} – {safeguard}"),
                                   country=self.country_name(transfer.country), recipient=name,
                                   safeguard=safeguard))
        return lines or [self.text(N_("None: the data stay in the EU/EEA."))]

    def withheld(self) -> list[Flowable]:
        s = self.styles
        story: list[Flowable] = [self.para(self.text(N_("What we have not given you")), s.heading)]
        if not self.request.withheld:
            story.append(self.para(self.text(N_("We have not withheld anything."))))
            return story
        grounds = {item.ground for item in self.request.withheld}
        if self.about_others:
            story.append(self.para(self.text(N_(
                "We have left out information about other people, because giving it to you "
                "would affect their rights and freedoms (Art. 15(4) GDPR)."))))
        if "exemption" in grounds:
            story.append(self.para(self.text(N_(
                "Some information is exempt from the right of access by law."))))
        if None in grounds:
            story.append(self.para(self.text(
                N_("Some information is not in this answer, because giving it to you would "
                   "affect other people's rights and freedoms (Art. 15(4) GDPR) or because the "
                   "law exempts it:"))))
        rows = [[self.para(self.text(N_("What")), s.cell_bold), self.para(self.text(N_("Why")),
                                                                        s.cell_bold)]]
        rows += [[self.plain(item.description, s.cell), self.plain(item.reason, s.cell)]
                 for item in self.request.withheld]
        story.append(Table(rows, colWidths=[pdf.TEXT_WIDTH / 2] * 2, repeatRows=1, splitInRow=1,
                           style=self.grid_style(), hAlign="LEFT"))
        story.append(Spacer(1, 2 * mm))
        story.append(self.para(self.text(
            N_("If you disagree, you can complain to {authority} or take the matter to the courts "
            "(Art. 77 and 79 GDPR)."), authority=self.authority_name())))
        return story

    def grid_style(self) -> TableStyle:
        return pdf.table_style(("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("BACKGROUND", (0, 0), (-1, 0), pdf.SHADE),
                           ("LINEBELOW", (0, 0), (-1, -1), 0.3, pdf.RULE),
                           ("LEFTPADDING", (0, 0), (-1, -1), 3),
                           ("TOPPADDING", (0, 0), (-1, -1), 2),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 3))

    def rights(self) -> list[Flowable]:
        s = self.styles
        rights = [
            (N_("Rectification (Art. 16)"), N_(
                "You can ask us to correct data that are wrong and to complete data that are "
                "incomplete.")),
            (N_("Erasure (Art. 17)"), N_(
                "You can ask us to erase data, for example when we no longer need them. Where "
                "the law requires us to keep them, we will tell you.")),
            (N_("Restriction (Art. 18)"), N_(
                "You can ask us to stop using the data, except for storing them, while a "
                "question about them is being settled.")),
            (N_("Objection (Art. 21)"), N_(
                "You can object to processing that we base on a task in the public interest "
                "or on legitimate interests, on grounds relating to the particular "
                "situation.")),
        ]
        story: list[Flowable] = [self.para(self.text(N_("Your rights")), s.heading)]
        for name, explanation in rights:
            story.append(Paragraph(f"{_bold(self.text(name))}: {self.text(explanation)}",
                                   s.bullet, bulletText="•"))
        complaint = self.text(
            N_("You can complain to {authority} if you think that we process personal data "
            "unlawfully or have not answered your request properly."),
            authority=self.authority_name())
        heading = _bold(self.text(N_("Complaint (Art. 77)")))
        story.append(Paragraph(f"{heading}: {complaint}", s.bullet, bulletText="•"))
        authority = self.authority
        if authority is not None:
            address = Markup("<br/>".join(pdf.escape(part) for part in (
                self.gettext(authority.name), authority.address, authority.web)))
            story.append(Paragraph(address, pdf_indent(s.body)))
        return story

    def contact(self) -> list[Flowable]:
        s = self.styles
        organisation = self.organisation
        dpo = organisation.dpo
        story: list[Flowable] = [self.para(self.text(N_("Contact")), s.heading)]
        story.append(self.para(self.text(N_(
            "The controller, responsible for the processing of the data and for this answer, "
            "is:"))))
        controller: list[str | None] = [organisation.name]
        if organisation.org_number:
            controller.append(self.gettext("Org. no. {number}").format(
                number=organisation.org_number))
        controller += [organisation.address, organisation.email, organisation.phone]
        story.append(Paragraph("<br/>".join(pdf.escape(p) for p in controller if p),
                               pdf_indent(s.body)))
        if dpo is not None:
            story.append(self.para(self.text(
                N_("If you have questions about this answer, or want to use your rights, write to "
                "our data protection officer:"))))
            parts = [dpo.name, dpo.email, dpo.phone]
        else:
            story.append(self.para(self.text(
                N_("If you have questions about this answer, or want to use your rights, write to "
                "us:"))))
            parts = [organisation.name, organisation.email, organisation.phone]
        story.append(Paragraph("<br/>".join(pdf.escape(p) for p in parts if p),
                               pdf_indent(s.body)))
        # A few lines: never split, so that no page holds only their end.
        return [KeepTogether(story)]

    def closing(self) -> list[Flowable]:
        dpo = self.organisation.dpo
        # The controller answers; the DPO signs for it.
        lines = [self.text(N_("Kind regards")), _bold(self.organisation.name)]
        if dpo is not None:
            lines.append(self.text(N_("{name}, data protection officer"), name=dpo.name))
        return [Spacer(1, 4 * mm), KeepTogether([self.para("<br/>".join(lines))])]

    def annex(self) -> list[Flowable]:
        s = self.styles
        story: list[Flowable] = [
            # A new page unless most of this one is free: no near-empty page before the annex.
            CondPageBreak(pdf.PAGE_SIZE[1] * 0.45),
            Spacer(1, 6 * mm),
            self.para(self.text(N_("Annex: copy of the personal data about {child}"),
                                child=self.child), s.title),
            self.para(self.text(
                N_("The personal data about {child} that we held on {date}, activity by activity "
                "(Art. 15(3) GDPR)."), child=self.child, date=self.date(self.today))),
        ]
        head = [self.para(self.text(name), s.cell_bold)
                for name in (N_("Item"), N_("Value"), N_("Category and source"))]
        widths = [w * pdf.TEXT_WIDTH for w in (0.27, 0.45, 0.28)]
        for activity in self.activities:
            items = [item for item in self.request.data if item.activity == activity.ref]
            story.append(CondPageBreak(30 * mm))
            story.append(self.para(_bold(activity.name), s.subheading))
            if not items:
                story.append(self.para(self.text(
                    N_("No data about {child} were found in this activity."), child=self.child)))
                continue
            rows: list[list[Any]] = [head]
            for item in items:
                category = (self.label("data_categories", item.category)
                            if item.category else "")
                origin: list[Flowable] = [self.plain(category, s.cell)]
                if item.source:
                    origin.append(self.para(self.text(N_("Source: {source}"),
                                                      source=item.source), s.small))
                rows.append([self.plain(item.item, s.cell), self.plain(item.value, s.cell),
                             origin])
            story.append(Table(rows, colWidths=widths, repeatRows=1, splitInRow=1,
                               style=self.grid_style(),
                               hAlign="LEFT"))
        return story


def pdf_indent(style: Any) -> Any:
    """``style`` indented like a bullet's text, for a block that belongs to the bullet above."""
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(f"{style.name}_indented", parent=style, leftIndent=12)


def access_letter_story(request: Request, organisation: Organisation | None,
                        activities: Sequence[Activity], processors: Sequence[Processor],
                        language: str, today: date) -> tuple[list[Flowable], pdf.DocumentMeta]:
    """The flowables and metadata of the letter (what ``render_access_letter`` renders)."""
    letter = _Letter(request, organisation, activities, processors, language, today)
    return letter.story(), letter.meta()


def render_letter(inputs: LetterInputs) -> bytes:
    """The letter the service's ``letter_inputs`` describes, as PDF bytes."""
    return render_access_letter(inputs.request, inputs.organisation, inputs.activities,
                                inputs.processors, inputs.language, inputs.today)


def render_access_letter(request: Request, organisation: Organisation | None,
                         activities: Sequence[Activity], processors: Sequence[Processor],
                         language: str, today: date) -> bytes:
    """The Art. 15 answer to ``request`` as PDF bytes, in ``language`` (nb, sv or en).

    ``activities`` and ``processors`` may be the whole register: only the activities the
    request names (and their processors and subprocessors) are used.
    """
    story, meta = access_letter_story(request, organisation, activities, processors,
                                      language, today)
    return pdf.render(story, meta)
