"""从业资格证: the issued qualification certificate, one A5-landscape sheet per certificate.

Positions are fixed in millimetres because the sheet may be pre-printed stock:
then only the filled-in values are printed (``stock=True``), and the printer's
calibrated offsets move everything together. The certificate number is a
Code128 barcode and the platform's verification address a QR code, which
inspectors scan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from reportlab.lib.pagesizes import A5, landscape

from clerk_app.printing.page import Marks, Sheet

PAGE = landscape(A5)  # 210 × 148 mm
CATEGORY_TITLES = {"freight": "经营性道路货物运输驾驶员", "passenger": "经营性道路旅客运输驾驶员"}
# (label, key, x of the value in mm, y of the baseline in mm): where the pre-printed stock has each field.
FIELDS = (
    ("姓　　名", "name", 52, 50),
    ("公民身份号码", "id_number", 52, 62),
    ("从业资格类别", "category", 52, 74),
    ("从业资格证号", "certificate_no", 52, 86),
    ("初次领证日期", "issued_on", 52, 98),
    ("有效期至", "valid_until", 52, 110),
)
VALUE_WIDTH_MM = 88  # a long minority name shrinks to fit this, never runs into the QR code


def _value(key: str, qualification: Mapping[str, Any]) -> str:
    value = qualification[key]
    if key == "category":
        return CATEGORY_TITLES.get(value, str(value))
    if key in ("issued_on", "valid_until"):
        year, month, day = str(value).split("-")
        return f"{year}年{int(month)}月{int(day)}日"
    return str(value)


def draw(sheet: Sheet, qualification: Mapping[str, Any], *, stock: bool, reprint: int) -> None:
    sheet.start_page(reprint=reprint)
    if not stock:
        sheet.box(8, 8, 194, 132, width=1.6)
        sheet.box(10, 10, 190, 128, width=0.5)
        sheet.text(105, 28, "中华人民共和国道路运输从业人员从业资格证", size=17, style="hei", align="center")
        sheet.text(105, 36, "吉林省", size=11, align="center")
        for label, _key, x, y in FIELDS:
            sheet.text(x - 4, y, label, size=11, style="hei", align="right")
        sheet.text(172, 103, "扫码核验", size=8, align="center")
    for _label, key, x, y in FIELDS:
        sheet.text(x, y, _value(key, qualification), size=13 if key == "name" else 11.5, fit_mm=VALUE_WIDTH_MM)
    sheet.qr(150, 56, 44, str(qualification["verify_url"]))
    sheet.code128(20, 116, str(qualification["certificate_no"]), module_mm=0.3, height_mm=9)


def render(items: Sequence[tuple[Mapping[str, Any], int]], *, stock: bool, marks: Marks) -> tuple[bytes, int]:
    """One page per (certificate, its reprint number), in the order given, as one document (one print job)."""
    title = "从业资格证" if len(items) == 1 else f"从业资格证（{len(items)} 份）"
    sheet = Sheet(PAGE, title=title, marks=marks)
    for qualification, reprint in items:
        draw(sheet, qualification, stock=stock, reprint=reprint)
    return sheet.finish(), sheet.pages
