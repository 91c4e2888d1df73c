"""Saving, correcting, voiding and finding records through the service, on a real SQLite file."""

from __future__ import annotations

import pytest

from clerk_app.services.records import RecordService
from local_db.database import Database
from tests import factories
from tests.db_files import IntegrityError, raw_connection


def _rows(db: Database, table: str) -> int:
    with raw_connection(db.path) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


@pytest.mark.parametrize("kind", sorted(factories.PAYLOADS))
def test_each_kind_is_saved_with_version_outbox_and_audit_row(records: RecordService, db: Database, kind: str) -> None:
    outcome = records.add(kind, factories.PAYLOADS[kind](), operator="clerk01")
    assert outcome.ok, outcome.errors
    detail = records.get(outcome.record_id)
    assert detail is not None
    assert detail.summary.kind == kind and detail.summary.upload_state == "pending"
    assert [v.version for v in detail.versions] == [1]
    assert detail.versions[0].upload_state == "pending"
    assert [a.action for a in detail.audit] == ["save"]
    assert detail.audit[0].operator == "clerk01"


def test_refused_entry_leaves_nothing_behind(records: RecordService, db: Database) -> None:
    before = {t: _rows(db, t) for t in ("records", "record_versions", "outbox", "audit_log", "receipt_counters")}
    valid = factories.id_number()
    wrong_check = valid[:-1] + ("0" if valid[-1] != "0" else "1")
    outcome = records.add("training_completion", factories.training_completion(id_number=wrong_check), operator="tester")
    assert not outcome.ok
    assert {e.field for e in outcome.errors} == {"id_number"}
    assert all(e.message_zh for e in outcome.errors)
    assert {t: _rows(db, t) for t in before} == before


def test_receipt_numbers_follow_hall_window_date_sequence(records: RecordService) -> None:
    first = records.add("transition_case", factories.transition_case(), operator="tester")
    second = records.add("transition_case", factories.transition_case(id_number=factories.id_number(seq=790)), operator="tester")
    assert first.receipt_no and second.receipt_no
    hall, window, day, seq = first.receipt_no.split("-")
    assert (hall, window) == ("220100", "01") and len(day) == 8 and seq == "0001"
    assert second.receipt_no.endswith("-0002")


def test_correction_is_a_new_version_and_keeps_the_old_one(records: RecordService) -> None:
    saved = records.add("training_completion", factories.training_completion(), operator="clerk01")
    corrected = records.correct(
        saved.record_id, factories.training_completion(name="张三丰"), operator="clerk02", reason="姓名录错"
    )
    assert corrected.ok and corrected.version == 2 and corrected.receipt_no == saved.receipt_no
    detail = records.get(saved.receipt_no)
    assert [v.payload["name"] for v in detail.versions] == ["张三", "张三丰"]
    assert [v.entered_by for v in detail.versions] == ["clerk01", "clerk02"]
    assert detail.summary.name == "张三丰" and detail.summary.current_version == 2
    assert detail.audit[-1].action == "correct" and detail.audit[-1].detail["changed_fields"] == ["name"]
    assert detail.versions[1].change_reason == "姓名录错" and detail.audit[-1].detail["change_reason"] == "姓名录错"
    same = records.correct(saved.record_id, factories.training_completion(name="张三丰"), operator="tester", reason="再改")
    assert same.errors[0].code == "no_change"


def test_void_needs_a_supervisor_and_keeps_every_version(
    records: RecordService, supervisor: tuple[str, str]
) -> None:
    saved = records.add("training_completion", factories.training_completion(), operator="boss")
    boss, password = supervisor
    assert records.void(saved.record_id, "录入错误", operator=boss, password="wrong").errors[0].code == "wrong_password"
    assert records.void(saved.record_id, "", operator=boss, password=password).errors[0].code in {"empty", "void_reason_required"}
    voided = records.void(saved.record_id, "学员重复报送 作废", operator=boss, password=password)
    assert voided.ok and voided.version == 2
    detail = records.get(saved.record_id)
    assert detail.summary.voided
    assert [(v.op, v.void_reason) for v in detail.versions] == [("upsert", None), ("void", "学员重复报送 作废")]
    assert detail.versions[1].change_reason == "学员重复报送 作废"  # the contract's change_reason of the void
    assert detail.versions[1].payload == detail.versions[0].payload
    again = records.correct(saved.record_id, factories.training_completion(name="王五"), operator="boss", reason="改名")
    assert again.errors[0].code == "already_voided"


