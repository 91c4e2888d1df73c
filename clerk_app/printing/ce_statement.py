"""继续教育学时证明: a driver's continuing-education hours in the current cycle, where they came from, and what is missing.

The document is drawn from a plain ``CeStatement`` (the person, the cycle's
anchor, every session with its source, and the sources with the time they were
read), so the window can hand in hours it fetched from the platform as well as
those entered here. The figures come from ``clerk_app.domain.ce_cycle`` with
the rule in force, so the paper says exactly what the window shows. Beside
each session's hours stands the institution's present status (ruling
"Continuing-education filings"). The issuing hall signs at the foot, its name
over the date, for its seal to press on both (``flowables.SealBlock``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from clerk_app.domain.ce_cycle import CeRule, CycleSummary
from clerk_app.domain.kinds import INSTITUTION_STATUSES, QUALIFICATION_NAMES, SESSION_MODES
from clerk_app.printing import flow
from clerk_app.printing.flowables import SealBlock
from clerk_app.printing.page import Marks
from clerk_app.printing.wording import Hall, date_text, span_text

THIS_WINDOW = "本窗口"
PLATFORM = "省平台"


@dataclass(frozen=True)
class CeSession:
    """One session that counts, with where it was entered and where the window learnt of it."""

    course: str
    hours: float
    mode: str  # offline / online
    start_date: str
    end_date: str
    institution: str  # the institution's name
    institution_status: str  # its present status: active / suspended / revoked ("" if unknown)
    reference: str  # the receipt number, or the platform's record id
    source: str  # THIS_WINDOW or PLATFORM


@dataclass(frozen=True)
class CeSource:
    """Where figures came from and when they were read (RFC 3339)."""

    name: str  # THIS_WINDOW or PLATFORM
    as_of: str


@dataclass(frozen=True)
class CeStatement:
    """Everything the statement prints apart from the rule and the day."""

    name: str
    id_number: str
    certificate_no: str
    category: str  # freight / passenger
    first_issued_on: date  # 初次领证日期: the cycles run from it
    sessions: tuple[CeSession, ...]
    sources: tuple[CeSource, ...]


def _rule_text(rule: CeRule) -> str:
    parts = [f"每{rule.cycle_years}年为一个周期，每周期应完成{rule.hours_required:g}学时"]
    if rule.max_online_hours is not None:
        parts.append(f"网络学习最多计入{rule.max_online_hours:g}学时")
    if rule.min_offline_hours:
        parts.append(f"面授不少于{rule.min_offline_hours:g}学时")
    return "，".join(parts) + "。"


def _when(moment: str) -> str:
    return f"{date_text(moment)} {moment[11:16]}".strip()


def _sources_text(sources: Sequence[CeSource]) -> str:
    words = {THIS_WINDOW: "本窗口录入记录", PLATFORM: "吉林省道路运输从业资格平台已接收记录"}
    return "；".join(f"{words.get(s.name, s.name)}（{_when(s.as_of)}读取）" for s in sources) + "。"


def _figures(statement: CeStatement, summary: CycleSummary, rule: CeRule, in_cycle: Sequence[CeSession]) -> Flowable:
    by_source = {
        source: sum(s.hours for s in in_cycle if s.source == source) for source in dict.fromkeys(s.source for s in statement.sessions)
    }
    credited_online = summary.credited_hours - summary.offline_hours
    rows: list[list[str | Flowable]] = [
        ["面授学时", f"{summary.offline_hours:g}", "网络学时", f"{summary.online_hours:g}（计入{credited_online:g}）"],
        ["本周期已计入", f"{summary.credited_hours:g}", "应完成", f"{rule.hours_required:g}"],
        ["尚缺学时", f"{summary.missing_hours:g}", "其中面授尚缺", f"{summary.missing_offline_hours:g}"],
        ["学时来源", "；".join(f"{name}{hours:g}学时" for name, hours in by_source.items()) or "无", "", ""],
    ]
    table = flow.grid(rows, [30, 42, 30, 72], header=False, size=10)
    table.setStyle([("SPAN", (1, 3), (3, 3))])
    return table


def render(*, statement: CeStatement, summary: CycleSummary, rule: CeRule, hall: Hall, today: date, marks: Marks) -> tuple[bytes, int]:
    story: list[Flowable] = flow.title("继续教育学时证明", marks)
    category = QUALIFICATION_NAMES.get(statement.category, statement.category)
    story.append(
        flow.grid(
            [
                ["姓名", statement.name, "公民身份号码", statement.id_number],
                ["从业资格证号", statement.certificate_no, "从业资格类别", category],
                ["初次领证日期", date_text(statement.first_issued_on), "本周期", span_text(summary.cycle_start, summary.cycle_end)],
            ],
            [26, 54, 28, 66],
            header=False,
        )
    )
    story += [Spacer(1, 5 * mm), flow.para("本周期学习记录", 12), Spacer(1, 2 * mm)]
    rows: list[list[str | Flowable]] = [["序号", "课程", "培训机构（现状态）", "方式", "学时", "学习日期", "来源及凭证"]]
    in_cycle = [s for s in statement.sessions if summary.cycle_start <= date.fromisoformat(s.end_date) <= summary.cycle_end]
    for n, s in enumerate(sorted(in_cycle, key=lambda s: (s.end_date, s.course)), start=1):
        dates = date_text(s.start_date) if s.start_date == s.end_date else span_text(s.start_date, s.end_date, lines=True)
        status = INSTITUTION_STATUSES.get(s.institution_status, "")
        institution = f"{s.institution}（{status}）" if status else s.institution
        rows.append([str(n), s.course, institution, SESSION_MODES.get(s.mode, s.mode), f"{s.hours:g}", dates, f"{s.source}\n{s.reference}"])
    if not in_cycle:
        rows.append(["", "本周期暂无学习记录", "", "", "", "", ""])
    story.append(flow.grid(rows, [11, 27, 41, 11, 11, 30, 43], size=8.5))
    if summary.complete:
        conclusion = "结论：本周期继续教育学时已达到要求。"
    else:
        conclusion = f"结论：本周期尚缺{summary.missing_hours:g}学时"
        if summary.missing_offline_hours:
            conclusion += f"（其中面授尚缺{summary.missing_offline_hours:g}学时）"
        conclusion += f"，请在{date_text(summary.cycle_end)}前补足。"
    story += [
        Spacer(1, 4 * mm),
        flow.para("本周期学时统计", 12),
        Spacer(1, 2 * mm),
        _figures(statement, summary, rule, in_cycle),
        Spacer(1, 2 * mm),
        flow.para(conclusion, 11.5),
        Spacer(1, 1 * mm),
        flow.para(f"学时规则：{_rule_text(rule)}", 9),
        flow.para(f"数据来源：{_sources_text(statement.sources)}", 9),
        Spacer(1, 8 * mm),
        SealBlock(unit=hall.name, clerk_line="经办人：", day=date_text(today)),
    ]
    return flow.build(A4, story, title_text=f"继续教育学时证明 {statement.name}", marks=marks)
