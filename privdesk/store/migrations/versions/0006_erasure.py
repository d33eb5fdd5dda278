"""erasure and retention: kept documents linked to their record; retention periods

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 21:00:00

A kept document names its record by ``ref`` alone; ``record_kind`` says which kind of record
that is (an access letter belongs to a request, a breach report to an incident), so that erasing
a record finds its letters. ``retention_rule`` holds the periods the DPO set.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import privdesk.store.types

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sent_document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("record_kind", sa.String(length=20), nullable=False,
                                      server_default="requests"))
    op.execute("UPDATE sent_document SET record_kind = 'incidents' "
               "WHERE kind = 'breach_report'")
    with op.batch_alter_table("sent_document", schema=None) as batch_op:
        batch_op.alter_column("record_kind", server_default=None,
                              existing_type=sa.String(length=20), existing_nullable=False)
        batch_op.create_index("ix_sent_document_record", ["record_kind", "ref"], unique=False)
    op.create_table(
        "retention_rule",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("updated_at", privdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("kind", name=op.f("pk_retention_rule")),
    )


def downgrade() -> None:
    op.drop_table("retention_rule")
    with op.batch_alter_table("sent_document", schema=None) as batch_op:
        batch_op.drop_index("ix_sent_document_record")
        batch_op.drop_column("record_kind")
