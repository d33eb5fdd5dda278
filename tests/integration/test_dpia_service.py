"""The screening service: one transaction, audited, "DPIA required" following the result."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from privdesk.domain import dpia
from privdesk.domain import records as rec
from privdesk.domain.errors import ConflictError, UserError
from privdesk.services import RegisterService
from privdesk.services.dpia import Screenings

NOW = datetime(2026, 12, 3, 21, 0, tzinfo=UTC)


def _register(service: RegisterService) -> None:
    service.set_organisation(rec.Organisation(name="Nordvik skole", country="NO"))
    service.create(rec.Processor(ref="VEN-1", name="HomeworkHub Inc.", country="US"))
    service.create(rec.Activity(ref="PA-1", name="Homework app",
                                subjects=("pupils", "guardians"),
                                data_categories=("identity", "education"),
                                processors=("VEN-1",)))


def test_saving_stores_answers_who_and_when_and_sets_dpia_required(
        service: RegisterService, clock: Any) -> None:
    _register(service)
    clock.now = NOW
    screenings = Screenings(service)
    view = screenings.open("PA-1")
    assert view.stored is None and not view.decision.complete
    # The DPO confirms the register's answers and answers the rest "no".
    answers = tuple(a if a.met is not None else dpia.Answer(a.criterion, False, "Checked")
                    for a in view.answers)
    with pytest.raises(UserError):  # unanswered questions: nothing saved
        screenings.save("PA-1", view.answers, view.version)
    assert service.activity("PA-1").dpia.screening is None
    screenings.save("PA-1", answers, view.version)
    activity = service.activity("PA-1")
    screening = activity.dpia.screening
    assert screening is not None
    assert (screening.result, screening.by, screening.at, screening.country) == (
        dpia.REQUIRED, "dpo", NOW, "NO")
    assert activity.dpia.required is True
    by_id = {a.criterion: a for a in screening.answers}
    assert by_id["prevents_rights"].met and by_id["prevents_rights"].prefilled
    assert by_id["large_scale"].reason == "Checked"
    # Audited like any edit of the activity: the dpia field, before and after.
    entry = [e for e in service.audit("activities", "PA-1") if e.field == "dpia"][-1]
    assert entry.actor == "dpo" and entry.after["screening"]["result"] == "required"
    again = screenings.open("PA-1")
    assert again.stored == screening and not again.out_of_date
    # A stale form is refused.
    with pytest.raises(ConflictError):
        screenings.save("PA-1", answers, view.version)


def test_a_changed_activity_asks_for_a_new_screening_and_a_lower_result_clears_required(
        service: RegisterService) -> None:
    _register(service)
    screenings = Screenings(service)
    view = screenings.open("PA-1")
    screenings.save("PA-1", tuple(
        dpia.Answer(a.criterion, False, "No") for a in view.answers), view.version)
    assert service.activity("PA-1").dpia.required is False
    activity = service.activity("PA-1")
    service.update(rec.replace(activity, data_categories=("identity", "health")))
    assert screenings.open("PA-1").out_of_date
    with pytest.raises(UserError):
        screenings.open("PA-404")
