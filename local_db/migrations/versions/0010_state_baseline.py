"""A baseline of the operators, settings and cached certificates in the audit chain, for ``check`` to replay from.

From this revision on, every change of an operator (with the SHA-256 of its
password hash, never the hash), of a setting and of the certificate cache is a
chained audit event, and ``check`` replays them and compares the result with the
tables (``local_db.verification``). A database made before holds state no event
describes; this step records that state once as a ``state_baseline`` event. The
baseline is what the file held when it was migrated: it is trusted, not proven
(a restore of a backup from before this revision asks the supervisor to confirm
its operators, roles and settings first).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08
"""

import json
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from local_db import audit
from local_db.canonical import sha256_text
from local_db.verification import BASELINE, password_digest

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _value(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return ["unreadable", text]


def upgrade() -> None:
    connection = op.get_bind()
    operators = [
        {
            "operator_id": row.operator_id, "name": row.name, "role": row.role, "active": bool(row.active),
            "password_sha256": password_digest(row.password_hash),
        }
        for row in connection.execute(sa.text("SELECT operator_id, name, role, active, password_hash FROM operators ORDER BY operator_id"))
    ]
    settings = {key: _value(value) for key, value in connection.execute(sa.text("SELECT key, value FROM settings ORDER BY key"))}
    certificates = {
        str(number): sha256_text(str(payload))
        for number, payload in connection.execute(sa.text("SELECT certificate_no, payload FROM qualifications"))
    }
    at = datetime.now(timezone(timedelta(hours=8))).isoformat(timespec="milliseconds")
    session = Session(bind=connection)
    audit.append(
        session, at=at, operator="migration", action=BASELINE,
        detail={"operators": operators, "settings": settings, "certificates": certificates},
    )
    session.flush()


def downgrade() -> None:
    pass  # the audit trail is append-only
