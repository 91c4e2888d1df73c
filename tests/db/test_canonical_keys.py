"""Schema step 0005: a window upgraded from before the rulings finds and matches its old numbers in canonical form.

The old program stored numbers as typed (NFKC, inner spaces kept, letters as
typed) and keyed certificates upper-cased. The versions stay exactly as they
were; the search keys and the registry's codes become canonical, and pending
versions are marked for the upload's re-check.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from clerk_app.services.records import RecordService
from local_db import migrate, upload_store
from local_db.database import Database
from local_db.engine import make_engine
from tests import factories
from tests.conftest import set_up_window
from tests.db_files import raw_connection

OLD_PAYLOAD = factories.training_completion(
    id_number=factories.id_number(seq=11), certificate_no="jl-b2 2025 000777", institution_code="jldt0001"
)


def _window_of_the_old_program(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True)
    path = data_dir / "clerk.sqlite3"
    engine = make_engine(path, key=None)  # the old program's file: plaintext
    migrate.upgrade(engine, path, data_dir / "backups", key=None, target="0004")
    engine.dispose()
    institution = {**factories.DRIVING_SCHOOL, "code": "jldt0001"}
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO institutions (code, kind, name, status, updated_at, payload) VALUES (?, ?, ?, ?, ?, ?)",
            ("jldt0001", "driver_training", institution["name"], "active", institution["updated_at"], json.dumps(institution)),
        )
        connection.execute(
            "INSERT INTO records (record_id, kind, receipt_no, created_at, created_by, current_version, voided,"
            " upload_state, platform_ref, id_number, name, cert_key, institution_code)"
            " VALUES ('r-old', 'training_completion', '220100-01-20261120-0001', '2026-11-20T10:00:00.000+08:00',"
            " 'tester', 1, 0, 'pending', NULL, ?, '张三', 'JL-B2 2025 000777', 'jldt0001')",
            (OLD_PAYLOAD["id_number"],),
        )
        connection.execute(
            "INSERT INTO record_versions (record_id, version, op, payload, entered_at, entered_by, device_id)"
            " VALUES ('r-old', 1, 'upsert', ?, '2026-11-20T10:00:00.000+08:00', 'tester', '220100-01')",
            (json.dumps(OLD_PAYLOAD, ensure_ascii=False),),
        )
        connection.execute(
            "INSERT INTO outbox (record_id, version, queued_at, state) VALUES ('r-old', 1, '2026-11-20T10:00:00.000+08:00', 'pending')"
        )
    return path


def test_old_numbers_are_found_and_matched_in_canonical_form_and_versions_stay_as_entered(data_dir: Path) -> None:
    path = _window_of_the_old_program(data_dir)
    db = Database(data_dir).open(write=True, operator="tester")
    try:
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        with raw_connection(path) as connection:
            assert connection.execute("SELECT cert_key, institution_code FROM records").fetchall() == [
                ("JL-B22025000777", "JLDT0001")
            ]
            (code, payload), = connection.execute("SELECT code, payload FROM institutions").fetchall()
            assert code == "JLDT0001" and json.loads(payload)["code"] == "JLDT0001"
            (stored,) = connection.execute("SELECT payload FROM record_versions").fetchone()
            assert json.loads(stored)["certificate_no"] == "jl-b2 2025 000777"  # never rewritten
        with db.read() as session:
            outbox_id = session.connection().exec_driver_sql("SELECT id FROM outbox").scalar_one()
            assert upload_store.get_state(session, "rules.recheck_through") == outbox_id

        set_up_window(db)
        service = RecordService(db)
        assert [r.record_id for r in service.search("ｊｌ－ｂ２\u3000２０２５ ０００７７７")] == ["r-old"]
        # The same certificate for another person is refused, as the new rules compare it.
        other = factories.training_completion(id_number=factories.id_number(seq=12), certificate_no="JL-B2 2025000777")
        refused = service.add("training_completion", other, operator="tester")
        assert [e.code for e in refused.errors] == ["duplicate_certificate_no"]
        assert "已用在另一个人的登记上" in refused.errors[0].message_zh
    finally:
        db.close()
