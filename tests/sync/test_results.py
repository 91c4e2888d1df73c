"""What the clerk sees of the platform's answers.

Reasons in Chinese, corrections resent, certificates to print, revoked institutions caught before upload.
"""

from __future__ import annotations

from sqlalchemy import select, update

from clerk_app import clock
from clerk_app.printing import qualifications
from clerk_app.services.platform import PlatformService
from clerk_app.services.records import Approval, RecordService
from clerk_app.services.settings import SettingRefused, SettingsService
from local_db import platform_cache, upload_store
from local_db.database import Database
from local_db.models import Record, Setting
from sync.reference_platform import ReferencePlatform
from tests import factories
from tests.conftest import PASSWORDS
from tests.sync.conftest import add_records, engine


def _application(record_service: RecordService, **overrides: str) -> str:
    payload = factories.qualification_application(
        id_number=factories.id_number(seq=0, birth="19800312"), licence_no=factories.id_number(seq=0, birth="19800312"),
        **overrides,
    )
    outcome = record_service.add("qualification_application", payload, operator="tester", confirm_duplicate=True)
    assert outcome.ok, outcome.errors
    assert outcome.record_id is not None
    return outcome.record_id


def test_a_rejected_record_shows_chinese_reasons_then_its_correction_is_accepted_and_the_certificate_cached(
    window: Database, platform: ReferencePlatform
) -> None:
    service = RecordService(window)
    (completion,) = add_records(window, 1)  # certificate JL-B2-2026-000000, same person as the application
    application = _application(service, completion_certificate_no="JL-B2-2026-999999")

    first = engine(window).run()
    assert (first.accepted, first.rejected, first.pending_left, first.unknown) == (1, 1, 0, 0)
    detail = service.get(application)
    assert detail is not None and detail.summary.upload_state == "rejected"
    (error,) = detail.versions[-1].platform_errors
    assert error["code"] == "no_matching_completion"
    assert error["message"].startswith("平台上找不到与这次申领相符的培训结业记录")
    assert error["platform_message"]  # the platform's own words kept for support

    corrected = dict(detail.versions[-1].payload, completion_certificate_no="JL-B2-2026-000000")
    assert service.correct(application, corrected, operator="tester", reason="补结业证号", confirm_duplicate=True).ok
    assert service.get(application).summary.upload_state == "pending"  # type: ignore[union-attr]

    second = engine(window).run()
    assert (second.sent, second.accepted, second.rejected) == (1, 1, 0) and second.complete
    detail = service.get(application)
    assert detail is not None and detail.summary.upload_state == "accepted"
    assert [v.upload_state for v in detail.versions] == ["rejected", "accepted"]
    assert sorted(platform.accepted_rows()) == sorted([(completion, 1), (application, 2)])

    with window.read() as session:  # the person's cached certificates, newest paper first
        cached = platform_cache.qualifications_for(session, factories.id_number(seq=0, birth="19800312")).items
    issued = cached[0] if cached else None
    assert issued is not None and issued["status"] == "valid" and issued["verify_url"]
    again = qualifications.by_certificate_no(window, issued["certificate_no"])
    assert again == issued
    # Contract 1.1: a Qualification carries first_issued_on (the CE cycles run from it); a first issue's is its issued_on.
    assert issued["first_issued_on"] == issued["issued_on"]
    # Contract 1.2: and valid_from, printed as the start of the validity exactly as sent.
    assert issued["valid_from"] == issued["issued_on"]
    ready = {k: str(issued[k]) for k in (*qualifications.REQUIRED, "first_issued_on", "valid_from")}
    assert qualifications.checked(issued, clock.today()) == ready


def test_versions_go_in_queue_order_and_an_old_result_never_overwrites_the_newer_state(
    window: Database, platform: ReferencePlatform
) -> None:
    service = RecordService(window)
    (record_id,) = add_records(window, 1)
    payload = service.get(record_id).versions[-1].payload  # type: ignore[union-attr]
    assert service.correct(record_id, dict(payload, name="张三丰"), operator="tester", reason="姓名录错").ok
    summary = engine(window).run()
    assert summary.complete and summary.accepted == 2
    assert sorted(platform.accepted_rows()) == [(record_id, 1), (record_id, 2)]
    with window.read() as session:
        record = session.execute(select(Record.upload_state, Record.platform_ref)).one()
    assert record.upload_state == "accepted"
    assert record.platform_ref == service.get(record_id).versions[-1].platform_ref  # type: ignore[union-attr]



