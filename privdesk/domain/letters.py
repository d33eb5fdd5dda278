"""When the answer to an access request may go out, and in which language.

The rules live here so that the window and the command line apply the same ones: what is
missing is listed for the DPO, and what *blocks* refuses the letter in one line, the same line
in both. A gap blocks when sending would harm someone (the child's data to a person not known
to be who they say) or make the letter unlawful (no controller named, Art. 15(1), 13(1)(a));
the others are the DPO's to judge.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from privdesk.domain.codes import LANGUAGES
from privdesk.domain.deadlines import request_deadlines
from privdesk.domain.errors import N_, UserError
from privdesk.domain.records import Activity, Organisation, Processor, Request


@dataclass(frozen=True)
class Gap:
    """Something missing before a letter can go out (a msgid with its parameters)."""

    message: str
    blocks: bool
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self, gettext: Callable[[str], str] | None = None) -> str:
        template = gettext(self.message) if gettext is not None else self.message
        return template.format(**self.params) if self.params else template

    def refusal(self, ref: str) -> UserError:
        """The one-line refusal of a letter this gap blocks (named by the request's ref)."""
        return UserError(self.message, "" if "ref" in self.params else ref, **self.params)


@dataclass(frozen=True)
class LetterInputs:
    """Everything the answer letter is made of, read at one moment (the service reads it,
    ``documents.access_letter.render_letter`` renders it)."""

    request: Request
    organisation: Organisation
    activities: tuple[Activity, ...]
    processors: tuple[Processor, ...]
    language: str
    today: date
    warnings: tuple[Gap, ...]
    # Names of other data subjects the DPO checked and allowed in this letter (audited).
    allowed_names: tuple[str, ...] = ()


# Where text meant for the recipient names another data subject: one refusal per place.
NAMED = {
    "data": N_("the data item “{item}” names {name}, another person in the register: remove "
               "the name, or allow it if you have checked that giving it out is lawful"),
    "withheld": N_("withheld item {number} names {name}, another person in the register: "
                   "remove the name, or allow it if you have checked that giving it out is "
                   "lawful"),
    "delay_reason": N_("the reason for the delay names {name}, another person in the register: "
                       "remove the name, or allow it if you have checked that giving it out is "
                       "lawful"),
    "extension": N_("the reasons for the extension name {name}, another person in the "
                    "register: remove the name, or allow it if you have checked that giving it "
                    "out is lawful"),
    "requester": N_("the requester's relation or identity check names {name}, another person "
                    "in the register: remove the name, or allow it if you have checked that "
                    "giving it out is lawful"),
}


def _fold(text: str) -> str:
    """Text compared as a reader sees it: composed letters (diacritics kept), any case."""
    return unicodedata.normalize("NFC", text).casefold()


def _name_pattern(name: str) -> re.Pattern[str] | None:
    """The whole name, word by word, with any whitespace between the words (in folded text)."""
    words = _fold(name).split()
    if not words:
        return None
    # A genitive ("Emil Nilsens", "Emil Nilsen's") is still the name.
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(word) for word in words)
                      + r"(?:s|['’]s?)?(?!\w)")


