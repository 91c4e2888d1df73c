"""How many continuing-education hours a driver has in a cycle, and what is still missing.

The rule is a setting because it changes and differs by province; the default
is DOMAIN.md's: 24 hours in every 2-year cycle of the qualification
certificate, at most 18 of them online, at least 6 in a classroom.

DOMAIN.md ("The CE cycle at the counter"): hours count against the
certificate of their category (freight hours against the freight
certificate); cycles run from that certificate's ``first_issued_on`` (初次领证
日期) in steps of ``cycle_years``: [start, start + N years), then the next,
the boundaries made by ``dates.add_years`` from the anchor (29 February
becomes 28 February, as on the platform). Reissue and renewal do not move
them. A session counts in the cycle its end date falls in. A renewal needs
every cycle inside the ending validity complete (``renewal_ce_problem``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date, timedelta
from typing import Any

from clerk_app.domain.dates import add_years
from clerk_app.domain.duplicates import SessionKey, ce_session_key
from clerk_app.domain.problems import Problem, problem, shown

# The rule's numbers as a supervisor sets them (labels in Chinese and English, for the refusal).
RULE_LABELS = {
    "hours_required": ("每周期应修学时", "hours required per cycle"),
    "cycle_years": ("周期年数", "years per cycle"),
    "max_online_hours": ("网络学时上限", "most online hours"),
    "min_offline_hours": ("面授学时下限", "least classroom hours"),
}
MAX_HOURS = 200.0  # no cycle asks more; a larger number is a typing slip
MAX_CYCLE_YEARS = 10


def _optional_number(name: str, value: object, low: float = 0.0) -> float | None:
    return None if value is None else _number(name, value, low)


def _number(name: str, value: object, low: float = 0.0) -> float:
    """Hours from ``low`` to ``MAX_HOURS``; ValueError(Chinese, English) otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= MAX_HOURS:
        zh, en = RULE_LABELS[name]
        raise ValueError(f"{zh}应在 {low:g} 到 {MAX_HOURS:g} 学时之间", f"{en} must be {low:g} to {MAX_HOURS:g} hours")
    return float(value)


@dataclass(frozen=True)
class CeRule:
    hours_required: float = 24.0
    cycle_years: int = 2
    max_online_hours: float | None = 18.0
    min_offline_hours: float | None = 6.0

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> CeRule:
        """A rule from settings; missing keys keep the default, anything odd raises ValueError or TypeError."""
        if not isinstance(d, Mapping):
            raise TypeError("the rule must be a JSON object")
        unknown = set(d) - {f.name for f in fields(cls)}
        if unknown:
            names = ", ".join(sorted(map(str, unknown)))
            raise ValueError(f"规则中有不认识的项：{names}", f"unknown keys: {names}")
        default = cls()
        years = d.get("cycle_years", default.cycle_years)
        if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= MAX_CYCLE_YEARS:
            raise ValueError(
                f"周期年数应是 1 到 {MAX_CYCLE_YEARS} 的整数", f"years per cycle must be a whole number from 1 to {MAX_CYCLE_YEARS}"
            )
        rule = cls(
            hours_required=_number("hours_required", d.get("hours_required", default.hours_required), 1.0),
            cycle_years=years,
            max_online_hours=_optional_number("max_online_hours", d.get("max_online_hours", default.max_online_hours)),
            min_offline_hours=_optional_number("min_offline_hours", d.get("min_offline_hours", default.min_offline_hours)),
        )
        for name in ("max_online_hours", "min_offline_hours"):
            hours = getattr(rule, name)
            if hours is not None and hours > rule.hours_required:
                zh, en = RULE_LABELS[name]
                raise ValueError(
                    f"{zh}（{hours:g}）不能超过每周期应修学时（{rule.hours_required:g}）",
                    f"{en} ({hours:g}) cannot exceed the hours required ({rule.hours_required:g})",
                )
        return rule

    def in_words(self, lang: str = "zh") -> str:
        """The rule said in a sentence, in Chinese or (``lang="en"``) English; settings show it beside the numbers."""
        zh = f"每 {self.cycle_years} 年为一个周期，每周期至少 {self.hours_required:g} 学时"
        en = f"Every {self.cycle_years}-year cycle needs at least {self.hours_required:g} hours"
        if self.max_online_hours is not None:
            zh += f"，其中网络学时最多计 {self.max_online_hours:g}"
            en += f", of which at most {self.max_online_hours:g} online"
        if self.min_offline_hours:
            zh += f"，面授学时不少于 {self.min_offline_hours:g}"
            en += f", and at least {self.min_offline_hours:g} in a classroom"
        return en + "." if lang == "en" else zh + "。"

    def to_dict(self) -> dict[str, Any]:
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


