"""受理回执: what the window recorded for a driver, its receipt number as a barcode, and the upload state.

The driver takes it home, so every ID-number-like and phone-like value on it
is masked; the barcode finds the full record at any window.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from clerk_app.domain.kinds import (
    CE_CATEGORIES,
    KIND_LABELS_ZH,
    LICENCE_CLASSES,
    REQUEST_KINDS,
    SESSION_MODES,
    SITUATIONS,
    TRAINING_SCOPES,
)
from clerk_app.domain.masking import mask_personal_data
from clerk_app.domain.problems import FIELD_LABELS, field_label
from clerk_app.printing import flow
from clerk_app.printing.flowables import Code128
from clerk_app.printing.page import Marks
from clerk_app.services.records import RecordDetail

UPLOAD_STATES = {
    "pending": "待上传（本窗口已保存，联网后自动上传）",
    "sending": "上传中（平台结果待确认）",
    "accepted": "已上传，平台已接收",
    "rejected": "被平台退回，需更正后重新上传",
}
# The person first, then the contract's order of each kind's fields (stored payloads are sorted by key).
_ORDER = ["name", "id_number", "phone", *(f for f in FIELD_LABELS if f not in ("name", "id_number", "phone"))]
_ENUMS: dict[str, Mapping[str, str]] = {
    "training_scope": TRAINING_SCOPES,
    "category": CE_CATEGORIES,
    "kind_of_request": REQUEST_KINDS,
    "situation": SITUATIONS,
}


def shown(field: str, value: Any, institution_names: Mapping[str, str]) -> str:
    """A payload value as the driver should read it (masked where it is an ID or phone number)."""
    if field in ("vehicle_class", "licence_class") and value in LICENCE_CLASSES:
        return f"{value}（{LICENCE_CLASSES[value]}）"
    if field in _ENUMS:
        return _ENUMS[field].get(value, str(value))
    if field == "institution_code":
        name = institution_names.get(value)
        return f"{name}（{value}）" if name else str(value)
    return mask_personal_data(str(value))


def _sessions(sessions: list[dict[str, Any]]) -> Flowable:
    rows: list[list[str]] = [["课程", "方式", "学时", "日期"]]
    for s in sessions:
        dates = s["start_date"] if s["start_date"] == s["end_date"] else f"{s['start_date']}至{s['end_date']}"
        rows.append([s["course"], SESSION_MODES.get(s["mode"], s["mode"]), f"{float(s['hours']):g}", dates])
    return flow.grid(rows, [46, 14, 12, 40], size=8.5)


def render(detail: RecordDetail, *, window: str, institution_names: Mapping[str, str], marks: Marks) -> tuple[bytes, int]:
    summary = detail.summary
    current = next(v for v in detail.versions if v.version == summary.current_version)
    payload = current.payload
    story: list[Flowable] = flow.title("受理回执", 16)
    story += [
        flow.para(f"吉林省道路运输从业资格 · 服务窗口 {window}", 9, align="center"),
        Spacer(1, 3 * mm),
        Code128(summary.receipt_no, module_mm=0.28, height_mm=10),
        Spacer(1, 2 * mm),
    ]
    rows: list[list[str | Flowable]] = [
        ["回执号", summary.receipt_no],
        ["登记类别", KIND_LABELS_ZH.get(summary.kind, summary.kind)],
    ]
    for field in sorted(payload, key=lambda f: _ORDER.index(f) if f in _ORDER else len(_ORDER)):
        if field != "sessions":
            rows.append([field_label(field)[0], shown(field, payload[field], institution_names)])
    if "sessions" in payload:
        rows.append(["学习记录", _sessions(payload["sessions"])])
        total = sum(float(s["hours"]) for s in payload["sessions"])
        rows.append(["本次学时合计", f"{total:g} 学时"])
    rows.append(["录入", f"{current.entered_at[:16].replace('T', ' ')}　操作员 {current.entered_by}　第 {current.version} 版"])
    if summary.voided:
        rows.append(["状态", f"已作废：{current.void_reason or ''}"])
    rows.append(["上传状态", UPLOAD_STATES.get(summary.upload_state, summary.upload_state)])
    if summary.upload_state == "rejected":
        reasons = "\n".join(str(e.get("message", e.get("code", ""))) for e in current.platform_errors)
        rows.append(["退回原因", reasons or "（平台未说明）"])
    story.append(flow.grid(rows, [24, 88], size=9, header=False))
    story += [
        Spacer(1, 4 * mm),
        flow.para("请妥善保管本回执。凭回执号或扫描条码可在任一窗口查询办理进度。", 8.5),
    ]
    return flow.build(A5, story, title_text=f"受理回执 {summary.receipt_no}", marks=marks)