def test_a_late_answer_about_an_old_version_leaves_the_newer_versions_state_alone(window: Database) -> None:
    service = RecordService(window)
    (record_id,) = add_records(window, 1)
    with window.write() as session:
        (v1,) = upload_store.pending_versions(session, after=0, limit=10)
        upload_store.record_batch(
            session, batch_id="b1", body="{}", versions=[v1], created_at="t", created_by="tester", end_of_day=False
        )
    assert service.get(record_id).summary.upload_state == "sending"  # type: ignore[union-attr]
    payload = service.get(record_id).versions[-1].payload  # type: ignore[union-attr]
    # A version still sending may be accepted already: its correction needs a supervisor's approval (issue 23 item 9).
    approval = Approval("tester", PASSWORDS["tester"])
    assert service.correct(record_id, dict(payload, name="张三丰"), operator="tester", reason="姓名录错", approval=approval).ok
    answer = [
        {"record_id": record_id, "version": 1, "status": "accepted", "platform_ref": "P-1"},
        {"record_id": record_id, "version": 2, "status": "rejected"},  # not in this batch: ignored
    ]
    with window.write() as session:
        applied = upload_store.apply_results(session, batch_id="b1", results=answer, at="t2")
    assert (applied.accepted, applied.rejected, applied.returned) == (1, 0, 0)
    detail = service.get(record_id)
    assert detail is not None and detail.summary.upload_state == "pending" and detail.summary.platform_ref is None
    assert [(v.upload_state, v.platform_ref) for v in detail.versions] == [("accepted", "P-1"), ("pending", None)]


def test_records_of_a_revoked_institution_are_flagged_before_upload_and_held_back(
    window: Database, platform: ReferencePlatform
) -> None:
    service = RecordService(window)
    held = add_records(window, 3)
    for record_id in held:  # two pending versions each, queued before the record that may go
        payload = service.get(record_id).versions[-1].payload  # type: ignore[union-attr]
        assert service.correct(record_id, dict(payload, name="王五"), operator="tester", reason="姓名录错").ok
    ce = service.add("ce_hours", factories.ce_hours(), operator="tester")
    assert ce.ok
    SettingsService(window).set("upload.batch_size", "2", operator="tester")
    platform.set_institution({**factories.DRIVING_SCHOOL, "status": "revoked"})

    summary = engine(window).run()
    receipts = {RecordService(window).get(r).summary.receipt_no for r in held}  # type: ignore[union-attr]
    assert {f["receipt_no"] for f in summary.flagged} == receipts
    assert all("已被撤销" in f["message"] and f["institution_code"] == "JLDT0001" for f in summary.flagged)
    assert platform.accepted_rows() == [(ce.record_id, 1)]  # nothing of the revoked school went out
    assert (summary.sent, summary.accepted, summary.pending_left) == (1, 1, 6) and not summary.complete
    assert summary.as_json()["flagged"][0]["receipt_no"] in receipts


def test_the_clock_offset_is_recorded_and_warned_about(window: Database, platform: ReferencePlatform) -> None:
    platform.clock_offset_s = 600.0
    summary = engine(window).run()
    assert any("相差约 10 分钟" in w for w in summary.warnings)
    status = PlatformService(window).status()
    assert status.online is True and 590 < float(str(status.json["clock_offset_s"])) < 610
    assert any("校准" in w for w in status.warnings)


def test_plain_http_to_another_computer_is_refused_by_the_setting_and_by_the_client(
    window: Database, platform: ReferencePlatform
) -> None:
    settings = SettingsService(window)
    try:
        settings.set("platform.url", "http://192.0.2.10/api/v1", operator="tester")
        raise AssertionError("an http address off this computer was accepted")
    except SettingRefused as refused:
        assert "必须使用 https://" in refused.problem.message_zh
    assert settings.get("platform.url") == platform.url
    assert settings.set("platform.url", "https://platform.example.gov.cn/api/v1/", operator="tester").endswith("/api/v1")

    add_records(window, 2)
    with window.write() as session:  # a value that got into the database some other way
        session.execute(update(Setting).where(Setting.key == "platform.url").values(value='"http://192.0.2.10/api/v1"'))
    summary = engine(window).run()
    assert summary.stopped is not None and summary.stopped.code == "upload_address_refused"
    assert summary.environment_stop and summary.pending_left == 2 and summary.sent == 0
