"""activity: retention per category of data (Art. 30(1)(f))

Revision ID: 0005
Revises: 0002
Create Date: 2026-12-03 18:40:00

Existing activities get an empty list. The transfer's ``derogation`` and the agreement's
``safeguard`` are new keys inside JSON columns that already exist, so they need no change here:
a row without them reads as ``null``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.add_column(sa.Column("retention_by_category", sa.JSON(), nullable=False,
                                      server_default="[]"))
    # The models give no server default (every insert names the column): drop it again.
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.alter_column("retention_by_category", server_default=None,
                              existing_type=sa.JSON(), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_column("retention_by_category")
