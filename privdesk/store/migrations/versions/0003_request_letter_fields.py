"""requests: the reason for a late answer (told to the recipient) and the DPO's own note

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 18:40:00

Data items and withheld items live in the request's JSON columns: their new fields (``note``,
``ground``) need no change of schema.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("request", schema=None) as batch_op:
        batch_op.add_column(sa.Column("delay_reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("request", schema=None) as batch_op:
        batch_op.drop_column("note")
        batch_op.drop_column("delay_reason")
