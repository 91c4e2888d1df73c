"""Read-only queries behind printed documents: the day's reconciliation and the print history.

Printing code never writes SQL; it asks here. The day report's lists (voids,
corrections, reprints, outcomes not yet known) read the version columns
``void_reason``, ``change_reason`` and ``approved_by`` (contract 1.1
RecordBase) and nothing else, so those names live in this module only. The print history is the audit
trail itself (action ``print``, detail ``{document, key, reprint}``): a count
of earlier rows for the same document and key is the reprint number.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

PRINT_ACTION = "print"

# Written to match the expression of a partial index on print rows, should one be added.
_PRINT_COUNTS = text(
    "SELECT json_extract(detail, '$.key') AS key, count(*) AS n FROM audit_log "
    "WHERE action = 'print' AND json_extract(detail, '$.document') = :document "
    "AND json_extract(detail, '$.key') IN :keys GROUP BY json_extract(detail, '$.key')"
).bindparams(bindparam("keys", expanding=True))


def print_counts(session: Session, document: str, keys: Sequence[str]) -> dict[str, int]:
    """How many times each key's document was printed before (0 if never)."""
    counts = dict.fromkeys(keys, 0)
    if keys:
        for key, n in session.execute(_PRINT_COUNTS, {"document": document, "keys": list(dict.fromkeys(keys))}):
            counts[str(key)] = int(n)
    return counts


@dataclass(frozen=True)
class DayRow:
    """One kind of record entered by one clerk on the day, counted by what happened to it."""

    kind: str
    clerk: str
    new: int  # first versions
    corrected: int  # later versions
    voided: int  # void versions
    pending: int
    sending: int  # sent, outcome not yet known
    accepted: int
    rejected: int

    @property
    def entered(self) -> int:
        return self.new + self.corrected + self.voided


@dataclass(frozen=True)
class RejectedVersion:
    receipt_no: str
    kind: str
    clerk: str
    name: str
    id_number: str
    version: int
    errors: list[dict[str, Any]]


_DAY_ROWS = text(
    "SELECT r.kind, v.entered_by, "
    "sum(v.version = 1 AND v.op = 'upsert'), sum(v.version > 1 AND v.op = 'upsert'), sum(v.op = 'void'), "
    "sum(o.state = 'pending'), sum(o.state = 'sending'), sum(o.state = 'accepted'), sum(o.state = 'rejected') "
    "FROM record_versions v JOIN records r ON r.record_id = v.record_id "
    "LEFT JOIN outbox o ON o.record_id = v.record_id AND o.version = v.version "
    "WHERE v.entered_at >= :start AND v.entered_at < :end AND (:clerk IS NULL OR v.entered_by = :clerk) "
    "GROUP BY r.kind, v.entered_by ORDER BY v.entered_by, r.kind"
)
_DAY_REJECTED = text(
    "SELECT r.receipt_no, r.kind, v.entered_by, r.name, r.id_number, v.version, o.errors "
    "FROM record_versions v JOIN records r ON r.record_id = v.record_id "
    "JOIN outbox o ON o.record_id = v.record_id AND o.version = v.version "
    "WHERE v.entered_at >= :start AND v.entered_at < :end AND (:clerk IS NULL OR v.entered_by = :clerk) "
    "AND o.state = 'rejected' ORDER BY v.entered_at"
)


def _day_params(day: date, clerk: str | None) -> dict[str, Any]:
    # entered_at is RFC 3339 in China Standard Time, so the day's rows sort between its date and the next.
    return {"start": day.isoformat(), "end": (day + timedelta(days=1)).isoformat(), "clerk": clerk}


def day_rows(session: Session, day: date, clerk: str | None = None) -> list[DayRow]:
    """Versions entered on ``day`` (by ``clerk``, or by everyone), by kind and clerk."""
    return [
        DayRow(str(kind), str(who), *(int(n or 0) for n in counts))
        for kind, who, *counts in session.execute(_DAY_ROWS, _day_params(day, clerk))
    ]


def day_rejected(session: Session, day: date, clerk: str | None = None) -> list[RejectedVersion]:
    """Versions entered on ``day`` that the platform rejected, with its reasons, oldest first."""
    return [
        RejectedVersion(str(receipt), str(kind), str(who), str(name), str(id_number), int(version), json.loads(errors or "[]"))
        for receipt, kind, who, name, id_number, version, errors in session.execute(_DAY_REJECTED, _day_params(day, clerk))
    ]


