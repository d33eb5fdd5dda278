"""Every save is checked as ``load`` checks a register: a year the program cannot work with, a
control character or an over-long ref is refused by the service, whoever calls it (the window,
the command line, an import), and nothing is written (issue 20)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from privdesk.domain import records
from privdesk.domain.errors import UserError
from privdesk.services import RegisterService


def _incident(**changes: object) -> records.Incident:
    incident = records.Incident(ref="INC-1", title="Lost laptop",
                                aware_at=datetime(2026, 11, 20, 8, 0, tzinfo=UTC))
    return records.replace(incident, **changes)


def test_a_moment_in_the_year_9999_is_refused_on_create(service: RegisterService) -> None:
    with pytest.raises(UserError, match="outside the years 1900 to 2199") as refused:
        service.create(_incident(aware_at=datetime(9999, 12, 31, 22, 0, tzinfo=UTC)))
    assert refused.value.place == "aware_at"
    assert service.incidents() == [] and service.audit() == []


def test_a_moment_at_the_end_of_the_calendar_is_refused(service: RegisterService) -> None:
    # 9999-12-31 23:30 at UTC-5 has no UTC form at all.
    edge = datetime(9999, 12, 31, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    with pytest.raises(UserError, match="outside the years 1900 to 2199"):
        service.create(_incident(aware_at=edge))
    assert service.incidents() == []


def test_an_update_to_a_bad_value_is_refused_and_the_record_kept(
        service: RegisterService) -> None:
    service.create(_incident())
    kept = service.incident("INC-1")
    with pytest.raises(UserError, match="control character"):
        service.update(records.replace(kept, title="Lost\x1b[31m laptop"))
    with pytest.raises(UserError, match="outside the years"):
        service.apply([records.replace(kept, occurred_at=datetime(1800, 1, 1, tzinfo=UTC))])
    assert service.incident("INC-1") == kept


def test_an_over_long_ref_and_a_far_review_date_are_refused(service: RegisterService) -> None:
    with pytest.raises(UserError, match="a ref is at most 100 characters"):
        service.create(records.Activity(ref="PA-" + "1" * 100, name="Maths"))
    with pytest.raises(UserError, match="outside the years"):
        service.create(records.Activity(ref="PA-1", name="Maths", review_due=date(9999, 1, 1)))
    assert service.activities() == []


def test_the_organisation_is_checked_too(service: RegisterService) -> None:
    with pytest.raises(UserError, match="control character"):
        service.set_organisation(records.Organisation(name="Nordvik\x07 skole",
                                                      org_number="987654321", country="NO"))
    assert service.organisation() is None
