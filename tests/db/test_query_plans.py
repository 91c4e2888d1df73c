"""The duplicate queries read the people's and the certificates' rows through their indexes.

A plan that walks the kind index reads every record of that kind on every save: fine on a
fresh window, minutes per thousand rows on a large one (imports, a year of entries).
"""

from __future__ import annotations

from sqlalchemy import event

from local_db import record_store
from local_db.database import Database


def test_duplicate_candidates_use_the_person_and_certificate_indexes(db: Database) -> None:
    sent: list[tuple[str, tuple[object, ...]]] = []

    def _seen(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        if "FROM records" in statement:
            sent.append((statement, tuple(parameters)))

    with db.read() as session:
        connection = session.connection()
        event.listen(connection.engine, "before_cursor_execute", _seen)
        try:
            record_store.duplicate_candidates(
                session, "training_completion", {"220102198503121230", "220102198503121249"}, {"JL-1", "JL-2"}
            )
        finally:
            event.remove(connection.engine, "before_cursor_execute", _seen)
        plans = [
            " | ".join(row[3] for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters))
            for statement, parameters in sent
        ]
    assert len(plans) == 2, plans
    by_person, by_certificate = plans
    assert "ix_records_id_number" in by_person, by_person
    assert "ix_records_cert_key" in by_certificate, by_certificate
    assert not any("ix_records_kind_state" in plan for plan in plans), plans
