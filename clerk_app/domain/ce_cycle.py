"""How many continuing-education hours a driver has in the current cycle, and what is still missing.

The rule is a setting because it changes and differs by province; the default
is DOMAIN.md's: 24 hours in every 2-year cycle of the qualification
certificate, at most 18 of them online, at least 6 in a classroom.

Cycles run from the anchor (the certificate's issue date) in whole years:
[anchor, anchor + N years - 1 day], then the next. An anchor of 29 February
has its anniversary on 1 March in common years, so no day is lost or counted
twice. A session counts in the cycle its end date falls in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date, timedelta


def _number(name: str, value: object, *, optional: bool = False) -> float | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < float("inf"):
        raise ValueError(f"{name} must be a number of hours, 0 or more")
    return float(value)


@dataclass(frozen=True)
class CeRule:
    hours_required: float = 24.0
    cycle_years: int = 2
    max_online_hours: float | None = 18.0
    min_offline_hours: float | None = 6.0

    @classmethod
    def from_dict(cls, d: Mapping) -> CeRule:
        """A rule from settings; missing keys keep the default, anything odd raises ValueError or TypeError."""
        if not isinstance(d, Mapping):
            raise TypeError("the rule must be a JSON object")
        unknown = set(d) - {f.name for f in fields(cls)}
        if unknown:
            raise ValueError(f"unknown keys: {', '.join(sorted(map(str, unknown)))}")
        default = cls()
        years = d.get("cycle_years", default.cycle_years)
        if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= 10:
            raise ValueError("cycle_years must be a whole number from 1 to 10")
        rule = cls(
            hours_required=_number("hours_required", d.get("hours_required", default.hours_required)),
            cycle_years=years,
            max_online_hours=_number("max_online_hours", d.get("max_online_hours", default.max_online_hours), optional=True),
            min_offline_hours=_number("min_offline_hours", d.get("min_offline_hours", default.min_offline_hours), optional=True),
        )
        if rule.min_offline_hours is not None and rule.min_offline_hours > rule.hours_required:
            raise ValueError("min_offline_hours cannot exceed hours_required")
        return rule

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class CycleSummary:
    cycle_start: date
    cycle_end: date
    offline_hours: float
    online_hours: float
    credited_hours: float
    missing_hours: float
    missing_offline_hours: float
    complete: bool


def _anniversary(anchor: date, years: int) -> date:
    try:
        return anchor.replace(year=anchor.year + years)
    except ValueError:  # 29 February in a common year
        return date(anchor.year + years, 3, 1)


def current_cycle(anchor: date, today: date, rule: CeRule) -> tuple[date, date]:
    """First and last day of the cycle ``today`` is in (the first cycle if today is before the anchor)."""
    n = max(0, (today.year - anchor.year) // rule.cycle_years)
    # The year arithmetic can land one cycle late when today is before this year's anniversary.
    if n and _anniversary(anchor, n * rule.cycle_years) > today:
        n -= 1
    start = _anniversary(anchor, n * rule.cycle_years)
    return start, _anniversary(anchor, (n + 1) * rule.cycle_years) - timedelta(days=1)


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def cycle_summary(sessions: Iterable[Mapping], anchor: date, today: date, rule: CeRule) -> CycleSummary:
    """Hours of the current cycle: online hours beyond the online cap are shown but not credited.

    ``missing_offline_hours`` is part of ``missing_hours`` when both are short,
    not in addition to it.
    """
    start, end = current_cycle(anchor, today, rule)
    offline = online = 0.0
    for session in sessions:
        if start <= _day(session["end_date"]) <= end:
            if session["mode"] == "online":
                online += float(session["hours"])
            else:
                offline += float(session["hours"])
    credited = offline + (online if rule.max_online_hours is None else min(online, rule.max_online_hours))
    missing_offline = max(0.0, (rule.min_offline_hours or 0.0) - offline)
    missing = max(0.0, rule.hours_required - credited, missing_offline)
    return CycleSummary(
        cycle_start=start,
        cycle_end=end,
        offline_hours=offline,
        online_hours=online,
        credited_hours=credited,
        missing_hours=missing,
        missing_offline_hours=missing_offline,
        complete=missing == 0,
    )
