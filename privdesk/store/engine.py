"""Engines for a register: a SQLite file (WAL, foreign keys, busy timeout) or any SQLAlchemy URL."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

PRIVATE = 0o600


def is_url(target: str) -> bool:
    """True when ``target`` is a database URL rather than a file path."""
    return "://" in target


def sqlite_path(target: str) -> Path | None:
    """The file of a SQLite register, or None for a server database."""
    if not is_url(target):
        return Path(target).expanduser()
    url = make_url(target)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(str(url.database))
    return None


def ensure_private_file(path: Path) -> None:
    """Create the register file with permission 0600 before SQLite does (umask would give 0644)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, PRIVATE)
    os.close(fd)
    os.chmod(path, PRIVATE)


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # The documented recipe (SQLAlchemy, "Transactions with SQLite and the sqlite3 driver"):
    # take transaction control from the driver, set the pragmas outside any transaction, and
    # emit BEGIN ourselves in the "begin" event.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.execute("PRAGMA secure_delete = ON")
    cursor.close()


def _on_sqlite_begin(connection: Any) -> None:
    # IMMEDIATE takes the write lock at once, so two writers queue on busy_timeout instead of
    # failing with "database is locked" when a read transaction tries to become a write.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(target: str) -> Engine:
    """An engine for a file path (SQLite) or a SQLAlchemy URL (PostgreSQL or SQLite)."""
    path = sqlite_path(target)
    if path is not None:
        ensure_private_file(path)
        engine = create_engine(f"sqlite:///{path}")
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    return create_engine(target, pool_pre_ping=True)
