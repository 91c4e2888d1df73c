"""The upload engine's storage: the only code that moves ``outbox`` rows between states and
writes ``upload_batches``, the engine's ``sync_state`` and the certificates a batch issued into
``qualifications`` (``platform_cache`` keeps there those the window looks up).

The order of writes is what makes an upload safe to kill at any moment: a
batch is recorded (row, exact body, its versions marked ``sending``) and
committed before a byte goes out; its result is applied in one transaction
(outbox rows, the records' current state, issued certificates, the batch
resolved and its body dropped). ``records.upload_state`` follows only the
record's current version, so an old version's late result never overwrites
a newer version's state.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, bindparam, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from clerk_app.domain.lifecycle import UPLOAD_STATES, State, upload_move
from local_db import platform_cache
from local_db.models import (
    Institution,
    OutboxEntry,
    Record,
    RecordVersion,
    SyncState,
    UploadBatch,
    table_of,
)

BATCH_SENDING, BATCH_RESOLVED, BATCH_RETURNED = "sending", "resolved", "returned"

OUTBOX = table_of(OutboxEntry)
RECORDS = table_of(Record)
VERSIONS = table_of(RecordVersion)
BATCHES = table_of(UploadBatch)
STATE = table_of(SyncState)
INSTITUTIONS = table_of(Institution)

_PENDING_ROWS = (
    select(
        OUTBOX.c.id,
        OUTBOX.c.record_id,
        OUTBOX.c.version,
        RECORDS.c.kind,
        VERSIONS.c.op,
        VERSIONS.c.void_reason,
        VERSIONS.c.entered_at,
        VERSIONS.c.entered_by,
        VERSIONS.c.payload,
        VERSIONS.c.change_reason,
        VERSIONS.c.approved_by,
        RECORDS.c.created_at,
    )
    .join(VERSIONS, and_(VERSIONS.c.record_id == OUTBOX.c.record_id, VERSIONS.c.version == OUTBOX.c.version))
    .join(RECORDS, RECORDS.c.record_id == OUTBOX.c.record_id)
    .where(OUTBOX.c.state == State.PENDING, OUTBOX.c.id > bindparam("after"))
    .order_by(OUTBOX.c.id)
    .limit(bindparam("limit"))
)
_MARK_SENDING = (
    update(OUTBOX)
    .where(OUTBOX.c.id == bindparam("key_id"), OUTBOX.c.state == State.PENDING)
    .values(state=State.SENDING, batch_id=bindparam("batch_id"))
)
_RECORD_STATE = (
    update(RECORDS)
    .where(RECORDS.c.record_id == bindparam("key_record_id"), RECORDS.c.current_version == bindparam("key_version"))
    .values(upload_state=bindparam("state"))
)
_RECORD_RESULT = (
    update(RECORDS)
    .where(RECORDS.c.record_id == bindparam("key_record_id"), RECORDS.c.current_version == bindparam("key_version"))
    .values(upload_state=bindparam("state"), platform_ref=bindparam("ref"))
)
_OUTBOX_RESULT = (
    update(OUTBOX)
    .where(
        OUTBOX.c.record_id == bindparam("key_record_id"),
        OUTBOX.c.version == bindparam("key_version"),
        OUTBOX.c.batch_id == bindparam("key_batch_id"),
        OUTBOX.c.state == State.SENDING,
    )
    .values(state=bindparam("state"), platform_ref=bindparam("ref"), errors=bindparam("errors"), resolved_at=bindparam("at"))
)
_BATCH_OUTBOX = select(OUTBOX.c.record_id, OUTBOX.c.version).where(
    OUTBOX.c.batch_id == bindparam("batch_id"), OUTBOX.c.state == State.SENDING
)



@dataclass(frozen=True)
class QueuedVersion:
    """One outbox row waiting to go, with what the contract's Record needs."""

    outbox_id: int
    record_id: str
    version: int
    kind: str
    op: str
    void_reason: str | None
    entered_at: str
    entered_by: str
    payload_json: str  # canonical JSON as stored: spliced into the body unchanged
    change_reason: str | None = None
    approved_by: str | None = None
    created_at: str = ""  # the record's first entered_at: its CST date is the application day (applied_on)


