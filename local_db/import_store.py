"""What the spreadsheet import keeps in the database: each school's column mapping.

A school sends the same layout every time, so once a clerk has said which of
its columns holds what, ``import_mappings`` remembers it under a key made from
the heading row. ``last_change`` lets an import notice that records changed
between its preview and the clerk pressing "import".
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from local_db.models import AuditHead, ImportMapping, table_of

_MAPPINGS = table_of(ImportMapping)


def mapping_for(session: Session, source_key: str) -> dict[str, str] | None:
    """The remembered {column heading: field} of a layout, or None if none was saved."""
    text = session.scalar(select(ImportMapping.mapping).where(ImportMapping.source_key == source_key))
    if text is None:
        return None
    loaded = json.loads(text)
    return {str(heading): str(field) for heading, field in loaded.items()}


def remember_mapping(session: Session, source_key: str, mapping: dict[str, str], *, at: str, operator: str) -> None:
    """Save (or replace) the mapping of a layout, in the caller's transaction."""
    values = {
        "source_key": source_key,
        "mapping": json.dumps(mapping, ensure_ascii=False, sort_keys=True),
        "updated_at": at,
        "updated_by": operator,
    }
    statement = sqlite_insert(_MAPPINGS).values(**values)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["source_key"],
            set_={key: statement.excluded[key] for key in ("mapping", "updated_at", "updated_by")},
        )
    )


def last_change(session: Session) -> int:
    """The sequence number of the newest audit row: it moves whenever any record is saved, corrected or voided."""
    seq = session.scalar(select(AuditHead.seq).where(AuditHead.id == 1))
    return int(seq) if seq is not None else 0
