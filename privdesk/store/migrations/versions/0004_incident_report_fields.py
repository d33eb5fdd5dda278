"""incident: the authorities' form fields and the explicit decision not to notify

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-03 18:30:00

Adds what Datatilsynet's and IMY's breach forms ask beyond Art. 33(3): the cause, how the
breach was discovered, whether it is ongoing or when it ended, where the data are now,
cross-border effects and other authorities, how the people were told (or why not), the
measures planned beside those taken; and ``decided_not_to_notify_at``, set only by the DPO's
explicit decision not to notify (a decision note alone no longer stops the clock). Existing
incidents keep their data and have no explicit decision: an open, unnotified incident shows
in "Needs attention" until the DPO records one.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import privdesk.store.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TEXTS = ("measures_planned", "discovery", "data_location", "other_authorities",
         "subjects_notice")


def upgrade() -> None:
    with op.batch_alter_table("incident", schema=None) as batch_op:
        for name in TEXTS:
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("cause", sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column("ongoing", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("cross_border", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column(
            "ended_at", privdesk.store.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column(
            "decided_not_to_notify_at", privdesk.store.types.UTCDateTime(timezone=True),
            nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("incident", schema=None) as batch_op:
        for name in ("decided_not_to_notify_at", "ended_at", "cross_border", "ongoing", "cause",
                     *reversed(TEXTS)):
            batch_op.drop_column(name)
