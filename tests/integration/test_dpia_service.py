"""The screening service: one transaction, audited, "DPIA required" following the result."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from privdesk.documents.ropa_import import read_ropa
from privdesk.documents.ropa_xlsx import write_ropa
from privdesk.domain import dpia
from privdesk.domain import records as rec
from privdesk.domain.errors import ConflictError, UserError
from privdesk.services import RegisterService
from privdesk.services.dpia import Screenings
from privdesk.services.imports import Imports

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


def _screened(service: RegisterService) -> None:
    """PA-1 screened: the homework app with a US provider, a DPIA required."""
    _register(service)
    screenings = Screenings(service)
    view = screenings.open("PA-1")
    answers = tuple(a if a.met is not None else dpia.Answer(a.criterion, False, "Checked")
                    for a in view.answers)
    screenings.save("PA-1", answers, view.version)


def test_dpia_required_set_against_the_saved_screening_is_refused_unless_confirmed(
        service: RegisterService) -> None:
    _screened(service)
    activity = service.activity("PA-1")
    assert activity.dpia.required is True
    against = rec.replace(activity, dpia=rec.replace(activity.dpia, required=False))
    with pytest.raises(UserError, match="found a DPIA required"):
        service.update(against)
    assert service.activity("PA-1").dpia.required is True  # nothing changed
    # Another field of the same activity saves as before; so does the DPO's confirmed choice.
    service.update(rec.replace(activity, owner="Rektor"))
    service.update(rec.replace(against, owner="Rektor"), against_screening=True)
    assert service.activity("PA-1").dpia.required is False


def test_an_imported_workbook_cannot_set_dpia_required_against_the_saved_screening(
        service: RegisterService, tmp_path: Path) -> None:
    _screened(service)
    path = tmp_path / "ropa.xlsx"
    write_ropa(service.snapshot(), path, "en", None, NOW, lambda _d, _t: None)
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows())
        header = next((r for r in rows if any(c.value == "DPIA required" for c in r)), None)
        if header is None:
            continue
        column = next(c.column for c in header if c.value == "DPIA required")
        owner = next(c.column for c in header if c.value == "Owner")
        for row in rows:
            if any(c.value == "PA-1" for c in row):
                sheet.cell(row[0].row, column).value = "No"
                sheet.cell(row[0].row, owner).value = "Rektor"
    book.save(path)
    imports = Imports(service)
    plan = imports.plan(read_ropa(path), str(path))
    notes = [p.render() for p in plan.problems]
    assert any(n.startswith("PA-1: \"DPIA required\" kept") for n in notes), notes
    imports.apply(plan)
    activity = service.activity("PA-1")
    assert (activity.owner, activity.dpia.required) == ("Rektor", True)