@dataclass(frozen=True)
class StoredBatch:
    batch_id: str
    body: str
    record_count: int


@dataclass(frozen=True)
class HeldBack:
    """A pending record whose institution the local registry now lists as suspended or revoked."""

    record_id: str
    receipt_no: str
    institution_code: str
    institution_name: str
    status: str
    created_at: str = ""  # the record's first entered_at (its application day decides whether it is held)
    institution: Mapping[str, Any] | None = None  # the registry entry as stored


@dataclass(frozen=True)
class Applied:
    accepted: int
    rejected: int
    returned: int


def pending_versions(session: Session, *, after: int, limit: int) -> list[QueuedVersion]:
    """Pending outbox rows in queue order (so version 1 always goes before version 2)."""
    rows = session.connection().execute(_PENDING_ROWS, {"after": after, "limit": limit})
    return [QueuedVersion(*row) for row in rows]


def held_back(session: Session) -> list[HeldBack]:
    """Records with pending versions whose current version names an institution now suspended or revoked.

    Only a record still as entered is held: once the clerk corrects it (another
    institution) or voids it, its versions go out in order again. Each comes
    with its first entered_at and the registry entry, so the caller can let
    through those whose application day is before the status began (second rulings).
    """
    query = (
        select(
            RECORDS.c.record_id,
            RECORDS.c.receipt_no,
            INSTITUTIONS.c.code,
            INSTITUTIONS.c.name,
            INSTITUTIONS.c.status,
            RECORDS.c.created_at,
            INSTITUTIONS.c.payload,
        )
        .join(INSTITUTIONS, INSTITUTIONS.c.code == RECORDS.c.institution_code)
        .where(
            INSTITUTIONS.c.status.in_(("suspended", "revoked")),
            RECORDS.c.voided.is_(False),
            RECORDS.c.record_id.in_(select(OUTBOX.c.record_id).where(OUTBOX.c.state == State.PENDING)),
        )
        .order_by(RECORDS.c.receipt_no)
    )
    return [HeldBack(*row[:6], json.loads(row[6])) for row in session.connection().execute(query)]


def pending_count_of(session: Session, record_ids: Collection[str]) -> int:
    """How many pending versions these records have."""
    if not record_ids:
        return 0
    query = select(func.count()).where(OUTBOX.c.state == State.PENDING, OUTBOX.c.record_id.in_(list(record_ids)))
    return int(session.connection().execute(query).scalar_one())


@dataclass(frozen=True)
class ToRecheck:
    """The current version of a record with a version queued before the rules last changed."""

    record_id: str
    receipt_no: str
    kind: str
    payload_json: str
    created_at: str = ""  # the record's first entered_at: its CST date is the day it is judged on


def pending_to_recheck(session: Session, through: int) -> list[ToRecheck]:
    """Unvoided records with a pending version queued at or before outbox entry ``through``, with their current version."""
    query = (
        select(RECORDS.c.record_id, RECORDS.c.receipt_no, RECORDS.c.kind, VERSIONS.c.payload, RECORDS.c.created_at)
        .join(VERSIONS, and_(VERSIONS.c.record_id == RECORDS.c.record_id, VERSIONS.c.version == RECORDS.c.current_version))
        .where(
            RECORDS.c.voided.is_(False),
            RECORDS.c.record_id.in_(select(OUTBOX.c.record_id).where(OUTBOX.c.state == State.PENDING, OUTBOX.c.id <= through)),
        )
        .order_by(RECORDS.c.receipt_no)
    )
    return [ToRecheck(*row) for row in session.connection().execute(query)]


