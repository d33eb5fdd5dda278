"""Migrations build the schema the models describe, and upgrade old registers without loss."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from privdesk.domain import interchange
from privdesk.store.database import open_database
from privdesk.store.migrate import head_revision
from privdesk.store.models import Base


def test_models_and_migrations_do_not_drift(database_target: str) -> None:
    database = open_database(database_target)
    try:
        with database.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
            assert context.get_current_revision() == head_revision()
    finally:
        database.close()


def _as_schema_0001_held_it(dumped: str) -> str:
    """The demo register without the fields added after schema 0001 (a request's internal
    notes, a withheld item's ground, a DPIA screening): the old register cannot have held
    them. The demo of then also had the school and Kari Nilsen write in bokmål whatever the
    demo's language."""
    document = json.loads(dumped)
    document["organisation"]["language"] = "nb"
    for request in document["requests"]:
        if request["requester"]["name"] == "Kari Nilsen":
            request["requester"]["language"] = "nb"
        request["note"] = None
        request["delay_reason"] = None
        for item in request["data"]:
            item["note"] = None
        for item in request["withheld"]:
            item["note"] = None
            item["ground"] = None
    # A DPIA screening came after schema 0001; so did the demo's screened DPIA of PA-002.
    for activity in document["activities"]:
        activity["dpia"].pop("screening", None)
        if activity["ref"] == "PA-002":
            activity["dpia"].update(done=None, reference=None)
    return interchange.dumps(interchange.loads(json.dumps(document)))


OLD_REGISTERS = Path(__file__).resolve().parent.parent / "fixtures" / "registers"


def test_a_register_from_schema_0001_upgrades_without_loss(tmp_path: Path) -> None:
    from privdesk.services import RegisterService
    from privdesk.services.demo import demo_register

    path = tmp_path / "old.sqlite"
    shutil.copyfile(OLD_REGISTERS / "schema-0001-demo.sqlite", path)

    def links() -> int:
        with sqlite3.connect(path) as connection:
            return int(connection.execute(
                "SELECT count(*) FROM activity_processor").fetchone()[0])

    before = links()
    database = open_database(path)
    try:
        # The processor table was rebuilt (0002); the links pointing at it survived.
        assert links() == before > 0
        assert database.backup is not None and database.backup.parent == tmp_path / \
            "old.sqlite.backups"
        assert stat.S_IMODE(os.stat(database.backup).st_mode) == 0o600
        service = RegisterService(database, actor="test")
        assert interchange.dumps(service.snapshot()) == _as_schema_0001_held_it(
            interchange.dumps(demo_register()))
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            assert connection.exec_driver_sql(
                "SELECT version_num FROM alembic_version").scalar() == head_revision()
    finally:
        database.close()
    # The backup is the register as it was: still at schema 0001, with all its data.
    with sqlite3.connect(database.backup) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
        assert copy.execute("SELECT count(*) FROM activity_processor").fetchone()[0] == before


def test_the_database_refuses_an_unknown_processor_role(tmp_path: Path) -> None:
    open_database(tmp_path / "r.sqlite").close()
    with sqlite3.connect(tmp_path / "r.sqlite") as connection, pytest.raises(
            sqlite3.IntegrityError):
        connection.execute(
            "INSERT INTO processor (ref, name, role, data_locations, dpa, certifications, "
            "version_id, updated_at, updated_by) VALUES ('V', 'V', 'boss', '[]', '{}', '[]', 1, "
            "'2026-01-01 00:00:00', 'x')")
