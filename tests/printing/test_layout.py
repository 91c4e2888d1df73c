"""Every paper the window prints, laid out as a reviewer of official documents would check it (issue 22).

Each document kind is printed through PrintService with the awkward values a
real counter meets (a long name, a rare name, many CE sessions, a long
institution name, a correction, a void, a rejection), on plain paper and on
stock, in real and in training mode, and read back from the PDF
(``tests/printing/layout.py``): no glyph outside the printable area or cut by
a rule of its table or frame, no two texts over each other, every date
2026年12月1日, every face a Song (Ming) face, one face per word.
"""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

import pytest
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import text as sql

from clerk_app import clock
from clerk_app.printing import fonts, recovery_slip
from clerk_app.printing.service import PrintJob, PrintService
from clerk_app.services.institutions import InstitutionService
from clerk_app.services.records import Approval, RecordService
from clerk_app.services.settings import SettingsService
from local_db.database import Database
from tests import factories
from tests.printing import layout
from tests.printing.conftest import qualification

LONG_NAME = "阿卜杜热合曼·阿卜杜克热木·买买提艾力"
RARE_NAME = "王堃喆"
LONG_DRIVING_SCHOOL = {
    **factories.DRIVING_SCHOOL,
    "code": "JLDT0099",
    "name": "吉林省长春市朝阳区示例交通运输职业技能培训学校有限责任公司机动车驾驶员培训第二分校（虚构）",
}
LONG_CE_SCHOOL = {
    **factories.CE_SCHOOL,
    "code": "JLCE0099",
    "name": "吉林省吉林市船营区示例道路运输从业人员继续教育培训中心有限责任公司第三教学点（虚构）",
    "head": "欧阳示例",
    "address": "吉林省吉林市船营区示例大街示例胡同88号示例大厦三层至五层",
    "phone": "0432-60000001",
    "supervision_phone": "0432-60000002",
    "training_scale": "面授教室2间，每期不超过60人；年培训能力约3000人次",
    "enrollment_method": "驾驶员持从业资格证到机构现场报名，或拨打联系电话预约",
}


def _clean(papers: dict[str, PrintJob]) -> None:
    """Every paper checked, then what is wrong with any of them said at once."""
    found = [f"{name}, {finding}" for name, job in papers.items() for finding in layout.findings(job.pdf)]
    assert not found, "\n".join(found[:60]) + (f"\n… and {len(found) - 60} more" if len(found) > 60 else "")


def _many_sessions(n: int) -> list[dict[str, Any]]:
    courses = ("道路运输安全法规与典型事故案例分析", "节能驾驶", "危险货物运输安全与应急处置实务", "职业道德")
    return [
        factories.session(
            course=f"{courses[i % len(courses)]}（第{i + 1}讲）",
            hours=2,
            start_date=factories.days_ago(60 - 3 * i),
            end_date=factories.days_ago(60 - 3 * i - (i % 2)),
        )
        for i in range(n)
    ]


def _reject(db: Database, record_id: str, message: str) -> None:
    errors = [{"field": "licence_no", "code": "licence_mismatch", "message": message}]
    with db.write() as session:
        session.execute(
            sql("UPDATE outbox SET state = 'rejected', errors = :e WHERE record_id = :id"),
            {"e": json.dumps(errors, ensure_ascii=False), "id": record_id},
        )
        session.execute(sql("UPDATE records SET upload_state = 'rejected' WHERE record_id = :id"), {"id": record_id})


@pytest.fixture
def awkward(db: Database, records: RecordService, supervisor: tuple[str, str]) -> dict[str, str]:
    """Records of every kind with the values that strain a layout; their receipt numbers by name."""
    boss, password = supervisor
    service = InstitutionService(db)
    for payload in (LONG_DRIVING_SCHOOL, LONG_CE_SCHOOL):
        _stored, problems = service.add(payload, operator="tester")
        assert not problems, problems
    saved = {
        "training_completion": records.add("training_completion", factories.training_completion(), operator="clerk01"),
        "long": records.add(
            "training_completion",
            factories.training_completion(
                name=LONG_NAME, id_number=factories.id_number(seq=111), institution_code="JLDT0099", certificate_no="JL-B2-2026-000124"
            ),
            operator="clerk01",
        ),
        "rare": records.add(
            "training_completion",
            factories.training_completion(name=RARE_NAME, id_number=factories.id_number(seq=112), certificate_no="JL-B2-2026-000125"),
            operator="clerk01",
        ),
        "ce_hours": records.add("ce_hours", factories.ce_hours(), operator="clerk02"),
        "many_sessions": records.add(
            "ce_hours",
            factories.ce_hours(
                id_number=factories.id_number(seq=457),
                qualification_cert_no=factories.id_number(seq=457),
                name=LONG_NAME,
                institution_code="JLCE0099",
                sessions=_many_sessions(14),
            ),
            operator="clerk02",
        ),
        "qualification_application": records.add("qualification_application", factories.qualification_application(), operator="clerk01"),
        "transition_case": records.add("transition_case", factories.transition_case(), operator="clerk02"),
    }
    for outcome in saved.values():
        assert outcome.ok, outcome.errors
    corrected = {**factories.training_completion(), "phone": "13900001111"}
    ids = {name: str(outcome.record_id) for name, outcome in saved.items()}
    approval = Approval(boss, password)
    assert records.correct(ids["training_completion"], corrected, operator="clerk01", reason="驾驶员更换了联系电话", approval=approval).ok
    assert records.void(ids["transition_case"], "重复录入，已在本窗口另行登记", operator=boss, password=password).ok
    _reject(db, ids["qualification_application"], "驾驶证准驾车型与结业记录不符，请核对驾驶证后更正再上传")
    return {name: str(outcome.receipt_no) for name, outcome in saved.items()}