def record_batch(
    session: Session,
    *,
    batch_id: str,
    body: str,
    versions: Sequence[QueuedVersion],
    created_at: str,
    created_by: str,
    end_of_day: bool,
) -> None:
    """Write the batch and mark its versions ``sending``; the caller commits before sending."""
    connection = session.connection()
    connection.execute(
        insert(BATCHES),
        {
            "batch_id": batch_id,
            "created_at": created_at,
            "created_by": created_by,
            "record_count": len(versions),
            "body": body,
            "state": BATCH_SENDING,
            "resolved_at": None,
            "end_of_day": end_of_day,
        },
    )
    connection.execute(_MARK_SENDING, [{"key_id": v.outbox_id, "batch_id": batch_id} for v in versions])
    connection.execute(
        _RECORD_STATE,
        [{"key_record_id": v.record_id, "key_version": v.version, "state": State.SENDING} for v in versions],
    )


def unresolved_batches(session: Session) -> list[StoredBatch]:
    """Batches sent (or about to be) whose outcome this window does not know yet, oldest first."""
    query = (
        select(BATCHES.c.batch_id, BATCHES.c.body, BATCHES.c.record_count)
        .where(BATCHES.c.state == BATCH_SENDING)
        .order_by(BATCHES.c.created_at, BATCHES.c.batch_id)
    )
    return [StoredBatch(batch_id, body or "", count) for batch_id, body, count in session.connection().execute(query)]


def apply_results(session: Session, *, batch_id: str, results: Sequence[Mapping[str, Any]], at: str) -> Applied:
    """Store the platform's per-record results of a batch and resolve it.

    ``results`` are the contract's RecordResult objects, with ``errors``
    already explained for the clerk. A result for a version this batch does
    not hold is ignored; a version of the batch the platform did not mention
    (never expected) goes back to ``pending`` rather than being guessed at.
    """
    connection = session.connection()
    in_batch = {(str(r), int(v)) for r, v in connection.execute(_BATCH_OUTBOX, {"batch_id": batch_id})}
    outbox_rows: list[dict[str, Any]] = []
    record_rows: list[dict[str, Any]] = []
    qualifications: list[dict[str, Any]] = []
    mentioned: set[tuple[str, int]] = set()
    accepted = rejected = 0
    for result in results:
        record_id, version = str(result["record_id"]), int(result["version"])
        if (record_id, version) not in in_batch or (record_id, version) in mentioned:
            continue
        state = upload_move(State.SENDING, State.REJECTED if result.get("status") == State.REJECTED else State.ACCEPTED)
        ref = result.get("platform_ref") if state == State.ACCEPTED else None
        errors = result.get("errors") if state == State.REJECTED else None
        mentioned.add((record_id, version))
        accepted += state == State.ACCEPTED
        rejected += state == State.REJECTED
        outbox_rows.append(
            {
                "key_record_id": record_id,
                "key_version": version,
                "key_batch_id": batch_id,
                "state": state,
                "ref": ref,
                "errors": json.dumps(errors or [], ensure_ascii=False) if state == State.REJECTED else None,
                "at": at,
            }
        )
        record_rows.append({"key_record_id": record_id, "key_version": version, "state": state, "ref": ref})
        issued = result.get("qualification")
        if state == State.ACCEPTED and isinstance(issued, Mapping) and issued.get("certificate_no"):
            qualifications.append(dict(issued))
    unmentioned = sorted(in_batch - mentioned)
    if outbox_rows:
        connection.execute(_OUTBOX_RESULT, outbox_rows)
        connection.execute(_RECORD_RESULT, record_rows)
    platform_cache.save_qualifications(session, qualifications, at=at)
    returned = _return_versions(session, batch_id, unmentioned)
    _close_batch(session, batch_id, BATCH_RESOLVED, at)
    return Applied(accepted, rejected, returned)


def return_batch(session: Session, *, batch_id: str, at: str) -> int:
    """The platform certainly did not process this batch (413, 400): its versions go back to ``pending``."""
    versions = [(r, v) for r, v in session.connection().execute(_BATCH_OUTBOX, {"batch_id": batch_id})]
    returned = _return_versions(session, batch_id, versions)
    _close_batch(session, batch_id, BATCH_RETURNED, at)
    return returned


