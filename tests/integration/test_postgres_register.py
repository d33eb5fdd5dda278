"""The shared register on PostgreSQL: same schema and records as SQLite, colleagues, passwords."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from pg_server import PASSWORD_USER, PgServer
from sqlalchemy import insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from privdesk.domain import interchange, records
from privdesk.domain.errors import ConflictError, UserError
from privdesk.domain.incidents import local_text
from privdesk.i18n import translation
from privdesk.services import RegisterService, open_register
from privdesk.store import migrate
from privdesk.store.database import open_database
from privdesk.store.engine import keyring_name, remembered_target
from privdesk.store.models import ActivityProcessorLink, Base

OSLO = timezone(timedelta(hours=1))
REFS = ["b-1", "B-2", "a_3", "PA-10", "PA-2", "Å-1", "Z-1", "ø", "a 1", "a-1"]

# ------------------------------------------------------------ the same on both databases


def test_migrations_build_the_schema_the_models_describe(database_target: str) -> None:
    database = open_database(database_target)
    try:
        with database.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
        # Down to nothing and up again: every revision runs both ways on this database.
        with database.engine.connect() as connection:
            if connection.dialect.name == "sqlite":
                connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
            config = migrate.alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
            command.upgrade(config, "head")
            connection.commit()
            connection.invalidate()
        assert migrate.current_revision(database.engine) == migrate.head_revision()
    finally:
        database.close()


def test_new_records_after_a_load_get_fresh_ids(service: RegisterService,
                                                demo_json: str) -> None:
    service.load(interchange.loads(demo_json))
    service.create(records.Processor(ref="VEN-NEW", name="A new vendor"))
    service.create(records.Activity(ref="PA-NEW", name="New", processors=("VEN-NEW",)))
    assert service.activity("PA-NEW").processors == ("VEN-NEW",)


def test_records_come_back_exactly_as_they_went_in(service: RegisterService) -> None:
    aware = datetime(2026, 3, 2, 7, 15, tzinfo=OSLO)
    incident = records.Incident(
        ref="INC-1", title="Lost laptop «Ærlig»", aware_at=aware,
        occurred_at=datetime(2026, 3, 1, 23, 59, 59, 123456, tzinfo=UTC),
        children=True, encrypted=False, restored_within_hours=1.5, subjects_count=0,
        breach_types=("confidentiality",), description="Line one\nline two — ø å ä ö 🙂",
    )
    service.create(incident)
    back = service.incident("INC-1")
    assert back == incident
    assert back.aware_at.tzinfo is not None and back.aware_at == aware
    assert (back.children, back.encrypted, back.vulnerable) == (True, False, None)


def test_link_tables_refuse_a_reference_to_nothing(service: RegisterService) -> None:
    service.create(records.Activity(ref="PA-1", name="A"))
    with service.database.sessions() as session, pytest.raises(IntegrityError):  # noqa: SIM117
        with session.begin():
            session.execute(insert(ActivityProcessorLink),
                            [{"activity_id": 1, "processor_id": 999, "position": 0}])


def test_records_sort_by_their_bytes_on_every_database(service: RegisterService) -> None:
    for ref in REFS:
        service.create(records.Processor(ref=ref, name=ref))
    assert [p.ref for p in service.processors()] == sorted(REFS)


@pytest.mark.parametrize(("target", "expected"), [
    ("mysql://anna:Hemmelig-1@db.example/privdesk", "SQLite file or a PostgreSQL database"),
    ("://anna:Hemmelig-1@", "neither a file nor a database URL"),
])
def test_a_target_that_holds_no_register_is_refused_in_one_line(target: str,
                                                                 expected: str) -> None:
    with pytest.raises(UserError) as refused:
        open_database(target)
    shown = refused.value.render()
    assert expected in shown and "Hemmelig-1" not in shown


# ------------------------------------------------------------ PostgreSQL only


@pytest.fixture
def office(postgres: tuple[PgServer, str]) -> Iterator[tuple[PgServer, str]]:
    """A migrated register with two colleagues, anna and bjorn, who may edit it.

    As a municipality would set it up: the owner creates the schema, the DPO office's group
    role gets the rights to edit, and each person logs in as themselves.
    """
    server, name = postgres
    open_database(server.url(name)).close()
    server.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                   "'dpo_office') THEN CREATE ROLE dpo_office NOLOGIN; END IF; END $$")
    for user in ("anna", "bjorn"):
        server.create_role(user, member_of="dpo_office")
    server.execute(
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO dpo_office",
        "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO dpo_office",
        database=name)
    yield server, name


@pytest.mark.postgres
def test_the_audit_trail_names_the_database_user(office: tuple[PgServer, str]) -> None:
    server, name = office
    with open_register(server.url(name, user="anna")) as anna:
        assert anna.actor == "anna"
        anna.create(records.Activity(ref="PA-1", name="Maths"))
    with open_register(server.url(name, user="bjorn")) as bjorn:
        bjorn.update(records.Activity(ref="PA-1", name="Mathematics"))
        trail = bjorn.audit("activities", "PA-1")
        _, _, last_by = bjorn.version("activities", "PA-1")
    assert [(e.action, e.actor) for e in trail] == [("create", "anna"), ("update", "bjorn")]
    assert last_by == "bjorn"


@pytest.mark.postgres
def test_two_colleagues_cannot_overwrite_each_other(office: tuple[PgServer, str]) -> None:
    server, name = office
    with open_register(server.url(name, user="anna")) as anna, \
            open_register(server.url(name, user="bjorn")) as bjorn:
        anna.create(records.Activity(ref="PA-1", name="Maths", owner="Rektor"))
        # Both open the record in their window.
        anna_opened, _, _ = anna.version("activities", "PA-1")
        bjorn_opened, _, _ = bjorn.version("activities", "PA-1")
        bjorn.update(records.Activity(ref="PA-1", name="Maths", owner="Inspektør"),
                     expected_version=bjorn_opened)
        _, changed_at, _ = bjorn.version("activities", "PA-1")
        with pytest.raises(ConflictError) as refused:
            anna.update(records.Activity(ref="PA-1", name="Algebra", owner="Rektor"),
                        expected_version=anna_opened)
        kept = anna.activity("PA-1")
        trail = anna.audit("activities", "PA-1")
    assert (kept.name, kept.owner) == ("Maths", "Inspektør")
    assert [e.actor for e in trail] == ["anna", "bjorn"]
    # No organisation recorded: the moment in UTC, named as such.
    when = local_text(changed_at, "UTC")
    english = refused.value.render()
    assert "bjorn" in english and when in english and "reload" in english
    norwegian = refused.value.render(translation("nb").gettext)
    swedish = refused.value.render(translation("sv").gettext)
    assert "bjorn" in norwegian and when in norwegian and "endret" in norwegian
    assert "bjorn" in swedish and when in swedish and "ändrade" in swedish


@pytest.mark.postgres
def test_records_sort_by_their_bytes_under_a_norwegian_collation(
        postgres: tuple[PgServer, str]) -> None:
    server, _ = postgres
    # A server whose databases sort the Norwegian way (ICU); refs must still sort as on SQLite.
    server.execute("DROP DATABASE IF EXISTS norsk WITH (FORCE)",
                   "CREATE DATABASE norsk TEMPLATE template0 LOCALE_PROVIDER icu "
                   "ICU_LOCALE 'nb-NO' LOCALE 'C.UTF-8'")
    try:
        with open_register(server.url("norsk")) as service:
            for ref in REFS:
                service.create(records.Processor(ref=ref, name=ref))
            assert [p.ref for p in service.processors()] == sorted(REFS)
    finally:
        server.drop_database("norsk")


@pytest.mark.postgres
def test_moments_are_the_same_whatever_the_session_time_zone(
        postgres: tuple[PgServer, str]) -> None:
    server, name = postgres
    aware = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # the night the clocks go forward
    with open_register(server.url(name)) as service:
        service.create(records.Incident(ref="INC-1", title="T", aware_at=aware))
    oslo = server.url(name) + "?options=-c%20timezone%3DEurope/Oslo"
    with open_register(oslo) as service:
        back = service.incident("INC-1")
        assert back.aware_at == aware and back.aware_at.utcoffset() == timedelta(0)


@pytest.mark.postgres
def test_colleagues_opening_a_new_register_at_once_all_get_it(
        postgres: tuple[PgServer, str]) -> None:
    server, name = postgres
    start = threading.Barrier(4)
    failures: list[Exception] = []
    actors: list[str] = []

    def open_it() -> None:
        start.wait()
        try:
            with open_register(server.url(name)) as service:
                actors.append(service.actor)
        except Exception as error:  # noqa: BLE001 - collected and shown by the assert
            failures.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)  # a safety net against a hang, not a measurement
    assert not any(thread.is_alive() for thread in threads), "opening the register hung"
    assert failures == [] and len(actors) == 4


@pytest.mark.postgres
def test_the_password_comes_from_pgpass_and_is_never_shown(
        postgres: tuple[PgServer, str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    server, name = postgres
    secret = "Hemmelig-passord-42"
    server.create_role(PASSWORD_USER, password=secret)
    server.execute(f"GRANT ALL ON DATABASE {name} TO {PASSWORD_USER}",
                   f"ALTER DATABASE {name} OWNER TO {PASSWORD_USER}")
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"127.0.0.1:{server.port}:{name}:{PASSWORD_USER}:{secret}\n",
                      encoding="utf-8")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    with open_register(server.url(name, user=PASSWORD_USER)) as service:
        service.create(records.Activity(ref="PA-1", name="A"))
        assert service.actor == PASSWORD_USER
    # A password in the URL works too, but is hidden wherever the register is shown.
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    with open_register(server.url(name, user=PASSWORD_USER, password=secret)) as service:
        assert [a.ref for a in service.activities()] == ["PA-1"]
        assert secret not in service.database.target
        assert secret not in repr(service.database.engine)
        assert service.database.target == server.url(name, user=PASSWORD_USER, password="***")


@pytest.mark.postgres
def test_a_refused_login_is_one_clear_line_without_the_password(
        postgres: tuple[PgServer, str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    server, name = postgres
    server.create_role(PASSWORD_USER, password="the-right-one")
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    wrong = "Feil-passord-17"
    with pytest.raises(UserError) as refused:
        open_database(server.url(name, user=PASSWORD_USER, password=wrong))
    shown = refused.value.render(translation("nb").gettext)
    assert wrong not in shown and "\n" not in shown
    assert "password authentication failed" in shown and PASSWORD_USER in shown


@pytest.mark.postgres
def test_the_password_can_come_from_the_os_keyring(
        postgres: tuple[PgServer, str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    server, name = postgres
    secret = "Fra-nokkelringen-7"
    server.create_role(PASSWORD_USER, password=secret)
    server.execute(f"ALTER DATABASE {name} OWNER TO {PASSWORD_USER}")
    url = server.url(name, user=PASSWORD_USER)
    # A stand-in for the optional ``keyring`` package (not a dependency): same function.
    wanted = keyring_name(make_url(url))
    (tmp_path / "keyring.py").write_text(
        "def get_password(service, user):\n"
        f"    return {secret!r} if (service, user) == ('privdesk', {wanted!r}) else None\n",
        encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "keyring", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    with open_register(url) as service:
        assert service.actor == PASSWORD_USER
        assert secret not in repr(service.database.engine.url)
        assert remembered_target(server.url(name, PASSWORD_USER, secret)) == url
    monkeypatch.delitem(sys.modules, "keyring")
