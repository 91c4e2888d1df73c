"""道路运输驾驶员继续教育机构备案申请表: a continuing-education institution's filing application, to sign and seal.

The values the institution declares are the registry's (the contract's
``Institution``); empty fields print as blank cells to be filled in by hand
rather than being left out. What the filing authority decides (备案编号, 备案
级别, 备案日期, the status) is not printed into the application: those cells
are left for the authority to fill in under 备案机关意见.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from clerk_app.domain.kinds import FILING_MODES
from clerk_app.printing import flow
from clerk_app.printing.flowables import SealBlock
from clerk_app.printing.page import Marks
from clerk_app.printing.wording import Hall, date_text

TITLE = "道路运输驾驶员继续教育机构备案申请表"
DECLARATION = (
    "本机构承诺：以上填报内容真实、准确；按照备案的培训方式、规模和课程开展继续教育，"
    "如实记录学员学时，不弄虚作假；接受交通运输主管部门的监督检查。如有不实，愿承担相应责任。"
)
BLANK_DAY = "　　　　年　　月　　日"


def render(institution: Mapping[str, Any], *, hall: Hall, today: date, marks: Marks) -> tuple[bytes, int]:
    filing = institution.get("filing") or {}

    def value(key: str) -> str:
        return str(institution.get(key) or "")

    story: list[Flowable] = flow.title(TITLE, marks, 17)
    heading = f"受理窗口：{hall.counter}　　填表日期：{date_text(today)}"
    story += [flow.para(heading, 9.5, align="right"), Spacer(1, 2 * mm)]
    rows: list[list[str | Flowable]] = [
        ["机构名称", value("name"), "机构代码", value("code")],
        ["负责人", value("head"), "联系电话", value("phone")],
        ["机构地址", value("address"), "监督电话", value("supervision_phone")],
        ["申请培训方式", FILING_MODES.get(filing.get("mode", ""), ""), "", ""],
        ["培训规模", value("training_scale"), "", ""],
        ["报名方式", value("enrollment_method"), "", ""],
    ]
    table = flow.grid(rows, [28, 70, 24, 52], header=False, size=10)
    # The last three rows hold long texts: their value spans the remaining columns.
    table.setStyle(
        [("SPAN", (1, r), (3, r)) for r in range(3, 6)]
        + [("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]
    )
    story += [
        table,
        Spacer(1, 4 * mm),
        flow.para("申请机构承诺", 11.5),
        Spacer(1, 1 * mm),
        flow.para(DECLARATION, 10),
        Spacer(1, 2 * mm),
        SealBlock(unit=value("name"), clerk_line="负责人签字：", day=BLANK_DAY),
        Spacer(1, 4 * mm),
        flow.para("备案机关意见（由备案机关填写）", 11.5),
        Spacer(1, 1 * mm),
    ]
    decision = flow.grid(
        [["备案编号", "", "备案级别", ""], ["备案日期", "", "", ""], ["意见", "", "", ""]], [28, 70, 24, 52], header=False, size=10
    )
    decision.setStyle(
        [
            ("SPAN", (1, 1), (3, 1)),
            ("SPAN", (1, 2), (3, 2)),
            ("TOPPADDING", (0, 0), (-1, -1), 7),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ("BOTTOMPADDING", (0, 2), (-1, 2), 30),  # room to write the opinion
        ]
    )
    story += [
        decision,
        Spacer(1, 2 * mm),
        SealBlock(unit="备案机关（盖章）", clerk_line="经办人：", day=BLANK_DAY),
    ]
    return flow.build(A4, story, title_text=f"备案申请表 {value('code')}", marks=marks)
