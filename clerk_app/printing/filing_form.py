"""备案申请表: a continuing-education institution's filing, printed for its head to sign and seal.

The values are the registry's (the contract's ``Institution``); empty fields
print as blank cells to be filled in by hand rather than being left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from clerk_app.domain.kinds import FILING_LEVELS, FILING_MODES, INSTITUTION_STATUSES
from clerk_app.printing import flow
from clerk_app.printing.flowables import SignatureLines
from clerk_app.printing.page import Marks

DECLARATION = (
    "本机构承诺：以上填报内容真实、准确；按照备案的培训方式、规模和课程开展继续教育，"
    "如实记录学员学时，不弄虚作假；接受交通运输主管部门的监督检查。如有不实，愿承担相应责任。"
)


def render(institution: Mapping[str, Any], *, window: str, today: date, marks: Marks) -> tuple[bytes, int]:
    filing = institution.get("filing") or {}

    def value(key: str) -> str:
        return str(institution.get(key) or "")

    story: list[Flowable] = flow.title("继续教育培训机构备案申请表")
    heading = f"受理窗口：{window}　　　　填表日期：{today.year}年{today.month}月{today.day}日"
    story += [flow.para(heading, 9.5, align="right"), Spacer(1, 2 * mm)]
    rows: list[list[str | Flowable]] = [
        ["机构名称", value("name"), "机构代码", value("code")],
        ["负责人", value("head"), "联系电话", value("phone")],
        ["机构地址", value("address"), "监督电话", value("supervision_phone")],
        ["备案级别", FILING_LEVELS.get(filing.get("level", ""), ""), "培训方式", FILING_MODES.get(filing.get("mode", ""), "")],
        ["备案编号", str(filing.get("filing_no") or ""), "备案日期", str(filing.get("filed_on") or "")],
        ["机构状态", INSTITUTION_STATUSES.get(value("status"), value("status")), "", ""],
        ["培训规模", value("training_scale"), "", ""],
        ["报名方式", value("enrollment_method"), "", ""],
    ]
    table = flow.grid(rows, [26, 72, 24, 52], header=False, size=10)
    # The last three rows hold long texts: their value spans the remaining columns.
    table.setStyle(
        [("SPAN", (1, r), (3, r)) for r in range(5, 8)]
        + [("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]
    )
    story += [
        table,
        Spacer(1, 5 * mm),
        flow.para("申请机构承诺", 11.5, style="hei"),
        Spacer(1, 1 * mm),
        flow.para(DECLARATION, 10),
        Spacer(1, 12 * mm),
        SignatureLines(["申请机构（盖章）：", "负责人签字：", "日期："]),
        Spacer(1, 10 * mm),
        flow.para("受理意见", 11.5, style="hei"),
        Spacer(1, 16 * mm),
        SignatureLines(["经办人：", "审核负责人：", "日期："]),
    ]
    return flow.build(A4, story, title_text=f"备案申请表 {value('code')}", marks=marks)