def recipient_texts(request: Request) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Each piece of free text in ``request`` that the letter prints: (place, params, text).

    The DPO's notes are not among them: they never reach the letter.
    """
    for item in request.data:
        for text in (item.item, item.value, item.source):
            if text:
                yield "data", {"item": item.item}, text
    for number, withheld in enumerate(request.withheld, start=1):
        for text in (withheld.description, withheld.reason):
            yield "withheld", {"number": number}, text
    if request.delay_reason:
        yield "delay_reason", {}, request.delay_reason
    if request.extension is not None:
        yield "extension", {}, request.extension.reasons
    for text in (request.requester.relation_basis, request.identity.method):
        if text:
            yield "requester", {}, text


def named_subjects(request: Request, others: Iterable[str],
                   allowed: Iterable[str] = ()) -> list[Gap]:
    """Blocking gaps for each other data subject whose full name is in the letter's free text.

    ``others`` are the names of the register's data subjects (the subjects of its requests);
    the request's own subject and requester, and the names in ``allowed`` (checked by the
    DPO), are not flagged.
    """
    own = {_fold(" ".join(name.split())) for name in
           (request.subject.name, request.requester.name, *allowed)}
    patterns: dict[str, re.Pattern[str]] = {}
    for name in others:
        key = _fold(" ".join(name.split()))
        pattern = _name_pattern(name)
        if key not in own and key not in patterns and pattern is not None:
            patterns[key] = pattern
    found: list[Gap] = []
    seen: set[tuple[str, str, str]] = set()
    for place, params, text in recipient_texts(request):
        folded = _fold(text)
        for pattern in patterns.values():
            match = pattern.search(folded)
            if match is None:
                continue
            # The name as the text writes it (the fold keeps NFC text's length).
            written = unicodedata.normalize("NFC", text)[match.start():match.end()]
            once = (place, repr(sorted(params.items())), written.casefold())
            if once in seen:
                continue
            seen.add(once)
            found.append(Gap(NAMED[place], True, {**params, "name": written}))
    return found


def is_late(request: Request, organisation: Organisation | None, day: date) -> bool:
    """Whether a letter dated ``day`` goes out after the deadline (extended, if it was)."""
    country = organisation.country if organisation else None
    return day > request_deadlines(request, country).current


def is_electronic(request: Request) -> bool:
    """The answer goes by e-mail (no postal address recorded): a copy in electronic form."""
    return bool(request.requester.email) and not request.requester.address


def letter_gaps(request: Request, organisation: Organisation | None, *,
                today: date | None = None, others: Iterable[str] = (),
                allowed: Iterable[str] = ()) -> list[Gap]:
    """What must be done before the answer to ``request`` can go out; blocking gaps first.

    ``today`` is the letter's date (a late letter without a reason is warned of); ``others``
    the names of the register's other data subjects, refused in the letter's free text unless
    ``allowed``.
    """
    found: list[Gap] = []
    if organisation is None or not organisation.name:
        found.append(Gap(N_("the register has no organisation: record the school's name and "
                            "address before writing a letter"), True))
    if not request.identity.verified:
        found.append(Gap(N_("the requester's identity is not verified: verify it before the "
                            "letter goes out"), True))
    if request.requester.relation != "self" and not request.requester.relation_basis:
        found.append(Gap(N_("It is not recorded why the requester may act for {name}."), False,
                         {"name": request.subject.name}))
    found.extend(named_subjects(request, others, allowed))
    if not (request.requester.address or request.requester.email):
        found.append(Gap(N_("The requester has no address or e-mail to send the answer to."),
                         False))
    elif not request.requester.address:
        found.append(Gap(N_("The requester has no postal address: the answer goes by e-mail, "
                            "as a copy in electronic form."), False))
    if today is not None and is_late(request, organisation, today):
        if request.delay_reason:
            found.append(Gap(N_("The answer is late: the letter says so, apologises and gives "
                                "the reason for the delay."), False))
        else:
            found.append(Gap(N_("The answer is late and no reason for the delay is recorded: "
                                "the letter apologises but cannot say why."), False))
    if not request.activities:
        found.append(Gap(N_("No processing activities are chosen."), False))
    if request.kind == "access":  # only an access request is answered with a copy
        with_data = {item.activity for item in request.data}
        found.extend(Gap(N_("No data items are recorded for {ref}."), False, {"ref": ref})
                     for ref in request.activities if ref not in with_data)
    return found


def check_letter(request: Request, organisation: Organisation | None, *,
                 today: date | None = None, others: Iterable[str] = (),
                 allowed: Iterable[str] = ()) -> list[Gap]:
    """Refuse (``UserError``) when a gap blocks the letter; else the gaps that only warn."""
    if request.kind != "access":
        raise UserError(N_("request {ref} is not an access request; the letter answers "
                           "access requests only"), ref=request.ref)
    gaps = letter_gaps(request, organisation, today=today, others=others, allowed=allowed)
    for gap in gaps:  # the organisation and the identity first, then any name
        if gap.blocks:
            raise gap.refusal(request.ref)
    return gaps


def letter_language(request: Request, explicit: str | None,
                    organisation: Organisation | None) -> str:
    """The one the DPO asked for, else the requester's, else the organisation's, else English."""
    for candidate in (explicit, request.requester.language,
                      organisation.language if organisation else None):
        if candidate in LANGUAGES:
            return candidate
    return "en"
