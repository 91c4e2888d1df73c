"""Every version after the first says why it was made, and who approved it.

Contract 1.1 gives RecordBase ``change_reason`` (required for every version
after the first: corrections and voids) and ``approved_by`` (the supervisor
who approved a correction of a record the platform had accepted). They are
facts of the version, so they live in ``record_versions`` beside
``void_reason``; versions stored before this step keep NULL.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN leaves the append-only triggers (0002) in place: no row is rewritten.
    op.add_column("record_versions", sa.Column("change_reason", sa.String(length=200), nullable=True))
    op.add_column("record_versions", sa.Column("approved_by", sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.drop_column("record_versions", "approved_by")
    op.drop_column("record_versions", "change_reason")
