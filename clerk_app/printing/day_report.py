"""日终对账单: what a window (or one clerk) entered on a day and what became of it, for signing.

Counts are of versions entered that day: a correction or a void is work done
that day too. The upload columns split them by outbox state; "结果待确认" is
a batch that was sent but whose answer never came back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from clerk_app.domain.kinds import KIND_LABELS_ZH
from clerk_app.domain.masking import mask_id_number
from clerk_app.printing import flow
from clerk_app.printing.flowables import SignatureLines
from clerk_app.printing.page import Marks
from local_db.report_queries import DayRow, RejectedVersion

COLUMNS = ["经办人", "登记类别", "新录入", "更正", "作废", "录入合计", "已上传", "被退回", "结果待确认", "待上传"]


def _numbers(row: DayRow) -> list[str]:
    values = (row.new, row.corrected, row.voided, row.entered, row.accepted, row.rejected, row.sending, row.pending)
    return [str(n) for n in values]


def render(
    *,
    day: date,
    window: str,
    clerk: str | None,
    clerk_names: dict[str, str],
    rows: Sequence[DayRow],
    rejected: Sequence[RejectedVersion],
    marks: Marks,
) -> tuple[bytes, int]:
    def who(operator_id: str) -> str:
        name = clerk_names.get(operator_id)
        return f"{name}（{operator_id}）" if name else operator_id

    story: list[Flowable] = flow.title("日终对账单")
    scope = f"经办人：{who(clerk)}" if clerk else "全部经办人"
    story += [
        flow.para(f"日期：{day.year}年{day.month}月{day.day}日　　窗口：{window}　　{scope}", 10.5),
        Spacer(1, 3 * mm),
    ]
    table: list[list[str | Flowable]] = [list(COLUMNS)]
    for row in rows:
        table.append([who(row.clerk), KIND_LABELS_ZH.get(row.kind, row.kind), *_numbers(row)])
    if rows:
        counts = ("new", "corrected", "voided", "pending", "sending", "accepted", "rejected")
        total = DayRow("", "", *(sum(getattr(r, f) for r in rows) for f in counts))
        table.append(["合计", "", *_numbers(total)])
    else:
        table.append(["当日无录入", "", *["0"] * 8])
    story.append(flow.grid(table, [30, 26, 14, 11, 11, 17, 14, 14, 20, 14], size=8.5))
    story += [Spacer(1, 6 * mm), flow.para(f"被平台退回的记录（{len(rejected)} 条）", 12, style="hei"), Spacer(1, 2 * mm)]
    if rejected:
        listing: list[list[str | Flowable]] = [["回执号", "类别", "姓名", "身份证号", "经办人", "退回原因"]]
        for r in rejected:
            reasons = "\n".join(str(e.get("message") or e.get("code", "")) for e in r.errors) or "（平台未说明）"
            kind = KIND_LABELS_ZH.get(r.kind, r.kind)
            listing.append([f"{r.receipt_no}\n第 {r.version} 版", kind, r.name, mask_id_number(r.id_number), r.clerk, reasons])
        story.append(flow.grid(listing, [42, 24, 16, 34, 18, 40], size=8))
    else:
        story.append(flow.para("无。", 10.5))
    story += [
        Spacer(1, 6 * mm),
        flow.para("以上数据由本窗口客户端按录入记录和上传结果自动汇总。“结果待确认”的记录已发出，平台答复尚未取回，联网后自动核对。", 9),
        Spacer(1, 16 * mm),
        SignatureLines(["经办人签字：", "负责人签字：", "日期："]),
    ]
    subject = clerk or "全部"
    return flow.build(A4, story, title_text=f"日终对账单 {day.isoformat()} {subject}", marks=marks)
