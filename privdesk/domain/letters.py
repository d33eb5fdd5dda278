"""When the answer to an access request may go out, and in which language.

The rules live here so that the window and the command line apply the same ones: what is
missing is listed for the DPO, and what *blocks* refuses the letter in one line, the same line
in both. A gap blocks when sending would harm someone (the child's data to a person not known
to be who they say) or make the letter unlawful (no controller named, Art. 15(1), 13(1)(a));
the others are the DPO's to judge.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from privdesk.domain.codes import LANGUAGES
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


def letter_gaps(request: Request, organisation: Organisation | None) -> list[Gap]:
    """What must be done before the answer to ``request`` can go out; blocking gaps first."""
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
    if not (request.requester.address or request.requester.email):
        found.append(Gap(N_("The requester has no address or e-mail to send the answer to."),
                         False))
    if not request.activities:
        found.append(Gap(N_("No processing activities are chosen."), False))
    if request.kind == "access":  # only an access request is answered with a copy
        with_data = {item.activity for item in request.data}
        found.extend(Gap(N_("No data items are recorded for {ref}."), False, {"ref": ref})
                     for ref in request.activities if ref not in with_data)
    return found


def check_letter(request: Request, organisation: Organisation | None) -> list[Gap]:
    """Refuse (``UserError``) when a gap blocks the letter; else the gaps that only warn."""
    if request.kind != "access":
        raise UserError(N_("request {ref} is not an access request; the letter answers "
                           "access requests only"), ref=request.ref)
    gaps = letter_gaps(request, organisation)
    for gap in gaps:
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
