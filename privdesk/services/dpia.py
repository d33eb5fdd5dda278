"""The DPO's verbs on DPIA screenings: see an activity's screening, save the DPO's answers.

One path for the window and the command line. ``open`` gives the stored screening or a new one
pre-filled from the register (``domain/dpia.py``); ``save`` checks every question is answered,
stores the screening on the activity with who and when, and lets the activity's "DPIA
required" follow the result, in one transaction, audited like any edit of the activity.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from privdesk.domain import dpia
from privdesk.domain import records as rec
from privdesk.domain.transfers import Chains, DerivedTransfer

if TYPE_CHECKING:
    from privdesk.services.register import Change, RegisterService


@dataclass(frozen=True, slots=True)
class ScreeningView:
    """What the form and the command show: the activity (at ``version``), the answers (stored
    or pre-filled), the decision they give, and whether the stored screening is out of date."""

    activity: rec.Activity
    version: int
    country: str | None
    answers: tuple[dpia.Answer, ...]
    decision: dpia.Decision
    stored: rec.Screening | None
    out_of_date: bool
    transfers: tuple[DerivedTransfer, ...]


class Screenings:
    """Verbs on the register's DPIA screenings."""

    def __init__(self, register: RegisterService) -> None:
        self.register = register

    def _country(self) -> str | None:
        organisation = self.register.organisation()
        return organisation.country if organisation else None

    def open(self, ref: str, gettext: Callable[[str], str] | None = None) -> ScreeningView:
        """The activity's screening: its stored answers, or the register's suggestions (their
        reasons in the language of ``gettext``)."""
        # The version before the record: should a colleague save in between, the form is
        # based on an older version than it shows, and its save is refused, never silently
        # applied over the colleague's edit.
        version = self.register.version("activities", ref)[0]  # a UserError naming the ref
        activity = self.register.activity(ref)
        processors = self.register.processors()
        transfers = Chains(processors).transfers(activity)
        country = self._country()
        stored = activity.dpia.screening
        answers = dpia.prefill(activity, transfers, country, stored, gettext,
                               {p.ref: p.name for p in processors})
        return ScreeningView(activity, version, country, answers,
                             dpia.decide(answers, country), stored,
                             dpia.out_of_date(activity, transfers), transfers)

    def save(self, ref: str, answers: Sequence[dpia.Answer],
             expected_version: int | None) -> Change:
        """Store the DPO's answers as the activity's screening; "DPIA required" follows the
        result (required: yes; recommended or not required: no). Refused while a question is
        unanswered, and when the activity changed since the form was opened."""
        activity = self.register.activity(ref)
        transfers = Chains(self.register.processors()).transfers(activity)
        country = self._country()
        screening = dpia.make_screening(answers, country, dpia.fingerprint(activity, transfers),
                                        self.register.actor, self.register.clock())
        new = rec.replace(activity.dpia, screening=screening,
                          required=screening.result == dpia.REQUIRED)
        return self.register.update(rec.replace(activity, dpia=new), expected_version)

    def answer(self, ref: str, given: Iterable[dpia.Answer],
               gettext: Callable[[str], str] | None = None) -> ScreeningView:
        """The screening with ``given`` answers put in (not saved): what the command line
        shows before ``--save``."""
        view = self.open(ref, gettext)
        answers = dpia.merge_answers(view.answers, given)
        return ScreeningView(view.activity, view.version, view.country, answers,
                             dpia.decide(answers, view.country), view.stored, view.out_of_date,
                             view.transfers)


__all__ = ["ScreeningView", "Screenings"]
