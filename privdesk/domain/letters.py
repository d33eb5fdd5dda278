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


def _key(name: str) -> str:
    """A name as compared: folded, its words separated by single spaces."""
    return " ".join(_fold(name).split())


_WORD = re.compile(r"\w+")


def _spaced(separator: str) -> str:
    """What stands between two words of a name, any run of whitespace made one space."""
    return separator if separator == " " else re.sub(r"\s+", " ", separator)


def _words(text: str) -> tuple[tuple[str, ...], tuple[str, ...], list[tuple[int, int]]]:
    """The words of folded text, the separators between them, and each word's place."""
    matches = list(_WORD.finditer(text))
    words = tuple(match.group() for match in matches)
    separators = tuple(_spaced(text[left.end():right.start()])
                       for left, right in zip(matches, matches[1:], strict=False))
    return words, separators, [match.span() for match in matches]


class _NameIndex:
    """Whole names found in folded text word by word (a register may hold thousands)."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], str]]] = {}
        for key in keys:  # a key's words are already one space apart
            parts = _WORD.split(key)
            words, separators = tuple(_WORD.findall(key)), tuple(parts[1:-1])
            if words:
                self.by_first.setdefault(words[0], []).append((words, separators, key))
        for names in self.by_first.values():
            names.sort(key=lambda name: -len(name[0]))  # the longest name first

    def find(self, folded: str) -> Iterator[tuple[str, int, int]]:
        """Each (key, start, end) of a whole name in ``folded``, a genitive ("Emil Nilsens",
        "Emil Nilsen's") counted as the name."""
        words, separators, spans = _words(folded)
        for i, word in enumerate(words):
            for name, name_separators, key in self._candidates(word):
                n = len(name)
                if i + n > len(words) or separators[i:i + n - 1] != name_separators:
                    continue
                if words[i:i + n - 1] != name[:-1]:
                    continue
                last = words[i + n - 1]
                if last in (name[-1], name[-1] + "s"):
                    yield key, spans[i][0], spans[i + n - 1][0] + len(name[-1])
                    break

    def _candidates(self, word: str) -> list[tuple[tuple[str, ...], tuple[str, ...], str]]:
        return self.by_first.get(word, [])


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
    own = {_key(name) for name in (request.subject.name, request.requester.name, *allowed)}
    names = {_key(name): " ".join(name.split()) for name in others}
    index = _NameIndex(key for key in names if key not in own)
    found: list[Gap] = []
    seen: set[tuple[str, str, str]] = set()
    for place, params, text in recipient_texts(request):
        written_text = unicodedata.normalize("NFC", text)
        folded = _fold(text)
        for key, start, end in index.find(folded):
            # The name as the text writes it, where folding kept the text's length (it does
            # unless the text holds a letter such as "ß"); else as the register writes it.
            written = (written_text[start:end] if len(written_text) == len(folded)
                       else names[key])
            once = (place, repr(sorted(params.items())), key)
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
    if not request.identity.verified and request.kind != "access":
        # No letter of privdesk's answers the other types: the school acts, then answers.
        found.append(Gap(N_("the requester's identity is not verified: verify it before "
                            "acting on the request"), True))
    elif not request.identity.verified:
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
