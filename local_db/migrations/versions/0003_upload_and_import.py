"""Tables for upload to the platform and for spreadsheet import.

``upload_batches`` records each batch before it is sent (its UUID is the
Idempotency-Key), with the exact body, so that a batch whose outcome is unknown
is asked about (``GET /batches/{id}``) or resent byte for byte under the same
key, never under a new one. ``qualifications`` caches certificates the platform
issued, for printing offline. ``sync_state`` holds the engine's own bookkeeping
(last upload, registry cursor, clock offset). ``import_mappings`` remembers how
a school's spreadsheet columns map onto fields.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "upload_batches",
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("record_count", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("resolved_at", sa.String(length=32), nullable=True),
        sa.Column("end_of_day", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("batch_id"),
    )
    op.create_index("ix_upload_batches_state", "upload_batches", ["state"])
    op.create_table(
        "qualifications",
        sa.Column("certificate_no", sa.String(length=40), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("issued_on", sa.String(length=10), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("fetched_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("certificate_no"),
    )
    op.create_index("ix_qualifications_id_number", "qualifications", ["id_number"])
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "import_mappings",
        sa.Column("source_key", sa.String(length=200), nullable=False),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("source_key"),
    )
    # The engine picks pending versions in queue order; this keeps that a range scan.
    op.create_index("ix_outbox_state_id", "outbox", ["state", "id"])


def downgrade() -> None:
    op.drop_index("ix_outbox_state_id", table_name="outbox")
    op.drop_table("import_mappings")
    op.drop_table("sync_state")
    op.drop_index("ix_qualifications_id_number", table_name="qualifications")
    op.drop_table("qualifications")
    op.drop_index("ix_upload_batches_state", table_name="upload_batches")
    op.drop_table("upload_batches")
