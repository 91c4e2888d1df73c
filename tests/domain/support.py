"""Test data for the domain tests, built independently of the code under test."""

from __future__ import annotations

from datetime import date
from typing import Any

from clerk_app.domain.validation import InstitutionInfo
from tests import factories
from tests.factories import check_char, id_number, transition_case  # noqa: F401  (re-exported for the domain tests)

TODAY = date(2025, 6, 30)

def id_ending_in_x() -> str:
    """A valid ID number whose check character is X."""
    for seq in range(1000):
        number = id_number(seq=seq)
        if number.endswith("X"):
            return number
    raise AssertionError("no sequence gives X")


def wrong_check(number: str) -> str:
    """The same ID number with a check character that cannot be right."""
    right = number[-1]
    return number[:-1] + ("0" if right != "0" else "1")


def full_width(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


DRIVING_SCHOOL = InstitutionInfo("JLDT0001", "长春示例驾校", "driver_training", "active", ("A2", "B2", "C1"))
B2_ONLY_SCHOOL = InstitutionInfo("JLDT0002", "吉林示例驾校", "driver_training", "active", ("B2",))
SUSPENDED_SCHOOL = InstitutionInfo("JLDT0003", "四平示例驾校", "driver_training", "suspended", ("A2", "B2"))
REVOKED_SCHOOL = InstitutionInfo("JLDT0004", "白城示例驾校", "driver_training", "revoked", ("A2", "B2"))
CE_CENTRE = InstitutionInfo(
    "JLCE0001",
    "吉林示例继续教育中心",
    "continuing_education",
    "active",
    filing={"level": "city", "mode": "offline", "filing_no": "吉CE备2025-001", "filed_on": "2025-01-10"},
)
UNFILED_CE_CENTRE = InstitutionInfo("JLCE0002", "通化示例继续教育中心", "continuing_education", "active")
ONLINE_CE_PLATFORM = InstitutionInfo(
    "JLCE0003",
    "吉林示例网络继续教育平台",
    "continuing_education",
    "active",
    filing={"level": "provincial", "mode": "online", "filing_no": "吉继网备2019001", "filed_on": "2019-01-01"},
)


class Registry:
    """A window's institution registry held in memory: the ValidationContext validation asks."""

    def __init__(self, *institutions: InstitutionInfo, today: date = TODAY) -> None:
        self.today = today
        self._by_code = {i.code: i for i in institutions}

    def institution(self, code: str) -> InstitutionInfo | None:
        return self._by_code.get(code)


REGISTRY = Registry(
    DRIVING_SCHOOL, B2_ONLY_SCHOOL, SUSPENDED_SCHOOL, REVOKED_SCHOOL, CE_CENTRE, UNFILED_CE_CENTRE, ONLINE_CE_PLATFORM
)


# The payloads are tests/factories.py's; the domain tests judge against TODAY, so their dates are pinned here.
def training_completion(**changes: Any) -> dict[str, Any]:
    pinned = {
        "certificate_no": "JL-B2-2025-000123",
        "training_start": "2025-03-01",
        "training_end": "2025-05-20",
        "assessment_date": "2025-06-01",
    }
    return factories.training_completion(**{**pinned, **changes})


def session(**changes: Any) -> dict[str, Any]:
    return factories.session(**{"start_date": "2025-05-10", "end_date": "2025-05-10", **changes})


def ce_hours(**changes: Any) -> dict[str, Any]:
    sessions = [session(), session(course="应急处置", hours=2.5, start_date="2025-05-20", end_date="2025-05-21")]
    return factories.ce_hours(**{"sessions": sessions, **changes})


def qualification_application(**changes: Any) -> dict[str, Any]:
    return factories.qualification_application(**{"completion_certificate_no": "JL-B2-2025-000123", **changes})


PAYLOADS = {
    "training_completion": training_completion,
    "ce_hours": ce_hours,
    "qualification_application": qualification_application,
    "transition_case": transition_case,
}


def codes(problems: list) -> list[tuple[str | None, str]]:
    """(field, code) of each problem, the way a screen would highlight them."""
    return [(p.field, p.code) for p in problems]
