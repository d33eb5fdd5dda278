"""The DPO's verbs on data subject requests: register, edit, verify, extend, answer, write.

Each verb is one transaction through ``RegisterService`` (audited, returning the ``Change``)
and carries the version the DPO's form was based on, so a colleague's later save is never
overwritten. The window and the command line call these, and so check the same things.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from privdesk.domain import records as rec
from privdesk.domain.attention import local_today
from privdesk.domain.errors import N_, UserError
from privdesk.domain.letters import (
    Gap,
    LetterInputs,
    check_letter,
    letter_gaps,
    letter_language,
)

if TYPE_CHECKING:
    from privdesk.services.register import Change, RegisterService

KIND = "requests"


class Requests:
    """Verbs on the register's requests."""

    def __init__(self, register: RegisterService) -> None:
        self.register = register

    def create(self, request: rec.Request) -> Change:
        return self.register.create(request)

    def edit(self, request: rec.Request, expected_version: int | None) -> Change:
        """Save the DPO's edit of a request (its activities, data items, contact details)."""
        return self.register.update(request, expected_version)

    def verify_identity(self, ref: str, check: rec.IdentityCheck,
                        expected_version: int | None) -> Change:
        """Record how the requester's identity (and right to act) was verified."""
        current = self.register.request(ref)
        return self.register.update(rec.replace(current, identity=check), expected_version)

    def extend(self, ref: str, extension: rec.Extension, expected_version: int | None) -> Change:
        """Extend the deadline by up to two months with the reasons (Art. 12(3))."""
        current = self.register.request(ref)
        if current.status not in ("open", "extended"):
            raise UserError(N_("request {ref} is closed: it cannot be extended"), ref=ref)
        return self.register.update(rec.replace(current, extension=extension,
                                                status="extended"), expected_version)

    def mark_answered(self, ref: str, on: date, expected_version: int | None,
                      outcome: str | None = None) -> Change:
        """The answer went out on ``on``: the request is closed and its clock stops.

        ``outcome`` says what was done for a request of another type than access (what was
        corrected, erased or restricted, or the decision on an objection): privdesk writes no
        letter for those, so it is kept in the request's internal note, after any note there.
        """
        current = self.register.request(ref)
        if current.status not in ("open", "extended"):
            raise UserError(N_("request {ref} is already closed"), ref=ref)
        if on < current.received:
            raise UserError(N_("request {ref} was received on {received}: it cannot have been "
                               "answered on {day}"), ref=ref, received=current.received.isoformat(),
                            day=on.isoformat())
        note = current.note
        if outcome is not None and outcome.strip():
            note = "\n\n".join(part for part in (note, outcome.strip()) if part)
        return self.register.update(rec.replace(current, status="answered", answered=on,
                                                note=note), expected_version)

    def subject_names(self, request: rec.Request) -> list[str]:
        """The names of the data subjects of the register's other requests."""
        return [other.subject.name for other in self.register.requests()
                if other.ref != request.ref]

    def letter_date(self, request: rec.Request, today: date | None = None) -> date:
        """The letter's date: the day an answered request was answered, else ``today`` (the
        organisation's own date unless given), so a copy made later says what was sent."""
        if request.status == "answered" and request.answered is not None:
            return request.answered
        if today is not None:
            return today
        organisation = self.register.organisation()
        return local_today(self.register.clock(), organisation.country if organisation else None)

    def letter_gaps(self, request: rec.Request, today: date | None = None) -> list[Gap]:
        """What is missing before the answer can go out (the blocking gaps first)."""
        return letter_gaps(request, self.register.organisation(),
                           today=self.letter_date(request, today),
                           others=self.subject_names(request))

    def letter_inputs(self, ref: str, language: str | None = None,
                      today: date | None = None,
                      allowed_names: Iterable[str] = ()) -> LetterInputs:
        """What the letter is made of, refused in one line when a gap blocks it.

        ``allowed_names`` are other data subjects' names the DPO has checked may be given out
        in this letter; they are kept in the audit trail with the letter.
        """
        request = self.register.request(ref)
        organisation = self.register.organisation()
        allowed = tuple(dict.fromkeys(" ".join(name.split()) for name in allowed_names))
        day = self.letter_date(request, today)
        warnings = check_letter(request, organisation, today=day,
                                others=self.subject_names(request), allowed=allowed)
        assert organisation is not None  # check_letter refuses a register without one
        return LetterInputs(
            request, organisation, tuple(self.register.activities()),
            tuple(self.register.processors()),
            letter_language(request, language, organisation), day, tuple(warnings),
            allowed)

    def keep_letter(self, inputs: LetterInputs, content: bytes, filename: str) -> str:
        """Keep the letter as sent (its bytes and SHA-256, audited with any names the DPO
        allowed); returns the digest."""
        details = {"allowed_names": list(inputs.allowed_names)} if inputs.allowed_names else {}
        return self.register.record_document("access_letter", inputs.request.ref,
                                             inputs.language, content, filename, **details)
