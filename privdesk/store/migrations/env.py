"""Alembic environment: always runs on the connection privdesk hands it (never from a URL)."""

from __future__ import annotations

from alembic import context

from privdesk.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things: batch mode rebuilds the table ("move and copy").
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
