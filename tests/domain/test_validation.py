"""Entries of every kind as a clerk would hand them in: the good ones stored normalised, each mistake named at its field."""

from __future__ import annotations

from datetime import date

import pytest

from clerk_app.domain.validation import validate_record, validate_void_reason
from tests.domain.support import (
    DRIVING_SCHOOL,
    PAYLOADS,
    REGISTRY,
    Registry,
    ce_hours,
    codes,
    full_width,
    id_ending_in_x,
    id_number,
    qualification_application,
    session,
    training_completion,
    transition_case,
    wrong_check,
)


@pytest.mark.parametrize("kind", sorted(PAYLOADS))
def test_each_kind_accepts_a_good_entry_unchanged(kind: str) -> None:
    payload = PAYLOADS[kind]()
    checked = validate_record(kind, payload, REGISTRY)
    assert checked.ok, checked.errors
    expected = dict(payload)
    if kind == "qualification_application":
        expected["kind_of_request"] = "first_issue"
    # Ruling "Numbers and text": Chinese punctuation (the note's ，) is kept exactly as typed.
    assert checked.payload == expected


def test_id_number_derives_birth_date_and_sex() -> None:
    checked = validate_record("transition_case", transition_case(id_number=id_number(birth="19900101", seq=124)), REGISTRY)
    assert checked.derived == {"birth_date": "1990-01-01", "sex": "female"}


def test_typed_forms_are_normalised() -> None:
    number = id_ending_in_x()
    checked = validate_record(
        "training_completion",
        training_completion(
            id_number=full_width(number).lower(),
            name=" 艾尔肯・吐尔逊 ",
            phone="１３８００１３８０００",
            certificate_no=full_width("JL-B2-2025-000123"),
            assessment_date=full_width("2025-06-01"),
            vehicle_class="Ｂ２",
        ),
        REGISTRY,
    )
    assert checked.ok, checked.errors
    assert checked.payload["id_number"] == number
    assert checked.payload["name"] == "艾尔肯·吐尔逊"
    assert checked.payload["phone"] == "13800138000"
    assert checked.payload["certificate_no"] == "JL-B2-2025-000123"
    assert checked.payload["assessment_date"] == "2025-06-01"
    assert checked.payload["vehicle_class"] == "B2"


def test_optional_fields_left_empty_are_absent() -> None:
    checked = validate_record("transition_case", transition_case(phone="  ", note=""), REGISTRY)
    assert checked.ok, checked.errors
    assert "phone" not in checked.payload and "note" not in checked.payload
    assert validate_record("transition_case", transition_case(phone=None), REGISTRY).ok


def test_kind_of_request_is_kept_when_given() -> None:
    checked = validate_record("qualification_application", qualification_application(kind_of_request="renewal"), REGISTRY)
    assert checked.payload["kind_of_request"] == "renewal"


def test_every_problem_is_reported_at_once_with_its_field() -> None:
    checked = validate_record(
        "training_completion",
        training_completion(
            id_number=wrong_check(id_number()),
            name="",
            phone="1380013800",
            training_scope="partial",
            vehicle_class="C1",
            training_end="2025-02-01",
            nickname="三儿",
        ),
        REGISTRY,
    )
    assert not checked.ok
    assert sorted(codes(checked.errors)) == sorted(
        [
            ("nickname", "unknown_field"),
            ("id_number", "invalid_id_number"),
            ("name", "empty"),
            ("phone", "invalid_phone"),
            ("training_scope", "invalid_choice"),
            ("vehicle_class", "invalid_choice"),
            ("training_end", "date_order"),
        ]
    )


def test_missing_required_fields_are_each_named() -> None:
    checked = validate_record("qualification_application", {"id_number": id_number()}, REGISTRY)
    assert sorted(codes(checked.errors)) == [
        ("completion_certificate_no", "missing_field"),
        ("licence_class", "missing_field"),
        ("licence_no", "missing_field"),
        ("name", "missing_field"),
    ]


@pytest.mark.parametrize("payload", [None, [], "张三", 3, [training_completion()]])
def test_something_other_than_an_object_is_refused(payload: object) -> None:
    assert codes(validate_record("training_completion", payload, REGISTRY).errors) == [(None, "not_an_object")]


