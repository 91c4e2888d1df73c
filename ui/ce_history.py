"""A driver's continuing-education hours so far, shown while the clerk enters more.

Runs on a worker thread (it reads every earlier CE entry of the person). The
cycle runs from the qualification certificate's issue date, which the window
knows only once the platform has issued a certificate it cached; without it
the hours are summed and the clerk is told the cycle cannot be placed.
"""

from __future__ import annotations

from datetime import date

from clerk_app import clock
from clerk_app.domain.ce_cycle import CeRule, cycle_summary
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
        return "此人此前没有继续教育学时记录。"
    from clerk_app.printing import qualifications  # the certificate cache lives with printing

    certificate = qualifications.newest_for_person(ctx.db, id_number)
    if certificate is None:
        total = sum(float(s["hours"]) for s in sessions)
        return f"此人此前已录入 {total:g} 学时（本机未存发证日期，无法按周期统计）。"
    rule = CeRule.from_dict(ctx.settings.get("ce.rule"))
    summary = cycle_summary(sessions, date.fromisoformat(str(certificate["issued_on"])), clock.today(), rule)
    text = (
        f"本周期（{summary.cycle_start} 至 {summary.cycle_end}）已有 {summary.credited_hours:g} 学时"
        f"（面授 {summary.offline_hours:g}，网络 {summary.online_hours:g}）"
    )
    if summary.complete:
        return text + "，已满足要求。"
    return text + f"，还差 {summary.missing_hours:g} 学时。"
