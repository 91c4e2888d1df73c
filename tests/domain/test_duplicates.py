"""Repeated entries: certain duplicates refused, likely ones flagged for the clerk to confirm."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from clerk_app.domain.duplicates import (
    ExistingRecord,
    certificate_key,
    classify_duplicates,
)
from tests.domain.support import (
    TODAY,
    ce_hours,
    id_number,
    qualification_application,
    session,
    training_completion,
    transition_case,
)

CST = timezone(timedelta(hours=8))
OTHER_PERSON = id_number(seq=321)


def existing(kind: str, payload: dict[str, Any], *, voided: bool = False, entered: str = "2025-06-10") -> ExistingRecord:
    return ExistingRecord("rec-1", kind, payload, datetime.fromisoformat(f"{entered}T10:00:00").replace(tzinfo=CST), voided)


def classify(kind: str, payload: dict[str, Any], *others: ExistingRecord) -> tuple[list[str], list[str]]:
    errors, warnings = classify_duplicates(kind, payload, others, TODAY)
    return [e.code for e in errors], [w.code for w in warnings]


def test_certificate_keys_per_kind() -> None:
    assert certificate_key("training_completion", training_completion(certificate_no="jl-b2-1")) == "JL-B2-1"
    assert certificate_key("ce_hours", ce_hours()) == id_number(seq=456)
    assert certificate_key("qualification_application", qualification_application()) == "JL-B2-2025-000123"
    assert certificate_key("transition_case", transition_case()) is None


def test_same_person_same_certificate_is_a_duplicate() -> None:
    earlier = existing("training_completion", training_completion())
    assert classify("training_completion", training_completion(), earlier) == (["duplicate_record"], [])


def test_certificate_on_another_persons_completion_is_refused() -> None:
    earlier = existing("training_completion", training_completion(id_number=OTHER_PERSON, certificate_no="jl-b2-2025-000123"))
    errors, _ = classify_duplicates("training_completion", training_completion(), [earlier], TODAY)
    assert [(e.field, e.code) for e in errors] == [("certificate_no", "duplicate_certificate_no")]
    assert OTHER_PERSON not in errors[0].message_zh


def test_same_school_and_class_within_30_days_is_a_warning_naming_the_other_date() -> None:
    earlier = existing("training_completion", training_completion(certificate_no="JL-B2-2025-000001", assessment_date="2025-05-02"))
    errors, warnings = classify_duplicates("training_completion", training_completion(), [earlier], TODAY)
    assert errors == [] and [w.code for w in warnings] == ["possible_duplicate"]
    assert "2025-05-02" in warnings[0].message_zh and id_number() not in warnings[0].message_zh


def test_no_warning_beyond_30_days_or_for_another_class_or_school() -> None:
    other = {"certificate_no": "JL-B2-2025-000001"}
    for changes in ({"assessment_date": "2025-05-01"}, {"vehicle_class": "A2"}, {"institution_code": "JLDT0002"}):
        earlier = existing("training_completion", training_completion(**other, **changes))
        assert classify("training_completion", training_completion(), earlier) == ([], [])


def test_voided_records_never_count() -> None:
    earlier = existing("training_completion", training_completion(), voided=True)
    assert classify("training_completion", training_completion(), earlier) == ([], [])


def test_ce_hours_identical_sessions_are_a_duplicate_overlapping_ones_a_warning() -> None:
    assert classify("ce_hours", ce_hours(), existing("ce_hours", ce_hours())) == (["duplicate_record"], [])
    overlapping = ce_hours(sessions=[session(course="职业道德", start_date="2025-05-09", end_date="2025-05-11")])
    errors, warnings = classify_duplicates("ce_hours", ce_hours(), [existing("ce_hours", overlapping)], TODAY)
    assert errors == [] and [w.code for w in warnings] == ["possible_duplicate"]
    assert "2025-05-09" in warnings[0].message_zh and "2025-05-11" in warnings[0].message_zh
    later = ce_hours(sessions=[session(start_date="2025-06-01", end_date="2025-06-02")])
    assert classify("ce_hours", ce_hours(), existing("ce_hours", later)) == ([], [])


def test_ce_hours_at_another_institution_do_not_collide() -> None:
    assert classify("ce_hours", ce_hours(), existing("ce_hours", ce_hours(institution_code="JLCE0009"))) == ([], [])


def test_ce_qualification_certificate_of_another_person_is_refused() -> None:
    earlier = existing("ce_hours", ce_hours(id_number=OTHER_PERSON))
    assert classify("ce_hours", ce_hours(), earlier) == (["duplicate_certificate_no"], [])


def test_qualification_application_repeat_is_a_warning_another_persons_certificate_an_error() -> None:
    errors, warnings = classify_duplicates(
        "qualification_application",
        qualification_application(),
        [existing("qualification_application", qualification_application())],
        TODAY,
    )
    assert errors == [] and [w.code for w in warnings] == ["possible_duplicate"]
    assert "2025-06-10" in warnings[0].message_zh and "20 天前" in warnings[0].message_zh
    theirs = existing("qualification_application", qualification_application(id_number=OTHER_PERSON))
    assert classify("qualification_application", qualification_application(), theirs) == (["duplicate_certificate_no"], [])


def test_transition_case_same_situation_is_a_warning() -> None:
    assert classify("transition_case", transition_case(), existing("transition_case", transition_case())) == ([], ["possible_duplicate"])
    other_situation = existing("transition_case", transition_case(situation="examined_failed"))
    assert classify("transition_case", transition_case(), other_situation) == ([], [])


def test_several_matching_records_are_each_reported_once() -> None:
    a = existing("transition_case", transition_case())
    b = existing("transition_case", transition_case())
    assert classify("transition_case", transition_case(), a, b) == ([], ["possible_duplicate"])


def test_records_of_another_kind_are_ignored() -> None:
    other_kind = existing("qualification_application", qualification_application())
    assert classify("training_completion", training_completion(), other_kind) == ([], [])


def test_how_long_ago_reads_today_yesterday_or_days() -> None:
    """A near duplicate entered today says 今天, never "0 天前"; the warning names the earlier record."""
    from clerk_app.domain.duplicates import days_ago

    assert [days_ago(n) for n in (0, 1, 5)] == [("今天", "today"), ("昨天", "yesterday"), ("5 天前", "5 days ago")]
    for entered, zh, en in ((TODAY, "（今天）", "(today)"), (TODAY - timedelta(days=1), "（昨天）", "(yesterday)")):
        earlier = existing("transition_case", transition_case(), entered=entered.isoformat())
        _errors, warnings = classify_duplicates("transition_case", transition_case(), [earlier], TODAY)
        assert zh in warnings[0].message_zh and en in warnings[0].message_en and "0 天前" not in warnings[0].message_zh
        assert warnings[0].about == "rec-1"
