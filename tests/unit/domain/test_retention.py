"""When the register's own records are due for erasure, and how an erasure is told
(privdesk/domain/retention.py and its reminders in privdesk/domain/attention.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from privdesk.domain import records as rec
from privdesk.domain.attention import retention_items
from privdesk.domain.errors import UserError
from privdesk.domain.retention import (
    DEFAULT_MONTHS,
    Due,
    check_months,
    due_records,
    names_in,
    removed_text,
)


def _request(ref: str, status: str, answered: date | None = None) -> rec.Request:
    return rec.Request(ref=ref, received=date(2026, 1, 5), status=status, answered=answered,
                       subject=rec.DataSubject(name="Emma Nilsen"),
                       requester=rec.Requester(name="Kari Nilsen"))


def test_a_closed_request_is_due_its_period_after_the_answer() -> None:
    register = rec.Register(requests=(
        _request("R-1", "answered", date(2026, 2, 1)), _request("R-2", "open"),
        _request("R-3", "withdrawn")),
        incidents=(rec.Incident(ref="I-1", title="Lost laptop", status="closed",
                                aware_at=datetime(2026, 1, 1, tzinfo=UTC)),))
    last = {("requests", "R-3"): date(2026, 3, 1), ("incidents", "I-1"): date(2026, 1, 2)}
    assert due_records(register, last, DEFAULT_MONTHS, date(2029, 1, 31)) == []
    found = due_records(register, last, DEFAULT_MONTHS, date(2029, 3, 1))
    assert [(d.kind, d.ref, d.closed, d.due) for d in found] == [
        ("requests", "R-1", date(2026, 2, 1), date(2029, 2, 1)),
        ("requests", "R-3", date(2026, 3, 1), date(2029, 3, 1))]
    later = due_records(register, last, DEFAULT_MONTHS, date(2031, 1, 2))
    assert ("incidents", "I-1") in [(d.kind, d.ref) for d in later]


def test_names_are_found_in_any_case_spacing_and_nesting() -> None:
    assert names_in({"note": ["Called  emma NILSEN's mother"]}, ("Emma Nilsen",))
    assert not names_in({"note": "Emil Nilsen"}, ("Emma Nilsen",))
    assert not names_in("anything", ("  ",))


def test_counts_and_periods_in_words() -> None:
    assert removed_text({"requests": 1, "data_items": 4, "documents": 0,
                         "audit_entries": 2}) == "1 request, 4 data items, 2 audit entries"
    check_months("backups", 0)
    with pytest.raises(UserError):
        check_months("requests", 1201)
    with pytest.raises(UserError):
        check_months("activities", 12)


def test_reminders_name_the_record_the_letter_or_the_backup() -> None:
    items = retention_items([
        Due("requests", "R-1", date(2026, 2, 1), date(2029, 2, 1)),
        Due("documents", "R-1", date(2026, 2, 1), date(2029, 2, 1), "access_letter", 3),
        Due("backups", "r-2026.sqlite", date(2026, 2, 1), date(2026, 5, 1))])
    assert [(i.kind, i.topic) for i in items] == [
        ("requests", "retention_due"), ("requests", "retention_document"),
        ("backups", "retention_backup")]
    assert items[0].render() == (
        "R-1: closed on 2026-02-01, past its retention period since 2029-02-01; erase it or "
        "purge")


def test_erased_records_are_the_record_tombstones_with_their_counts() -> None:
    from privdesk.domain.records import AuditEntry
    from privdesk.domain.retention import Erased, erased_records, erased_text

    at = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    entries = [
        AuditEntry(at=at, actor="dpo", kind="requests", ref="DSAR-1", action="erase",
                   field=None, before=None,
                   after={"reason": "Art. 17", "removed": {"requests": 1, "data_items": 2}}),
        # A kept letter purged on its own: its request stays in the workbook.
        AuditEntry(at=at, actor="dpo", kind="access_letter", ref="DSAR-2", action="erase",
                   field="document", before=None,
                   after={"reason": "retention period ended", "removed": {"documents": 1}}),
        AuditEntry(at=at, actor="dpo", kind="incidents", ref="INC-1", action="update",
                   field="title", before="a", after="b"),
    ]
    erased = erased_records(entries)
    assert erased == [Erased("requests", "DSAR-1", at, (("requests", 1), ("data_items", 2)))]
    assert erased_text(erased, lambda text: text, lambda moment: moment.date().isoformat()) \
        == "DSAR-1 (erased 2026-12-01: 1 request, 2 data items)"
