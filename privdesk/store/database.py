"""Opening a register: the default location, the engine, the migrations, the sessions."""

from __future__ import annotations

import getpass
import os
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
from privdesk.store import migrate
from privdesk.store.engine import is_url, make_engine, shown_target, sqlite_path

DEFAULT_NAME = "register.sqlite"
# The databases the schema and the tests cover.
SUPPORTED = ("sqlite", "postgresql")


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
    real URL; reopen with ``engine.url``).
    """

    target: str
    engine: Engine
    sessions: sessionmaker[Session]
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


def open_database(target: str | os.PathLike[str] | None = None) -> Database:
    """Open (creating and migrating as needed) the register named by ``target``."""
    resolved = resolve_target(target)
    shown = shown_target(resolved)
    try:
        if is_url(resolved) and make_url(resolved).get_backend_name() not in SUPPORTED:
            raise UserError(N_("privdesk keeps a register in a SQLite file or a PostgreSQL "
                               "database, not in {target}"), target=shown)
        engine = make_engine(resolved)
    except (NoSuchModuleError, ImportError) as error:
        raise UserError(N_("cannot open {target}: the database driver is missing "
                           "(install privdesk[postgres] for PostgreSQL)"), target=shown) from error
    except (ArgumentError, ValueError) as error:
        raise UserError(N_("{target} is neither a file nor a database URL"),
                        target=shown) from error
    try:
        copy = migrate.upgrade(engine, resolved)
    except (OperationalError, InterfaceError) as error:
        # The server is unreachable or refused us (or the file cannot be opened).
        engine.dispose()
        raise UserError(N_("cannot open the register {target}: {reason}"), target=shown,
                        reason=_reason(error, resolved)) from error
    return Database(shown, engine, sessionmaker(engine, expire_on_commit=False), copy)


def _reason(error: DBAPIError, target: str) -> str:
    """The driver's own words (the server's refusal), never with a password in them."""
    reason = " ".join(str(error.orig).split())
    password = None
    if is_url(target):
        password = make_url(target).password
    return reason.replace(str(password), "***") if password else reason