def cycle_anchor(certificate: Mapping[str, object]) -> date:
    """The day a certificate's cycles run from: its ``first_issued_on`` (``issued_on`` for a record without one)."""
    return date.fromisoformat(str(certificate.get("first_issued_on") or certificate["issued_on"]))


def category_sessions(entries: Iterable[Mapping[str, object]], category: str) -> Iterator[Mapping[str, object]]:
    """The sessions of the ce_hours payloads ``entries`` that count against a certificate of ``category``.

    A session is counted once, however many entries hold it (second rulings: the same CE paper entered at two
    windows is one session; ``duplicates.ce_session_key`` says when two are the same).
    """
    seen: set[SessionKey] = set()
    for entry in entries:
        sessions = entry.get("sessions")
        if entry.get("category") != category or not isinstance(sessions, list | tuple):
            continue
        for session in sessions:
            if not isinstance(session, Mapping):
                continue
            key = ce_session_key(category, str(entry.get("institution_code", "")), session)
            if key not in seen:
                seen.add(key)
                yield session


def cycle_bounds(anchor: date, index: int, rule: CeRule) -> tuple[date, date]:
    """First and last day of cycle ``index`` (0 is the first) of a certificate first issued on ``anchor``."""
    start = add_years(anchor, index * rule.cycle_years)
    return start, add_years(anchor, (index + 1) * rule.cycle_years) - timedelta(days=1)


def current_cycle(anchor: date, today: date, rule: CeRule) -> tuple[date, date]:
    """First and last day of the cycle ``today`` is in (the first cycle if today is before the anchor)."""
    n = max(0, (today.year - anchor.year) // rule.cycle_years)
    # The year arithmetic can land one cycle late when today is before this year's anniversary.
    if n and add_years(anchor, n * rule.cycle_years) > today:
        n -= 1
    return cycle_bounds(anchor, n, rule)


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def summarise(sessions: Iterable[Mapping[str, Any]], start: date, end: date, rule: CeRule) -> CycleSummary:
    """Hours of the cycle [start, end] (both days included): online hours beyond the online cap are shown but not credited.

    ``missing_offline_hours`` is part of ``missing_hours`` when both are short,
    not in addition to it.
    """
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


def cycle_summary(sessions: Iterable[Mapping[str, Any]], anchor: date, today: date, rule: CeRule) -> CycleSummary:
    """Hours of the cycle ``today`` is in, of a certificate first issued on ``anchor``."""
    start, end = current_cycle(anchor, today, rule)
    return summarise(sessions, start, end, rule)


def cycles_in_validity(anchor: date, validity_start: date, valid_until: date, rule: CeRule) -> list[tuple[date, date]]:
    """The cycles that lie inside the validity [validity_start, valid_until].

    A cycle counts when it starts in the validity and ends by ``valid_until``;
    a day of slack keeps a cycle whose boundary ``add_years`` moved from
    29 February to 28 February (or the reverse) inside.
    """
    inside: list[tuple[date, date]] = []
    index = 0
    while True:
        start, end = cycle_bounds(anchor, index, rule)
        if start > valid_until:
            return inside
        if start >= validity_start - timedelta(days=1) and end <= valid_until + timedelta(days=1):
            inside.append((start, end))
        index += 1


def _hours(value: float) -> str:
    return shown(int(value) if value.is_integer() else value)


def renewal_ce_problem(
    sessions: Iterable[Mapping[str, Any]], anchor: date, validity_start: date, valid_until: date, rule: CeRule
) -> Problem | None:
    """``ce_incomplete`` naming every cycle of the ending validity that is short, and by how much; None if all are complete."""
    kept = list(sessions)
    missing_zh: list[str] = []
    missing_en: list[str] = []
    for start, end in cycles_in_validity(anchor, validity_start, valid_until, rule):
        summary = summarise(kept, start, end, rule)
        if summary.complete:
            continue
        offline_zh = offline_en = ""
        if summary.missing_offline_hours:
            offline_zh = f"，其中面授至少还差 {_hours(summary.missing_offline_hours)} 学时"
            offline_en = f", of them at least {_hours(summary.missing_offline_hours)} in a classroom"
        missing_zh.append(
            f"{start} 至 {end} 已计 {_hours(summary.credited_hours)} 学时，还差 {_hours(summary.missing_hours)} 学时{offline_zh}"
        )
        missing_en.append(
            f"{start} to {end}: {_hours(summary.credited_hours)} hours counted, "
            f"{_hours(summary.missing_hours)} missing{offline_en}"
        )
    if not missing_zh:
        return None
    return problem(
        "ce_incomplete",
        "previous_certificate_no",
        required=_hours(rule.hours_required),
        cycle_years=rule.cycle_years,
        missing=("；".join(missing_zh), "; ".join(missing_en)),
    )
