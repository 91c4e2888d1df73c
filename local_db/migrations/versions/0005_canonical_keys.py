"""Codes and numbers in their canonical form, and which queued versions to check again under the new rules.

DOMAIN.md ("Numbers and text", December 2026): codes and numbers are stored,
compared and searched as NFKC, no whitespace, ASCII upper-case. Versions are
never rewritten (the triggers of 0002 refuse it anyway); what this step
changes is working state derived from them:

- ``records.cert_key`` and ``records.institution_code``, the search keys of
  each record's newest version, recomputed in canonical form where the stored
  key holds anything but A-Z, 0-9 and "-" (only those rows are read);
- the registry's ``code`` and filing number in canonical form, where that does
  not collide with another entry's code;
- ``sync_state`` ``rules.recheck_through``: the newest outbox entry queued
  before this step. Versions up to it were checked by the old rules only, so
  the upload checks them again and shows the clerk those the new rules refuse
  (with the reason) instead of sending them.

No table, column, index or trigger changes.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

import json

import sqlalchemy as sa
from alembic import op

from clerk_app.domain.duplicates import certificate_key
from clerk_app.domain.text import canonical_code
from local_db.canonical import canonical_json

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

RECHECK_KEY = "rules.recheck_through"

_ODD_KEYS = sa.text(
    "SELECT r.record_id, r.kind, r.cert_key, r.institution_code, v.payload FROM records r"
    " JOIN record_versions v ON v.record_id = r.record_id AND v.version = r.current_version"
    " WHERE r.cert_key GLOB '*[^A-Z0-9-]*' OR r.institution_code GLOB '*[^A-Z0-9-]*'"
)


def _canonical_record_keys(connection: sa.Connection) -> None:
    for record_id, kind, cert_key, institution_code, text in connection.execute(_ODD_KEYS).all():
        payload = json.loads(text)
        code = payload.get("institution_code")
        new_cert = certificate_key(kind, payload)
        new_institution = canonical_code(code) if isinstance(code, str) else institution_code
        if (new_cert, new_institution) != (cert_key, institution_code):
            connection.execute(
                sa.text("UPDATE records SET cert_key = :cert, institution_code = :inst WHERE record_id = :id"),
                {"cert": new_cert, "inst": new_institution, "id": record_id},
            )


def _canonical_registry(connection: sa.Connection) -> None:
    rows = connection.execute(sa.text("SELECT code, payload FROM institutions")).all()
    taken = {code for code, _ in rows}
    for code, text in rows:
        payload = json.loads(text)
        new_code = canonical_code(code)
        filing = payload.get("filing")
        if isinstance(filing, dict) and isinstance(filing.get("filing_no"), str):
            filing["filing_no"] = canonical_code(filing["filing_no"])
        payload["code"] = new_code if new_code not in taken or new_code == code else code
        new_text = canonical_json(payload)
        if payload["code"] == code and new_text == text:
            continue
        connection.execute(
            sa.text("UPDATE institutions SET code = :new, payload = :payload WHERE code = :old"),
            {"new": payload["code"], "payload": new_text, "old": code},
        )
        taken = (taken - {code}) | {payload["code"]}


def upgrade() -> None:
    connection = op.get_bind()
    _canonical_record_keys(connection)
    _canonical_registry(connection)
    newest = connection.execute(sa.text("SELECT max(id) FROM outbox WHERE state = 'pending'")).scalar()
    if newest is not None:
        connection.execute(
            sa.text("INSERT OR REPLACE INTO sync_state (key, value) VALUES (:key, :value)"),
            {"key": RECHECK_KEY, "value": json.dumps(newest)},
        )


def downgrade() -> None:
    # The canonical forms are what any version of the program compares in; only the mark goes.
    op.get_bind().execute(sa.text("DELETE FROM sync_state WHERE key = :key"), {"key": RECHECK_KEY})
