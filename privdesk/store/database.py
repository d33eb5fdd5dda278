"""Opening a register: the default location, the engine, the migrations, the sessions."""

from __future__ import annotations

import getpass
import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

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
from privdesk.store import register_file
from privdesk.store.engine import (
    PRIVATE,
    create_private_file,
    is_url,
    make_engine,
    reading,
    shown_target,
    sqlite_path,
)
from privdesk.store.register_file import (
    DEFAULT_NAME,
    REGISTER_TABLES,
    SQLITE_HEADER,
    FileKind,
    default_register,
    register_file_kind,
    resolve_target,
)

__all__ = ["DEFAULT_NAME", "REGISTER_TABLES", "SQLITE_HEADER", "SUPPORTED", "Database",
           "FileKind", "default_register", "open_database", "prepare_register_file",
           "register_file_kind", "resolve_target"]

# The databases the schema and the tests cover.
SUPPORTED = ("sqlite", "postgresql")


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
        copy = None
        # The schema is current on every start but the first after an update: read its
        # version with sqlite3 and load Alembic only when there is something to migrate.
        if path is None or created or not register_file.is_current(path):
            from privdesk.store import migrate

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
