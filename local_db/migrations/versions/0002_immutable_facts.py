"""Make versions and the audit log append-only, and remember the audit chain's head.

Triggers refuse UPDATE and DELETE on ``record_versions`` and ``audit_log``, so
no code path (ours or a careless script's) can change a fact in place. The
``audit_head`` row holds the last sequence number and hash, so that cutting
rows off the end of the chain is detected like any other removal.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_APPEND_ONLY = ("record_versions", "audit_log")


def upgrade() -> None:
    for table in _APPEND_ONLY:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_audit_head_single_row"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute(
        "INSERT INTO audit_head (id, seq, hash) "
        "SELECT 1, seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
    )


def downgrade() -> None:
    op.drop_table("audit_head")
    for table in _APPEND_ONLY:
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER {table}_no_{action}")
