"""What the window caches under contract 1.2 (DOMAIN.md, "Rulings, second set"), and a re-check of queued versions.

- ``qualifications`` gains ``valid_from`` (the start of the validity as the
  platform sent it; NULL when a 1.1 platform sent none: the window never
  invents it) and ``paper_no`` (which paper of the certificate is current;
  NULL from a 1.1 platform), filled from the cached objects. A newer paper
  replaces an older one by ``paper_no`` where both have one.
- ``institutions`` gains ``status_since`` (the day the present status began;
  NULL from a 1.1 platform, when its ``updated_at`` date stands for it),
  filled from the stored entries. Entries whose application day is before it
  keep their standing.
- ``sync_state`` ``rules.recheck_through`` moves to the newest pending outbox
  entry: versions queued before these rulings are never rewritten, but the
  current version of each such record is checked again with the new rules
  before upload (``sync.recheck``), as for the first rulings.

The application day is not stored: it is the CST date of ``records.created_at``
(the first version's ``entered_at``), which never changes.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

RECHECK_KEY = "rules.recheck_through"


def _payload(text: str) -> dict[str, object]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def upgrade() -> None:
    with op.batch_alter_table("qualifications") as table:
        table.add_column(sa.Column("valid_from", sa.String(length=10), nullable=True))
        table.add_column(sa.Column("paper_no", sa.Integer(), nullable=True))
    with op.batch_alter_table("institutions") as table:
        table.add_column(sa.Column("status_since", sa.String(length=10), nullable=True))
    connection = op.get_bind()
    for number, text in connection.execute(sa.text("SELECT certificate_no, payload FROM qualifications")).all():
        cached = _payload(text)
        valid_from, paper_no = cached.get("valid_from"), cached.get("paper_no")
        if valid_from is not None or paper_no is not None:
            connection.execute(
                sa.text("UPDATE qualifications SET valid_from = :valid_from, paper_no = :paper_no WHERE certificate_no = :no"),
                {
                    "valid_from": str(valid_from) if valid_from is not None else None,
                    "paper_no": paper_no if isinstance(paper_no, int) else None,
                    "no": number,
                },
            )
    for code, text in connection.execute(sa.text("SELECT code, payload FROM institutions")).all():
        since = _payload(text).get("status_since")
        if since is not None:
            connection.execute(
                sa.text("UPDATE institutions SET status_since = :since WHERE code = :code"), {"since": str(since), "code": code}
            )
    newest = connection.execute(sa.text("SELECT max(id) FROM outbox WHERE state = 'pending'")).scalar()
    if newest is not None:
        connection.execute(
            sa.text("INSERT OR REPLACE INTO sync_state (key, value) VALUES (:key, :value)"),
            {"key": RECHECK_KEY, "value": json.dumps(newest)},
        )


def downgrade() -> None:
    with op.batch_alter_table("institutions") as table:
        table.drop_column("status_since")
    with op.batch_alter_table("qualifications") as table:
        table.drop_column("paper_no")
        table.drop_column("valid_from")