def test_void_is_refused_for_a_clerk(records: RecordService, db: Database, supervisor: tuple[str, str]) -> None:
    saved = records.add("transition_case", factories.transition_case(), operator="clerk01")
    assert records.void(saved.record_id, "原因", operator="clerk01", password="clerk-pass").errors[0].code == "not_supervisor"


def test_unknown_operator_is_refused_once_operators_are_registered(records: RecordService, supervisor: tuple[str, str]) -> None:
    outcome = records.add("transition_case", factories.transition_case(), operator="nobody")
    assert [e.code for e in outcome.errors] == ["unknown_operator"]


def test_hard_duplicate_is_refused_and_near_duplicate_needs_confirmation(records: RecordService) -> None:
    assert records.add("training_completion", factories.training_completion(), operator="tester").ok
    again = records.add("training_completion", factories.training_completion(), operator="tester")
    assert [e.code for e in again.errors] == ["duplicate_record"]
    near = factories.training_completion(certificate_no="JL-B2-2026-000999", assessment_date=factories.days_ago(5))
    refused = records.add("training_completion", near, operator="tester")
    assert [e.code for e in refused.errors] == ["possible_duplicate"]
    confirmed = records.add("training_completion", near, operator="tester", confirm_duplicate=True)
    assert confirmed.ok and [w.code for w in confirmed.warnings] == ["possible_duplicate"]
    assert records.get(confirmed.record_id).audit[0].detail["confirmed_warnings"] == ["possible_duplicate"]


def test_search_by_id_name_prefix_certificate_and_receipt(records: RecordService) -> None:
    saved = records.add("training_completion", factories.training_completion(), operator="tester")
    other = records.add(
        "transition_case", factories.transition_case(name="张伟", id_number=factories.id_number(seq=321)), operator="tester"
    )
    ids = lambda text: {r.record_id for r in records.search(text)}  # noqa: E731
    assert ids(factories.id_number()) == {saved.record_id}
    assert ids(factories.id_number().lower()) == {saved.record_id}
    assert ids("张") == {saved.record_id, other.record_id}
    assert ids("张三") == {saved.record_id}
    assert ids("JL-B2-2026-000123") == {saved.record_id}
    assert ids(saved.receipt_no) == {saved.record_id}
    assert ids("王") == set()


def test_versions_and_audit_rows_cannot_be_changed_in_place(records: RecordService, db: Database) -> None:
    records.add("transition_case", factories.transition_case(), operator="tester")
    with raw_connection(db.path) as connection:
        for statement in (
            "UPDATE record_versions SET payload = '{}'",
            "DELETE FROM record_versions",
            "UPDATE audit_log SET operator = 'x'",
            "DELETE FROM audit_log",
        ):
            with pytest.raises(IntegrityError, match="append-only"):
                connection.execute(statement)


def test_list_and_count_by_kind_and_state(records: RecordService, supervisor: tuple[str, str]) -> None:
    a = records.add("transition_case", factories.transition_case(), operator="boss")
    records.add("training_completion", factories.training_completion(), operator="boss")
    records.void(a.record_id, "重复", operator="boss", password=supervisor[1])
    assert records.count() == 2
    assert [r.kind for r in records.list(kind="transition_case")] == ["transition_case"]
    assert [r.record_id for r in records.list(state="voided")] == [a.record_id]
    assert records.count(state="pending") == 2
