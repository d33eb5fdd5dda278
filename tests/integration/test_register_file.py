"""Which files the store opens as a register, which it creates, and which it leaves alone."""

from __future__ import annotations

import os
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest

from privdesk.domain.errors import UserError
from privdesk.store import database as database_module
from privdesk.store import migrate
from privdesk.store.database import open_database, register_file_kind


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def sqlite_file(path: Path, *statements: str, wal: bool = False) -> Path:
    with closing(sqlite3.connect(path)) as connection:
        if wal:
            connection.execute("PRAGMA journal_mode = WAL")
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    return path


def test_the_kinds_of_file(tmp_path: Path) -> None:
    register = tmp_path / "register.sqlite"
    open_database(register).close()
    (tmp_path / "notes.txt").write_text("hei\n", encoding="utf-8")
    (tmp_path / "empty").touch()
    sqlite_file(tmp_path / "foreign.sqlite", "CREATE TABLE notes (body TEXT)")
    assert register_file_kind(register) == "register"
    assert register_file_kind(tmp_path / "nowhere.sqlite") == "missing"
    assert register_file_kind(tmp_path / "notes.txt") == "foreign"
    assert register_file_kind(tmp_path / "empty") == "empty"
    assert register_file_kind(tmp_path / "foreign.sqlite") == "foreign"
    assert register_file_kind(tmp_path) == "foreign"


def test_a_blank_database_is_taken_only_where_a_register_may_be_created(
        tmp_path: Path) -> None:
    blank = tmp_path / "blank.sqlite"
    with closing(sqlite3.connect(blank)) as connection:
        connection.execute("PRAGMA journal_mode = WAL")  # writes the header, no table
    assert blank.stat().st_size > 0 and register_file_kind(blank) == "blank"
    with pytest.raises(UserError, match="is not a privdesk register"):
        open_database(blank, create=False)
    open_database(blank, create=True).close()
    assert register_file_kind(blank) == "register" and mode(blank) == 0o600


def test_a_register_whose_tables_are_still_in_the_log_is_recognised(tmp_path: Path) -> None:
    """A new register's schema may sit in the WAL of a window that still has it open."""
    path = tmp_path / "register.sqlite"
    with closing(sqlite3.connect(path, isolation_level=None)) as window:
        window.execute("PRAGMA journal_mode = WAL")
        window.execute("PRAGMA wal_autocheckpoint = 0")
        for table in sorted(database_module.REGISTER_TABLES):
            window.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY)")
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)) as file:
            # The database file itself holds no table yet: only the log has them.
            assert file.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
        assert register_file_kind(path) == "register"


def test_a_missing_register_is_created_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "folder" / "register.sqlite"
    with pytest.raises(UserError, match="no register at"):
        open_database(path, create=False)
    assert not path.exists() and not path.parent.exists()
    old = os.umask(0)
    try:
        open_database(path, create=True).close()
    finally:
        os.umask(old)
    assert mode(path) == 0o600 and register_file_kind(path) == "register"


def test_a_register_of_ours_with_wide_permissions_becomes_private(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite"
    open_database(path).close()
    path.chmod(0o644)
    open_database(path, create=False).close()
    assert mode(path) == 0o600


@pytest.mark.parametrize("create", [True, False])
def test_a_foreign_wal_database_gets_no_log_beside_it(tmp_path: Path, create: bool) -> None:
    path = sqlite_file(tmp_path / "notes.sqlite", "CREATE TABLE notes (body TEXT)", wal=True)
    path.chmod(0o644)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    with pytest.raises(UserError, match="is not a privdesk register"):
        open_database(path, create=create)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before and mode(path) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["notes.sqlite"]


def test_an_unreadable_file_is_refused_in_words(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = tmp_path / "locked.sqlite"
    path.write_bytes(b"x")
    path.chmod(0)
    try:
        with pytest.raises(UserError, match="cannot open the register .*: Permission denied"):
            open_database(path)
    finally:
        path.chmod(0o600)


def test_a_register_whose_creation_failed_is_removed(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(migrate, "upgrade", fail)
    path = tmp_path / "register.sqlite"
    with pytest.raises(OSError, match="disk full"):
        open_database(path)
    assert list(tmp_path.iterdir()) == []
