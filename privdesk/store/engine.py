"""Engines for a register: a SQLite file (WAL, foreign keys, busy timeout) or any SQLAlchemy URL.

A server password is never stored by privdesk: it comes from the URL the user gave, from
libpq's password file (pgpass), or from the OS keyring when the optional ``keyring`` package is
installed (service "privdesk", user name ``keyring_name(url)``). Wherever a target is shown it
goes through ``shown_target``, which hides the password.

Statement parameters are register values (a pupil's name): every engine is made with
``hide_parameters=True``, so that no SQLAlchemy error or log line quotes them.

Transactions on SQLite (the documented recipe, "Transactions with SQLite and the sqlite3
driver": privdesk emits BEGIN itself in the "begin" event):

- a write begins ``BEGIN IMMEDIATE``: it takes the write lock at once, so two writers queue on
  busy_timeout instead of one failing with "database is locked" when its read transaction
  tries to become a write;
- a read begins a plain (deferred) ``BEGIN``: in WAL mode it reads its snapshot while a writer
  holds the lock, and never waits for it. A connection is a reader when it comes from
  ``reading(engine)``, an engine that shares the pool and carries the execution option
  ``READ_ONLY``; ``Database.sessions`` is bound to it, ``Database.writes`` to the engine itself.
  Anything else (migrations, ``engine.connect()``) begins IMMEDIATE, as a writer would.

A reading session must not write: its deferred transaction could not wait for the lock (in WAL,
a read snapshot older than a colleague's commit cannot become a write).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, create_engine, event, func, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session

PRIVATE = 0o600
PRIVATE_FOLDER = 0o700
# The execution option that marks a reading connection (see the module's doc).
READ_ONLY = "privdesk_read_only"
# How long a write waits for a colleague's write to end before it is refused as busy.
BUSY_TIMEOUT_MS = 5000


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


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` and any missing parent with permission 0700, whatever the umask
    (``mkdir -p`` would make them 0777 under ``umask 000``); existing folders are left as
    they are."""
    missing: list[Path] = []
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    for made in reversed(missing):
        try:
            os.mkdir(made, PRIVATE_FOLDER)
        except FileExistsError:  # made meanwhile by another privdesk: it is theirs to set
            continue
        os.chmod(made, PRIVATE_FOLDER)  # mkdir's mode passes through the umask


def create_private_file(path: Path) -> None:
    """Create a new register file with permission 0600 before SQLite does (umask would give
    0644), in a folder made 0700 if it is missing; an existing file is never opened here
    (O_EXCL), so it cannot be changed by mistake."""
    make_private_folder(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, PRIVATE)
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
    cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
    cursor.execute("PRAGMA secure_delete = ON")
    cursor.close()


def _on_sqlite_begin(connection: Any) -> None:
    # A reader's deferred BEGIN takes no lock; a writer's IMMEDIATE takes the write lock at
    # once (the module's doc says why).
    if connection.get_execution_options().get(READ_ONLY):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def reading(engine: Engine) -> Engine:
    """The same engine (one pool) for reads: on SQLite its transactions begin deferred."""
    return engine.execution_options(**{READ_ONLY: True})


def shown_target(target: str) -> str:
    """The target as it may be shown or logged: a URL's password replaced by ***."""
    if not is_url(target):
        return target
    try:
        return make_url(target).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL may still hold a secret: show no part
        return target.split("://", 1)[0] + "://***"


def remembered_target(target: str) -> str:
    """The target to keep in settings: a URL without its password (pgpass or keyring has it)."""
    if not is_url(target):
        return target
    url = make_url(target)
    if url.password is None:
        return target
    # URL.set ignores None, so build the URL again without the password.
    bare = URL.create(url.drivername, url.username, None, url.host, url.port, url.database,
                      url.query)
    return bare.render_as_string(hide_password=False)


def server_url(target: str) -> URL:
    """The URL of a server register; plain ``postgresql://`` means psycopg 3 (our extra)."""
    url = make_url(target)
    if url.drivername == "postgresql":
        # SQLAlchemy 2.0 would pick psycopg2 here, 2.1 picks psycopg; we ship psycopg 3.
        url = url.set(drivername="postgresql+psycopg")
    return url


def keyring_name(url: URL) -> str:
    """The user name under which the OS keyring holds this server's password."""
    port = f":{url.port}" if url.port else ""
    return f"{url.username or ''}@{url.host or 'localhost'}{port}/{url.database or ''}"


def _password_file() -> Path | None:
    """libpq's password file, if there is one (it then supplies the password itself)."""
    named = os.environ.get("PGPASSFILE")
    if named:
        return Path(named) if Path(named).exists() else None
    if os.name == "nt":  # pragma: no cover - Windows
        candidate = Path(os.environ.get("APPDATA", "")) / "postgresql" / "pgpass.conf"
    else:
        candidate = Path.home() / ".pgpass"
    return candidate if candidate.exists() else None


def keyring_password(url: URL) -> str | None:
    """The password the OS keyring holds for ``url``, if the optional keyring is installed."""
    try:
        keyring = importlib.import_module("keyring")
    except ImportError:
        return None
    try:
        found = keyring.get_password("privdesk", keyring_name(url))
    except Exception:  # no usable backend: go on without, the server will say
        return None
    return found if isinstance(found, str) and found else None


def make_engine(target: str) -> Engine:
    """An engine for a file path (SQLite) or a SQLAlchemy URL (PostgreSQL or SQLite).

    A SQLite file must already be there: ``database.open_database`` alone decides whether a
    file may be created or opened.
    """
    path = sqlite_path(target)
    if path is not None:
        engine = create_engine(f"sqlite:///{path}", hide_parameters=True)
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    url = server_url(target)
    connect_args: dict[str, Any] = {}
    if (url.password is None and url.get_backend_name() == "postgresql"
            and not os.environ.get("PGPASSWORD") and _password_file() is None):
        secret = keyring_password(url)
        if secret is not None:
            # Handed to the driver only: the engine's URL (and so every repr) never holds it.
            connect_args["password"] = secret
    return create_engine(url, pool_pre_ping=True, hide_parameters=True,
                         connect_args=connect_args)


def advance_id_sequences(session: Session, tables: Iterable[Table]) -> None:
    """After rows were inserted with explicit ids, move PostgreSQL's id sequences past them.

    Without this the next plain INSERT on PostgreSQL takes id 1 again and is refused; SQLite
    needs nothing, as an INTEGER PRIMARY KEY takes max(id) + 1 by itself.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    for t in tables:
        session.execute(select(func.setval(
            func.pg_get_serial_sequence(t.name, "id"),
            func.coalesce(select(func.max(t.c.id)).scalar_subquery(), 0) + 1,
            False,
        )))
