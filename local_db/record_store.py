"""Reading and appending record versions: the only code that writes ``records``,
``record_versions`` and ``outbox``.

A save is one call to ``insert_record`` or ``append_version`` inside the
caller's transaction: the version row, the record's current view, the outbox
entry and the audit row are written together or not at all. These run on every
save, so they are SQLAlchemy Core statements (a handful of cached inserts and
one fsync'd commit), not ORM unit-of-work flushes.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from sqlalchemy import Select, bindparam, func, literal_column, or_, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.orm import Session

from clerk_app.domain.lifecycle import State
from local_db import audit, bulk
from local_db.canonical import canonical_json, sha256_text
from local_db.models import (
    AuditEntry,
    OutboxEntry,
    ReceiptCounter,
    Record,
    RecordVersion,
    table_of,
)

RECORDS = table_of(Record)
VERSIONS = table_of(RecordVersion)
OUTBOX = table_of(OutboxEntry)

# Built once: every save runs these, and building a statement costs more than running it.
_NEXT_RECEIPT_SEQ = (
    sqlite_insert(table_of(ReceiptCounter))
    .values(prefix=bindparam("prefix"), last_seq=bindparam("count"))
    .on_conflict_do_update(index_elements=["prefix"], set_={"last_seq": ReceiptCounter.last_seq + bindparam("count")})
    .returning(ReceiptCounter.last_seq)
)
_UPDATE_RECORD = update(RECORDS).where(RECORDS.c.record_id == bindparam("key_record_id"))
_CURRENT_PAYLOAD = select(VERSIONS.c.payload).where(
    VERSIONS.c.record_id == bindparam("record_id"), VERSIONS.c.version == bindparam("version")
)
_CANDIDATE_COLUMNS = select(
    RECORDS.c.record_id,
    RECORDS.c.kind,
    RECORDS.c.voided,
    VERSIONS.c.payload,
    VERSIONS.c.entered_at,
    RECORDS.c.id_number,
    RECORDS.c.cert_key,
    RECORDS.c.upload_state,
).join(VERSIONS, (VERSIONS.c.record_id == RECORDS.c.record_id) & (VERSIONS.c.version == RECORDS.c.current_version))
# ``kind || ''`` keeps SQLite off the kind index: without statistics it would pick that index and
# read every record of the kind, instead of the people's and the certificates' few rows through
# their own indexes.
_KIND_NOT_INDEXED = (RECORDS.c.kind + literal_column("''")) == bindparam("kind")
_CANDIDATES_BY_PERSON = _CANDIDATE_COLUMNS.where(_KIND_NOT_INDEXED, RECORDS.c.id_number.in_(bindparam("values", expanding=True)))
_CANDIDATES_BY_CERT = _CANDIDATE_COLUMNS.where(_KIND_NOT_INDEXED, RECORDS.c.cert_key.in_(bindparam("values", expanding=True)))
_IN_LIST = 500  # values per IN (...) list, well under SQLite's limit on bound parameters
_HEAD_COLUMNS = select(
    RECORDS.c.record_id, RECORDS.c.kind, RECORDS.c.receipt_no, RECORDS.c.current_version, RECORDS.c.voided, RECORDS.c.created_at
)
_HEAD = _HEAD_COLUMNS.where(or_(RECORDS.c.record_id == bindparam("key"), RECORDS.c.receipt_no == bindparam("key")))


def next_receipt_no(session: Session, hall: str, window: str, day: date) -> str:
    """Hall + window + date + sequence: unique across windows without asking anyone."""
    return next_receipt_nos(session, hall, window, day, 1)[0]


def next_receipt_nos(session: Session, hall: str, window: str, day: date, count: int) -> list[str]:
    """The next ``count`` receipt numbers of the day, in order, taken with one statement."""
    prefix = f"{hall}-{window}-{day:%Y%m%d}"
    last = session.connection().execute(_NEXT_RECEIPT_SEQ, {"prefix": prefix, "count": count}).scalar_one()
    return [f"{prefix}-{seq:04d}" for seq in range(last - count + 1, last + 1)]


@dataclass(frozen=True)
class SearchKeys:
    id_number: str
    name: str
    cert_key: str | None
    institution_code: str | None


@dataclass(frozen=True)
class Head:
    """What a correction or void needs to know of a record."""

    record_id: str
    kind: str
    receipt_no: str
    current_version: int
    voided: bool
    created_at: str = ""  # the first version's entered_at: its CST date is the record's application day


@dataclass(frozen=True)
class NewRecord:
    """A checked entry to write as a new record's version 1."""

    receipt_no: str
    payload: dict[str, Any]
    keys: SearchKeys
    audit_extra: dict[str, Any] | None = None


