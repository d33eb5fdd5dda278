"""Opening a register: the default location, the engine, the migrations, the sessions."""

from __future__ import annotations

import getpass
import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    InterfaceError,
    NoSuchModuleError,
    OperationalError,
)
from sqlalchemy.orm import Session, sessionmaker

from privdesk.domain.errors import N_, UserError
from privdesk.store import migrate
from privdesk.store.engine import (
    PRIVATE,
    create_private_file,
    is_url,
    make_engine,
    reading,
    shown_target,
    sqlite_path,
)

DEFAULT_NAME = "register.sqlite"
# The databases the schema and the tests cover.
SUPPORTED = ("sqlite", "postgresql")
# The first 16 bytes of every SQLite database file (sqlite.org/fileformat.html, 1.3).
SQLITE_HEADER = b"SQLite format 3\x00"
# Tables every privdesk schema has had since migration 0001: together they mark a register.
REGISTER_TABLES = frozenset({"alembic_version", "activity", "audit_entry"})

# What a register's path holds: nothing, an empty file, something else, a SQLite database
# without tables (what an interrupted first start leaves), or a privdesk register.
FileKind = Literal["missing", "empty", "foreign", "blank", "register"]


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


@dataclass
class Database:
    """An open, migrated register.

    ``target`` is for showing: a server URL's password is hidden in it (the engine has the
    real URL; reopen with ``engine.url``). ``sessions`` are for reading (on SQLite a deferred
    transaction, which a colleague's write does not block), ``writes`` for writing (the write
    lock taken at BEGIN, so writers queue): ``store.engine``'s doc has the recipe.
    """

    target: str
    engine: Engine
    sessions: sessionmaker[Session]
    writes: sessionmaker[Session]
    backup: Path | None

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.target)

    def actor(self) -> str:
        """Who is editing: the database user on a server, the OS user on a laptop."""
        if self.path is None:
            with self.engine.connect() as connection:
                return str(connection.execute(text("select current_user")).scalar_one())
        try:
            return getpass.getuser()
        except (KeyError, OSError):  # no user name in a bare container
            return "unknown"

    def close(self) -> None:
        self.engine.dispose()


def open_database(target: str | os.PathLike[str] | None = None, *,
                  create: bool = True) -> Database:
    """Open and migrate the register named by ``target``.

    Only with ``create`` is a missing SQLite register made (init, load, the window's first
    start): a command that reads must not turn a mistyped ``--db`` into an empty register.
    """
    resolved = resolve_target(target)
    shown = shown_target(resolved)
    path: Path | None = None
    created = False
    try:
        if is_url(resolved) and make_url(resolved).get_backend_name() not in SUPPORTED:
            raise UserError(N_("privdesk keeps a register in a SQLite file or a PostgreSQL "
                               "database, not in {target}"), target=shown)
        path = sqlite_path(resolved)
        if path is not None:
            created = prepare_register_file(path, shown, create=create)
        engine = make_engine(resolved)
    except (NoSuchModuleError, ImportError) as error:
        raise UserError(N_("cannot open {target}: the database driver is missing "
                           "(install privdesk[postgres] for PostgreSQL)"), target=shown) from error
    except (ArgumentError, ValueError) as error:
        raise UserError(N_("{target} is neither a file nor a database URL"),
                        target=shown) from error
    try:
        copy = migrate.upgrade(engine, resolved)
    except BaseException as error:
        engine.dispose()
        if created and path is not None:
            _discard_new_register(path)
        if isinstance(error, (OperationalError, InterfaceError)) or (
                isinstance(error, DBAPIError) and error.statement is None):
            # The server is unreachable or refused us, the URL has an option the driver
            # refuses (connect_timeout=abc), or the file cannot be opened.
            raise UserError(N_("cannot open the register {target}: {reason}"), target=shown,
                            reason=_reason(error, resolved)) from error
        raise
    return Database(shown, engine, sessionmaker(reading(engine), expire_on_commit=False),
                    sessionmaker(engine, expire_on_commit=False), copy)


def prepare_register_file(path: Path, shown: str, *, create: bool) -> bool:
    """Make a SQLite register's file ready for the engine; True when it was created just now.

    The one place that decides: a file that is not a privdesk register is refused
    before anything writes to it or changes its mode to 0600, and a missing one is created
    only when ``create`` allows it.
    """
    try:
        kind = register_file_kind(path)
        if kind == "missing" and create:
            create_private_file(path)
            return True
        if kind == "register" or (kind == "blank" and create):
            if stat.S_IMODE(path.stat().st_mode) != PRIVATE:
                os.chmod(path, PRIVATE)
            return False
    except (OSError, sqlite3.OperationalError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise UserError(N_("cannot open the register {target}: {reason}"), target=shown,
                        reason=reason) from error
    if kind == "missing":
        raise UserError(N_("no register at {target}; create one with `privdesk init`"),
                        target=shown)
    if kind == "empty":
        raise UserError(N_("{target} is an empty file, not a privdesk register; nothing was "
                           "changed"), target=shown)
    raise UserError(N_("{target} is not a privdesk register; nothing was changed"),
                    target=shown)


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


def _discard_new_register(path: Path) -> None:
    """Remove a register this call created, when its first migration failed: the next start
    would otherwise find a file it cannot tell from someone else's."""
    for name in (str(path), f"{path}-wal", f"{path}-shm", f"{path}-journal"):
        Path(name).unlink(missing_ok=True)


def _reason(error: DBAPIError, target: str) -> str:
    """The driver's own words (the server's refusal), never with a password in them."""
    reason = " ".join(str(error.orig).split())
    password = None
    if is_url(target):
        password = make_url(target).password
    return reason.replace(str(password), "***") if password else reason
