"""A cache of the CE hours the platform accepted for a person, so the cycle is known offline too.

DOMAIN.md ("The CE cycle at the counter"): the window asks the platform for a
driver's certificates and for the CE hours accepted anywhere in the province
(``GET /ce-hours``) as soon as the ID number is typed, and keeps the answers
for when the network is gone. Certificates go to ``qualifications`` (0003);
the CE answer is kept whole per person, with the time it was read, because an
empty answer ("no hours anywhere, as of then") is worth keeping too.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ce_hours_cache",
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("fetched_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id_number"),
    )


def downgrade() -> None:
    op.drop_table("ce_hours_cache")
