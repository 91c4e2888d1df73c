"""What the upload screen shows of the upload side: the history of runs and what waits, by kind and state.

The engine writes one ``upload_runs`` row as each run ends (``record_run``);
a run that sent nothing and stopped for the same reason as the newest row
(the automatic upload every minute, offline or with nothing to send) is
folded into that row, which counts the attempts and keeps the latest time, so
a day of them is one line, not five hundred.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from local_db.models import Record, UploadRun, table_of

RUNS = table_of(UploadRun)
RECORDS = table_of(Record)


@dataclass(frozen=True)
class RunRow:
    """One upload run as kept: ``outcome`` is "complete", "incomplete" or the problem code that stopped it."""

    started_at: str
    finished_at: str
    operator: str
    end_of_day: bool
    sent: int
    accepted: int
    rejected: int
    unknown: int
    pending_left: int
    held: int
    outcome: str
    message_zh: str | None = None
    message_en: str | None = None
    attempts: int = 1

    def message(self, lang: str = "zh") -> str | None:
        """Why the run stopped, in the clerk's language (None when it did not stop)."""
        return self.message_en if lang == "en" else self.message_zh


_COLUMNS = (
    RUNS.c.started_at, RUNS.c.finished_at, RUNS.c.operator, RUNS.c.end_of_day, RUNS.c.sent, RUNS.c.accepted,
    RUNS.c.rejected, RUNS.c.unknown, RUNS.c.pending_left, RUNS.c.held, RUNS.c.outcome, RUNS.c.message_zh,
    RUNS.c.message_en, RUNS.c.attempts,
)


def record_run(session: Session, run: RunRow) -> None:
    """Keep a finished run; one that sent nothing and ended as the newest row did is folded into that row."""
    connection = session.connection()
    newest = connection.execute(
        select(RUNS.c.id, RUNS.c.sent, RUNS.c.outcome, RUNS.c.end_of_day, RUNS.c.attempts).order_by(RUNS.c.id.desc()).limit(1)
    ).first()
    if newest is not None and run.sent == 0 and newest.sent == 0 and (newest.outcome, newest.end_of_day) == (run.outcome, run.end_of_day):
        connection.execute(
            update(RUNS)
            .where(RUNS.c.id == newest.id)
            .values(
                finished_at=run.finished_at, operator=run.operator, pending_left=run.pending_left, unknown=run.unknown,
                held=run.held, message_zh=run.message_zh, message_en=run.message_en, attempts=newest.attempts + 1,
            )
        )
        return
    connection.execute(insert(RUNS), {column.name: getattr(run, column.name) for column in _COLUMNS})


def recent_runs(session: Session, limit: int = 50) -> list[RunRow]:
    """The newest runs first."""
    rows = session.connection().execute(select(*_COLUMNS).order_by(RUNS.c.id.desc()).limit(limit))
    return [RunRow(*row[:3], bool(row[3]), *row[4:]) for row in rows]


def waiting_by_kind(session: Session) -> dict[tuple[str, str], int]:
    """Records by (kind, upload state of the current version); voided records count like the others (their void goes up)."""
    query = select(RECORDS.c.kind, RECORDS.c.upload_state, func.count()).group_by(RECORDS.c.kind, RECORDS.c.upload_state)
    return {(str(kind), str(state)): int(n) for kind, state, n in session.connection().execute(query)}
