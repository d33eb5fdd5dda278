"""A SQLite register's file, looked at with the standard library alone: where it is, what it
holds and which schema it is at.

Nothing here imports SQLAlchemy or Alembic: a command or the window that finds the register
current (all but the first start after an update) never loads the migration machinery.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from functools import cache
from pathlib import Path
from typing import Literal

DEFAULT_NAME = "register.sqlite"
# The first 16 bytes of every SQLite database file (sqlite.org/fileformat.html, 1.3).
SQLITE_HEADER = b"SQLite format 3\x00"
# Tables every privdesk schema has had since migration 0001: together they mark a register.
REGISTER_TABLES = frozenset({"alembic_version", "activity", "audit_entry"})
PRIVATE = 0o600
VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"

# What a register's path holds: nothing, an empty file, something else, a SQLite database
# without tables (what an interrupted first start leaves), or a privdesk register.
FileKind = Literal["missing", "empty", "foreign", "blank", "register"]

_REVISION = re.compile(r"""^(down_revision|revision)\s*(?::[^=]*)?=\s*(?:["']([^"']+)["']|None)""",
                       re.MULTILINE)


def default_register() -> Path:
    """The register in the user's data directory (never a synced Documents folder)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("privdesk", appauthor=False)) / DEFAULT_NAME


def resolve_target(target: str | os.PathLike[str] | None) -> str:
    """The register to open: the one named, else $PRIVDESK_DB, else the default file."""
    if target:
        return os.fspath(target)
    from_environment = os.environ.get("PRIVDESK_DB")
    return from_environment or str(default_register())


def plain_path(target: str) -> Path | None:
    """The file of a register named by a plain path; None for a URL (SQLAlchemy's to read)."""
    return None if "://" in target else Path(target).expanduser()


def register_file_kind(path: Path) -> FileKind:
    """What ``path`` holds, found by reading only: nothing is written, no mode is changed."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return "missing"
    if not stat.S_ISREG(status.st_mode):
        return "foreign"
    if status.st_size == 0:
        return "empty"
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            return "foreign"
    tables = _sqlite_tables(path)
    if tables is None:
        return "foreign"
    if not tables:
        return "blank"
    return "register" if tables >= REGISTER_TABLES else "foreign"


def _sqlite_tables(path: Path) -> set[str] | None:
    """The tables of a SQLite file, read-only; None when SQLite finds no database in it."""
    # Without a -wal file beside it, immutable=1 keeps SQLite from creating -wal and -shm
    # files next to someone else's database; with one (the register is open elsewhere, its
    # newest tables perhaps still in the log) plain read-only mode reads the log too.
    query = "mode=ro" if Path(f"{path}-wal").exists() else "mode=ro&immutable=1"
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True, timeout=5)
        try:
            rows = connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        finally:
            connection.close()
    except sqlite3.OperationalError:  # locked or unreadable: the caller says so
        raise
    except sqlite3.DatabaseError:  # "file is not a database": a damaged or foreign file
        return None
    return {str(row[0]) for row in rows}


@cache
def head_revision() -> str | None:
    """The newest migration, read from the migration files' ``revision`` and
    ``down_revision`` lines (what Alembic reads too, without importing it); None when they
    cannot be read as one chain (then Alembic decides). Read once: the files are part of the
    installed program."""
    revisions: set[str] = set()
    parents: set[str] = set()
    try:
        files = sorted(VERSIONS.glob("*.py"))
        for file in files:
            found = dict((m.group(1), m.group(2)) for m in _REVISION.finditer(file.read_text(
                encoding="utf-8")))
            if "revision" not in found:
                continue
            revisions.add(found["revision"])
            if found.get("down_revision"):
                parents.add(found["down_revision"])
    except OSError:
        return None
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def revision(connection: sqlite3.Connection) -> str | None:
    """The schema revision a register's connection reads (None: not stamped)."""
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])


def is_current(path: Path) -> bool:
    """True when ``path`` is a privdesk register at the newest schema and private (0600):
    opening it needs no migration, no backup and no change of mode."""
    try:
        if register_file_kind(path) != "register":
            return False
        if stat.S_IMODE(path.stat().st_mode) != PRIVATE:
            return False
        head = head_revision()
        if head is None:
            return False
        connection = connect(path)
        try:
            return revision(connection) == head
        finally:
            connection.close()
    except (OSError, sqlite3.Error):  # the full open says what is wrong
        return False


def connect(path: Path) -> sqlite3.Connection:
    """A reading connection to a register (checked to be one first).

    Not SQLite's read-only mode: on a WAL database that leaves -wal and -shm files behind,
    which a normal connection removes when it closes, as the engine's connections do.
    ``query_only`` refuses any write; transactions are begun by the caller (deferred).
    """
    connection = sqlite3.connect(path, timeout=5, isolation_level=None)
    connection.execute("PRAGMA query_only = ON")
    return connection
