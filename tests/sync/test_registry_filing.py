"""A registry entry from the platform whose filing breaks the level rule is kept and shown flagged, never dropped.

DOMAIN.md ("Continuing-education filings"): offline institutions are filed by
a county or city, online ones by the province or the ministry. The window
refuses such a filing when a supervisor records it; from the platform it is
the platform's word, so the window keeps it and says what is odd about it.
"""

from __future__ import annotations

from clerk_app.domain.institutions import filing_flag
from clerk_app.services.institutions import InstitutionService
from clerk_app.services.platform import PlatformService
from local_db.database import Database
from sync.reference_platform import ReferencePlatform
from sync.registry import refresh_registry
from tests import factories

ODD = {
    **factories.CE_ONLINE_SCHOOL,
    "code": "JLCE0099",
    "filing": {"level": "county", "mode": "online", "filing_no": "县继网备001", "filed_on": "2024-01-01"},
}


def test_an_odd_filing_from_the_platform_is_kept_and_flagged(window: Database, platform: ReferencePlatform) -> None:
    platform.set_institution(ODD)
    refresh_registry(window, PlatformService(window).client(), operator="tester")
    kept = InstitutionService(window).get("JLCE0099")
    assert kept is not None and kept["filing"]["level"] == "county"
    flag = filing_flag(kept)
    assert flag is not None and "网络继续教育机构应由省级或部级备案" in flag.message_zh


def test_the_same_filing_recorded_at_the_window_is_refused(db: Database) -> None:
    stored, problems = InstitutionService(db).add(ODD, operator="tester")
    assert stored is None and [p.code for p in problems] == ["filing_level_mismatch"]
    assert "不能是县级备案" in problems[0].message_zh
