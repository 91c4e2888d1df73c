"""A list saved in one go (an import) ends exactly as if its entries had been saved one by one.

The bulk path checks the whole list in sets and writes each table with one
multi-row insert; what the clerk sees must not change: each entry's refusal or
warnings, the records and receipt numbers stored, and an audit trail whose
rows say the same thing and whose chain verifies.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from clerk_app.services.institutions import InstitutionService
from clerk_app.services.records import RecordService, SaveOutcome
from local_db import audit
from local_db.database import Database
from tests import factories
from tests.conftest import set_up_window

KIND = "training_completion"
PEOPLE = 520  # more than one IN (...) list of the duplicate query


def _window(path: Path) -> tuple[Database, RecordService]:
    db = Database(path).open(write=True, operator="tester")
    set_up_window(db)
    _stored, problems = InstitutionService(db).add(factories.DRIVING_SCHOOL, operator="tester")
    assert not problems, problems
    return db, RecordService(db)


def _person(n: int) -> str:
    return factories.id_number(birth=f"{date(1980, 1, 1) + timedelta(days=n):%Y%m%d}", seq=100 + n % 800)


def _entry(n: int, **changes: Any) -> dict[str, Any]:
    return factories.training_completion(**{"id_number": _person(n), "certificate_no": f"JL-B2-2026-{n:06d}", **changes})


STORED = _entry(9000)  # saved at the window before the list arrives


def _list() -> list[dict[str, Any]]:
    rows = [_entry(n) for n in range(PEOPLE)]
    repeats = [
        _entry(3),  # the same person and certificate again: already there
        _entry(8, certificate_no="jl-b2-2026-000008"),  # the same paper in lower case
        _entry(9001, certificate_no="JL-B2-2026-000005"),  # another person's certificate number
        _entry(7, certificate_no="JL-B2-2026-777777", assessment_date=factories.days_ago(15)),  # near duplicate
        _entry(9, certificate_no="JL-B2-2026-999999", vehicle_class="A2"),  # another class: a new entry
        _entry(11, id_number=_person(11)[:-1] + ("0" if _person(11)[-1] != "0" else "1")),  # a wrong check digit
        dict(STORED),  # already at the window
        _entry(9002, certificate_no=STORED["certificate_no"]),  # the stored record's certificate, another person
        _entry(9000, certificate_no="JL-B2-2026-900001", assessment_date=factories.days_ago(12)),  # near the stored
    ]
    for offset, row in enumerate(repeats):
        rows.insert(40 + offset * 57, row)  # spread through the list, each after the entry it repeats
    return rows


def _verdict(outcome: SaveOutcome) -> tuple[list[str], list[str]]:
    return sorted(p.code for p in outcome.errors), sorted(p.code for p in outcome.warnings)


def _stored(db: Database) -> tuple[list[tuple[str, str]], list[tuple[str, int | None, dict[str, Any]]], list[Any]]:
    with db.read() as session:
        connection = session.connection()
        records = [
            (str(receipt), str(payload))
            for receipt, payload in connection.exec_driver_sql(
                "SELECT r.receipt_no, v.payload FROM records r JOIN record_versions v "
                "ON v.record_id = r.record_id AND v.version = r.current_version ORDER BY r.receipt_no"
            )
        ]
        trail = [
            (str(action), version, json.loads(detail))
            for action, version, detail in connection.exec_driver_sql(
                "SELECT action, version, detail FROM audit_log WHERE record_id IS NOT NULL ORDER BY seq"
            )
        ]
        return records, trail, audit.verify(session)


def test_a_list_saved_at_once_ends_as_if_saved_one_by_one(tmp_path: Path) -> None:
    one_db, one_by_one = _window(tmp_path / "one")
    bulk_db, bulk = _window(tmp_path / "bulk")
    for service in (one_by_one, bulk):
        assert service.add(KIND, dict(STORED), operator="tester").ok
    rows = _list()

    singly = [one_by_one.add(KIND, row, operator="tester", confirm_duplicate=True) for row in rows]
    refused = [n for n, outcome in enumerate(singly) if not outcome.ok]
    assert len(refused) == 6, [_verdict(singly[n]) for n in refused]
    assert sum(1 for outcome in singly if outcome.warnings) == 2

    # The whole list at once: the same refusals, row by row; the rest is held back with the batch.
    at_once = bulk.add_many(KIND, rows, operator="tester", confirm_duplicate=True)
    for row, (alone, together) in enumerate(zip(singly, at_once, strict=True)):
        if alone.ok:
            assert together.errors[0].code == "batch_not_saved" and _verdict(together)[1] == _verdict(alone)[1], row
        else:
            assert _verdict(together) == _verdict(alone), row

    # The rows that could be saved, at once: saved with the same warnings, the same receipts and audit rows.
    saved = bulk.add_many(KIND, [row for n, row in enumerate(rows) if n not in refused], operator="tester", confirm_duplicate=True)
    assert all(outcome.ok for outcome in saved)
    assert [_verdict(o) for o in saved] == [_verdict(o) for o in singly if o.ok]
    assert [o.receipt_no for o in saved] == [o.receipt_no for o in singly if o.ok]
    one_records, one_trail, one_problems = _stored(one_db)
    bulk_records, bulk_trail, bulk_problems = _stored(bulk_db)
    assert len(bulk_records) == PEOPLE + 9 - 6 + 1
    assert bulk_records == one_records
    assert bulk_trail == one_trail
    assert one_problems == [] and bulk_problems == []
    one_db.close()
    bulk_db.close()
