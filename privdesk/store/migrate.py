"""Bring a register to the current schema at open: backup first, foreign keys handled, checked."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, func, select

from privdesk.domain.errors import N_, UserError
from privdesk.store import backup
from privdesk.store.engine import reading, sqlite_path

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any fixed number: the key of the PostgreSQL advisory lock that serialises migrations.
MIGRATION_LOCK = 7_302_318_401


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    # A read (deferred on SQLite): a register at head opens while a colleague writes to it;
    # only a migration takes the write lock.
    with reading(engine).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, target: str) -> Path | None:
    """Migrate to head; returns the backup taken first (SQLite with data), if any.

    On SQLite the migration runs with foreign keys off, because a batch table rebuild with them
    on fires ON DELETE CASCADE and empties the child tables; afterwards
    ``PRAGMA foreign_key_check`` must find nothing, else the backup is put back.
    """
    config = alembic_config()
    scripts = ScriptDirectory.from_config(config)
    current = current_revision(engine)
    if current == head_revision():
        return None
    if current is not None and scripts.get_revision(current) is None:  # pragma: no cover
        raise UserError(N_("this register was written by a newer privdesk (schema {revision}); "
                           "update privdesk to open it"), revision=current)
    path = sqlite_path(target)
    copy = backup.backup_sqlite(path, "before-migration") if path and current else None
    with engine.connect() as connection:
        if path is not None:
            connection.connection.dbapi_connection.execute(  # type: ignore[union-attr]
                "PRAGMA foreign_keys = OFF"
            )
        elif connection.dialect.name == "postgresql":
            # Two colleagues opening a new or older register at once: the second waits here,
            # then Alembic (in the same transaction) finds the schema already at head.
            connection.execute(select(func.pg_advisory_xact_lock(MIGRATION_LOCK)))
        try:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            if connection.in_transaction():
                # Alembic leaves a transaction it did not begin (the lock's) to its owner.
                connection.commit()
            if path is not None:
                problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                connection.rollback()
                if problems:
                    if copy is not None:
                        backup.restore_sqlite(copy, path)
                    raise UserError(N_("the migration of the register broke {count} references; "
                                       "the register was restored from its backup"),
                                    count=len(problems))
        finally:
            # The connection had foreign keys switched off: never give it back to the pool.
            if path is not None:
                connection.invalidate()
    return copy
