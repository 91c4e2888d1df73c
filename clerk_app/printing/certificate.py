"""从业资格证: the issued qualification certificate, one A5-landscape sheet per certificate.

The sheet carries what the paper certificate does (DOMAIN.md, ruling
"Documents"): 姓名, 性别, 出生日期 (both read from the ID number by the domain),
公民身份号码, 证号, 从业资格类别, 初次领证日期, 有效期限 (from – to), a photo box
left empty for the pasted photo, the certificate number as a Code128 barcode
and the platform's verification address as a QR code, which inspectors scan.
The issuing authority signs as GB/T 9704 lays out a signature: its name over
the day this paper was issued, bottom right, where its round seal is pressed
on both (居中下压署名和日期); nothing else lies under the seal. The seal's
place is drawn (a dashed ring) only in the on-screen preview.

Positions are fixed in millimetres because the sheet may be pre-printed stock:
then only the values are printed (``stock=True``): no labels, frames, rulers
or reprint mark on the official blank (the reprint is in the audit trail), and
the printer's calibrated offsets move everything together.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from reportlab.lib.pagesizes import A5, landscape
from reportlab.lib.units import mm

from clerk_app.domain.ce_cycle import cycle_anchor
from clerk_app.domain.id_number import IdNumber, parse_id_number
from clerk_app.domain.kinds import QUALIFICATION_NAMES
from clerk_app.printing.flowables import seal_ring
from clerk_app.printing.page import TRAINING_TITLE, Marks, Sheet
from clerk_app.printing.qualifications import validity_text
from clerk_app.printing.wording import date_text

PAGE = landscape(A5)  # 210 × 148 mm
TITLE = "中华人民共和国道路运输从业人员从业资格证"
SEXES = {"male": "男", "female": "女"}
LABEL_RIGHT_MM = 79  # labels end here (right-aligned), values start 3 mm further
VALUE_X_MM = 82
# (label, key, baseline in mm from the top, width the value may take): where the stock has each field.
FIELDS = (
    ("姓　　名", "name", 46, 38),
    ("出生日期", "birth_date", 55, 70),
    ("公民身份号码", "id_number", 64, 70),
    ("证　　号", "certificate_no", 73, 70),
    ("从业资格类别", "category", 82, 72),
    ("初次领证日期", "first_issued_on", 91, 58),
    ("有效期限", "validity", 100, 58),
)
SEX_FIELD = ("性别", "sex", 133, 46)  # on the name's line: label right edge, baseline
PHOTO_BOX = (18, 40, 33, 44)  # x, y, width, height in mm: a pasted 1-inch photo with a margin
QR_BOX = (160, 38, 36)  # x, y, size in mm
# The authority's name and the issue date, centred on x, baselines at y (mm); the seal's centre and radius, so both
# sit in its lower half, its top clear of the validity line.
SIGNATURE_X, NAME_Y, DAY_Y, NAME_WIDTH = 150, 117, 124, 60
SEAL_CENTRE, SEAL_RADIUS = (150, 114), 16
BARCODE_AT = (18, 118)
# The reprint mark inside the frame, bottom right, clear of the title (long in training mode) and of the seal.
REPRINT_AT = (14, 134)


def values(qualification: Mapping[str, Any], *, authority: str, today: date) -> dict[str, str]:
    """Every value the sheet prints, as the paper words it."""
    person = parse_id_number(str(qualification["id_number"]), today)
    sex, born = (SEXES[person.sex], date_text(person.birth_date)) if isinstance(person, IdNumber) else ("", "")
    category = str(qualification["category"])
    return {
        "name": str(qualification["name"]),
        "sex": sex,
        "birth_date": born,
        "id_number": str(qualification["id_number"]),
        "certificate_no": str(qualification["certificate_no"]),
        "category": QUALIFICATION_NAMES.get(category, category),
        "first_issued_on": date_text(cycle_anchor(qualification)),
        "validity": validity_text(qualification),  # valid_from 至 valid_until as sent, never from issued_on
        "authority": authority,
        "issued_on": date_text(str(qualification["issued_on"])),
    }


def _title_block(sheet: Sheet, training: bool) -> None:
    sheet.text(105, 21, TITLE + (TRAINING_TITLE if training else ""), size=16, align="center", bold=True, fit_mm=180)
    # 吉林省 belongs to the title: centred under it between two rules, the block closed by a double rule.
    sheet.text(105, 29, "吉　林　省", size=11.5, align="center")
    sheet.line(62, 27.6, 88, 27.6, width=0.5)
    sheet.line(122, 27.6, 148, 27.6, width=0.5)
    sheet.line(14, 33, 196, 33, width=1.0)
    sheet.line(14, 34, 196, 34, width=0.3)


def draw(sheet: Sheet, qualification: Mapping[str, Any], *, stock: bool, reprint: int, authority: str, today: date) -> None:
    sheet.start_page(reprint=0 if stock else reprint, reprint_at_mm=REPRINT_AT)
    shown = values(qualification, authority=authority, today=today)
    training = sheet.marks.training
    if stock:
        if training:  # the stock's own title line is printed; the practice mark goes just under it
            sheet.text(105, 31, TRAINING_TITLE, size=12, align="center")
    else:
        sheet.box(8, 8, 194, 132, width=1.6)
        sheet.box(10, 10, 190, 128, width=0.5)
        _title_block(sheet, training)
        sheet.box(*PHOTO_BOX, width=0.4)
        for label, _key, y, _width in FIELDS:
            sheet.text(LABEL_RIGHT_MM, y, label, size=11, align="right")
        label, _key, right, y = SEX_FIELD
        sheet.text(right, y, label, size=11, align="right")
        sheet.text(QR_BOX[0] + QR_BOX[2] / 2, QR_BOX[1] + QR_BOX[2] + 3, "扫码核验", size=8, align="center")
    if sheet.marks.preview:
        x, y = SEAL_CENTRE
        seal_ring(sheet.canvas, x * mm, sheet.height - y * mm, SEAL_RADIUS * mm)
    for _label, key, y, width in FIELDS:
        sheet.text(VALUE_X_MM, y, shown[key], size=13 if key == "name" else 11.5, fit_mm=width)
    sheet.text(SIGNATURE_X, NAME_Y, shown["authority"], size=11.5, align="center", fit_mm=NAME_WIDTH)
    sheet.text(SIGNATURE_X, DAY_Y, shown["issued_on"], size=11.5, align="center")
    _label, key, right, y = SEX_FIELD
    sheet.text(right + 3, y, shown[key], size=11.5)
    sheet.qr(QR_BOX[0], QR_BOX[1], QR_BOX[2], str(qualification["verify_url"]))
    sheet.code128(*BARCODE_AT, shown["certificate_no"], module_mm=0.3, height_mm=9)


def render(
    items: Sequence[tuple[Mapping[str, Any], int]], *, stock: bool, marks: Marks, authority: str, today: date
) -> tuple[bytes, int]:
    """One page per (certificate, its reprint number), in the order given, as one document (one print job)."""
    title = "从业资格证" if len(items) == 1 else f"从业资格证（{len(items)} 份）"
    sheet = Sheet(PAGE, title=title, marks=marks)
    for qualification, reprint in items:
        draw(sheet, qualification, stock=stock, reprint=reprint, authority=authority, today=today)
    return sheet.finish(), sheet.pages
