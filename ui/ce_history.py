"""A driver's continuing-education hours so far, shown while the clerk enters more.

Runs on a worker thread (it reads every earlier CE entry of the person). The
cycle runs from the qualification certificate's issue date, which the window
knows only once the platform has issued a certificate it cached; without it
the hours are summed and the clerk is told the cycle cannot be placed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from clerk_app import clock
from clerk_app.domain.ce_cycle import CeRule, cycle_anchor, cycle_summary
from ui.context import AppContext


def earlier_sessions(ctx: AppContext, id_number: str, exclude: str | None) -> list[dict]:
    sessions: list[dict] = []
    for summary in ctx.records.search(id_number, limit=1000):
        if summary.kind != "ce_hours" or summary.voided or summary.record_id == exclude:
            continue
        if summary.id_number != id_number:
            continue
        detail = ctx.records.get(summary.record_id)
        if detail is not None:
            sessions.extend(detail.versions[-1].payload.get("sessions", []))
    return sessions


def summary_text(ctx: AppContext, id_number: str, exclude: str | None = None) -> str:
    sessions = earlier_sessions(ctx, id_number, exclude)
    if not sessions:
        return QCoreApplication.translate("ce_history", "此人此前没有继续教育学时记录。")
    from clerk_app.printing import qualifications  # the certificate cache lives with printing

    certificate = qualifications.newest_for_person(ctx.db, id_number)
    if certificate is None:
        total = sum(float(s["hours"]) for s in sessions)
        text = QCoreApplication.translate("ce_history", "此人此前已录入 %1 学时（本机未存发证日期，无法按周期统计）。")
        return text.replace("%1", f"{total:g}")
    rule = CeRule.from_dict(ctx.settings.get("ce.rule"))
    summary = cycle_summary(sessions, cycle_anchor(certificate), clock.today(), rule)  # from 初次领证日期, not this paper
    text = (
        QCoreApplication.translate("ce_history", "本周期（%1 至 %2）已有 %3 学时（面授 %4，网络 %5）")
        .replace("%1", str(summary.cycle_start))
        .replace("%2", str(summary.cycle_end))
        .replace("%3", f"{summary.credited_hours:g}")
        .replace("%4", f"{summary.offline_hours:g}")
        .replace("%5", f"{summary.online_hours:g}")
    )
    if summary.complete:
        return text + QCoreApplication.translate("ce_history", "，已满足要求。")
    return text + QCoreApplication.translate("ce_history", "，还差 %1 学时。").replace("%1", f"{summary.missing_hours:g}")
