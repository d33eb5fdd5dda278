"""Moving a laptop register to the municipality's PostgreSQL and back, with the command line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_server import PASSWORD_USER, PgServer, PostgresUnavailable, unavailable
from support import run_cli

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def server() -> Iterator[PgServer]:
    try:
        running = PgServer.start()
    except PostgresUnavailable as error:
        unavailable(str(error))
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def server_db(server: PgServer) -> Iterator[str]:
    """The URL of a fresh, empty database on the server."""
    name = server.create_database()
    try:
        yield server.url(name)
    finally:
        server.drop_database(name)


def dump(target: str, out: Path) -> str:
    result = run_cli("dump", "--db", target, "--out", str(out))
    assert result.code == 0, result.stderr
    return out.read_text(encoding="utf-8")


def test_a_register_moves_to_the_server_and_back_unchanged(tmp_path: Path, server_db: str,
                                                           demo_register: Path) -> None:
    laptop = demo_register
    original = dump(str(laptop), tmp_path / "laptop.json")

    moved = run_cli("load", str(tmp_path / "laptop.json"), "--db", server_db)
    assert moved.code == 0, moved.stderr
    on_server = dump(server_db, tmp_path / "server.json")
    assert on_server == original

    back = tmp_path / "back.sqlite"
    # The other way round, naming the register through the environment this time.
    returned = run_cli("load", str(tmp_path / "server.json"), env={"PRIVDESK_DB": str(back)})
    assert returned.code == 0, returned.stderr
    assert dump(str(back), tmp_path / "back.json") == original

    listing = run_cli("list", "activities", "--db", server_db, "--json")
    assert listing.code == 0 and '"ref"' in listing.stdout


def test_load_refuses_a_server_register_that_is_not_empty(tmp_path: Path, server_db: str,
                                                         demo_register: Path) -> None:
    laptop = demo_register
    dump(str(laptop), tmp_path / "laptop.json")
    assert run_cli("load", str(tmp_path / "laptop.json"), "--db", server_db).code == 0
    before = dump(server_db, tmp_path / "before.json")

    again = run_cli("load", str(tmp_path / "laptop.json"), "--db", server_db, "--lang", "nb")
    assert again.code == 1
    assert again.stderr.count("\n") == 1 and "Traceback" not in again.stderr
    assert again.stderr.startswith("privdesk: ") and "--replace" in again.stderr
    assert dump(server_db, tmp_path / "after.json") == before


def test_a_password_in_the_url_is_never_printed(tmp_path: Path, server: PgServer) -> None:
    name = server.create_database()
    secret = "Passord-i-adressen-9"
    try:
        server.create_role(PASSWORD_USER, password=secret)
        server.execute(f"ALTER DATABASE {name} OWNER TO {PASSWORD_USER}")
        env = {"PGPASSFILE": str(tmp_path / "no-pgpass")}
        url = server.url(name, user=PASSWORD_USER, password=secret)
        created = run_cli("init", "--db", url, env=env)
        assert created.code == 0, created.stderr.replace(secret, "<leaked>")
        assert secret not in created.stdout + created.stderr and "***" in created.stderr

        wrong = server.url(name, user=PASSWORD_USER, password="Feil-" + secret)
        refused = run_cli("list", "activities", "--db", wrong, env=env)
        assert refused.code == 1 and "Traceback" not in refused.stderr
        assert secret not in refused.stdout + refused.stderr
        assert refused.stderr.count("\n") == 1 and "***" in refused.stderr
    finally:
        server.drop_database(name)
