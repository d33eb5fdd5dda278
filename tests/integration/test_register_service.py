"""The register service on a real SQLite file and on PostgreSQL: transactions, audit, history."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from privdesk.domain import interchange, records
from privdesk.domain.errors import ConflictError, UserError
from privdesk.services import RegisterService
from privdesk.store.database import open_database

if TYPE_CHECKING:
    from integration.conftest import Clock


@pytest.fixture
def sqlite_service(register_path: Path) -> Iterator[RegisterService]:
    """The service on a SQLite file, for what only a file has (permissions, pragmas)."""
    database = open_database(register_path)
    yield RegisterService(database, actor="dpo")
    database.close()


def test_register_file_is_private_and_pragmas_are_on(register_path: Path,
                                                     sqlite_service: RegisterService) -> None:
    service = sqlite_service
    service.create(records.Processor(ref="V1", name="Vendor"))
    assert stat.S_IMODE(os.stat(register_path).st_mode) == 0o600
    wal = Path(f"{register_path}-wal")
    if wal.exists():
        assert stat.S_IMODE(os.stat(wal).st_mode) == 0o600
    with service.database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_every_change_is_audited_with_before_and_after(service: RegisterService) -> None:
    service.create(records.Activity(ref="PA-1", name="Maths", legal_bases=("6.1.e",)))
    change = service.update(records.Activity(ref="PA-1", name="Mathematics",
                                             legal_bases=("6.1.e",)))
    assert change.updated == (("activities", "PA-1"),)
    trail = service.audit("activities", "PA-1")
    assert [(e.action, e.field) for e in trail] == [("create", None), ("update", "name")]
    assert (trail[1].before, trail[1].after, trail[1].actor) == ("Maths", "Mathematics", "dpo")


def test_an_unchanged_save_changes_nothing(service: RegisterService) -> None:
    activity = records.Activity(ref="PA-1", name="Maths")
    service.create(activity)
    assert not service.update(activity)
    assert len(service.audit()) == 1


def test_dangling_reference_is_refused_and_nothing_written(service: RegisterService) -> None:
    with pytest.raises(UserError, match="refers to no record"):
        service.create(records.Activity(ref="PA-1", name="A", processors=("VEN-404",)))
    assert service.activities() == [] and service.audit() == []


def test_delete_removes_links_and_restore_puts_everything_back(
        service: RegisterService) -> None:
    service.create(records.Processor(ref="V1", name="Vendor"))
    service.create(records.Processor(ref="V2", name="Sub", role="subprocessor", parent="V1"))
    service.create(records.Activity(ref="PA-1", name="A", processors=("V1", "V2")))
    change = service.delete("processors", "V1")
    assert service.activity("PA-1").processors == ("V2",)
    assert service.processor("V2").parent is None
    service.restore(change)
    assert service.activity("PA-1").processors == ("V1", "V2")
    assert service.processor("V2").parent == "V1"
    assert service.processor("V1").name == "Vendor"


def test_optimistic_locking_refuses_a_stale_save(service: RegisterService) -> None:
    service.create(records.Activity(ref="PA-1", name="A"))
    version, _, _ = service.version("activities", "PA-1")
    other = RegisterService(service.database, actor="colleague", clock=service.clock)
    other.update(records.Activity(ref="PA-1", name="B"), expected_version=version)
    with pytest.raises(ConflictError) as caught:
        service.update(records.Activity(ref="PA-1", name="C"), expected_version=version)
    assert "colleague" in caught.value.render()
    assert service.activity("PA-1").name == "B"


def test_load_is_all_or_nothing(service: RegisterService, demo_json: str) -> None:
    register = interchange.loads(demo_json)
    service.load(register)
    with pytest.raises(UserError, match="not empty"):
        service.load(register)
    assert interchange.dumps(service.snapshot()) == interchange.dumps(register)


def test_load_that_fails_in_the_database_leaves_nothing(service: RegisterService) -> None:
    # Two activities with one ref pass no reader, but the store must hold even if one did.
    broken = records.Register(activities=(records.Activity(ref="PA-1", name="A"),
                                          records.Activity(ref="PA-1", name="B")))
    with pytest.raises(Exception):  # noqa: B017 - the database's own refusal
        service.load(broken)
    assert service.is_empty()


def test_as_of_rebuilds_the_register_from_the_trail(service: RegisterService,
                                                    clock: Clock) -> None:
    service.create(records.Activity(ref="PA-1", name="Kept, renamed later"))
    service.create(records.Activity(ref="PA-2", name="Deleted later"))
    clock.now = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    service.update(records.Activity(ref="PA-1", name="New name"))
    service.delete("activities", "PA-2")
    service.create(records.Activity(ref="PA-3", name="Created later"))
    past = service.as_of(date(2026, 2, 1))
    assert [(a.ref, a.name) for a in past.activities] == [
        ("PA-1", "Kept, renamed later"), ("PA-2", "Deleted later")]
    assert [a.ref for a in service.as_of(date(2026, 3, 1)).activities] == ["PA-1", "PA-3"]


def test_documents_are_kept_as_sent(service: RegisterService) -> None:
    digest = service.record_document("access_letter", "R1", "nb", b"%PDF-1.4 ...", "r1.pdf")
    kept = service.documents("R1")
    assert kept[0]["sha256"] == digest and kept[0]["language"] == "nb"


def test_migration_takes_a_private_backup_first(tmp_path: Path) -> None:
    # A register written by an older privdesk (schema 0001: the demo school), opened by this
    # one under the most permissive umask, so that nothing is private by accident.
    old_schema = Path(__file__).resolve().parent.parent / "fixtures" / "registers" / \
        "schema-0001-demo.sqlite"
    path = tmp_path / "old.sqlite"
    shutil.copyfile(old_schema, path)
    with sqlite3.connect(old_schema) as original:
        as_it_was = list(original.iterdump())
    umask = os.umask(0)
    try:
        open_database(path).close()
        open_database(path).close()  # already current: no second copy
    finally:
        os.umask(umask)
    folder = tmp_path / "old.sqlite.backups"
    backups = list(folder.glob("*.sqlite"))
    assert [b.name.endswith("-before-migration.sqlite") for b in backups] == [True]
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(backups[0]).st_mode) == 0o600
    # The copy is the register as it was before the upgrade, every row and the old schema.
    with sqlite3.connect(backups[0]) as copy:
        assert list(copy.iterdump()) == as_it_was
