"""The draft notification of a personal data breach to Datatilsynet or IMY (Art. 33(3)) as a PDF.

Records in, bytes out. The sections follow the authority's own notification form, so the DPO
can copy each answer into it: Datatilsynet's form for a Norwegian organisation, IMY's for a
Swedish one (Art. 33(3)'s own order elsewhere). The 72-hour clock, the phased notifications
(Art. 33(4)), the reasons for any delay and the ENISA assessment with its reasons come with it.
Every piece of register text passes ``pdf.escape`` before it reaches a ``Paragraph``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from privdesk.documents import pdf
from privdesk.documents.wording import AUTHORITIES
from privdesk.domain import labels
from privdesk.domain.codes import LANGUAGES, SPECIAL_CATEGORIES
from privdesk.domain.errors import N_
from privdesk.domain.incidents import (
    ReportInputs,
    authority_notified_at,
    clock_start,
    hours_to_notification,
    is_late,
    notifications,
    notify_by,
    problems,
)
from privdesk.domain.kinds import zone_for
from privdesk.domain.records import Activity, Incident, Organisation, Processor
from privdesk.domain.risk import Assessment, assess
from privdesk.i18n import translation

LOCALES = {"nb": "nb_NO", "sv": "sv_SE", "en": "en_GB"}

# The order of the sections in each authority's form. Datatilsynet's form (Altinn; guidance at
# datatilsynet.no, "Melde avvik til Datatilsynet") describes the breach (time, what happened, the
# people, the data), then consequences, measures, informing the people, and ends with the
# contact details. IMY's e-service (e-tjanster.imy.se/sv/anmalan) starts with the organisation
# and its contact, then the times, what happened, the people, the data, the consequences and a
# severity estimate, then the measures and informing the people.
SECTION_ORDER = {
    "NO": ("kind", "timing", "what", "people", "data", "consequences", "measures",
           "informing", "controller", "involved", "assessment"),
    "SE": ("kind", "controller", "timing", "what", "people", "data", "consequences",
           "assessment", "measures", "informing", "involved"),
}
# Art. 33(3): (a) nature, categories and numbers, (b) the DPO, (c) consequences, (d) measures.
ARTICLE_ORDER = ("kind", "what", "data", "people", "controller", "consequences", "measures",
                 "timing", "informing", "involved", "assessment")


class Markup(str):
    """Paragraph markup built here from escaped parts (never raw user text)."""


def _markup(value: object) -> str:
    return value if isinstance(value, Markup) else pdf.escape(value, lines=True)


class _Report:
    """One breach report in one language."""

    def __init__(self, incident: Incident, organisation: Organisation | None,
                 activities: Sequence[Activity], processors: Sequence[Processor],
                 language: str, now: datetime) -> None:
        from babel.dates import format_date

        self.incident = incident
        self.organisation = organisation or Organisation(name="")
        self.language = language if language in LANGUAGES else "en"
        self.gettext: Callable[[str], str] = translation(self.language).gettext
        self.locale = LOCALES[self.language]
        self._format_date: Callable[[Any], str] = (
            lambda day: str(format_date(day, format="long", locale=self.locale)))
        # No organisation recorded: no authority is assumed (Art. 33(3)'s order, UTC clock).
        self.country = (organisation.country or "").upper() if organisation else ""
        self.zone = zone_for(self.country)
        self.now = now
        self.styles = pdf.styles()
        self.sections_made = 0
        self.assessment: Assessment = assess(incident)
        by_ref = {a.ref: a for a in activities}
        self.activities = [by_ref[ref] for ref in incident.activities if ref in by_ref]
        processors_by_ref = {p.ref: p for p in processors}
        self.processors = [processors_by_ref[ref] for ref in incident.processors
                           if ref in processors_by_ref]

    # --- words --------------------------------------------------------------------------------

    def text(self, msgid: str, **params: object) -> Markup:
        template = pdf.escape(self.gettext(msgid))
        return Markup(template.format(**{k: _markup(v) for k, v in params.items()}))

    def bold(self, markup: Markup) -> Markup:
        return Markup(f"<b>{markup}</b>")

    def moment(self, value: datetime | None) -> str:
        """A moment on the organisation's clocks: "23 November 2026 at 09:15 CET"."""
        if value is None:
            return self.gettext("Not recorded")
        from zoneinfo import ZoneInfo

        local = value.astimezone(ZoneInfo(self.zone))
        return self.gettext("{date} at {time}").format(
            date=self._format_date(local.date()), time=f"{local:%H:%M} {local.tzname()}")

    def label(self, group: str, code: str) -> str:
        return labels.label(group, code, self.gettext)

    def yes_no(self, value: bool | None) -> str:
        if value is None:
            return self.gettext("Not known")
        return self.gettext("Yes") if value else self.gettext("No")

    def para(self, markup: str, style: Any = None) -> Paragraph:
        return Paragraph(markup, style or self.styles.body)

    def hours(self, value: float) -> str:
        """Hours to one decimal, as the language writes decimals."""
        return self.decimal(round(value, 1))

    def decimal(self, value: float) -> str:
        """A number as the language writes it (4,25 in nb and sv; 4.25 in en)."""
        from babel.numbers import format_decimal

        return str(format_decimal(value, format="#,##0.##", locale=self.locale))

    @property
    def authority_name(self) -> str:
        authority = AUTHORITIES.get(self.country)
        if authority is None:
            return self.gettext("the data protection authority")
        return self.gettext(authority.name)

    # --- the document -------------------------------------------------------------------------

    def meta(self) -> pdf.DocumentMeta:
        organisation = self.organisation.name
        title = self.gettext("Personal data breach notification: draft")
        return pdf.DocumentMeta(
            title=f"{title} ({self.incident.ref})",
            author=organisation,
            subject=self.gettext("Notification of a personal data breach to the supervisory "
                                 "authority (Art. 33 GDPR)"),
            language=self.language,
            keywords=(self.incident.ref, "GDPR Art. 33"),
            page_label=self.gettext("Page {page} of {pages}"),
            footer=" · ".join(part for part in (organisation, self.incident.ref) if part),
            running_header=" – ".join(part for part in (organisation, title, self.incident.ref)
                                      if part),
        )

    def story(self) -> list[Flowable]:
        s = self.styles
        story: list[Flowable] = []
        if self.organisation.name:
            story.append(self.para(_markup(self.organisation.name), s.small))
        story.append(self.para(self.text(N_("Personal data breach notification: draft")),
                               s.title))
        story.append(self.para(self.text(
            N_("Prepared for {authority} on {date}. Ordered like the authority's notification "
               "form; copy each answer into the form."),
            authority=self.authority_name, date=self.moment(self.now)), s.small))
        story += self.clock()
        sections: dict[str, Callable[[], list[Flowable]]] = {
            "kind": self.kind, "controller": self.controller, "timing": self.timing,
            "what": self.what, "data": self.data, "people": self.people,
            "consequences": self.consequences, "measures": self.measures,
            "informing": self.informing, "involved": self.involved,
            "assessment": self.assessment_section,
        }
        for key in SECTION_ORDER.get(self.country, ARTICLE_ORDER):
            heading, *rest = sections[key]()
            # A heading never ends a page alone: it stays with the section's first block.
            story.append(KeepTogether([heading, *rest[:1]]))
            story += rest[1:]
        return story

    def clock(self) -> list[Flowable]:
        """The 72-hour clock in a box at the top: when, by when, and whether it was kept."""
        incident = self.incident
        deadline = notify_by(incident)
        lines = [self.text(N_("The school became aware of the breach: {moment}"),
                           moment=self.moment(incident.aware_at)),
                 self.bold(self.text(N_("Notify the authority by: {moment}"),
                                     moment=self.moment(deadline)))]
        notified = authority_notified_at(incident)
        elapsed = hours_to_notification(incident)
        if notified is not None and elapsed is not None:
            lines.append(self.text(
                N_("Notified: {moment}, {hours} hours after the school became aware."),
                moment=self.moment(notified), hours=self.hours(elapsed)))
            if is_late(incident):
                lines.append(self.bold(self.text(N_("The notification was late."))))
        elif incident.decided_not_to_notify_at is not None:
            lines.append(self.text(N_("Not notified: the DPO decided on {moment} not to notify "
                                      "the authority (the reasons are under the risk "
                                      "assessment)."),
                                   moment=self.moment(incident.decided_not_to_notify_at)))
        elif not self.assessment.notify_authority:
            lines.append(self.text(N_("Not notified: the assessment finds that notifying the "
                                      "authority is not required.")))
        else:
            left = (deadline - self.now).total_seconds() / 3600
            if left >= 0:
                lines.append(self.text(N_("Not notified yet: {hours} hours left when this "
                                          "draft was made."), hours=self.hours(left)))
            else:
                lines.append(self.bold(self.text(
                    N_("Not notified yet: the deadline passed {hours} hours before this draft "
                       "was made."), hours=self.hours(-left))))
        advice = self.assessment
        lines.append(self.text(
            N_("Severity {band}. Advice: notify the authority: {authority}; inform the people "
               "affected: {subjects}."),
            band=self.label("severity_bands", advice.severity.band).lower(),
            authority=self.yes_no(advice.notify_authority).lower(),
            subjects=self.yes_no(advice.notify_subjects).lower()))
        if incident.reported_by_processor is not None and (
                clock_start(incident) == incident.reported_by_processor):
            lines.append(self.text(N_("A processor reported the breach on {moment}; the 72 "
                                      "hours run from then."),
                                   moment=self.moment(incident.reported_by_processor)))
        return [self.para(Markup("<br/>".join(lines)), self.styles.summary)]

    def rows(self, rows: Iterable[tuple[str, object]]) -> Table:
        """Two columns: the form's question and our answer."""
        s = self.styles
        data = []
        for name, value in rows:
            if isinstance(value, list):
                cell: Any = [self.para(_markup(v), s.cell) for v in value] or \
                    [self.para(self.text(N_("None recorded.")), s.cell)]
            else:
                shown = value if value not in (None, "") else self.gettext("Not recorded")
                cell = self.para(_markup(shown), s.cell)
            data.append([self.para(self.text(name), s.cell_bold), cell])
        # splitInRow: a long description (or one very long word) may be taller than a page;
        # without it reportlab cannot place the row and the report fails with a LayoutError.
        return Table(data, colWidths=[55 * mm, pdf.TEXT_WIDTH - 55 * mm], hAlign="LEFT",
                     splitInRow=1,
                     style=pdf.table_style(("VALIGN", (0, 0), (-1, -1), "TOP"),
                                           ("LINEBELOW", (0, 0), (-1, -1), 0.3, pdf.RULE),
                                           ("LEFTPADDING", (0, 0), (-1, -1), 2),
                                           ("TOPPADDING", (0, 0), (-1, -1), 3),
                                           ("BOTTOMPADDING", (0, 0), (-1, -1), 4)))

    def heading(self, msgid: str) -> Paragraph:
        """The next numbered section heading (numbers as in the form's order)."""
        self.sections_made += 1
        return self.para(Markup(f"{self.sections_made}. {self.text(msgid)}"),
                         self.styles.heading)

    # --- the sections -------------------------------------------------------------------------

    def kind(self) -> list[Flowable]:
        sequence = notifications(self.incident)
        if not sequence:
            kind = self.gettext("Initial notification (information may follow in phases, "
                                "Art. 33(4))")
        else:
            last = sequence[-1].kind
            kind = self.gettext("Follow-up to an earlier notification") if last != "complete" \
                else self.label("notification_kinds", "complete")
        rows: list[tuple[str, object]] = [
            (N_("Type of notification"), kind),
            (N_("Incident reference"), self.incident.ref),
            (N_("The authority's reference"), self.incident.authority_ref),
        ]
        story: list[Flowable] = [self.heading(N_("Notification")), self.rows(rows)]
        if sequence:
            s = self.styles
            table = [[self.para(self.text(N_("Notification")), s.cell_bold),
                      self.para(self.text(N_("Sent")), s.cell_bold),
                      self.para(self.text(N_("Reference")), s.cell_bold),
                      self.para(self.text(N_("Note")), s.cell_bold)]]
            for item in sequence:
                table.append([self.para(_markup(self.label("notification_kinds", item.kind)),
                                        s.cell),
                              self.para(_markup(self.moment(item.at)), s.cell),
                              self.para(_markup(item.reference or ""), s.cell),
                              self.para(_markup(item.note or ""), s.cell)])
            story.append(Spacer(1, 3 * mm))
            story.append(Table(table, colWidths=[35 * mm, 45 * mm, 30 * mm,
                                                 pdf.TEXT_WIDTH - 110 * mm],
                               repeatRows=1, hAlign="LEFT", splitInRow=1,
                               style=pdf.table_style(
                                   ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("BACKGROUND", (0, 0), (-1, 0), pdf.SHADE),
                                   ("LINEBELOW", (0, 0), (-1, -1), 0.3, pdf.RULE),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 3))))
        return story

    def controller(self) -> list[Flowable]:
        organisation = self.organisation
        dpo = organisation.dpo
        dpo_lines = [part for part in (dpo.name, dpo.email, dpo.phone) if part] if dpo else []
        rows: list[tuple[str, object]] = [
            (N_("Controller"), organisation.name),
            (N_("Organisation number"), organisation.org_number),
            (N_("Address"), organisation.address),
            (N_("E-mail"), organisation.email),
            (N_("Telephone"), organisation.phone),
            (N_("Data protection officer (contact point)"),
             Markup("<br/>".join(pdf.escape(p) for p in dpo_lines)) if dpo_lines else None),
        ]
        return [self.heading(N_("The controller and the contact point")), self.rows(rows)]

    def timing(self) -> list[Flowable]:
        incident = self.incident
        rows: list[tuple[str, object]] = [
            (N_("When the breach happened"), self.moment(incident.occurred_at)
             if incident.occurred_at else self.gettext("Not known")),
            (N_("When the school became aware of it"), self.moment(incident.aware_at)),
        ]
        if incident.reported_by_processor is not None:
            rows.append((N_("When the processor reported it"),
                         self.moment(incident.reported_by_processor)))
        rows.append((N_("Is the breach still going on?"), self.ongoing_text()))
        rows.append((N_("Deadline for notifying (72 hours)"),
                     self.moment(notify_by(incident))))
        notified = authority_notified_at(incident)
        rows.append((N_("When the authority was notified"),
                     self.moment(notified) if notified else self.gettext("Not yet")))
        overdue = (notified is None and self.assessment.notify_authority
                   and incident.decided_not_to_notify_at is None)
        if is_late(incident, self.now if overdue else None):
            rows.append((N_("Reasons for the delay (Art. 33(1))"),
                         incident.delay_reason or self.gettext(
                             "Not recorded: the reasons for the delay must be given.")))
        return [self.heading(N_("Time of the breach")), self.rows(rows)]

    def ongoing_text(self) -> str:
        """Ongoing, or when it ended: the forms ask both in one question."""
        incident = self.incident
        if incident.ended_at is not None:
            return self.gettext("No, it ended {moment}").format(
                moment=self.moment(incident.ended_at))
        if incident.ongoing is None:
            return self.gettext("Not known")
        return self.gettext("Yes") if incident.ongoing else self.gettext(
            "No (when it ended is not recorded)")

    def what(self) -> list[Flowable]:
        incident = self.incident
        rows: list[tuple[str, object]] = [
            (N_("Title"), incident.title),
            (N_("What happened"), incident.description),
            (N_("Cause of the breach"),
             self.label("breach_causes", incident.cause) if incident.cause else None),
            (N_("How the breach was discovered"), incident.discovery),
            (N_("Type of breach"),
             [self.label("breach_types", code) for code in incident.breach_types]),
            (N_("Who could see the data"),
             self.label("exposures", incident.exposure) if incident.exposure else None),
            (N_("Caused on purpose"), self.yes_no(incident.malicious)),
            (N_("Data taken out"), self.yes_no(incident.exfiltrated)),
            (N_("Data encrypted"), self.yes_no(incident.encrypted)),
        ]
        if incident.encrypted:
            rows.append((N_("Key compromised"), self.yes_no(incident.key_compromised)))
        if "availability" in incident.breach_types or "integrity" in incident.breach_types:
            rows.append((N_("Backup available"), self.yes_no(incident.backup_available)))
            if incident.restored_within_hours is not None:
                rows.append((N_("Restored within (hours)"),
                             self.hours(incident.restored_within_hours)))
        if incident.exposure in ("known_trusted", "known_untrusted"):
            rows.append((N_("Recovered or deleted by the recipient"),
                         self.yes_no(incident.recovered_or_deleted_by_recipient)))
        rows.append((N_("Where the data are now"), incident.data_location))
        return [self.heading(N_("The nature of the breach")), self.rows(rows)]

    def data(self) -> list[Flowable]:
        categories = self.incident.data_categories
        ordinary = [self.label("data_categories", c) for c in categories
                    if c not in SPECIAL_CATEGORIES and c != "criminal"]
        special = [self.label("data_categories", c) for c in categories
                   if c in SPECIAL_CATEGORIES or c == "criminal"]
        rows: list[tuple[str, object]] = [
            (N_("Categories of personal data"), ordinary),
            (N_("Special categories (Art. 9) and criminal-offence data (Art. 10)"), special),
            (N_("Approximate number of records"), self.count(self.incident.records_count)),
        ]
        return [self.heading(N_("The personal data concerned")), self.rows(rows)]

    def count(self, value: int | None) -> str:
        if value is None:
            return self.gettext("Not known yet")
        from babel.numbers import format_decimal

        return str(format_decimal(value, locale=self.locale))

    def people(self) -> list[Flowable]:
        incident = self.incident
        rows: list[tuple[str, object]] = [
            (N_("Categories of data subjects"),
             [self.label("subjects", group) for group in incident.subject_groups]),
            (N_("Approximate number of data subjects"), self.count(incident.subjects_count)),
            (N_("Children affected"), self.yes_no(incident.children)),
            (N_("Vulnerable persons affected"), self.yes_no(incident.vulnerable)),
        ]
        return [self.heading(N_("The people affected")), self.rows(rows)]

    def consequences(self) -> list[Flowable]:
        return [self.heading(N_("Likely consequences for the people affected")),
                self.rows([(N_("Likely consequences"), self.incident.consequences)])]

    def measures(self) -> list[Flowable]:
        return [self.heading(N_("Measures taken or proposed")),
                self.rows([(N_("Measures taken"), self.incident.measures),
                           (N_("Measures planned"), self.incident.measures_planned)])]

    def informing(self) -> list[Flowable]:
        incident = self.incident
        advice = self.assessment
        if incident.subjects_notified_at is not None:
            informed: object = self.moment(incident.subjects_notified_at)
        else:
            informed = self.gettext("Not yet")
        rows: list[tuple[str, object]] = [
            (N_("The people affected were informed"), informed),
            (N_("How they were informed, or why not"), incident.subjects_notice),
            (N_("Advice on informing them (Art. 34)"),
             self.gettext("Yes, likely high risk") if advice.notify_subjects
             else self.gettext("Not required by the assessment")),
        ]
        if advice.public_communication:
            rows.append((N_("How"), self.gettext(
                "A public communication may replace individual messages (Art. 34(3)(c))")))
        return [self.heading(N_("Informing the people affected")), self.rows(rows)]

    def involved(self) -> list[Flowable]:
        rows: list[tuple[str, object]] = [
            (N_("Processing activities"),
             [f"{a.name} ({a.ref})" for a in self.activities] or
             [ref for ref in self.incident.activities]),
            (N_("Processors involved"),
             [f"{p.name} ({p.country})" if p.country else p.name for p in self.processors]
             or [ref for ref in self.incident.processors]),
        ]
        countries = sorted({p.country for p in self.processors if p.country}
                           - {self.country} if self.country else set())
        if countries:
            rows.append((N_("Other countries concerned"), ", ".join(countries)))
        rows.append((N_("People in other EEA countries affected (cross-border)"),
                     self.yes_no(self.incident.cross_border)))
        rows.append((N_("Other supervisory authorities concerned"),
                     self.incident.other_authorities or (
                         self.gettext("None") if self.incident.cross_border is False
                         else None)))
        return [self.heading(N_("Systems, activities and processors involved")),
                self.rows(rows)]

    def assessment_section(self) -> list[Flowable]:
        s = self.styles
        advice = self.assessment
        severity = advice.severity
        rows: list[tuple[str, object]] = [
            (N_("Severity (ENISA 2013)"), self.text(
                N_("{band}: {score} = DPC {dpc} × EI {ei} + CB {cb}"),
                band=self.label("severity_bands", severity.band),
                score=self.decimal(severity.score), dpc=severity.dpc,
                ei=self.decimal(severity.ei), cb=self.decimal(severity.cb))),
            (N_("Advice: notify the authority"), self.yes_no(advice.notify_authority)),
            (N_("Advice: inform the people affected"), self.yes_no(advice.notify_subjects)),
            (N_("The DPO's decision and reasons"), self.incident.decision_note),
        ]
        if self.incident.decided_not_to_notify_at is not None:
            rows.append((N_("Decided not to notify the authority"),
                         self.moment(self.incident.decided_not_to_notify_at)))
        story: list[Flowable] = [self.heading(N_("Risk assessment")), self.rows(rows),
                                 self.para(self.text(N_("Reasons")), s.subheading)]
        for reason in advice.reasons:
            story.append(Paragraph(pdf.escape(reason.render(self.gettext)), s.bullet,
                                   bulletText="•"))
        found = problems(self.incident)
        if found:
            story.append(self.para(self.text(N_("To check before sending")), s.subheading))
            for problem in found:
                story.append(Paragraph(pdf.escape(problem.render(self.gettext)), s.bullet,
                                       bulletText="•"))
        story.append(self.para(self.text(
            N_("The severity and the advice follow ENISA's method and the EDPB's guidelines; "
               "the decision is the controller's.")), s.small))
        return story


def breach_report_story(incident: Incident, organisation: Organisation | None,
                        activities: Sequence[Activity], processors: Sequence[Processor],
                        language: str, now: datetime) -> tuple[list[Flowable], pdf.DocumentMeta]:
    """The flowables and metadata of the report (what ``render_breach_report`` renders)."""
    report = _Report(incident, organisation, activities, processors, language, now)
    return report.story(), report.meta()


def render_report(inputs: ReportInputs) -> bytes:
    """The draft the service's ``report_inputs`` describes, as PDF bytes."""
    return render_breach_report(inputs.incident, inputs.organisation, inputs.activities,
                                inputs.processors, inputs.language, inputs.now)


def render_breach_report(incident: Incident, organisation: Organisation | None,
                         activities: Sequence[Activity], processors: Sequence[Processor],
                         language: str, now: datetime) -> bytes:
    """The Art. 33(3) notification draft for ``incident`` as PDF bytes, in ``language``.

    ``now`` (aware) is when the draft is made: it dates the draft and tells how much of the
    72 hours is left.
    """
    story, meta = breach_report_story(incident, organisation, activities, processors,
                                      language, now)
    return pdf.render(story, meta)
