"""The append-only, hash-chained audit trail.

Each row's hash is SHA-256 over the canonical JSON of its own fields and the
previous row's hash, so editing a row breaks its hash, removing or reordering
rows breaks the chain, and cutting the tail off disagrees with ``audit_head``.
Every stored record version must also have its audit row, whose recorded
payload hash still matches the version.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, text, update
from sqlalchemy.orm import Session

from local_db import bulk
from local_db.canonical import canonical_json, sha256_text
from local_db.models import AuditEntry, AuditHead, table_of

GENESIS = "0" * 64
_HEAD_TABLE = table_of(AuditHead)
_HEAD = select(_HEAD_TABLE.c.seq, _HEAD_TABLE.c.hash).where(_HEAD_TABLE.c.id == 1)
_ENTRIES = table_of(AuditEntry)
_INSERT_HEAD = insert(_HEAD_TABLE).values(id=1)
_UPDATE_HEAD = update(_HEAD_TABLE).where(_HEAD_TABLE.c.id == 1)
VERSION_ACTIONS = ("save", "correct", "void")


def entry_hash(
    seq: int, at: str, operator: str, action: str, record_id: str | None, version: int | None, detail: str, prev_hash: str
) -> str:
    return sha256_text(canonical_json([seq, at, operator, action, record_id, version, detail, prev_hash]))


@dataclass(frozen=True)
class NewEntry:
    """One audit row to add: who did what, to which record version."""

    at: str
    operator: str
    action: str
    detail: dict[str, Any]
    record_id: str | None = None
    version: int | None = None


def append(
    session: Session,
    *,
    at: str,
    operator: str,
    action: str,
    detail: dict[str, Any] | None = None,
    record_id: str | None = None,
    version: int | None = None,
) -> int:
    """Add one audit row in the caller's transaction; returns its sequence number."""
    return append_many(session, [NewEntry(at, operator, action, detail or {}, record_id, version)])[0]


def append_many(session: Session, entries: Sequence[NewEntry]) -> list[int]:
    """Add audit rows in order in the caller's transaction; returns their sequence numbers.

    The chain is computed here, each row's hash over the previous one's, and
    written with one multi-row insert and one head update: an import of
    20,000 rows costs one round trip, not 20,000, and chains exactly as if
    the rows had been appended one by one.
    """
    if not entries:
        return []
    connection = session.connection()
    head = connection.execute(_HEAD).first()
    seq = head.seq if head else 0
    prev_hash = head.hash if head else GENESIS
    rows: list[dict[str, Any]] = []
    for entry in entries:
        seq += 1
        detail_json = canonical_json(entry.detail)
        digest = entry_hash(seq, entry.at, entry.operator, entry.action, entry.record_id, entry.version, detail_json, prev_hash)
        rows.append(
            {
                "seq": seq,
                "at": entry.at,
                "operator": entry.operator,
                "action": entry.action,
                "record_id": entry.record_id,
                "version": entry.version,
                "detail": detail_json,
                "prev_hash": prev_hash,
                "hash": digest,
            }
        )
        prev_hash = digest
    bulk.insert_rows(session, _ENTRIES, rows)
    connection.execute(_INSERT_HEAD if head is None else _UPDATE_HEAD, {"seq": seq, "hash": prev_hash})
    return [row["seq"] for row in rows]


def head(session: Session) -> tuple[int, str]:
    """The chain's stored head: (number of rows, hash of the newest row); (0, GENESIS) when empty."""
    row = session.connection().execute(_HEAD).first()
    return (int(row.seq), str(row.hash)) if row else (0, GENESIS)


def hashes_at(session: Session, seqs: list[int]) -> dict[int, str]:
    """The stored hash of each row asked for that exists (for comparing with heads kept elsewhere)."""
    found: dict[int, str] = {}
    for start in range(0, len(seqs), 500):
        chunk = seqs[start : start + 500]
        rows = session.execute(select(AuditEntry.seq, AuditEntry.hash).where(AuditEntry.seq.in_(chunk)))
        found.update({int(seq): str(digest) for seq, digest in rows})
    return found


