"""The words of the privacy notice in one language, as a tree of plain text the HTML and the PDF
both render.

Everything here is plain text (user text and translated sentences alike): each renderer escapes
all of it, so nothing the DPO typed is ever interpreted. The tree is layered as a parent reads:
a short summary first, then an index by kind of data ("what about my child's grades?"), then
each processing in detail, then the rights, the complaint, the contact and the notice's date
and version. Legal references are kept apart (``Ref``) so that each renderer can show them
small, present but not in the way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from privdesk.documents.wording import AUTHORITIES, LOCALES, country_words, duration_words
from privdesk.domain import labels
from privdesk.domain.errors import N_
from privdesk.domain.notice import (
    MISSING_LEGAL_BASIS,
    MISSING_PURPOSE,
    MISSING_RETENTION,
    Notice,
    NoticeActivity,
)
from privdesk.i18n import translation


class Ref(str):
    """A legal reference ("Art. 6(1)(e) GDPR"): shown small, after the plain words."""


class Missing(str):
    """Something the register does not yet say, marked in the notice at the DPO's choice."""


@dataclass(frozen=True, slots=True)
class Para:
    text: str
    small: bool = False


@dataclass(frozen=True, slots=True)
class Item:
    """A bullet: an optional bold lead, the text, an optional legal reference."""

    text: str
    lead: str = ""
    ref: str = ""


@dataclass(frozen=True, slots=True)
class Items:
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class Facts:
    """Label → lines (a line may be a ``Ref`` or a ``Missing``)."""

    rows: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class Index:
    """Label → links to sections: (text, anchor)."""

    rows: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]


@dataclass(frozen=True, slots=True)
class Address:
    lines: tuple[str, ...]


Block = Para | Items | Facts | Index | Address


@dataclass(frozen=True, slots=True)
class Section:
    level: int  # 2 or 3 (the title is the one level 1)
    title: str
    anchor: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class NoticeText:
    """The whole notice in one language."""

    language: str
    title: str
    subtitle: str
    sections: tuple[Section, ...]
    organisation: str
    subject: str


# Whether the person must give the data, and what follows if not (Art. 13(2)(e)), by basis.
PROVISION = {
    "6.1.a": N_("It is your choice. Saying no, or changing your mind later, has no other "
                "consequence than that we do not do this."),
    "6.1.b": N_("The information is needed for the agreement; without it we cannot carry "
                "it out."),
    "6.1.c": N_("The law requires this information; it must be given."),
    "6.1.d": N_("The information is used only to protect someone's life or health."),
    "6.1.e": N_("The school needs this information to do its task under the law; without it "
                "we cannot give the teaching and follow-up the law requires."),
    "6.1.f": N_("It is your choice; you can object at any time."),
}

# For staff the public task is not their teaching: the same answer without it.
STAFF_PROVISION = {
    "6.1.e": N_("The school needs this information to do its task under the law; without it "
                "we cannot do that task."),
}

# The legal bases in a pupil's words: short sentences, no legal terms.
PUPIL_BASES = {
    "6.1.a": N_("You or your parents said yes to it."),
    "6.1.b": N_("We have an agreement that needs it."),
    "6.1.c": N_("The law says we must."),
    "6.1.d": N_("It keeps someone safe from harm."),
    "6.1.e": N_("The school needs it to teach you and look after you. The law says so."),
    "6.1.f": N_("We have a good reason. We have checked that it is fair to you."),
}

ROLE_LINES = {
    "processor": N_("{recipient} – handles the information for us, only as we instruct"),
    "subprocessor": N_("{recipient} – handles the information for us, only as we instruct"),
    "joint_controller": N_("{recipient} – decides together with us how the information is used"),
    "independent_controller": N_("{recipient} – receives the information and is itself "
                                 "responsible for it"),
}