def insert_record(
    session: Session,
    *,
    kind: str,
    receipt_no: str,
    payload: dict[str, Any],
    keys: SearchKeys,
    at: str,
    operator: str,
    device_id: str,
    audit_extra: dict[str, Any] | None = None,
) -> str:
    """Write a new record as version 1; returns its record_id."""
    new = NewRecord(receipt_no, payload, keys, audit_extra)
    return insert_records(session, kind=kind, records=[new], at=at, operator=operator, device_id=device_id)[0]


def insert_records(
    session: Session, *, kind: str, records: Sequence[NewRecord], at: str, operator: str, device_id: str
) -> list[str]:
    """Write new records as version 1 each, in order; returns their record_ids.

    Each record gets its own record, version, outbox and audit rows, exactly
    as if saved one by one, but each table is written with one multi-row
    statement (an import of 20,000 rows is four inserts, not 80,000).
    """
    # Random v4 UUIDs, handed out in ascending order: each index on record_id is then filled front to
    # back instead of at random places, which keeps a large batch's inserts in the page cache.
    record_ids = sorted(str(uuid.uuid4()) for _ in records)
    bulk.insert_rows(
        session,
        RECORDS,
        [
            {
                "record_id": record_id,
                "kind": kind,
                "receipt_no": new.receipt_no,
                "created_at": at,
                "created_by": operator,
                "current_version": 1,
                "voided": False,
                "upload_state": State.PENDING,
                "platform_ref": None,
                **_key_columns(new.keys),
            }
            for record_id, new in zip(record_ids, records, strict=True)
        ],
    )
    _write_versions(
        session,
        [
            _Version(Head(record_id, kind, new.receipt_no, 1, False), 1, "upsert", new.payload, "save", None, new.audit_extra)
            for record_id, new in zip(record_ids, records, strict=True)
        ],
        at=at,
        operator=operator,
        device_id=device_id,
    )
    return record_ids


def append_version(
    session: Session,
    *,
    head: Head,
    op: str,
    payload: dict[str, Any],
    keys: SearchKeys,
    at: str,
    operator: str,
    device_id: str,
    action: str,
    void_reason: str | None = None,
    change_reason: str | None = None,
    approved_by: str | None = None,
    audit_extra: dict[str, Any] | None = None,
) -> int:
    """Write the next version of an existing record (a correction or a void); returns its number.

    ``change_reason`` and ``approved_by`` go into the version and its audit row."""
    version = head.current_version + 1
    session.connection().execute(
        _UPDATE_RECORD,
        {
            "key_record_id": head.record_id,
            "current_version": version,
            "voided": op == "void",
            "upload_state": State.PENDING,
            **_key_columns(keys),
        },
    )
    reasons = {"change_reason": change_reason, "approved_by": approved_by}
    written = _Version(head, version, op, payload, action, void_reason, audit_extra, reasons)
    _write_versions(session, [written], at=at, operator=operator, device_id=device_id)
    return version


def _key_columns(keys: SearchKeys) -> dict[str, Any]:
    return {
        "id_number": keys.id_number,
        "name": keys.name,
        "cert_key": keys.cert_key,
        "institution_code": keys.institution_code,
    }


_NO_REASONS: Mapping[str, str | None] = MappingProxyType({"change_reason": None, "approved_by": None})


@dataclass(frozen=True)
class _Version:
    head: Head
    version: int
    op: str
    payload: dict[str, Any]
    action: str
    void_reason: str | None
    audit_extra: dict[str, Any] | None
    reasons: Mapping[str, str | None] | None = None  # change_reason, approved_by (None: neither)


def _write_versions(session: Session, versions: Sequence[_Version], *, at: str, operator: str, device_id: str) -> None:
    """The version, outbox and audit rows of each version, one multi-row insert per table."""
    payloads = [canonical_json(v.payload) for v in versions]
    bulk.insert_rows(
        session,
        VERSIONS,
        [
            {
                "record_id": v.head.record_id,
                "version": v.version,
                "op": v.op,
                "void_reason": v.void_reason,
                **(v.reasons or _NO_REASONS),
                "payload": payload_json,
                "entered_at": at,
                "entered_by": operator,
                "device_id": device_id,
            }
            for v, payload_json in zip(versions, payloads, strict=True)
        ],
    )
    bulk.insert_rows(
        session,
        OUTBOX,
        [
            {
                "record_id": v.head.record_id,
                "version": v.version,
                "queued_at": at,
                "state": State.PENDING,
                "batch_id": None,
                "platform_ref": None,
                "errors": None,
                "resolved_at": None,
            }
            for v in versions
        ],
    )
    entries = []
    for v, payload_json in zip(versions, payloads, strict=True):
        detail: dict[str, Any] = {
            "kind": v.head.kind,
            "receipt_no": v.head.receipt_no,
            "op": v.op,
            "payload_sha256": sha256_text(payload_json),
        }
        if v.void_reason is not None:
            detail["void_reason"] = v.void_reason
        detail.update({key: value for key, value in (v.reasons or _NO_REASONS).items() if value is not None})
        detail.update(v.audit_extra or {})
        entries.append(audit.NewEntry(at, operator, v.action, detail, v.head.record_id, v.version))
    audit.append_many(session, entries)