def test_every_paper_of_a_busy_day_is_laid_out_within_its_cells_and_the_paper(
    db: Database, printing: PrintService, awkward: dict[str, str]
) -> None:
    # One day's records (set up once: a window's set-up is the slow part), every paper printed from them.
    papers = {f"receipt {name}": printing.receipt(receipt_no, operator="clerk01") for name, receipt_no in awkward.items()}
    # A reprint carries its boxed mark in the corner, clear of the title.
    papers["receipt reprint"] = printing.receipt(awkward["ce_hours"], operator="clerk02")
    papers["ce statement"] = printing.ce_statement(factories.id_number(seq=457), operator="clerk01", issued_on=date(2025, 3, 1))
    papers["day report"] = printing.day_report(clock.today(), operator="boss")
    papers["filing form"] = printing.filing_form("JLCE0099", operator="clerk01")
    papers["test page"] = printing.test_page("证书打印机", operator="clerk01")
    # The same in training mode, under the watermark.
    practice = PrintService(db, training=True)
    papers["training receipt"] = practice.receipt(awkward["many_sessions"], operator="clerk01")
    papers["training ce statement"] = practice.ce_statement(factories.id_number(seq=456), operator="clerk01", issued_on=date(2025, 3, 1))
    papers["training day report"] = practice.day_report(clock.today(), operator="clerk01")
    _clean(papers)


def test_certificates_on_plain_paper_and_on_stock_are_laid_out_cleanly(db: Database, printing: PrintService) -> None:
    certificates = [
        qualification(first_issued_on="2020-06-15"),
        qualification(certificate_no="JL2201202611000124", name=RARE_NAME, id_number=factories.id_number(seq=77)),
        qualification(certificate_no="JL2201202611000125", name=LONG_NAME, id_number=factories.id_number(seq=78), category="passenger"),
    ]
    papers = {"certificates": printing.certificates_from(certificates, operator="clerk01")}
    papers["training certificate"] = PrintService(db, training=True).certificates_from([certificates[1]], operator="clerk01")
    SettingsService(db).set("print.certificate_stock", "on", operator="tester")
    papers["certificates on stock"] = printing.certificates_from(certificates, operator="clerk01", printer="证书打印机")
    papers["training certificate on stock"] = PrintService(db, training=True).certificates_from(
        [certificates[0]], operator="clerk01", printer="证书打印机"
    )
    _clean(papers)


def test_the_recovery_code_slip_is_laid_out_cleanly() -> None:
    code = " ".join(f"{n:04d}" for n in range(1234, 1244))
    hall = f"{LONG_DRIVING_SCHOOL['name']} 3号窗口"
    slip = recovery_slip.render(code, hall=hall, issued_on=date(2026, 12, 1), issued_by=RARE_NAME, key_id="0f3a9c2e71b4")
    found = layout.findings(slip)
    assert not found, "\n".join(found)


def test_the_check_finds_each_fault_a_reviewer_would() -> None:
    # A page drawn wrong on purpose, straight in ReportLab: each fault must be named.
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A5)
    song, sans = fonts.chain()[0].name, "ClerkLayoutSans"
    pdfmetrics.registerFont(TTFont(sans, str(fonts.FONT_DIR / "wqy-microhei.ttc"), subfontIndex=0))
    canvas.rect(20 * mm, 150 * mm, 40 * mm, 10 * mm)
    canvas.setFont(song, 10)
    canvas.drawString(22 * mm, 153 * mm, "2026年11月11日至2026年11月12日")  # runs through the frame's right rule
    canvas.drawString(120 * mm, 120 * mm, "延伸到纸外的文字")  # off the paper
    canvas.drawString(20 * mm, 100 * mm, "重叠")
    canvas.drawString(21 * mm, 100 * mm, "重叠")  # drawn over the line before
    canvas.drawString(20 * mm, 80 * mm, "日期：2026年12月01日")
    canvas.setFont(sans, 10)
    canvas.drawString(20 * mm, 60 * mm, "黑体")
    canvas.showPage()
    canvas.save()

    found = "\n".join(layout.findings(buffer.getvalue()))
    assert "crossed by a rule" in found and "outside the printable area" in found and "overlaps" in found, found
    assert "「2026年12月01」" in found or "12月01日" in found, found
    assert "not a Song (Ming) face" in found, found