def test_unknown_kind_is_refused() -> None:
    assert codes(validate_record("licence_exam", transition_case(), REGISTRY).errors) == [("kind", "unknown_kind")]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": 3}, "name"),
        ({"phone": 13800138000}, "phone"),
        ({"training_start": 20250301}, "training_start"),
        ({"certificate_no": ["JL-1"]}, "certificate_no"),
        ({"vehicle_class": True}, "vehicle_class"),
    ],
)
def test_wrong_types_are_refused(changes: dict, field: str) -> None:
    assert codes(validate_record("training_completion", training_completion(**changes), REGISTRY).errors) == [
        (field, "wrong_type")
    ]


def test_too_long_text_is_refused_never_cut() -> None:
    checked = validate_record("transition_case", transition_case(name="张" * 51, note="备" * 501), REGISTRY)
    assert codes(checked.errors) == [("name", "too_long"), ("note", "too_long")]
    assert "最多 50 个字，现在有 51 个字" in checked.errors[0].message_zh
    assert validate_record("transition_case", transition_case(name="张" * 50, note="备" * 500), REGISTRY).ok


def test_control_characters_are_refused_but_a_note_may_have_line_breaks() -> None:
    checked = validate_record("transition_case", transition_case(name="张\u200b三", note="第一行\n第二行"), REGISTRY)
    assert codes(checked.errors) == [("name", "control_characters")]
    checked = validate_record("transition_case", transition_case(note="第一行\n第二行"), REGISTRY)
    assert checked.ok and checked.payload["note"] == "第一行\n第二行"


@pytest.mark.parametrize("value", ["2025-6-1", "2025/06/01", "20250601", "2025-02-29", "2025-13-01", "昨天"])
def test_invalid_dates_are_refused(value: str) -> None:
    checked = validate_record("training_completion", training_completion(training_start=value), REGISTRY)
    assert codes(checked.errors) == [("training_start", "invalid_date")]


def test_dates_after_today_are_refused() -> None:
    checked = validate_record(
        "training_completion", training_completion(training_end="2025-06-30", assessment_date="2025-07-01"), REGISTRY
    )
    assert codes(checked.errors) == [("assessment_date", "date_in_future")]
    assert "2025-07-01" in checked.errors[0].message_zh and "2025-06-30" in checked.errors[0].message_zh


def test_training_dates_must_run_start_end_assessment() -> None:
    checked = validate_record(
        "training_completion",
        training_completion(training_start="2025-05-01", training_end="2025-04-01", assessment_date="2025-03-01"),
        REGISTRY,
    )
    assert codes(checked.errors) == [("training_end", "date_order"), ("assessment_date", "date_order")]
    assert "培训开始日期" in checked.errors[0].message_zh
    same_day = training_completion(training_start="2025-06-01", training_end="2025-06-01", assessment_date="2025-06-01")
    assert validate_record("training_completion", same_day, REGISTRY).ok


@pytest.mark.parametrize(
    ("code_", "expected", "hint"),
    [
        ("JLXX9999", "unknown_institution", "JLXX9999"),
        ("JLDT0003", "institution_inactive", "暂停"),
        ("JLDT0004", "institution_inactive", "撤销"),
        ("JLCE0001", "institution_wrong_kind", "继续教育培训机构"),
    ],
)
def test_training_institution_must_exist_be_a_driving_school_and_be_active(code_: str, expected: str, hint: str) -> None:
    checked = validate_record("training_completion", training_completion(institution_code=code_), REGISTRY)
    assert codes(checked.errors) == [("institution_code", expected)]
    assert hint in checked.errors[0].message_zh


def test_training_institution_must_be_licensed_for_the_class() -> None:
    checked = validate_record("training_completion", training_completion(institution_code="JLDT0002", vehicle_class="A2"), REGISTRY)
    assert codes(checked.errors) == [("institution_code", "institution_not_qualified")]
    assert "A2" in checked.errors[0].message_zh
    assert validate_record("training_completion", training_completion(institution_code="JLDT0002"), REGISTRY).ok


@pytest.mark.parametrize(
    ("code_", "expected"),
    [
        ("JLXX9999", "unknown_institution"),
        ("JLDT0001", "institution_wrong_kind"),
        ("JLCE0002", "institution_not_filed"),
    ],
)
def test_ce_institution_must_be_a_filed_continuing_education_institution(code_: str, expected: str) -> None:
    checked = validate_record("ce_hours", ce_hours(institution_code=code_), REGISTRY)
    assert codes(checked.errors) == [("institution_code", expected)]


