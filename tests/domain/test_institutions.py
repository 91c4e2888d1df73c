"""Registry entries from a clerk or the platform: one shape, checked field by field."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from clerk_app.domain.institutions import to_info, validate_institution
from clerk_app.domain.validation import InstitutionInfo
from tests.domain.support import codes

NOW = datetime(2025, 6, 30, 2, 0, tzinfo=UTC)


def school(**changes: Any) -> dict[str, Any]:
    payload = {
        "code": "JLDT0001",
        "name": "长春市示例驾驶员培训学校",
        "kind": "driver_training",
        "status": "active",
        "vehicle_classes": ["B2", "A2", "C1"],
        "head": "王示例",
        "address": "吉林省长春市示例区示例路1号",
        "phone": "0431-80000001",
        "supervision_phone": "0431-80000002 转 8",
        "updated_at": "2025-01-05T09:00:00+08:00",
    }
    payload.update(changes)
    return payload


def ce_centre(**changes: Any) -> dict[str, Any]:
    payload = {
        "code": "JLCE0001",
        "name": "吉林市示例继续教育培训中心",
        "kind": "continuing_education",
        "status": "active",
        "filing": {"level": "city", "mode": "offline", "filing_no": "吉CE备2025-001", "filed_on": "2025-01-10"},
    }
    payload.update(changes)
    return payload


def test_a_school_is_accepted_with_classes_in_licence_order() -> None:
    stored, problems = validate_institution(school(), now=NOW)
    assert problems == []
    assert stored["vehicle_classes"] == ["A2", "B2", "C1"]
    assert stored["phone"] == "0431-80000001"  # landlines are kept as typed
    assert to_info(stored) == InstitutionInfo(
        "JLDT0001", "长春市示例驾驶员培训学校", "driver_training", "active", ("A2", "B2", "C1"), None, date(2025, 1, 5)
    )


def test_a_local_entry_without_updated_at_gets_the_current_time_in_utc() -> None:
    stored, problems = validate_institution(ce_centre(), now=NOW)
    assert problems == []
    assert stored["updated_at"] == "2025-06-30T02:00:00+00:00"
    assert to_info(stored).filing == ce_centre()["filing"]


def test_required_fields_and_types() -> None:
    _, problems = validate_institution({"code": "X1", "kind": "school", "status": "closed", "extra": 1}, now=NOW)
    assert sorted(codes(problems)) == sorted(
        [("extra", "unknown_field"), ("name", "missing_field"), ("kind", "invalid_choice"), ("status", "invalid_choice")]
    )
    assert "机构名称" in next(p for p in problems if p.field == "name").message_zh
    assert codes(validate_institution([school()], now=NOW)[1]) == [(None, "not_an_object")]


def test_vehicle_classes_only_the_17_codes() -> None:
    _, problems = validate_institution(school(vehicle_classes=["B2", "Z9", 3]), now=NOW)
    assert codes(problems) == [("vehicle_classes.1", "invalid_licence_class"), ("vehicle_classes.2", "wrong_type")]


def test_filing_is_checked() -> None:
    _, problems = validate_institution(ce_centre(filing={"level": "town", "filed_on": "2025-07-01"}), now=NOW)
    assert sorted(codes(problems)) == sorted(
        [
            ("filing.level", "invalid_choice"),
            ("filing.mode", "missing_field"),
            ("filing.filing_no", "missing_field"),
            ("filing.filed_on", "date_in_future"),
        ]
    )
    stored, problems = validate_institution(ce_centre(filing=None), now=NOW)
    assert problems == [] and to_info(stored).filing is None


@pytest.mark.parametrize("value", ["2025-01-05", "2025-01-05T09:00:00", "yesterday", "2025-01-05T25:00:00+08:00"])
def test_updated_at_must_be_a_time_with_offset(value: str) -> None:
    assert codes(validate_institution(school(updated_at=value), now=NOW)[1]) == [("updated_at", "invalid_timestamp")]


def test_lengths_are_refused_not_cut() -> None:
    _, problems = validate_institution(school(code="J" * 33, name="校" * 101, address="路" * 201, phone="0" * 51), now=NOW)
    assert sorted(codes(problems)) == sorted(
        [("code", "too_long"), ("name", "too_long"), ("address", "too_long"), ("phone", "too_long")]
    )
    assert validate_institution(school(code="J" * 32, name="校" * 100, address="路" * 200), now=NOW)[1] == []
