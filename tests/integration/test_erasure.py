"""Erasure of a person's request (privdesk/services/erasure.py): nothing of them left in the
register, its file, its WAL or its backups; a tombstone instead; as-of and history go on."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import Clock, is_sqlite

from privdesk.domain import records as rec
from privdesk.domain.errors import UserError
from privdesk.domain.retention import DEFAULT_MONTHS
from privdesk.services import RegisterService
from privdesk.services.demo import demo_register
from privdesk.services.erasure import Erasure
from privdesk.services.notices import DOCUMENT_KIND, history_ref
from privdesk.services.requests import Requests
from privdesk.store.backup import backup_folder, backup_sqlite
from privdesk.store.database import open_database

REF = "DSAR-2026-001"
SIBLING = "DSAR-2026-003"  # the same parent asking about the child's brother
# What the demo register holds of the child and the parent in DSAR-2026-001 (and -003).
CHILD = (b"Emma Nilsen", b"2015-03-02", b"Level 12", b"1 340", b"Handed in 2026-10-14",
         b"Points this term", b"A classmate's comment")
PARENT = (b"Kari Nilsen", b"Fjordgata 12", b"kari.nilsen@example.com", b"Emil Nilsen",
          b"2013-06-21")


def _files(path: Path) -> dict[str, bytes]:
    """Every file of the register: the database, its WAL and journal, and the backups."""
    found = {}
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-journal")):
        if name.exists():
            found[name.name] = name.read_bytes()
    folder = backup_folder(path)
    for copy in sorted(folder.iterdir()) if folder.exists() else ():
        found[f"backups/{copy.name}"] = copy.read_bytes()
    return found


def _holding(files: dict[str, bytes], values: tuple[bytes, ...]) -> list[tuple[str, bytes]]:
    return [(name, value) for name, data in files.items() for value in values if value in data]


def _demo_with_history(service: RegisterService, clock: Clock) -> None:
    """The demo school, then a week of work on the request: answered, its letter kept."""
    service.load(demo_register("en"))
    clock.now += timedelta(days=7)
    requests = Requests(service)
    requests.mark_answered(REF, date(2026, 11, 20), service.version("requests", REF)[0])
    service.record_document("access_letter", REF, "en",
                            b"%PDF- letter to Kari Nilsen, Fjordgata 12, about Emma Nilsen "
                            b"born 2015-03-02: Level 12", f"{REF}.pdf")


def test_erasing_a_request_leaves_none_of_its_values_in_the_file_wal_or_backups(
        tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "register.sqlite"
    database = open_database(str(path))
    try:
        service = RegisterService(database, actor="dpo", clock=clock)
        _demo_with_history(service, clock)
        backup_sqlite(path, "before-migration")
        assert _holding(_files(path), CHILD[:1])  # the test can see a value where it is
        clock.now += timedelta(days=1)
        erasure = Erasure(service)

        first = erasure.erase("requests", REF, "Parent's request under Art. 17, case 12")
        second = erasure.erase("requests", SIBLING, "Parent's request under Art. 17, case 12")

        assert first.files_clean and second.files_clean
        assert [p.name for p in first.backups_rewritten] == [
            p.name for p in sorted(backup_folder(path).glob("*.sqlite"))]
        # Read with the register still open: closing it would checkpoint the WAL anyway.
        files = _files(path)
        assert "register.sqlite" in files and any(n.startswith("backups/") for n in files)
        assert _holding(files, CHILD + PARENT) == []
        assert b"Parent's request under Art. 17, case 12" in files["register.sqlite"]
        tombstones = erasure.tombstones()
        assert [(t.kind, t.ref, t.actor) for t in tombstones] == [
            ("requests", REF, "dpo"), ("requests", SIBLING, "dpo")]
        assert tombstones[0].after["removed"] == {
            "requests": 1, "data_items": 4, "documents": 1, "audit_entries": 4}
        assert REF not in {r.ref for r in service.requests()}
        assert service.documents(REF) == []
        assert [e.action for e in service.audit("requests", REF)] == ["erase"]
    finally:
        database.close()


def test_a_request_deleted_earlier_is_erased_from_the_trail(tmp_path: Path,
                                                           clock: Clock) -> None:
    path = tmp_path / "register.sqlite"
    database = open_database(str(path))
    try:
        service = RegisterService(database, actor="dpo", clock=clock)
        service.load(demo_register("en"))
        day = clock.now.date()
        clock.now += timedelta(days=1)
        service.delete("requests", REF)
        # The delete entry keeps a reference, not a second copy; as-of rebuilds from the trail.
        assert [e.before for e in service.audit("requests", REF) if e.action == "delete"] == [
            {"ref": REF}]
        assert service.as_of(day).requests[0].subject.name == "Emma Nilsen"
        assert _holding(_files(path), CHILD[:1])  # the create entry still holds the values

        result = Erasure(service).erase("requests", REF, "Retention period ended")

        assert not result.plan.in_register and result.plan.audit_entries == 2
        assert _holding(_files(path), CHILD) == []
    finally:
        database.close()


def test_erasure_lists_other_places_naming_the_person_and_keeps_them(
        service: RegisterService, clock: Clock) -> None:
    service.load(demo_register("en"))
    erasure = Erasure(service)
    plan = erasure.plan("requests", REF)
    assert plan.in_register and plan.data_items == 4
    # The parent asked for her son too: that request names her, and stays as it is.
    assert ("record", "requests", SIBLING, "requester") in [
        (m.where, m.kind, m.ref, m.field) for m in plan.mentions]

    result = erasure.erase("requests", REF, "Answered and closed; parent asked for erasure")

    assert result.change.deleted == (("requests", REF),)
    assert service.request(SIBLING).requester.name == "Kari Nilsen"
    if is_sqlite(service.database.target):
        assert result.files_clean is True
    else:
        assert result.files_clean is None
    assert [e.action for e in service.audit("requests", REF)] == ["erase"]


def test_erasure_refuses_a_reason_naming_the_person_and_changes_nothing(
        service: RegisterService) -> None:
    service.load(demo_register("en"))
    with pytest.raises(UserError, match="names the person"):
        Erasure(service).erase("requests", REF, "Emma  nilsen's parent asked")
    with pytest.raises(UserError, match="why"):
        Erasure(service).erase("requests", REF, "  ")
    assert service.request(REF).subject.name == "Emma Nilsen"
    with pytest.raises(UserError, match="nothing"):
        Erasure(service).erase("requests", "DSAR-1999-999", "gone")


def test_as_of_after_an_erasure_shows_what_remains(service: RegisterService,
                                                  clock: Clock) -> None:
    service.load(demo_register("en"))
    day = clock.now.date()
    clock.now += timedelta(days=3)
    Erasure(service).erase("requests", REF, "Retention period ended")
    past = service.as_of(day)
    assert REF not in {r.ref for r in past.requests}
    assert {r.ref for r in past.requests} == {"DSAR-2026-002", SIBLING}
    assert REF not in service.record_dates().get("requests", {})


def test_load_replace_keeps_a_count_and_a_checksum_not_the_records(
        service: RegisterService, clock: Clock) -> None:
    service.load(demo_register("en"))
    day = clock.now.date()
    clock.now += timedelta(days=2)
    smaller = rec.Register(organisation=demo_register("en").organisation)

    service.load(smaller, replace=True)

    entries = [e for e in service.audit() if e.at == clock.now]
    assert [(e.kind, e.action) for e in entries if e.kind != "organisation"] == [
        ("register", "replace")]
    replace = entries[0].after
    assert replace["count"]["requests"] == 3 and len(replace["sha256"]) == 64
    assert not any(e.action == "delete" for e in service.audit())
    # As of the day before, the replaced register is still there, rebuilt from the trail.
    assert {r.ref for r in service.as_of(day).requests} == {REF, "DSAR-2026-002", SIBLING}
    if is_sqlite(service.database.target):
        copy = backup_folder(Path(service.database.target)) / replace["backup"]
        assert b"Emma Nilsen" in copy.read_bytes()


def test_purge_erases_what_is_past_the_dpo_s_periods(service: RegisterService,
                                                     clock: Clock) -> None:
    service.load(demo_register("en"))
    clock.now += timedelta(days=1)
    service.record_document("access_letter", "DSAR-2026-002", "en", b"%PDF- to Lars Berg",
                            "DSAR-2026-002.pdf")
    # A privacy notice names no one: it stays as the school's record of what it told parents.
    service.record_document(DOCUMENT_KIND, history_ref("parents"), "en", b"%PDF- notice",
                            "notice.pdf")
    erasure = Erasure(service)
    today = clock.now.date()
    assert erasure.purge(dry_run=True, today=today).due == ()

    # A letter is kept 36 months by default; a closed incident 60 months from its last change.
    later = today + timedelta(days=61 * 31)
    due = erasure.purge(dry_run=True, today=later).due
    assert [i.ref for i in service.incidents() if i.status == "closed"] == ["INC-2026-002"]
    assert {(d.kind, d.ref, d.document) for d in due} == {
        ("documents", "DSAR-2026-002", "access_letter"), ("requests", "DSAR-2026-002", None),
        ("incidents", "INC-2026-002", None)}
    assert service.documents("DSAR-2026-002")  # a dry run erases nothing

    erasure.set_retention({"requests": 120, "documents": 1})
    purged = erasure.purge(today=today + timedelta(days=62))
    assert [(d.kind, d.ref) for d in purged.due] == [("documents", "DSAR-2026-002")]
    assert service.documents("DSAR-2026-002") == []
    assert len(service.documents(history_ref("parents"))) == 1
    assert service.request("DSAR-2026-002").subject.name == "Lars Berg"  # the request stays
    letters = service.audit("access_letter", "DSAR-2026-002")
    assert [(e.action, e.after["removed"]) for e in letters] == [
        ("erase", {"documents": 1, "audit_entries": 1})]
    assert [e.after for e in service.audit("retention", "requests")] == [120]


def test_purge_rotates_the_backups_older_than_their_period(tmp_path: Path,
                                                           clock: Clock) -> None:
    import os

    path = tmp_path / "register.sqlite"
    database = open_database(str(path))
    try:
        service = RegisterService(database, actor="dpo", clock=clock)
        service.load(demo_register("en"))
        old, new = backup_sqlite(path, "old"), backup_sqlite(path, "new")
        moment = (clock.now - timedelta(days=200)).timestamp()
        os.utime(old, (moment, moment))
        erasure = Erasure(service)
        assert [d.ref for d in erasure.due_backups()] == [old.name]
        assert erasure.purge(dry_run=True).backups == (old,)
        assert old.exists()
        assert erasure.purge().backups == (old,)
        assert not old.exists() and new.exists()
    finally:
        database.close()


def test_a_colleague_reading_keeps_the_wal_and_the_dpo_is_told(tmp_path: Path,
                                                               clock: Clock) -> None:
    import sqlite3

    path = tmp_path / "register.sqlite"
    database = open_database(str(path))
    try:
        service = RegisterService(database, actor="dpo", clock=clock)
        service.load(demo_register("en"))
        colleague = sqlite3.connect(path, isolation_level=None)
        colleague.execute("BEGIN")
        colleague.execute("SELECT count(*) FROM request").fetchone()  # a read snapshot held
        erasure = Erasure(service)

        result = erasure.erase("requests", REF, "Retention period ended")

        assert result.files_clean is False
        colleague.execute("COMMIT")
        colleague.close()
        assert erasure.scrub_files() is True  # what `privdesk purge` does once they are done
        assert _holding(_files(path), CHILD) == []
    finally:
        database.close()


def test_load_and_dump_keep_the_dpo_s_retention_periods(service: RegisterService,
                                                          database_target: str) -> None:
    from privdesk.services import read_register

    periods = rec.Retention(requests=120, backups=1)
    service.load(rec.replace(demo_register("en"), retention=periods))
    erasure = Erasure(service)
    assert erasure.retention_months() == {"requests": 120, "incidents": 60, "documents": 36,
                                          "backups": 1}
    assert service.snapshot().retention == periods
    if is_sqlite(database_target):  # what `dump` reads when the register is current
        plain = read_register(database_target)
        assert plain is not None and plain.retention == periods
    # A file written before the periods were in the format keeps those the DPO set.
    service.load(demo_register("en"), replace=True)
    assert service.snapshot().retention == periods
    # A file with periods makes them the register's; each change is audited.
    service.load(rec.replace(demo_register("en"), retention=rec.Retention(incidents=24)),
                 replace=True)
    assert erasure.retention_months() == {"requests": 36, "incidents": 24, "documents": 36,
                                          "backups": 3}
    assert [(e.ref, e.before, e.after) for e in service.audit("retention")] == [
        ("requests", 36, 120), ("backups", 3, 1),
        ("requests", 120, 36), ("incidents", 60, 24), ("backups", 1, 3)]


def test_an_old_file_without_retention_loads_with_the_defaults(service: RegisterService) -> None:
    service.load(demo_register("en"))
    assert service.snapshot().retention is None
    assert Erasure(service).retention_months() == dict(DEFAULT_MONTHS)
