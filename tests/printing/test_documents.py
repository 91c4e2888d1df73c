"""Each printed document read back: its text, its embedded font, its barcodes scanned from the rendered page."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import text as sql

from clerk_app import clock
from clerk_app.printing.service import PrintRefused, PrintService
from clerk_app.services.records import RecordService
from local_db.database import Database
from tests import factories
from tests.printing import readback
from tests.printing.conftest import qualification


def _all_text_embedded(pdf: bytes) -> None:
    used = readback.fonts_drawing_text(pdf)
    assert used, "no text drawn"
    assert all(used.values()), f"text drawn in a font that is not embedded: {used}"


def test_receipt_shows_the_entry_masks_the_id_and_its_barcode_scans_to_the_receipt_number(
    records: RecordService, printing: PrintService
) -> None:
    saved = records.add("training_completion", factories.training_completion(), operator="clerk01")
    job = printing.receipt(saved.receipt_no, operator="clerk01")

    words = readback.text(job.pdf)
    for expected in ("受理回执", saved.receipt_no, "张三", "培训结业信息", "培训机构", "长春市示例驾驶员培训学校", "B2（大型货车）"):
        assert expected in words
    assert "办理进度" in words and "由本窗口报送" in words.replace("\n", "")  # in the driver's words, not the program's
    assert "上传状态" not in words and "待上传" not in words and "机构代码" not in words and "JLDT0001" not in words
    assert factories.id_number() not in words  # the driver's copy never carries the full ID number
    assert "2201**********" in words
    assert [(s.format, s.text) for s in readback.scan(job.pdf)] == [("Code128", saved.receipt_no)]
    _all_text_embedded(job.pdf)
    assert (job.pages, job.reprint_count, job.document) == (1, 0, "receipt")


def test_a_reprint_is_marked_and_every_print_is_in_the_audit_trail(records: RecordService, printing: PrintService) -> None:
    saved = records.add("transition_case", factories.transition_case(), operator="clerk01")
    first = printing.receipt(saved.record_id, operator="clerk01")
    second = printing.receipt(saved.receipt_no, operator="clerk02")
    third = printing.receipt(saved.receipt_no, operator="clerk01")

    assert "补打" not in readback.text(first.pdf)
    assert "补打（第1次）" in readback.text(second.pdf)
    assert "补打（第2次）" in readback.text(third.pdf)
    assert "阿依古丽·买买提" in readback.text(third.pdf)  # the minority name's middle dot is kept
    prints = [a for a in records.get(saved.record_id).audit if a.action == "print"]
    assert [(a.operator, a.detail) for a in prints] == [
        ("clerk01", {"document": "receipt", "key": saved.record_id, "reprint": 0}),
        ("clerk02", {"document": "receipt", "key": saved.record_id, "reprint": 1}),
        ("clerk01", {"document": "receipt", "key": saved.record_id, "reprint": 2}),
    ]


def test_certificate_barcode_and_qr_code_scan_to_the_number_and_the_verification_address(printing: PrintService) -> None:
    cert = qualification()
    job = printing.certificates_from([cert], operator="clerk01")

    words = readback.text(job.pdf)
    for expected in ("从业资格证", "张三", cert["id_number"], "经营性道路货物运输驾驶员", "2032年11月19日"):
        assert expected in words
    scanned = {s.format: s.text for s in readback.scan(job.pdf)}
    assert scanned == {"Code128": cert["certificate_no"], "QRCode": cert["verify_url"]}
    _all_text_embedded(job.pdf)


def test_several_certificates_are_one_job_with_each_reprint_marked_on_its_own_page(printing: PrintService) -> None:
    certs = [qualification(certificate_no=f"JL22012026110{n:05d}", id_number=factories.id_number(seq=100 + n)) for n in range(3)]
    printing.certificates_from([certs[1]], operator="clerk01")
    job = printing.certificates_from(certs, operator="clerk01")

    assert job.pages == 3 and job.reprint_count == 1
    pages = readback.page_texts(job.pdf)
    assert ["补打" in page for page in pages] == [False, True, False]
    for n, cert in enumerate(certs):
        assert {s.text for s in readback.scan(job.pdf, page=n)} == {cert["certificate_no"], cert["verify_url"]}


def test_a_character_missing_from_the_font_is_reported_and_nothing_is_recorded(db: Database, printing: PrintService) -> None:
    with pytest.raises(PrintRefused) as refused:
        printing.certificates_from([qualification(name="刘㐂")], operator="clerk01")

    (problem,) = refused.value.problems
    assert problem.code == "print_glyph_missing"
    assert "「㐂」" in problem.message_zh and "U+3402" in problem.message_zh
    with db.read() as session:
        assert session.execute(sql("SELECT count(*) FROM audit_log WHERE action = 'print'")).scalar() == 0


def test_certificate_data_that_is_incomplete_or_not_valid_is_refused(printing: PrintService) -> None:
    missing = qualification()
    del missing["verify_url"]
    with pytest.raises(PrintRefused) as refused:
        printing.certificates_from([missing, qualification(status="revoked")], operator="clerk01")
    codes = [p.code for p in refused.value.problems]
    assert codes == ["print_certificate_incomplete", "print_certificate_not_valid"]
    assert "verify_url" in refused.value.problems[0].message_zh


def test_a_certificate_not_cached_here_is_refused_with_the_way_forward(printing: PrintService) -> None:
    with pytest.raises(PrintRefused) as refused:
        printing.certificate("JL0000000000", operator="clerk01")
    assert refused.value.problems[0].code == "print_certificate_not_found"


def test_ce_statement_totals_the_current_cycle_with_the_rule_in_force(records: RecordService, printing: PrintService) -> None:
    driver = factories.id_number(seq=456)
    records.add("ce_hours", factories.ce_hours(), operator="clerk01")
    more = factories.ce_hours(
        sessions=[
            {"course": "节能驾驶", "hours": 10, "mode": "offline", "start_date": factories.days_ago(5), "end_date": factories.days_ago(5)}
        ]
    )
    assert records.add("ce_hours", more, operator="clerk01", confirm_duplicate=True).ok

    job = printing.ce_statement(driver, operator="clerk01", issued_on=date(2025, 3, 1))
    words = readback.text(job.pdf).replace("\n", "")
    # 4 + 2.5 + 10 h in a classroom: 16.5 of 24.
    assert "李四" in words and driver in words
    assert "2025年3月1日至2027年2月28日" in words
    assert "本周期已计入16.5应完成24" in words
    assert "本周期尚缺7.5学时，请在2027年2月28日前补足" in words
    assert "道路运输安全法规" in words and "节能驾驶" in words
    assert "本窗口录入记录" in words  # where the figures come from
    _all_text_embedded(job.pdf)


def test_ce_statement_needs_the_certificate_issue_date(records: RecordService, printing: PrintService) -> None:
    records.add("ce_hours", factories.ce_hours(), operator="clerk01")
    with pytest.raises(PrintRefused) as refused:
        printing.ce_statement(factories.id_number(seq=456), operator="clerk01")
    assert refused.value.problems[0].code == "print_ce_anchor_unknown"


def _reject(db: Database, record_id: str, errors: list[dict[str, str]]) -> None:
    # What the upload engine does when the platform answers: the outbox row takes the result.
    with db.write() as session:
        session.execute(
            sql("UPDATE outbox SET state = 'rejected', errors = :errors WHERE record_id = :id"),
            {"errors": json.dumps(errors, ensure_ascii=False), "id": record_id},
        )
        session.execute(sql("UPDATE records SET upload_state = 'rejected' WHERE record_id = :id"), {"id": record_id})


def test_day_report_counts_by_kind_and_clerk_lists_rejections_and_has_signature_lines(
    db: Database, records: RecordService, printing: PrintService, supervisor: tuple[str, str]
) -> None:
    first = records.add("training_completion", factories.training_completion(), operator="clerk01")
    records.add("ce_hours", factories.ce_hours(), operator="clerk02")
    records.add("transition_case", factories.transition_case(), operator="clerk02")
    _reject(db, first.record_id, [{"field": "certificate_no", "code": "no_matching_completion", "message": "平台没有对应的结业记录"}])

    whole = readback.text(printing.day_report(clock.today(), operator="clerk01").pdf).replace("\n", "")
    assert "日终对账单" in whole and "全部经办人" in whole
    assert "刘晓梅" in whole and "陈建国" in whole and "clerk0" not in whole  # names, not operator IDs
    assert "平台没有对应的结业记录" in whole and first.receipt_no in whole
    assert "被平台退回（1 条）" in whole
    assert "经办人签字" in whole and "负责人签字" in whole

    one = readback.text(printing.day_report(clock.today(), operator="clerk02", clerk="clerk02").pdf).replace("\n", "")
    assert "陈建国" in one and "刘晓梅" not in one
    assert "被平台退回（0 条）" in one

    empty = readback.text(printing.day_report(date(2020, 1, 2), operator="clerk01").pdf)
    assert "当日无录入" in empty


def test_filing_form_of_a_ce_institution_and_refusals(institutions: object, printing: PrintService) -> None:
    job = printing.filing_form("jlce0001", operator="clerk01")
    words = readback.text(job.pdf)
    expected_texts = ("道路运输驾驶员继续教育机构备案申请表", "吉林市示例继续教育培训中心", "线下", "负责人签字", "备案机关（盖章）")
    for expected in expected_texts:
        assert expected in words
    # An application is not printed pre-filled with its own result: the filing number and level are the authority's to write.
    assert "吉CE备2026-001" not in words and "市级" not in words and "备案编号" in words
    _all_text_embedded(job.pdf)
    with pytest.raises(PrintRefused) as refused:
        printing.filing_form("JLDT0001", operator="clerk01")
    assert refused.value.problems[0].code == "print_not_ce_institution"
    with pytest.raises(PrintRefused) as refused:
        printing.filing_form("NOPE", operator="clerk01")
    assert refused.value.problems[0].code == "print_institution_not_found"


def test_no_printed_line_starts_with_chinese_closing_punctuation(institutions: object, printing: PrintService) -> None:
    # The filing form's declaration wraps right before a "，" at A4 width: it must stay on the line above.
    lines = readback.text(printing.filing_form("JLCE0001", operator="clerk01").pdf).splitlines()
    assert any("如实记录学员学时" in line for line in lines)
    assert not [line for line in lines if line.strip()[:1] in set("，；：？！。、》」』】")]
