"""Migrations build the schema the models describe, and upgrade old registers without loss."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from privdesk.store.database import open_database
from privdesk.store.migrate import head_revision
from privdesk.store.models import Base


def test_models_and_migrations_do_not_drift(database_target: str) -> None:
    database = open_database(database_target)
    try:
        with database.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
            assert context.get_current_revision() == head_revision()
    finally:
        database.close()
