"""Reading and appending record versions: the only code that writes ``records``,
``record_versions`` and ``outbox``.

A save is one call to ``append_version`` inside the caller's transaction: the
version row, the record's current view, the outbox entry and the audit row are
written together or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from local_db import audit
from local_db.canonical import canonical_json, sha256_text
from local_db.models import AuditEntry, Institution, OutboxEntry, ReceiptCounter, Record, RecordVersion

PENDING = "pending"


def next_receipt_no(session: Session, hall: str, window: str, day: date) -> str:
    """Hall + window + date + sequence: unique across windows without asking anyone."""
    prefix = f"{hall}-{window}-{day:%Y%m%d}"
    counter = session.get(ReceiptCounter, prefix)
    if counter is None:
        counter = ReceiptCounter(prefix=prefix, last_seq=0)
        session.add(counter)
    counter.last_seq += 1
    return f"{prefix}-{counter.last_seq:04d}"


@dataclass(frozen=True)
class SearchKeys:
    id_number: str
    name: str
    cert_key: str | None
    institution_code: str | None


def append_version(
    session: Session,
    *,
    record: Record,
    op: str,
    payload: dict[str, Any],
    keys: SearchKeys,
    at: str,
    operator: str,
    device_id: str,
    action: str,
    void_reason: str | None = None,
    audit_extra: dict[str, Any] | None = None,
) -> None:
    """Write the next version of ``record`` (a new Record must already be added to the session)."""
    record.voided = op == "void"
    record.upload_state = PENDING
    record.id_number = keys.id_number
    record.name = keys.name
    record.cert_key = keys.cert_key
    record.institution_code = keys.institution_code
    payload_json = canonical_json(payload)
    session.add(
        RecordVersion(
            record_id=record.record_id,
            version=record.current_version,
            op=op,
            void_reason=void_reason,
            payload=payload_json,
            entered_at=at,
            entered_by=operator,
            device_id=device_id,
        )
    )
    # Without ORM relationships the unit of work does not order these inserts by
    # their foreign keys: write the record and its version before the outbox row.
    session.flush()
    session.add(OutboxEntry(record_id=record.record_id, version=record.current_version, queued_at=at, state=PENDING))
    detail = {
        "kind": record.kind,
        "receipt_no": record.receipt_no,
        "op": op,
        "payload_sha256": sha256_text(payload_json),
    }
    if void_reason is not None:
        detail["void_reason"] = void_reason
    detail.update(audit_extra or {})
    audit.append(
        session,
        at=at,
        operator=operator,
        action=action,
        record_id=record.record_id,
        version=record.current_version,
        detail=detail,
    )


def current_payload(session: Session, record: Record) -> dict[str, Any]:
    text = session.scalar(
        select(RecordVersion.payload).where(
            RecordVersion.record_id == record.record_id, RecordVersion.version == record.current_version
        )
    )
    value: dict[str, Any] = json.loads(text or "{}")
    return value


def duplicate_candidates(
    session: Session, kind: str, id_number: str, cert_key: str | None, exclude: str | None
) -> list[tuple[Record, RecordVersion]]:
    """Current versions of records of ``kind`` sharing the person or the certificate key."""
    match = Record.id_number == id_number
    if cert_key:
        match = or_(match, Record.cert_key == cert_key)
    query = (
        select(Record, RecordVersion)
        .join(
            RecordVersion,
            (RecordVersion.record_id == Record.record_id) & (RecordVersion.version == Record.current_version),
        )
        .where(Record.kind == kind, match)
    )
    if exclude:
        query = query.where(Record.record_id != exclude)
    return [(row[0], row[1]) for row in session.execute(query)]


def find_record(session: Session, key: str) -> Record | None:
    """By record_id or receipt number."""
    record = session.get(Record, key)
    if record is None:
        record = session.scalar(select(Record).where(Record.receipt_no == key))
    return record


def versions_of(session: Session, record_id: str) -> Sequence[tuple[RecordVersion, OutboxEntry | None]]:
    query = (
        select(RecordVersion, OutboxEntry)
        .outerjoin(
            OutboxEntry,
            (OutboxEntry.record_id == RecordVersion.record_id) & (OutboxEntry.version == RecordVersion.version),
        )
        .where(RecordVersion.record_id == record_id)
        .order_by(RecordVersion.version)
    )
    return [(row[0], row[1]) for row in session.execute(query)]


def audit_rows_of(session: Session, record_id: str) -> Sequence[AuditEntry]:
    return session.scalars(select(AuditEntry).where(AuditEntry.record_id == record_id).order_by(AuditEntry.seq)).all()


def search(session: Session, *, receipt_no: str | None, id_number: str | None, text: str, limit: int) -> Sequence[Record]:
    """Exact receipt, ID or certificate number, or a name prefix; newest first."""
    found: dict[str, Record] = {}
    exact: list[Select[tuple[Record]]] = []
    if receipt_no:
        exact.append(select(Record).where(Record.receipt_no == receipt_no))
    if id_number:
        exact.append(select(Record).where(Record.id_number == id_number))
    exact.append(select(Record).where(Record.cert_key == text))
    for query in exact:
        for record in session.scalars(query.limit(limit)):
            found.setdefault(record.record_id, record)
    if text and len(found) < limit:
        # A range on the indexed column: LIKE would not use the index for Chinese text.
        prefix = select(Record).where(Record.name >= text, Record.name < text + "\U0010ffff")
        for record in session.scalars(prefix.limit(limit)):
            found.setdefault(record.record_id, record)
    return sorted(found.values(), key=lambda r: r.created_at, reverse=True)[:limit]


def page(session: Session, *, kind: str | None, state: str | None, offset: int, limit: int) -> Sequence[Record]:
    query = _filtered(select(Record), kind, state).order_by(Record.created_at.desc()).offset(offset).limit(limit)
    return session.scalars(query).all()


def count(session: Session, *, kind: str | None, state: str | None) -> int:
    return int(session.scalar(_filtered(select(func.count()).select_from(Record), kind, state)) or 0)


def _filtered(query: Select[Any], kind: str | None, state: str | None) -> Select[Any]:
    if kind:
        query = query.where(Record.kind == kind)
    if state == "voided":
        query = query.where(Record.voided.is_(True))
    elif state:
        query = query.where(Record.upload_state == state)
    return query


def institution_payload(session: Session, code: str) -> dict[str, Any] | None:
    text = session.scalar(select(Institution.payload).where(Institution.code == code))
    if text is None:
        return None
    value: dict[str, Any] = json.loads(text)
    return value
