"""Each save's duplicate query reads the person's and the certificate's rows through their indexes.

A plan that walks the kind index reads every record of that kind on every save: fine on a
fresh window, minutes per thousand rows on a large one (imports, a year of entries).
"""

from __future__ import annotations

import pytest

from local_db import record_store
from local_db.database import Database


@pytest.mark.parametrize("query", ["_CANDIDATES_BY_PERSON", "_CANDIDATES_BY_PERSON_OR_CERT"])
def test_duplicate_candidates_use_the_person_and_certificate_indexes(db: Database, query: str) -> None:
    params = {"kind": "training_completion", "id_number": "220102198503121230", "cert_key": "JL-1", "exclude": ""}
    with db.read() as session:
        connection = session.connection()
        compiled = getattr(record_store, query).compile(connection)
        plan = " | ".join(
            row[3]
            for row in connection.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + str(compiled), tuple(params[name] for name in compiled.positiontup or ())
            )
        )
    assert "ix_records_id_number" in plan, plan
    assert "ix_records_kind_state" not in plan, plan
    if query.endswith("OR_CERT"):
        assert "ix_records_cert_key" in plan, plan
