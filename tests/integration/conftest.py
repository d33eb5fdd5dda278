"""Integration fixtures: every register test runs on a SQLite file and on a real PostgreSQL.

How to use (for everyone writing tests under tests/integration):

- Ask for ``database_target`` instead of ``register_path``/``tmp_path / "x.sqlite"``: it is a
  ``str`` to give to ``open_register(...)``, ``open_database(...)`` or ``--db``; the test runs
  twice, once with a fresh SQLite file path and once (marked ``postgres``) with the
  ``postgresql+psycopg://`` URL of a fresh, empty database on a throw-away cluster.
- ``another_target()`` gives a further fresh register of the same kind (a second file, or a
  second database on the same server), e.g. to import into an empty register.
- Or ask for ``service``: a ``RegisterService`` on that target with actor ``"dpo"`` and the
  ``clock`` fixture as its clock (set ``clock.now`` to move time).
- Keep SQLite-only checks (file permissions, pragmas, backups) on ``register_path``.
- ``-m "not postgres"`` runs the SQLite half only. Without a working PostgreSQL the postgres
  half is skipped locally; with ``CI`` set in the environment it fails instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pg_server import PgServer, PostgresUnavailable, unavailable

from privdesk.services import RegisterService
from privdesk.store.database import open_database


class Clock:
    """A clock the test moves, so that the audit trail has known moments."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer | PostgresUnavailable]:
    """One throw-away cluster for the whole session (started on first use)."""
    try:
        server = PgServer.start()
    except PostgresUnavailable as error:
        yield error
        return
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres(pg_server: PgServer | PostgresUnavailable) -> Iterator[tuple[PgServer, str]]:
    """The running server and the name of a fresh, empty database of this test's own."""
    if isinstance(pg_server, PostgresUnavailable):
        unavailable(str(pg_server))
    name = pg_server.create_database()
    try:
        yield pg_server, name
    finally:
        pg_server.drop_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where the test's register lives: a SQLite file path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "register.sqlite")
    server, name = request.getfixturevalue("postgres")
    return server.url(name)


@pytest.fixture
def another_target(database_target: str, tmp_path: Path,
                   request: pytest.FixtureRequest) -> Iterator[Callable[[], str]]:
    """Makes further fresh registers of the same kind as ``database_target``."""
    server: PgServer | None = None
    if not is_sqlite(database_target):
        server, _ = request.getfixturevalue("postgres")
    made: list[str] = []

    def make() -> str:
        if server is None:
            made.append(str(tmp_path / f"another-{len(made) + 1}.sqlite"))
            return made[-1]
        made.append(server.create_database())
        return server.url(made[-1])

    yield make
    if server is not None:
        for name in made:
            server.drop_database(name)


def is_sqlite(target: str) -> bool:
    return not target.startswith("postgresql")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(database_target: str, clock: Clock) -> Iterator[RegisterService]:
    """The register service on ``database_target``, as actor "dpo", on the test's clock."""
    database = open_database(database_target)
    try:
        yield RegisterService(database, actor="dpo", clock=clock)
    finally:
        database.close()