def _return_versions(session: Session, batch_id: str, versions: Sequence[tuple[str, int]]) -> int:
    if not versions:
        return 0
    connection = session.connection()
    connection.execute(
        update(OUTBOX)
        .where(
            OUTBOX.c.record_id == bindparam("key_record_id"),
            OUTBOX.c.version == bindparam("key_version"),
            OUTBOX.c.batch_id == batch_id,
        )
        .values(state=State.PENDING, batch_id=None),
        [{"key_record_id": r, "key_version": v} for r, v in versions],
    )
    connection.execute(_RECORD_STATE, [{"key_record_id": r, "key_version": v, "state": State.PENDING} for r, v in versions])
    return len(versions)


def _close_batch(session: Session, batch_id: str, state: str, at: str) -> None:
    session.connection().execute(
        update(BATCHES).where(BATCHES.c.batch_id == batch_id).values(state=state, body=None, resolved_at=at)
    )


def outbox_counts(session: Session) -> dict[str, int]:
    """Outbox versions by state (pending, sending, accepted, rejected)."""
    query = select(OUTBOX.c.state, func.count()).group_by(OUTBOX.c.state)
    counts = {str(state): 0 for state in UPLOAD_STATES}
    counts.update({str(state): int(n) for state, n in session.connection().execute(query)})
    return counts


def record_counts(session: Session) -> dict[str, int]:
    """Records by the upload state of their current version: what the clerk's lists show."""
    query = select(RECORDS.c.upload_state, func.count()).group_by(RECORDS.c.upload_state)
    counts = {str(state): 0 for state in UPLOAD_STATES}
    counts.update({str(state): int(n) for state, n in session.connection().execute(query)})
    return counts


def get_state(session: Session, key: str) -> Any:
    text = session.connection().execute(select(STATE.c.value).where(STATE.c.key == key)).scalar()
    return None if text is None else json.loads(text)


def set_state(session: Session, key: str, value: Any) -> None:
    statement = sqlite_insert(STATE).values(key=key, value=json.dumps(value, ensure_ascii=False))
    session.connection().execute(statement.on_conflict_do_update(index_elements=["key"], set_={"value": statement.excluded.value}))



HEAD_SEQS_KEY = "anchor.head_seqs"


def remember_head_sent(session: Session, seq: int) -> None:
    """Note the audit-chain sequence number a batch carries as its head, so ``check`` asks the platform for the
    heads at exactly these numbers (contract 1.2's ``seq``) however many batches follow."""
    seqs = head_seqs_sent(session)
    if seq > 0 and (not seqs or seqs[-1] != seq):
        set_state(session, HEAD_SEQS_KEY, [*seqs, seq])


def head_seqs_sent(session: Session) -> list[int]:
    value = get_state(session, HEAD_SEQS_KEY)
    return [int(n) for n in value if isinstance(n, int)] if isinstance(value, list) else []


def uploaded_before(session: Session) -> bool:
    """Whether any version of this window ever got an answer from the platform (accepted or rejected)."""
    query = select(OUTBOX.c.id).where(OUTBOX.c.state.in_((State.ACCEPTED, State.REJECTED))).limit(1)
    return session.connection().execute(query).first() is not None


def devices_uploaded(session: Session) -> set[str]:
    """The device IDs (hall and window code) of the versions the platform answered: the devices holding heads."""
    query = (
        select(VERSIONS.c.device_id)
        .join(OUTBOX, (OUTBOX.c.record_id == VERSIONS.c.record_id) & (OUTBOX.c.version == VERSIONS.c.version))
        .where(OUTBOX.c.state.in_((State.ACCEPTED, State.REJECTED)))
        .distinct()
    )
    return {str(device) for (device,) in session.connection().execute(query)}
