"""继续教育学时证明: a driver's continuing-education sessions in the current cycle, and what is still missing.

The totals come from ``clerk_app.domain.ce_cycle`` with the rule in force (the
``ce.rule`` setting), so the paper says exactly what the window shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from clerk_app.domain.ce_cycle import CeRule, CycleSummary
from clerk_app.domain.kinds import CE_CATEGORIES, SESSION_MODES
from clerk_app.printing import flow
from clerk_app.printing.flowables import SignatureLines
from clerk_app.printing.page import Marks


@dataclass(frozen=True)
class CeSession:
    """One session of a saved ``ce_hours`` entry, with where it came from."""

    course: str
    hours: float
    mode: str
    start_date: str
    end_date: str
    institution: str
    receipt_no: str


def _date(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _rule_text(rule: CeRule) -> str:
    parts = [f"每 {rule.cycle_years} 年为一个周期，每周期应完成 {rule.hours_required:g} 学时"]
    if rule.max_online_hours is not None:
        parts.append(f"网络学习最多计入 {rule.max_online_hours:g} 学时")
    if rule.min_offline_hours:
        parts.append(f"面授不少于 {rule.min_offline_hours:g} 学时")
    return "，".join(parts) + "。"


def render(
    *,
    person: Mapping[str, Any],
    sessions: Sequence[CeSession],
    summary: CycleSummary,
    rule: CeRule,
    issuer: str,
    today: date,
    marks: Marks,
) -> tuple[bytes, int]:
    """``person``: name, id_number, qualification_cert_no, category, issued_on (the cycle's anchor)."""
    story: list[Flowable] = flow.title("继续教育学时证明")
    category = CE_CATEGORIES.get(person.get("category", ""), "")
    story.append(
        flow.grid(
            [
                ["姓名", person["name"], "公民身份号码", person["id_number"]],
                ["从业资格证号", person["qualification_cert_no"], "从业类别", f"{category}驾驶员" if category else ""],
                ["本周期", f"{_date(summary.cycle_start)} 至 {_date(summary.cycle_end)}", "发证日期", person["issued_on"]],
            ],
            [26, 60, 26, 62],
            header=False,
        )
    )
    story += [Spacer(1, 5 * mm), flow.para("本周期学习记录", 12, style="hei"), Spacer(1, 2 * mm)]
    rows: list[list[str | Flowable]] = [["序号", "课程", "培训机构", "方式", "学时", "学习日期", "回执号"]]
    in_cycle = [s for s in sessions if summary.cycle_start <= date.fromisoformat(s.end_date) <= summary.cycle_end]
    for n, s in enumerate(sorted(in_cycle, key=lambda s: (s.end_date, s.course)), start=1):
        dates = s.start_date if s.start_date == s.end_date else f"{s.start_date}至{s.end_date}"
        rows.append([str(n), s.course, s.institution, SESSION_MODES.get(s.mode, s.mode), f"{s.hours:g}", dates, s.receipt_no])
    if not in_cycle:
        rows.append(["", "本周期暂无学习记录", "", "", "", "", ""])
    story.append(flow.grid(rows, [11, 30, 36, 12, 12, 30, 43], size=8.5))
    credited_online = summary.credited_hours - summary.offline_hours
    totals = [
        f"面授 {summary.offline_hours:g} 学时；网络 {summary.online_hours:g} 学时（计入 {credited_online:g} 学时）；",
        f"本周期已计入 {summary.credited_hours:g} 学时，应完成 {rule.hours_required:g} 学时。",
    ]
    if summary.complete:
        conclusion = "结论：本周期继续教育学时已达到要求。"
    else:
        conclusion = f"结论：本周期尚缺 {summary.missing_hours:g} 学时"
        if summary.missing_offline_hours:
            conclusion += f"（其中面授尚缺 {summary.missing_offline_hours:g} 学时）"
        conclusion += f"，请在 {_date(summary.cycle_end)} 前补足。"
    story += [
        Spacer(1, 4 * mm),
        flow.para("".join(totals), 10.5),
        flow.para(conclusion, 11.5, style="hei"),
        Spacer(1, 2 * mm),
        flow.para(f"学时规则：{_rule_text(rule)}", 9),
        Spacer(1, 14 * mm),
        SignatureLines(["出具单位（盖章）：", "经办人："]),
        Spacer(1, 2 * mm),
        flow.para(f"{issuer}　　{_date(today)}", 10, align="right"),
    ]
    return flow.build(A4, story, title_text=f"继续教育学时证明 {person['name']}", marks=marks)
