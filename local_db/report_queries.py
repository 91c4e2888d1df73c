"""Read-only queries behind printed documents: the day's reconciliation and the print history.

Printing code never writes SQL; it asks here. The print history is the audit
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
