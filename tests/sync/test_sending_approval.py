"""A record whose batch went out but whose answer never came back may be accepted already (issue 23 item 9)."""

from __future__ import annotations

from clerk_app import clock
from clerk_app.services.records import Approval, RecordService
from local_db import upload_store
from local_db.database import Database
from tests import factories
from tests.conftest import PASSWORDS


def test_a_correction_of_a_record_still_sending_needs_a_supervisors_approval(db: Database, records: RecordService) -> None:
    saved = records.add("training_completion", factories.training_completion(), operator="clerk01")
    assert saved.ok and saved.record_id is not None
    with db.write() as session:  # as the upload engine does before it sends: the batch is recorded, its versions sending
        queued = upload_store.pending_versions(session, after=0, limit=10)
        upload_store.record_batch(
            session, batch_id="b-lost-answer", body="{}", versions=queued, created_at=clock.now_text(),
            created_by="tester", end_of_day=False,
        )
    detail = records.get(saved.record_id)
    assert detail is not None and detail.summary.upload_state == "sending"
    changed = dict(detail.versions[-1].payload, name="张三丰")
    refused = records.correct(saved.record_id, changed, operator="clerk01", reason="姓名录错")
    assert [e.code for e in refused.errors] == ["approval_required"]
    approved = records.correct(
        saved.record_id, changed, operator="clerk01", reason="姓名录错", approval=Approval("tester", PASSWORDS["tester"])
    )
    assert approved.ok, approved.errors
