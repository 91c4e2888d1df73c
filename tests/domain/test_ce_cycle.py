"""A driver's continuing-education hours in the current cycle, as the counter shows them."""

from __future__ import annotations

from datetime import date

import pytest

from clerk_app.domain.ce_cycle import CeRule, current_cycle, cycle_summary
from tests.domain.support import session

RULE = CeRule()
ANCHOR = date(2021, 3, 15)  # certificate issued


def test_cycles_are_two_years_from_the_certificate() -> None:
    assert current_cycle(ANCHOR, date(2021, 3, 15), RULE) == (date(2021, 3, 15), date(2023, 3, 14))
    assert current_cycle(ANCHOR, date(2023, 3, 14), RULE) == (date(2021, 3, 15), date(2023, 3, 14))
    assert current_cycle(ANCHOR, date(2023, 3, 15), RULE) == (date(2023, 3, 15), date(2025, 3, 14))
    assert current_cycle(ANCHOR, date(2025, 6, 30), RULE) == (date(2025, 3, 15), date(2027, 3, 14))
    assert current_cycle(ANCHOR, date(2020, 1, 1), RULE) == (date(2021, 3, 15), date(2023, 3, 14))


def test_a_29_february_certificate_loses_no_day() -> None:
    # Ruling: one add_years everywhere, 29 February + 2 years is 28 February (as on the platform).
    anchor = date(2020, 2, 29)
    assert current_cycle(anchor, date(2022, 2, 27), RULE) == (date(2020, 2, 29), date(2022, 2, 27))
    assert current_cycle(anchor, date(2022, 2, 28), RULE) == (date(2022, 2, 28), date(2024, 2, 28))
    assert current_cycle(anchor, date(2024, 2, 29), RULE) == (date(2024, 2, 29), date(2026, 2, 27))


def test_online_hours_beyond_the_cap_are_not_credited() -> None:
    sessions = [session(hours=20, mode="online", end_date="2025-05-01"), session(hours=4, mode="offline", end_date="2025-05-02")]
    summary = cycle_summary(sessions, ANCHOR, date(2025, 6, 30), RULE)
    assert (summary.online_hours, summary.offline_hours, summary.credited_hours) == (20, 4, 22)
    assert summary.missing_hours == 2 and summary.missing_offline_hours == 2 and not summary.complete


def test_missing_offline_hours_are_part_of_missing_hours() -> None:
    rule = CeRule(max_online_hours=None)
    summary = cycle_summary([session(hours=24, mode="online", end_date="2025-05-01")], ANCHOR, date(2025, 6, 30), rule)
    assert summary.credited_hours == 24 and summary.missing_offline_hours == 6 and summary.missing_hours == 6


def test_a_complete_cycle() -> None:
    sessions = [session(hours=18, mode="online", end_date="2025-04-01"), session(hours=6, end_date="2025-04-02")]
    summary = cycle_summary(sessions, ANCHOR, date(2025, 6, 30), RULE)
    assert summary.complete and summary.missing_hours == 0 and summary.credited_hours == 24


def test_only_sessions_ending_in_the_cycle_count() -> None:
    sessions = [
        session(hours=8, start_date="2025-03-10", end_date="2025-03-14"),  # previous cycle
        session(hours=8, start_date="2025-03-14", end_date="2025-03-15"),  # ends in this one
        session(hours=8, start_date="2027-03-15", end_date="2027-03-15"),  # next cycle
    ]
    summary = cycle_summary(sessions, ANCHOR, date(2025, 6, 30), RULE)
    assert (summary.cycle_start, summary.cycle_end) == (date(2025, 3, 15), date(2027, 3, 14))
    assert summary.offline_hours == 8 and summary.missing_hours == 16


def test_a_rule_without_online_limits() -> None:
    rule = CeRule(hours_required=12, cycle_years=1, max_online_hours=None, min_offline_hours=None)
    summary = cycle_summary([session(hours=12, mode="online", end_date="2025-04-01")], ANCHOR, date(2025, 6, 30), rule)
    assert summary.complete and (summary.cycle_start, summary.cycle_end) == (date(2025, 3, 15), date(2026, 3, 14))


def test_rule_round_trips_and_defaults_missing_keys() -> None:
    assert CeRule.from_dict(CeRule().to_dict()) == CeRule()
    assert CeRule.from_dict({}) == CeRule(24.0, 2, 18.0, 6.0)
    assert CeRule.from_dict({"hours_required": 36, "max_online_hours": None}) == CeRule(36.0, 2, None, 6.0)


@pytest.mark.parametrize(
    "bad",
    [[], {"hours_required": "24"}, {"cycle_years": 0}, {"cycle_years": 1.5}, {"max_online_hours": -1},
     {"hours_required": True}, {"min_offline_hours": 30}, {"hours": 24}],
)
def test_odd_rules_are_refused(bad: object) -> None:
    with pytest.raises((ValueError, TypeError)):  # what the settings screen turns into "please give JSON like ..."
        CeRule.from_dict(bad)  # type: ignore[arg-type]