class _Writer:
    """Chooses the words of one notice."""

    def __init__(self, notice: Notice) -> None:
        from babel.dates import format_date

        self.notice = notice
        self.language = notice.language
        catalogue = translation(self.language)
        self.gettext: Callable[[str], str] = catalogue.gettext
        locale = LOCALES.get(self.language, "en_GB")
        self.date = str(format_date(notice.today, format="long", locale=locale))
        self.pupils = notice.audience == "pupils"
        self.parents = notice.audience == "parents"
        self.organisation = notice.organisation.name

    def t(self, msgid: str, **params: object) -> str:
        text = self.gettext(msgid)
        return text.format(**params) if params else text

    def label(self, group: str, code: str) -> str:
        return labels.label(group, code, self.gettext)

    def country(self, code: str | None) -> str:
        return country_words(code, self.language)

    def missing(self) -> Missing:
        return Missing(self.t(N_("Not yet recorded: we are working on it.")))

    # --- the notice ---------------------------------------------------------------------------

    def text(self) -> NoticeText:
        sections = [self.summary()]
        index = self.index()
        if index is not None:
            sections.append(index)
        sections.append(Section(2, self.t(N_("What we do with the information, one use at a time")),
                                "details", (Para(self.t(N_(
                                    "Each use below says why we use the information, what "
                                    "gives us the right to, who receives it and how long we "
                                    "keep it."))),)))
        sections += [self.activity(a) for a in self.notice.activities]
        sections += [self.rights(), self.complaint(), self.contact(), self.about()]
        return NoticeText(language=self.language, title=self.title(),
                          subtitle=self.t(N_("Privacy notice · version {version} · {date}"),
                                          version=self.notice.version, date=self.date),
                          sections=tuple(sections), organisation=self.organisation,
                          subject=self.t(N_("Information about the processing of personal "
                                            "data (Art. 13 and 14 GDPR)")))

    def title(self) -> str:
        if self.parents:
            return self.t(N_("How {organisation} uses information about your child"),
                          organisation=self.organisation)
        if self.pupils:
            return self.t(N_("How {organisation} uses information about you"),
                          organisation=self.organisation)
        return self.t(N_("How {organisation} uses information about you as an employee"),
                      organisation=self.organisation)

    def summary(self) -> Section:
        if self.parents:
            lead = N_("{organisation} is responsible for the information we keep about your "
                      "child. Here you can read what we use it for, who gets it, how long we "
                      "keep it, and what rights you and your child have.")
        elif self.pupils:
            lead = N_("Your school, {organisation}, keeps some information about you. Here you "
                      "can read what we keep and why. You can also read what you can do about "
                      "it.")
        else:
            lead = N_("{organisation} is responsible for the information we keep about you as "
                      "an employee. Here you can read what we use it for, who gets it, how long "
                      "we keep it, and what rights you have.")
        blocks: list[Block] = [Para(self.t(lead, organisation=self.organisation)),
                               Para(self.t(N_("What we use the information for:")))]
        blocks.append(Items(tuple(
            Item("; ".join(a.purposes) if a.purposes else "", lead=a.name)
            for a in self.notice.activities)))
        if any(a.transfers for a in self.notice.activities):
            blocks.append(Para(self.t(N_(
                "Some information goes to countries outside the EU/EEA. You can read where, "
                "and how it is protected, under each use."))))
        if self.pupils:
            rights = N_("You have the right to know what we keep about you. You can ask us to "
                        "fix what is wrong. Your parents can help you ask.")
        else:
            rights = N_("You have the right to see the information, to have it corrected, and "
                        "in some cases to have it deleted or to object. You can also complain "
                        "to the data protection authority.")
        blocks.append(Para(self.t(rights)))
        blocks.append(Para(self.ask_line()))
        return Section(2, self.t(N_("In short")), "summary", tuple(blocks))

    def ask_line(self) -> str:
        organisation = self.notice.organisation
        dpo = organisation.dpo
        if dpo is not None and dpo.email:
            return self.t(N_("Questions? Write to our data protection officer, {name}, at "
                             "{email}."), name=dpo.name, email=dpo.email)
        if organisation.email:
            return self.t(N_("Questions? Write to us at {email}."), email=organisation.email)
        return self.t(N_("Questions? Contact {organisation}."), organisation=self.organisation)

    def index(self) -> Section | None:
        """Each kind of information with the uses that hold it. A kind every use holds (a
        name, say) would list them all and help no one find anything: it is said once above
        the index instead. None when nothing is left to look up (one use, or all alike)."""
        activities = self.notice.activities
        common: list[str] = []
        rows: list[tuple[str, tuple[tuple[str, str], ...]]] = []
        for category, holders in self.notice.by_category():
            if len(activities) > 1 and len(holders) == len(activities):
                common.append(self.label("data_categories", category))
            else:
                rows.append((self.label("data_categories", category),
                             tuple((a.name, a.anchor) for a in holders)))
        if len(activities) < 2 or not rows:
            return None
        # The grades example only where grades are in the index to be found.
        grades = self.label("data_categories", "education") in (row[0] for row in rows)
        intro = (N_("Look up a kind of information, such as grades and assessments, to see "
                    "where we use it.") if grades and not self.pupils
                 else N_("Look for a kind of information to see where we use it."))
        blocks: list[Block] = [Para(self.t(intro))]
        if common:
            blocks.append(Para(self.t(N_("Every use below holds this information: "
                                         "{categories}."), categories=", ".join(common))))
        blocks.append(Index(tuple(rows)))
        return Section(2, self.t(N_("Find by kind of information")), "by-kind", tuple(blocks))

    # --- one processing -----------------------------------------------------------------------

    def activity(self, activity: NoticeActivity) -> Section:
        rows: list[tuple[str, tuple[str, ...]]] = []
        missing = set(activity.missing)
        rows.append((self.t(N_("Why we use the information")),
                     (self.missing(),) if MISSING_PURPOSE in missing else activity.purposes))
        rows.append((self.t(N_("What gives us the right to use it")),
                     self.basis_lines(activity, missing)))
        # The first basis says it: two answers (the law requires it, the school needs it) read
        # as a contradiction.
        answers = ({**PROVISION, **STAFF_PROVISION}
                   if self.notice.audience == "staff" else PROVISION)
        provision = [self.t(answers[code]) for code in activity.legal_bases
                     if code in answers][:1]
        if provision:
            rows.append((self.t(N_("Must the information be given?")), tuple(provision)))
        if activity.data_categories:
            rows.append((self.t(N_("What information")), (", ".join(
                self.label("data_categories", c) for c in activity.data_categories),)))
        if activity.source:
            rows.append((self.t(N_("Where the information comes from")), (activity.source,)))
        rows.append((self.t(N_("Who receives it")), self.recipient_lines(activity)))
        rows.append((self.t(N_("Outside the EU/EEA")), self.transfer_lines(activity)))
        rows.append((self.t(N_("How long we keep it")), self.retention_lines(activity,
                                                                            missing)))
        rows.append((self.t(N_("Decisions made by a computer alone")),
                     (activity.automated_decisions,) if activity.automated_decisions
                     else (self.t(N_("None: people make every decision about you.")
                                  if not self.parents else
                                  N_("None: people make every decision about your child.")),
                           Ref(self.t(N_("Art. {article} GDPR"), article="22")))))
        return Section(3, activity.name or self.t(N_("Processing")), activity.anchor,
                       (Facts(tuple(rows)),))

    def basis_lines(self, activity: NoticeActivity, missing: set[str]) -> tuple[str, ...]:
        if MISSING_LEGAL_BASIS in missing:
            return (self.missing(),)
        words = PUPIL_BASES if self.pupils else labels.LEGAL_BASIS_EXPLANATIONS
        lines: list[str] = [self.t(words[code]) for code in activity.legal_bases
                            if code in words]
        note = activity.statutory_basis
        if note and "6.1.f" in activity.legal_bases:
            # Art. 13(1)(d): the legitimate interests pursued are said, not a law.
            lines.append(self.t(N_("Our legitimate interests: {interests}"), interests=note))
        elif note and {"6.1.c", "6.1.e"} & set(activity.legal_bases):
            lines.append(self.t(N_("The law: {law}"), law=note))
        elif note:
            lines.append(note)
        refs = [self.label("legal_bases", code) for code in activity.legal_bases]
        refs += [self.label("special_conditions", code) for code in activity.special_conditions]
        if refs:
            lines.append(Ref(self.t(N_("GDPR: {references}"), references="; ".join(refs))))
        return tuple(lines)

    def recipient_lines(self, activity: NoticeActivity) -> tuple[str, ...]:
        """Each processor on a line, the subprocessors it engaged gathered on one line after it
        (a parent read the same words five times over when each had its own)."""
        lines: list[str] = []
        engaged: dict[str, list[str]] = {}
        for recipient in activity.recipients:
            country = self.country(recipient.country)
            where = f"{recipient.name} ({country})" if country else recipient.name
            if recipient.engaged_by:
                engaged.setdefault(recipient.engaged_by, []).append(where)
                continue
            template = ROLE_LINES.get(recipient.role, ROLE_LINES["processor"])
            lines.append(self.t(template, recipient=where))
        for processor, helpers in engaged.items():
            lines.append(self.t(N_("{processor} uses these subcontractors for it: {recipients}"),
                                processor=processor, recipients=", ".join(helpers)))
        lines += activity.other_recipients
        return tuple(lines) or (self.t(N_("No one outside {organisation}."),
                                       organisation=self.organisation),)

    def transfer_lines(self, activity: NoticeActivity) -> tuple[str, ...]:
        if not activity.transfers:
            return (self.t(N_("No: the information stays in the EU/EEA.")),)
        lines: list[str] = []
        for transfer in activity.transfers:
            country = self.country(transfer.country)
            if transfer.safeguard is None:
                lines.append(Missing(self.t(N_(
                    "{country}: {recipient} – how the information is protected is not yet "
                    "recorded; we are working on it."), country=country,
                    recipient=transfer.recipient)))
                continue
            safeguard = self.label("safeguards", transfer.safeguard)
            if transfer.derogation:
                safeguard += f", {self.label('derogations', transfer.derogation)}"
            lines.append(self.t(N_("{country}: {recipient}, protected by: {safeguard}"),
                                country=country, recipient=transfer.recipient,
                                safeguard=safeguard))
        lines.append(self.t(N_("You can ask us for a copy of the safeguards.")))
        lines.append(Ref(self.t(N_("Art. 44–49 GDPR"))))
        return tuple(lines)

    def retention_lines(self, activity: NoticeActivity, missing: set[str]) -> tuple[str, ...]:
        if MISSING_RETENTION in missing:
            return (self.missing(),)
        lines: list[str] = []
        if activity.retention:
            lines.append(duration_words(activity.retention, self.gettext) or "")
        lines += [self.t(N_("{category}: {retention}"),
                         category=self.label("data_categories", category),
                         retention=duration_words(retention, self.gettext) or "")
                  for category, retention in activity.retention_by_category]
        return tuple(lines)

    # --- rights, complaint, contact -----------------------------------------------------------

    def rights(self) -> Section:
        if self.pupils:
            rights = [
                (N_("See what we keep"), N_("You can ask to see the information we keep about "
                                            "you. You get a copy for free."), "15"),
                (N_("Fix mistakes"), N_("If something is wrong, you can ask us to fix it."),
                 "16"),
                (N_("Delete"), N_("Sometimes you can ask us to delete information. If the law "
                                  "says we must keep it, we tell you why."), "17"),
                (N_("Pause"), N_("You can ask us to stop using the information while we check "
                                 "a question about it."), "18"),
                (N_("Say no"), N_("You can tell us why you think we should stop. We will look "
                                  "at it."), "21"),
            ]
        else:
            rights = [
                (N_("Access"), N_("You can ask what information we keep and get a copy, free "
                                  "of charge."), "15"),
                (N_("Rectification"), N_("You can ask us to correct information that is wrong "
                                         "and to complete what is incomplete."), "16"),
                (N_("Erasure"), N_("You can ask us to erase information, for example when we "
                                   "no longer need it. Where the law requires us to keep it, we "
                                   "tell you."), "17"),
                (N_("Restriction"), N_("You can ask us to stop using the information, except "
                                       "for storing it, while a question about it is settled."),
                 "18"),
                (N_("Data portability"), N_("Where we use the information on the basis of "
                                            "consent or a contract, you can get it in a "
                                            "machine-readable form."), "20"),
                (N_("Objection"), N_("You can object to a use based on a task in the public "
                                     "interest or on legitimate interests, on grounds relating "
                                     "to your situation."), "21"),
            ]
        if self.notice.consent:
            rights.append((N_("Withdraw consent"), N_(
                "Where we ask for consent, you can withdraw it at any time. What we did before "
                "stays lawful."), "7(3)"))
        items = tuple(Item(self.t(text), lead=self.t(name),
                           ref=self.t(N_("Art. {article} GDPR"), article=ref))
                      for name, text, ref in rights)
        if self.pupils:
            how = N_("To use a right, tell your teacher, or write to the person named below. "
                     "Your parents can help you. We answer within a month.")
        elif self.parents:
            how = N_("To use a right, write to us at the address below. As a parent or guardian "
                     "you can use your child's rights on the child's behalf. We answer within "
                     "one month, free of charge.")
        else:
            how = N_("To use a right, write to us at the address below. We answer within one "
                     "month, free of charge.")
        return Section(2, self.t(N_("Your rights")), "rights",
                       (Items(items), Para(self.t(how)), Para(self.ask_line())))

    def complaint(self) -> Section:
        authority = AUTHORITIES.get(self.notice.country)
        name = (self.gettext(authority.name) if authority is not None
                else self.t(N_("the data protection authority")))
        if self.pupils:
            text = N_("If you think we do something wrong with your information, you or your "
                      "parents can complain to {authority}.")
        else:
            text = N_("If you think we process personal data unlawfully, you can complain to "
                      "{authority}.")
        blocks: list[Block] = [Para(self.t(text, authority=name))]
        if authority is not None:
            blocks.append(Address((name, authority.address, authority.web)))
        blocks.append(Para(Ref(self.t(N_("Art. {article} GDPR"), article="77")), small=True))
        return Section(2, self.t(N_("Complaints")), "complaint", tuple(blocks))

    def contact(self) -> Section:
        organisation = self.notice.organisation
        controller = [organisation.name]
        if organisation.org_number:
            controller.append(self.t(N_("Org. no. {number}"), number=organisation.org_number))
        controller += [p for p in (organisation.address, organisation.email, organisation.phone)
                       if p]
        blocks: list[Block] = [
            Para(self.t(N_("Responsible for the information (the controller):"))),
            Address(tuple(controller))]
        dpo = organisation.dpo
        if dpo is not None:
            blocks.append(Para(self.t(N_("Our data protection officer:"))))
            blocks.append(Address(tuple(p for p in (dpo.name, dpo.email, dpo.phone) if p)))
        return Section(2, self.t(N_("Who to contact")), "contact", tuple(blocks))

    def about(self) -> Section:
        return Section(2, self.t(N_("About this notice")), "about", (
            Para(self.t(N_("Version {version}, {date}. We update this notice when what we do "
                           "with the information changes."), version=self.notice.version,
                        date=self.date)),
            Para(Ref(self.t(N_("This notice gives the information required by Articles 13 and "
                               "14 of the General Data Protection Regulation (GDPR)."))),
                 small=True)))


def notice_text(notice: Notice) -> NoticeText:
    """The notice's words in its language, as a tree of plain text."""
    return _Writer(notice).text()


__all__ = ["Address", "Facts", "Index", "Item", "Items", "Missing", "NoticeText", "Para", "Ref",
           "Section", "notice_text"]
