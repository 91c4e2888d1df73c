"""受理回执: what the window recorded for a driver, its receipt number as a barcode, and where the matter stands.

The driver takes it home, so it speaks the driver's words, not the
program's: 受理时间, the institution by name (培训机构), 办理进度 in a
sentence, what a correction or a void means, the hall's 咨询电话, and the
clerk named once (经办人, by the seal). Every ID-number-like and phone-like
value on it is masked; the barcode finds the full record at any window.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from clerk_app.domain import lifecycle
from clerk_app.domain.kinds import (
    KIND_LABELS_ZH,
    LICENCE_CLASSES,
    QUALIFICATION_NAMES,
    REQUEST_KINDS,
    SESSION_MODES,
    SITUATIONS,
    TRAINING_SCOPES,
)
from clerk_app.domain.lifecycle import State
from clerk_app.domain.masking import mask_personal_data
from clerk_app.domain.problems import FIELD_LABELS, field_label
from clerk_app.printing import flow
from clerk_app.printing.flowables import Code128, SealBlock
from clerk_app.printing.page import Marks
from clerk_app.printing.wording import PROGRESS, Hall, People, date_text, span_text
from clerk_app.services.records import RecordDetail, VersionInfo

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# The person first, then the contract's order of each kind's fields (stored payloads are sorted by key).
_ORDER = ["name", "id_number", "phone", *(f for f in FIELD_LABELS if f not in ("name", "id_number", "phone"))]
# Where a paper words a field other than the form does: the qualification by its full name, as the certificate has it.
PAPER_LABELS = {"category": "从业资格类别"}
_ENUMS: dict[str, Mapping[str, str]] = {
    "training_scope": TRAINING_SCOPES,
    "category": QUALIFICATION_NAMES,
    "kind_of_request": REQUEST_KINDS,
    "situation": SITUATIONS,
}


def shown(field: str, value: Any) -> str:
    """A payload value as the driver should read it (masked where it is an ID or phone number)."""
    if field in ("vehicle_class", "licence_class") and value in LICENCE_CLASSES:
        return f"{value}（{LICENCE_CLASSES[value]}）"
    if field in _ENUMS:
        return _ENUMS[field].get(value, str(value))
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        return date_text(value)
    return mask_personal_data(str(value))


def _sessions(sessions: list[dict[str, Any]]) -> Flowable:
    """The sessions as a table of their own, the receipt's full width: it breaks across pages with its header
    repeated (inside a cell of the fields' table it could not), and ends with the hours in total."""
    rows: list[list[str | Flowable]] = [["序号", "学习记录（课程）", "方式", "学时", "学习日期"]]
    for n, s in enumerate(sessions, start=1):
        dates = date_text(s["start_date"]) if s["start_date"] == s["end_date"] else span_text(s["start_date"], s["end_date"], lines=True)
        rows.append([str(n), s["course"], SESSION_MODES.get(s["mode"], s["mode"]), f"{float(s['hours']):g}", dates])
    total = sum(float(s["hours"]) for s in sessions)
    rows.append(["", "本次学时合计", "", f"{total:g}", ""])
    table = flow.grid(rows, [11, 44, 11, 11, 35], size=8.5)
    table.setStyle([("SPAN", (1, -1), (2, -1)), ("SPAN", (3, -1), (4, -1))])
    return table


def _fields(rows: list[list[str | Flowable]]) -> Flowable:
    """Label and value, a row each."""
    table = flow.grid(rows, [29, 83], size=9, header=False)
    table.setStyle([("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)])
    return table


def _when(moment: str) -> str:
    return f"{date_text(moment)} {moment[11:16]}"


def _history(detail: RecordDetail, current: VersionInfo) -> list[list[str | Flowable]]:
    """受理时间 (the day the driver stood at the window), and what a correction or a void means, in words."""
    first = detail.versions[0]
    rows: list[list[str | Flowable]] = [["受理时间", _when(first.entered_at)]]
    corrections = [v for v in detail.versions if 1 < v.version <= current.version and v.op != "void"]
    if corrections:
        last = corrections[-1]
        reason = f"（{last.change_reason}）" if last.change_reason else ""
        rows.append(
            ["更正", f"{date_text(last.entered_at)}第{len(corrections)}次更正登记信息{reason}。以本回执为准，此前打印的回执不再有效。"]
        )
    if current.op == "void":
        rows.append(["作废原因", f"{date_text(current.entered_at)}经负责人批准作废：{current.void_reason or '（未说明）'}"])
    return rows


def render(detail: RecordDetail, *, hall: Hall, institution_names: Mapping[str, str], people: People, marks: Marks) -> tuple[bytes, int]:
    summary = detail.summary
    current = next(v for v in detail.versions if v.version == summary.current_version)
    handled = next(v for v in reversed(detail.versions) if v.version <= current.version and v.op != "void")
    payload = current.payload
    story: list[Flowable] = flow.title("受理回执", marks, 16, subtitle=hall.counter)
    story += [
        Code128(summary.receipt_no, module_mm=0.28, height_mm=8),
        Spacer(1, 2 * mm),
    ]
    rows: list[list[str | Flowable]] = [
        ["回执号", summary.receipt_no],
        ["登记类别", KIND_LABELS_ZH.get(summary.kind, summary.kind)],
    ]
    for field in sorted(payload, key=lambda f: _ORDER.index(f) if f in _ORDER else len(_ORDER)):
        if field == "institution_code":  # the driver knows the institution by its name
            rows.append(["培训机构", institution_names.get(payload[field]) or str(payload[field])])
        elif field != "sessions":
            rows.append([PAPER_LABELS.get(field) or field_label(field)[0], shown(field, payload[field])])
    story.append(_fields(rows))
    if "sessions" in payload:
        story.append(_sessions(payload["sessions"]))
    rows = _history(detail, current)
    rows.append(["办理进度", PROGRESS[lifecycle.listed(summary.upload_state, summary.voided)]])
    if summary.upload_state == State.REJECTED and not summary.voided:
        reasons = "\n".join(str(e.get("message", e.get("code", ""))) for e in current.platform_errors)
        rows.append(["未接收原因", reasons or "（平台未说明）"])
    story.append(_fields(rows))
    notes = ("请妥善保管本回执。凭回执号或扫描条码可在任一窗口查询办理进度。", *([f"咨询电话：{hall.phone}"] if hall.phone else []))
    story += [
        Spacer(1, 3 * mm),
        SealBlock(
            unit=hall.name,
            clerk_line="经办人：",
            clerk=people.name(handled.entered_by),
            notes=notes,
            day=date_text(handled.entered_at),
            size=9,
            seal_mm=38,
            overhang_mm=7,  # the last thing on the receipt: into the bottom margin, clear of the footer at its corners
        ),
    ]
    # A5 is small: margins a little narrower top and bottom than A4's keep a receipt, seal and all, on one sheet.
    return flow.build(A5, story, title_text=f"受理回执 {summary.receipt_no}", marks=marks, top_mm=16, bottom_mm=13)