@dataclass(frozen=True)
class DayEvent:
    """One version entered on the day that a supervisor checks: a void, a correction, or one whose outcome is unknown.

    ``reason`` is the void or change reason; ``approved_by`` the supervisor who
    approved a correction (a void's supervisor is ``entered_by``).
    """

    receipt_no: str
    kind: str
    name: str
    version: int
    entered_at: str
    entered_by: str
    reason: str
    approved_by: str


@dataclass(frozen=True)
class DayReprint:
    """A document printed again on the day: how many times, by whom (operator IDs in the order they printed)."""

    document: str
    key: str
    receipt_no: str  # for receipts: the record's receipt number ("" for other documents)
    count: int
    operators: tuple[str, ...]


_EVENT_COLUMNS = (
    "SELECT r.receipt_no, r.kind, r.name, v.version, v.entered_at, v.entered_by, "
    "coalesce(v.void_reason, v.change_reason, ''), coalesce(v.approved_by, '') "
    "FROM record_versions v JOIN records r ON r.record_id = v.record_id "
)
_DAY = "v.entered_at >= :start AND v.entered_at < :end AND (:clerk IS NULL OR v.entered_by = :clerk)"
_DAY_VOIDS = text(_EVENT_COLUMNS + f"WHERE {_DAY} AND v.op = 'void' ORDER BY v.entered_at")
_DAY_CORRECTIONS = text(_EVENT_COLUMNS + f"WHERE {_DAY} AND v.op = 'upsert' AND v.version > 1 ORDER BY v.entered_at")
_DAY_UNKNOWN = text(
    _EVENT_COLUMNS + "JOIN outbox o ON o.record_id = v.record_id AND o.version = v.version "
    f"WHERE {_DAY} AND o.state = 'sending' ORDER BY v.entered_at"
)
_DAY_REPRINTS = text(
    "SELECT json_extract(a.detail, '$.document'), json_extract(a.detail, '$.key'), coalesce(r.receipt_no, ''), a.operator "
    "FROM audit_log a LEFT JOIN records r ON r.record_id = a.record_id "
    "WHERE a.action = 'print' AND a.at >= :start AND a.at < :end AND json_extract(a.detail, '$.reprint') > 0 "
    "AND (:clerk IS NULL OR a.operator = :clerk) ORDER BY a.seq"
)


def _events(session: Session, query: Any, day: date, clerk: str | None) -> list[DayEvent]:
    return [
        DayEvent(str(receipt), str(kind), str(name), int(version), str(at), str(who), str(reason), str(approver))
        for receipt, kind, name, version, at, who, reason, approver in session.execute(query, _day_params(day, clerk))
    ]


def day_voids(session: Session, day: date, clerk: str | None = None) -> list[DayEvent]:
    """Records voided on ``day`` (``entered_by`` is the supervisor who voided), with the reason."""
    return _events(session, _DAY_VOIDS, day, clerk)


def day_corrections(session: Session, day: date, clerk: str | None = None) -> list[DayEvent]:
    """Corrections made on ``day``, with the change reason and the approving supervisor (if one was needed)."""
    return _events(session, _DAY_CORRECTIONS, day, clerk)


def day_unknown(session: Session, day: date, clerk: str | None = None) -> list[DayEvent]:
    """Versions entered on ``day`` that were sent but whose platform answer has not come back."""
    return _events(session, _DAY_UNKNOWN, day, clerk)


def day_reprints(session: Session, day: date, clerk: str | None = None) -> list[DayReprint]:
    """Documents printed again on ``day`` (reprint number above 0), one entry per document, first reprinted first."""
    found: dict[tuple[str, str], DayReprint] = {}
    for document, key, receipt, operator in session.execute(_DAY_REPRINTS, _day_params(day, clerk)):
        seen = found.get((str(document), str(key)))
        operators = (*seen.operators, str(operator)) if seen else (str(operator),)
        found[(str(document), str(key))] = DayReprint(str(document), str(key), str(receipt), len(operators), operators)
    return list(found.values())
