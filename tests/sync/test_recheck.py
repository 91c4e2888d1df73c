"""A version queued before the rulings of December 2026 that they refuse: shown to the clerk with the reason, not sent.

Versions are never rewritten, so such a version stays as it was entered; the
upload checks it again before anything is sent, holds it back and says why,
and sends its correction once the clerk has made one.
"""

from __future__ import annotations

from sqlalchemy import func, select

from clerk_app.services.records import RecordService
from local_db import record_store, upload_store
from local_db.database import Database
from sync.recheck import RECHECK_KEY
from sync.reference_platform import ReferencePlatform
from tests import factories
from tests.sync.conftest import engine


def _queued_by_the_old_program(window: Database) -> tuple[str, str]:
    """A transition case as the program before the rulings saved it (no event_date), and the migration's mark."""
    person = factories.id_number(seq=790)
    payload = {k: v for k, v in factories.transition_case(id_number=person).items() if k != "event_date"}
    receipt_no = "220100-01-20261130-9001"
    with window.write() as session:
        record_id = record_store.insert_record(
            session,
            kind="transition_case",
            receipt_no=receipt_no,
            payload=payload,
            keys=record_store.SearchKeys(id_number=person, name=payload["name"], cert_key=None, institution_code=None),
            at="2026-11-30T10:00:00.000+08:00",
            operator="tester",
            device_id="220100-01",
        )
        newest = session.connection().execute(select(func.max(upload_store.OUTBOX.c.id))).scalar_one()
        upload_store.set_state(session, RECHECK_KEY, newest)  # as schema step 0005 marks an upgraded window
    return record_id, receipt_no


def test_a_queued_version_the_rulings_refuse_is_shown_with_its_reason_and_held_back(
    window: Database, platform: ReferencePlatform
) -> None:
    service = RecordService(window)
    good = service.add("transition_case", factories.transition_case(), operator="tester")
    assert good.ok, good.errors
    old, receipt_no = _queued_by_the_old_program(window)

    summary = engine(window).run()
    (flagged,) = summary.flagged
    assert flagged["receipt_no"] == receipt_no and flagged["codes"] == ["missing_field"]
    assert "新规则施行前录入" in flagged["message"] and "缺少必填项「考试或报名日期」" in flagged["message"]
    assert platform.accepted_rows() == [(good.record_id, 1)]  # checked again, still good: sent
    assert summary.pending_left == 1
    detail = service.get(old)
    assert detail is not None and detail.summary.upload_state == "pending"
    assert "event_date" not in detail.versions[0].payload  # the stored version is as it was entered

    corrected = dict(detail.versions[-1].payload, event_date="2020-11-10")
    assert service.correct(old, corrected, operator="tester", reason="补录考试日期").ok
    again = engine(window).run()
    assert again.flagged == [] and again.accepted >= 1
    assert (old, 2) in platform.accepted_rows()
