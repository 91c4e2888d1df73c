"""Practice drivers for training mode: made-up people who already hold freight certificates, so reissue and renewal can be tried.

Dates follow the day training first starts, so that each driver is in the
situation named: 练习甲 holds a certificate years from expiry (a reissue is
accepted, a renewal is refused as too early); 练习乙's expires within 90 days
and every CE cycle is complete (a renewal is accepted); 练习丙's expires
within 90 days but the last cycle is short of hours (a renewal is refused,
naming what is missing). Their hours come from a made-up CE institution
filed long ago, added to the usual made-up registry. They carry contract
1.2's fields (``valid_from``, ``paper_no``, ``status_since``), so a renewal or
reissue practised prints its validity as a real one does. A platform that
already holds them keeps what it holds.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from stdnum.cn import ric

from clerk_app.domain.dates import add_years
from sync.reference_platform.registry_seed import seed_institutions
from sync.reference_platform.seed import Seed

PRACTICE_CE_INSTITUTION: dict[str, Any] = {
    "code": "JLCE0090",
    "name": "练习用道路运输继续教育中心（虚构）",
    "kind": "continuing_education",
    "head": "练习负责人",
    "address": "长春市示例区练习路1号",
    "phone": "0431-80009090",
    "supervision_phone": "0431-80009091",
    "status": "active",
    "filing": {"level": "city", "mode": "offline", "filing_no": "长CE备2015-090", "filed_on": "2015-01-05"},
    "updated_at": "2015-01-05T09:00:00+08:00",
    "status_since": "2015-01-05",
}


def _id_number(birth: str, seq: int) -> str:
    body = f"220102{birth}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")  # the digit is computed from the first 17


def _certificate(id_number: str, name: str, first_issued_on: date) -> dict[str, Any]:
    return {
        "certificate_no": id_number, "category": "freight", "name": name, "id_number": id_number,
        "first_issued_on": first_issued_on.isoformat(), "issued_on": first_issued_on.isoformat(),
        "valid_from": first_issued_on.isoformat(), "valid_until": add_years(first_issued_on, 6).isoformat(),
        "paper_no": 1, "status": "valid",
    }


def _hours(id_number: str, first_issued_on: date, cycles: int, last_cycle_hours: int) -> dict[str, Any]:
    """A classroom session of 24 hours in each 2-year cycle, the last one of ``last_cycle_hours``."""
    sessions = []
    for n in range(cycles):
        day = (add_years(first_issued_on, 2 * n) + timedelta(days=100)).isoformat()
        hours = last_cycle_hours if n == cycles - 1 else 24
        sessions.append({"course": "道路运输安全与法规（练习）", "hours": hours, "mode": "offline", "start_date": day, "end_date": day})
    return {"id_number": id_number, "category": "freight", "institution_code": PRACTICE_CE_INSTITUTION["code"], "sessions": sessions}


def practice_seed(today: date) -> Seed:
    """The practice drivers as a seed, their dates relative to ``today``."""
    reissue = _id_number("19800312", 901)
    renewal = _id_number("19780520", 902)
    short = _id_number("19850101", 903)
    expiring = add_years(today + timedelta(days=45), -6)  # expires in 45 days: the renewal window is open
    return Seed(
        institutions=[*seed_institutions(), PRACTICE_CE_INSTITUTION],
        qualifications=[
            _certificate(reissue, "练习甲", add_years(today, -3)),
            _certificate(renewal, "练习乙", expiring),
            _certificate(short, "练习丙", expiring),
        ],
        ce_entries=[_hours(renewal, expiring, 3, 24), _hours(short, expiring, 3, 10)],
    )
