"""processor role checked by the database; audit trail indexed by record

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 10:40:00

The check constraint needs a rebuild of ``processor`` on SQLite (batch "move and copy"), a
table that others point at with ON DELETE CASCADE: ``migrate.upgrade`` runs it with foreign
keys off so that the rebuild deletes nothing.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ROLES = "role IN ('processor', 'subprocessor', 'joint_controller', 'independent_controller')"


def upgrade() -> None:
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index("ix_audit_entry_kind_ref", ["kind", "ref"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("processor", schema=None, recreate="always") as batch_op:
            batch_op.create_check_constraint("role", ROLES)
    else:
        op.create_check_constraint("role", "processor", ROLES)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("processor", schema=None, recreate="always") as batch_op:
            batch_op.drop_constraint(op.f("ck_processor_role"), type_="check")
    else:
        op.drop_constraint(op.f("ck_processor_role"), "processor", type_="check")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_entry_kind_ref")