def find_head(session: Session, key: str) -> Head | None:
    """By record_id or receipt number."""
    row = session.connection().execute(_HEAD, {"key": key}).first()
    return Head(*row) if row else None


def current_payload(session: Session, head: Head) -> dict[str, Any]:
    text = session.connection().execute(
        _CURRENT_PAYLOAD, {"record_id": head.record_id, "version": head.current_version}
    ).scalar()
    value: dict[str, Any] = json.loads(text or "{}")
    return value


@dataclass(frozen=True)
class Candidate:
    record_id: str
    kind: str
    voided: bool
    payload: dict[str, Any]
    entered_at: str
    id_number: str
    cert_key: str | None
    upload_state: str = ""


def duplicate_candidates(
    session: Session, kind: str, id_numbers: Collection[str], cert_keys: Collection[str]
) -> list[Candidate]:
    """Current versions of records of ``kind`` sharing any of these people or certificate keys, each once.

    A whole batch's candidates come in a few queries (one per few hundred
    people or certificates), each reading only those rows through their index.
    """
    found: dict[str, Candidate] = {}
    connection = session.connection()
    for query, values in ((_CANDIDATES_BY_PERSON, sorted(id_numbers)), (_CANDIDATES_BY_CERT, sorted(cert_keys))):
        for start in range(0, len(values), _IN_LIST):
            rows = connection.execute(query, {"kind": kind, "values": values[start : start + _IN_LIST]})
            for record_id, row_kind, voided, payload, entered_at, id_number, cert_key, state in rows:
                if record_id not in found:
                    found[record_id] = Candidate(
                        record_id, row_kind, bool(voided), json.loads(payload), entered_at, id_number, cert_key, state
                    )
    return list(found.values())


def find_record(session: Session, key: str) -> RowMapping | None:
    """The current view of a record, by record_id or receipt number."""
    return session.execute(select(RECORDS).where(or_(Record.record_id == key, Record.receipt_no == key))).mappings().first()


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


_NEWEST_FIRST = RECORDS.c.created_at.desc()
_BY_RECEIPT = select(RECORDS).where(RECORDS.c.receipt_no == bindparam("value"))
_BY_ID_OR_CERT = (
    select(RECORDS)
    .where(or_(RECORDS.c.id_number == bindparam("value"), RECORDS.c.cert_key == bindparam("value")))
    .order_by(_NEWEST_FIRST)
    .limit(bindparam("limit"))
)
_BY_CERT = select(RECORDS).where(RECORDS.c.cert_key == bindparam("value")).order_by(_NEWEST_FIRST).limit(bindparam("limit"))
# A range on the indexed column: LIKE would not use the index for Chinese text.
_BY_NAME_PREFIX = (
    select(RECORDS)
    .where(RECORDS.c.name >= bindparam("value"), RECORDS.c.name < bindparam("upper"))
    .limit(bindparam("limit"))
)


def by_receipt_no(session: Session, receipt_no: str) -> list[RowMapping]:
    return list(session.connection().execute(_BY_RECEIPT, {"value": receipt_no}).mappings())


def by_id_number_or_certificate(session: Session, value: str, limit: int) -> list[RowMapping]:
    """The person's records, and those whose certificate number is this ID number, newest first."""
    return list(session.connection().execute(_BY_ID_OR_CERT, {"value": value, "limit": limit}).mappings())


def by_certificate(session: Session, cert_key: str, limit: int) -> list[RowMapping]:
    return list(session.connection().execute(_BY_CERT, {"value": cert_key, "limit": limit}).mappings())


def by_name_prefix(session: Session, prefix: str, limit: int) -> list[RowMapping]:
    params = {"value": prefix, "upper": prefix + "\U0010ffff", "limit": limit}
    return list(session.connection().execute(_BY_NAME_PREFIX, params).mappings())


def page(session: Session, *, kind: str | None, state: str | None, offset: int, limit: int) -> list[RowMapping]:
    query = _filtered(select(RECORDS), kind, state).order_by(Record.created_at.desc()).offset(offset).limit(limit)
    return list(session.execute(query).mappings())


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