@pytest.mark.parametrize(
    ("hours", "expected"),
    [(0, "hours_out_of_range"), (-1, "hours_out_of_range"), (24.5, "hours_out_of_range"), (float("nan"), "hours_out_of_range"),
     (1.25, "hours_step"), (0.3, "hours_step"), ("4", "wrong_type"), (True, "wrong_type")],
)
def test_session_hours_are_half_hour_steps_up_to_24(hours: object, expected: str) -> None:
    checked = validate_record("ce_hours", ce_hours(sessions=[session(), session(hours=hours)]), REGISTRY)
    assert codes(checked.errors) == [("sessions.1.hours", expected)]


@pytest.mark.parametrize("hours", [0.5, 1, 7.5, 24, 24.0])
def test_session_hours_within_limits_are_accepted(hours: float) -> None:
    checked = validate_record("ce_hours", ce_hours(sessions=[session(hours=hours)]), REGISTRY)
    assert checked.ok, checked.errors
    assert checked.payload["sessions"][0]["hours"] == hours


def test_sessions_are_checked_one_by_one() -> None:
    checked = validate_record(
        "ce_hours",
        ce_hours(
            sessions=[
                session(start_date="2025-05-12", end_date="2025-05-10"),
                "四学时",
                session(course="", mode="classroom", end_date="2025-07-01", room="3"),
            ]
        ),
        REGISTRY,
    )
    assert sorted(codes(checked.errors)) == sorted(
        [
            ("sessions.0.end_date", "date_order"),
            ("sessions.1", "not_an_object"),
            ("sessions.2.room", "unknown_field"),
            ("sessions.2.course", "empty"),
            ("sessions.2.mode", "invalid_choice"),
            ("sessions.2.end_date", "date_in_future"),
        ]
    )


def test_sessions_must_be_a_non_empty_list() -> None:
    assert codes(validate_record("ce_hours", ce_hours(sessions=[]), REGISTRY).errors) == [("sessions", "empty")]
    assert codes(validate_record("ce_hours", ce_hours(sessions=session()), REGISTRY).errors) == [("sessions", "wrong_type")]


def test_an_application_licence_class_is_a1_a2_or_b2() -> None:
    # Ruling "Licence classes that cover the trained class": only these can ever match an A2 or B2 completion.
    for good in ("A1", "A2", "B2"):
        assert validate_record("qualification_application", qualification_application(licence_class=good), REGISTRY).ok
    for never in ("C6", "P", "B1", "B3"):
        checked = validate_record("qualification_application", qualification_application(licence_class=never), REGISTRY)
        assert codes(checked.errors) == [("licence_class", "invalid_licence_class")]
        assert "只能是 A1、A2 或 B2" in checked.errors[0].message_zh


def test_enums_are_checked() -> None:
    assert codes(validate_record("ce_hours", ce_hours(category="taxi"), REGISTRY).errors) == [("category", "invalid_choice")]
    assert codes(
        validate_record("qualification_application", qualification_application(kind_of_request="upgrade"), REGISTRY).errors
    ) == [("kind_of_request", "invalid_choice")]
    assert codes(validate_record("transition_case", transition_case(situation="lost"), REGISTRY).errors) == [
        ("situation", "invalid_choice")
    ]


def test_english_messages_stay_in_english() -> None:
    checked = validate_record(
        "training_completion", training_completion(vehicle_class="C1", institution_code="JLDT0003"), REGISTRY
    )
    assert checked.errors and all(p.message_en.isascii() for p in checked.errors)


def test_today_comes_from_the_context() -> None:
    tomorrow = Registry(DRIVING_SCHOOL, today=date(2025, 7, 1))
    assert validate_record("training_completion", training_completion(assessment_date="2025-07-01"), tomorrow).ok


def test_void_reason() -> None:
    assert validate_void_reason("  录入错误，重复登记 ") == "录入错误，重复登记"
    assert validate_void_reason("").code == "void_reason_required"  # type: ignore[union-attr]
    assert validate_void_reason(None).code == "void_reason_required"  # type: ignore[union-attr]
    assert validate_void_reason(12).code == "wrong_type"  # type: ignore[union-attr]
    assert validate_void_reason("错\x07误").code == "control_characters"  # type: ignore[union-attr]
    assert validate_void_reason("因" * 201).code == "too_long"  # type: ignore[union-attr]
    assert validate_void_reason("因" * 200) == "因" * 200
