"""Valid test data built independently of the code under test: the one set of payload builders.

Dates are relative to today, so the data stays valid as time passes; tests that judge against
a fixed day (the domain tests' ``TODAY``) pin the dates they need with the builders' overrides
(``tests/domain/support.py``).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from clerk_app import clock

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def check_char(body17: str) -> str:
    """GB 11643-1999 / ISO 7064 MOD 11-2, exactly as DOMAIN.md states it."""
    return _CHECK[sum(int(c) * w for c, w in zip(body17, _WEIGHTS, strict=True)) % 11]


def id_number(birth: str = "19850312", seq: int = 123, region: str = "220102") -> str:
    """A resident ID number with a correct check character."""
    body = f"{region}{birth}{seq:03d}"
    return body + check_char(body)


def days_ago(n: int) -> str:
    return (clock.today() - timedelta(days=n)).isoformat()  # the program's day (China Standard Time), not the machine's


DRIVING_SCHOOL: dict[str, Any] = {
    "code": "JLDT0001",
    "name": "长春市示例驾驶员培训学校（虚构）",
    "kind": "driver_training",
    "status": "active",
    "vehicle_classes": ["A2", "B2", "C1"],
    "head": "王示例",
    "address": "吉林省长春市示例区示例路1号",
    "phone": "0431-80000001",
    "supervision_phone": "0431-80000002",
    "updated_at": "2026-01-05T09:00:00+08:00",
}

CE_SCHOOL: dict[str, Any] = {
    "code": "JLCE0001",
    "name": "吉林市示例继续教育培训中心（虚构）",
    "kind": "continuing_education",
    "status": "active",
    "filing": {"level": "city", "mode": "offline", "filing_no": "吉CE备2026-001", "filed_on": "2026-01-10"},
    "updated_at": "2026-01-10T09:00:00+08:00",
}


# An online continuing-education institution: filed by the province (DOMAIN.md, "Continuing-education filings").
CE_ONLINE_SCHOOL: dict[str, Any] = {
    "code": "JLCE0010",  # not among the reference platform's registry seed (JLCE0001-0009)
    "name": "吉林省示例网络继续教育平台（虚构）",
    "kind": "continuing_education",
    "status": "active",
    "filing": {"level": "provincial", "mode": "online", "filing_no": "吉继网备2019001", "filed_on": "2019-01-01"},
    "updated_at": "2026-01-10T09:00:00+08:00",
}


def training_completion(**overrides: Any) -> dict[str, Any]:
    payload = {
        "id_number": id_number(),
        "name": "张三",
        "phone": "13800138000",
        "institution_code": DRIVING_SCHOOL["code"],
        "training_scope": "full",
        "vehicle_class": "B2",
        "certificate_no": "JL-B2-2026-000123",
        "training_start": days_ago(60),
        "training_end": days_ago(20),
        "assessment_date": days_ago(10),
    }
    payload.update(overrides)
    return payload


def session(**overrides: Any) -> dict[str, Any]:
    """One continuing-education session (a classroom day)."""
    item = {"course": "道路运输安全法规", "hours": 4, "mode": "offline", "start_date": days_ago(30), "end_date": days_ago(30)}
    item.update(overrides)
    return item


def ce_hours(**overrides: Any) -> dict[str, Any]:
    payload = {
        "id_number": id_number(seq=456),
        "name": "李四",
        "qualification_cert_no": id_number(seq=456),
        "category": "freight",
        "institution_code": CE_SCHOOL["code"],
        "sessions": [session(), session(course="应急处置", hours=2.5, start_date=days_ago(20), end_date=days_ago(19))],
    }
    payload.update(overrides)
    return payload


def qualification_application(**overrides: Any) -> dict[str, Any]:
    payload = {
        "id_number": id_number(),
        "name": "张三",
        "licence_no": id_number(),
        "licence_class": "B2",
        "completion_certificate_no": "JL-B2-2026-000123",
    }
    payload.update(overrides)
    return payload


def transition_case(**overrides: Any) -> dict[str, Any]:
    payload = {
        "id_number": id_number(seq=789),
        "name": "阿依古丽·买买提",
        "situation": "passed_not_collected",
        "event_date": "2020-12-10",
        "note": "2020年12月通过考试，未领证",
    }
    payload.update(overrides)
    return payload


PAYLOADS = {
    "training_completion": training_completion,
    "ce_hours": ce_hours,
    "qualification_application": qualification_application,
    "transition_case": transition_case,
}