def newest_of(session: Session, operator: str, actions: tuple[str, ...], *, limit: int) -> list[tuple[str, str]]:
    """(action, time) of ``operator``'s newest rows that are one of ``actions``, newest first, at most ``limit``.

    Rows of other actions in between do not matter: a backup or a print recorded in a locked-out
    supervisor's name ends nothing. The index on (operator, action) keeps this cheap on any size of file.
    """
    rows = session.execute(
        select(AuditEntry.action, AuditEntry.at)
        .where(AuditEntry.operator == operator, AuditEntry.action.in_(actions))
        .order_by(AuditEntry.seq.desc())
        .limit(limit)
    )
    return [(str(action), str(at)) for action, at in rows]


@dataclass(frozen=True)
class ChainProblem:
    seq: int | None
    code: str  # audit_edited | audit_removed | audit_reordered | audit_tail_removed | audit_missing_for_version
    message_zh: str
    message_en: str

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh

    def as_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {"seq": self.seq, "code": self.code, "message": self.message(lang)}


def verify(session: Session) -> list[ChainProblem]:
    """Every break in the chain, oldest first; an empty list means the trail is intact."""
    problems: list[ChainProblem] = []
    expected_seq, prev_hash = 1, GENESIS
    last_seq, last_hash = 0, GENESIS
    for row in _rows(session):
        seq, at, operator, action, record_id, version, detail, row_prev, row_hash = row
        if seq != expected_seq:
            problems.append(
                ChainProblem(
                    seq,
                    "audit_removed",
                    f"审计记录第 {expected_seq}–{seq - 1} 条缺失（被删除）。",
                    f"Audit rows {expected_seq}-{seq - 1} are missing (removed).",
                )
            )
        if entry_hash(seq, at, operator, action, record_id, version, detail, row_prev) != row_hash:
            problems.append(ChainProblem(seq, "audit_edited", f"审计记录第 {seq} 条的内容被改动过。", f"Audit row {seq} was edited."))
        elif row_prev != prev_hash and seq == expected_seq:
            problems.append(
                ChainProblem(
                    seq,
                    "audit_reordered",
                    f"审计记录第 {seq} 条与前一条衔接不上（顺序被调换或前面的记录被替换）。",
                    f"Audit row {seq} does not follow the row before it (reordered or replaced).",
                )
            )
        expected_seq, prev_hash = seq + 1, row_hash
        last_seq, last_hash = seq, row_hash
    head = session.get(AuditHead, 1)
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if (head_seq, head_hash) != (last_seq, last_hash):
        problems.append(
            ChainProblem(
                None,
                "audit_tail_removed",
                f"审计记录末尾与登记的末条（第 {head_seq} 条）不一致：末尾记录被删除或改动。",
                f"The audit trail does not end at its recorded head (row {head_seq}): rows were cut off or changed.",
            )
        )
    problems.extend(_version_checks(session))
    return problems


def _rows(session: Session) -> Iterator[tuple[Any, ...]]:
    columns = (
        AuditEntry.seq,
        AuditEntry.at,
        AuditEntry.operator,
        AuditEntry.action,
        AuditEntry.record_id,
        AuditEntry.version,
        AuditEntry.detail,
        AuditEntry.prev_hash,
        AuditEntry.hash,
    )
    result = session.execute(select(*columns).order_by(AuditEntry.seq).execution_options(yield_per=5000))
    for row in result:
        yield tuple(row)


def _version_checks(session: Session) -> list[ChainProblem]:
    """Every stored version has its audit row, and its payload still hashes to what that row recorded."""
    actions = ",".join(f"'{a}'" for a in VERSION_ACTIONS)
    rows = session.execute(
        text(
            "SELECT rv.record_id, rv.version, rv.payload, a.detail FROM record_versions rv "
            "LEFT JOIN audit_log a ON a.record_id = rv.record_id AND a.version = rv.version "
            f"AND a.action IN ({actions})"
        ).execution_options(yield_per=5000)
    )
    problems = []
    for record_id, version, payload, detail in rows:
        if detail is None:
            problems.append(
                ChainProblem(
                    None,
                    "audit_missing_for_version",
                    f"记录 {record_id} 第 {version} 版没有对应的审计记录（审计记录被删除）。",
                    f"Record {record_id} version {version} has no audit row (it was removed).",
                )
            )
        elif json.loads(detail).get("payload_sha256") != sha256_text(payload):
            problems.append(
                ChainProblem(
                    None,
                    "version_payload_changed",
                    f"记录 {record_id} 第 {version} 版的内容与保存时不一致（被改动过）。",
                    f"Record {record_id} version {version} differs from what was saved (it was changed).",
                )
            )
    return problems
