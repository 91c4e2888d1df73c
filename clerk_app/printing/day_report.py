"""日终对账单: what a window (or one clerk) entered on a day and what became of it, for signing.

Counts are of versions entered that day: a correction or a void is work done
that day too. The upload columns split them by outbox state; "结果待确认" is
a batch that was sent but whose answer never came back. Beside the counts
stands what a supervisor checks (DOMAIN.md, ruling "Documents"): the day's
voids (reason, supervisor), corrections (reason, approver), reprints
(document, how often, by whom), outcomes not yet known, and the records the
platform sent back; people are named, not numbered.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from clerk_app.domain.kinds import KIND_LABELS_ZH
from clerk_app.domain.masking import mask_id_number
from clerk_app.printing import flow
from clerk_app.printing.flowables import SignatureLines
from clerk_app.printing.page import Marks
from clerk_app.printing.wording import Hall, People, date_text
from local_db.report_queries import DayEvent, DayReprint, DayRow, RejectedVersion

# The last four split the versions entered by where their upload stands, each named for its state (a version the
# platform sent back was uploaded too: "已上传 0" beside it read wrong).
COLUMNS = ["经办人", "登记类别", "新录入", "更正", "作废", "录入合计", "平台已接收", "平台退回", "已发出待确认", "待上传"]


@dataclass(frozen=True)
class DayFacts:
    """What the day report lists, as the queries in ``local_db.report_queries`` return it."""

    rows: Sequence[DayRow]
    rejected: Sequence[RejectedVersion]
    voids: Sequence[DayEvent] = ()
    corrections: Sequence[DayEvent] = ()
    reprints: Sequence[DayReprint] = ()
    unknown: Sequence[DayEvent] = ()


def _numbers(row: DayRow) -> list[str]:
    values = (row.new, row.corrected, row.voided, row.entered, row.accepted, row.rejected, row.sending, row.pending)
    return [str(n) for n in values]


def _section(title: str, count: int, unit: str = "条") -> list[Flowable]:
    """A list's heading with how many rows it has (``unit``: what a row is)."""
    return [Spacer(1, 3.5 * mm), flow.para(f"{title}（{count} {unit}）", 12), Spacer(1, 1 * mm)]


def _time(moment: str) -> str:
    return moment[11:16]


def render(
    *,
    day: date,
    hall: Hall,
    clerk: str | None,
    people: People,
    facts: DayFacts,
    documents: Mapping[str, str],
    marks: Marks,
) -> tuple[bytes, int]:
    def who(operator_id: str) -> str:
        return people.name(operator_id)

    story: list[Flowable] = flow.title("日终对账单", marks, subtitle=hall.counter)
    scope = f"经办人：{who(clerk)}" if clerk else "全部经办人"
    story += [flow.para(f"日期：{date_text(day)}　　{scope}", 10.5), Spacer(1, 3 * mm)]
    table: list[list[str | Flowable]] = [list(COLUMNS)]
    for row in facts.rows:
        table.append([who(row.clerk), KIND_LABELS_ZH.get(row.kind, row.kind), *_numbers(row)])
    if facts.rows:
        counts = ("new", "corrected", "voided", "pending", "sending", "accepted", "rejected")
        total = DayRow("", "", *(sum(getattr(r, f) for r in facts.rows) for f in counts))
        table.append(["合计", "", *_numbers(total)])
    else:
        table.append(["当日无录入", "", *["0"] * 8])
    counts_table = flow.grid(table, [19, 27, 14, 11, 11, 17, 20, 17, 23, 15], size=8.5)
    counts_table.setStyle([("SPAN", (0, -1), (1, -1))])  # 合计 / 当日无录入 across the clerk and kind columns
    story.append(counts_table)

    story += _section("作废", len(facts.voids))
    if facts.voids:
        listing: list[list[str | Flowable]] = [["时间", "回执号", "类别", "姓名", "作废原因", "批准作废的负责人"]]
        for e in facts.voids:
            listing.append([_time(e.entered_at), e.receipt_no, KIND_LABELS_ZH.get(e.kind, e.kind), e.name, e.reason, who(e.entered_by)])
        story.append(flow.grid(listing, [12, 42, 24, 20, 46, 30], size=8))
    else:
        story.append(flow.para("无。", 10))

    story += _section("更正", len(facts.corrections))
    if facts.corrections:
        listing = [["时间", "回执号", "类别", "姓名", "更正原因", "经办人", "批准人"]]
        for e in facts.corrections:
            listing.append(
                [
                    _time(e.entered_at),
                    f"{e.receipt_no}\n第{e.version - 1}次更正",
                    KIND_LABELS_ZH.get(e.kind, e.kind),
                    e.name,
                    e.reason or "（未说明）",
                    who(e.entered_by),
                    who(e.approved_by) or "无需批准",
                ]
            )
        story.append(flow.grid(listing, [12, 42, 22, 18, 42, 19, 19], size=8))
    else:
        story.append(flow.para("无。", 10))

    # A row is a paper reprinted, perhaps several times: the heading counts both, each by its name.
    reprints = sum(r.count for r in facts.reprints)
    story += _section("补打", len(facts.reprints), f"份文书，共补打 {reprints} 次" if facts.reprints else "份")
    if facts.reprints:
        listing = [["文书", "回执号或证号", "补打次数", "补打人"]]
        for r in facts.reprints:
            names = "、".join(dict.fromkeys(who(o) for o in r.operators))
            listing.append([documents.get(r.document, r.document), r.receipt_no or r.key, str(r.count), names])
        story.append(flow.grid(listing, [36, 66, 20, 52], size=8))
    else:
        story.append(flow.para("无。", 10))

    story += _section("已发出、平台结果待确认", len(facts.unknown))
    if facts.unknown:
        listing = [["时间", "回执号", "类别", "姓名", "经办人"]]
        for e in facts.unknown:
            kind = KIND_LABELS_ZH.get(e.kind, e.kind)
            listing.append([_time(e.entered_at), f"{e.receipt_no}\n第{e.version}版", kind, e.name, who(e.entered_by)])
        story.append(flow.grid(listing, [14, 58, 34, 34, 34], size=8))
    else:
        story.append(flow.para("无。", 10))

    story += _section("被平台退回", len(facts.rejected))
    if facts.rejected:
        listing = [["回执号", "类别", "姓名", "身份证号", "经办人", "退回原因"]]
        for v in facts.rejected:
            reasons = "\n".join(str(e.get("message") or e.get("code", "")) for e in v.errors) or "（平台未说明）"
            kind = KIND_LABELS_ZH.get(v.kind, v.kind)
            listing.append([f"{v.receipt_no}\n第{v.version}版", kind, v.name, mask_id_number(v.id_number), who(v.clerk), reasons])
        story.append(flow.grid(listing, [42, 24, 16, 34, 18, 40], size=8))
    else:
        story.append(flow.para("无。", 10))
    # The closing note and the signatures stay together: a page holding only signatures could be put to any report.
    closing = [
        flow.para(
            "以上数据由本窗口客户端按录入记录、打印记录和上传结果自动汇总。"
            "“已发出待确认”的记录已报送平台，平台答复尚未取回，联网后自动核对。",
            9,
        ),
        Spacer(1, 10 * mm),
        SignatureLines(["经办人签字：", "负责人签字：", "日期："]),
    ]
    story += [Spacer(1, 4 * mm), KeepTogether(closing)]
    subject = clerk or "全部"
    return flow.build(A4, story, title_text=f"日终对账单 {day.isoformat()} {subject}", marks=marks)
