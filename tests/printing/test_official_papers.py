"""The papers as a driver and a supervisor read them (issue 14): read back from the PDF, fonts, text and codes.

Each test prints through PrintService on a window whose hall is set in the
settings (tests/conftest.py HALL) and reads the PDF back the way a user's
tools would: pypdf for the text and the fonts that draw it, zxing for the codes.
"""

from __future__ import annotations

import json
import re
from datetime import date

from sqlalchemy import text as sql

from clerk_app import clock
from clerk_app.printing.ce_statement import PLATFORM, THIS_WINDOW, CeSession, CeSource, CeStatement
from clerk_app.printing.service import PrintJob, PrintService
from clerk_app.services.records import Approval, RecordService
from clerk_app.services.settings import SettingsService
from local_db.database import Database
from tests import factories
from tests.conftest import HALL
from tests.printing import readback
from tests.printing.conftest import qualification

SONG = "BousungEG-Light-GB"  # AR PL SungtiL GB, as its file names itself
FALLBACK = "UMingCN"  # AR PL UMing CN
ISO_DATE = re.compile(r"(?<![\d-])(19|20)\d{2}-\d{2}-\d{2}(?!\d)")
PADDED_DATE = re.compile(r"\d{4}年0\d月|月0\d日")


def _faces(job: PrintJob) -> set[str]:
    used = readback.fonts_drawing_text(job.pdf)
    assert all(used.values()), f"text drawn in a font that is not embedded: {used}"
    return {next(face for face in (SONG, FALLBACK) if face in name) for name in used}


def _one_date_style(words: str) -> None:
    assert not ISO_DATE.search(words), ISO_DATE.search(words)
    assert not PADDED_DATE.search(words), PADDED_DATE.search(words)


def _stock(db: Database) -> None:
    SettingsService(db).set("print.certificate_stock", "on", operator="tester")


def test_the_certificate_carries_every_field_of_the_paper_one_in_the_song_face(printing: PrintService) -> None:
    cert = qualification(first_issued_on="2020-06-15")
    job = printing.certificates_from([cert], operator="clerk01")

    words = readback.text(job.pdf)
    for label, value in (
        ("姓", "张三"),
        ("性别", "男"),  # the 17th digit of the ID number is odd
        ("出生日期", "1985年3月12日"),  # read from the ID number
        ("公民身份号码", cert["id_number"]),
        ("证", cert["certificate_no"]),
        ("从业资格类别", "经营性道路货物运输驾驶员"),
        ("初次领证日期", "2020年6月15日"),  # first_issued_on, not this paper's issued_on
        ("有效期限", "2026年11月20日至2032年11月19日"),
        ("", HALL["hall.authority"]),  # signing bottom right, over the day this paper was issued
        ("", "2026年11月20日"),
    ):
        assert label in words and value in words, (label, value)
    assert "中华人民共和国道路运输从业人员从业资格证" in words and "吉　林　省" in words
    _one_date_style(words.replace(cert["id_number"], ""))
    assert _faces(job) == {SONG}
    codes = {s.format: s for s in readback.scan(job.pdf)}
    assert codes["Code128"].text == cert["certificate_no"] and codes["QRCode"].text == cert["verify_url"]
    # As on the card: the QR code top right beside the fields, the barcode bottom left.
    assert codes["QRCode"].left_mm > 150 and codes["QRCode"].top_mm < 50
    assert codes["Code128"].left_mm < 30 and codes["Code128"].top_mm > 110


def test_a_name_with_characters_the_song_face_lacks_prints_wholly_in_the_fallback_ming_face(printing: PrintService) -> None:
    job = printing.certificates_from([qualification(name="王堃喆")], operator="clerk01")
    assert "王堃喆" in readback.text(job.pdf)
    assert _faces(job) == {SONG, FALLBACK}
    name = [(c, face) for c, face in readback.char_faces(job.pdf) if c in "王堃喆"]
    assert len({face for _c, face in name}) == 1 and FALLBACK in name[0][1], name  # one face for the whole name


def test_on_stock_a_reprint_prints_the_values_only_and_the_audit_trail_keeps_it(db: Database, printing: PrintService) -> None:
    _stock(db)
    cert = qualification(first_issued_on="2020-06-15")
    printing.certificates_from([cert], operator="clerk01", printer="证书打印机")
    again = printing.certificates_from([cert], operator="clerk01", printer="证书打印机")  # a misfeed, printed again

    words = readback.text(again.pdf)
    assert again.reprint_count == 1
    assert "补打" not in words
    for label in ("姓　　名", "性别", "出生日期", "初次领证日期", "有效期限", "从业资格证", "扫码核验"):
        assert label not in words, label  # the stock has them printed already
    for value in ("张三", "1985年3月12日", "2020年6月15日", HALL["hall.authority"], cert["certificate_no"]):
        assert value in words
    assert {s.text for s in readback.scan(again.pdf)} == {cert["certificate_no"], cert["verify_url"]}
    with db.read() as session:
        details = [json.loads(d) for (d,) in session.execute(sql("SELECT detail FROM audit_log WHERE action = 'print' ORDER BY seq"))]
    assert [d["reprint"] for d in details] == [0, 1]


def test_the_receipt_speaks_the_drivers_words_and_names_the_clerk_once(
    db: Database, records: RecordService, printing: PrintService, supervisor: tuple[str, str]
) -> None:
    saved = records.add("training_completion", factories.training_completion(), operator="clerk01")
    words = readback.text(printing.receipt(saved.receipt_no, operator="clerk01").pdf)
    assert HALL["hall.name"] in words and "1号窗口" in words
    assert "受理时间" in words and words.count("刘晓梅") == 2  # 经办人 by the seal, and who printed it in the footer
    assert "clerk01" not in words and "第 1 版" not in words and "更正" not in words and "咨询电话" not in words
    _one_date_style(words)

    SettingsService(db).set("hall.phone", "0431-88886666", operator="tester")
    corrected = {**factories.training_completion(), "phone": "13900001111"}
    assert records.correct(saved.record_id, corrected, operator="clerk02", reason="驾驶员更换了联系电话").ok
    words = readback.text(printing.receipt(saved.receipt_no, operator="clerk02").pdf).replace("\n", "")
    assert "第1次更正登记信息（驾驶员更换了联系电话）。以本回执为准，此前打印的回执不再有效。" in words
    assert "陈建国" in words and "咨询电话：0431-88886666" in words

    boss, password = supervisor
    assert records.void(saved.record_id, "重复录入，已另行登记", operator=boss, password=password).ok
    words = readback.text(printing.receipt(saved.receipt_no, operator="clerk02").pdf).replace("\n", "")
    assert "经负责人批准作废：重复录入，已另行登记" in words and "本登记已作废" in words
    assert "赵负责" not in words  # the clerk who handled it stays the 经办人, not the supervisor who voided it


def test_a_rejected_receipt_says_why_in_plain_words(db: Database, records: RecordService, printing: PrintService) -> None:
    saved = records.add("qualification_application", factories.qualification_application(), operator="clerk01")
    errors = [{"field": "licence_no", "code": "licence_mismatch", "message": "驾驶证准驾车型与结业记录不符"}]
    with db.write() as session:
        session.execute(
            sql("UPDATE outbox SET state = 'rejected', errors = :e WHERE record_id = :id"),
            {"e": json.dumps(errors, ensure_ascii=False), "id": saved.record_id},
        )
        session.execute(sql("UPDATE records SET upload_state = 'rejected' WHERE record_id = :id"), {"id": saved.record_id})
    words = readback.text(printing.receipt(saved.receipt_no, operator="clerk01").pdf).replace("\n", "")
    assert "平台未接收登记信息（原因见下）" in words and "未接收原因驾驶证准驾车型与结业记录不符" in words


def test_the_ce_statement_counts_hours_from_this_window_and_the_platform_and_names_its_sources(printing: PrintService) -> None:
    def session(course: str, hours: float, mode: str, day: str, status: str, reference: str, source: str) -> CeSession:
        return CeSession(course, hours, mode, day, day, "吉林市示例继续教育培训中心（虚构）", status, reference, source)

    statement = CeStatement(
        name="李四",
        id_number=factories.id_number(seq=456),
        certificate_no="JL2201202611000456",
        category="freight",
        first_issued_on=date(2025, 3, 1),
        sessions=(
            session("道路运输安全法规", 4, "offline", "2026-11-01", "active", "220100-01-20261201-0001", THIS_WINDOW),
            session("节能驾驶", 20, "online", "2026-05-18", "active", "长春市二道区政务服务中心 2号窗口", PLATFORM),
            session("应急处置", 2.5, "online", "2026-03-10", "suspended", "四平市铁西区政务服务中心 1号窗口", PLATFORM),
        ),
        sources=(CeSource(THIS_WINDOW, "2026-12-01T09:30:00+08:00"), CeSource(PLATFORM, "2026-12-01T09:31:00+08:00")),
    )
    job = printing.ce_statement_from(statement, operator="clerk01")
    words = readback.text(job.pdf).replace("\n", "")

    assert "初次领证日期2025年3月1日" in words and "2025年3月1日至2027年2月28日" in words
    assert "22.5（计入18）" in words  # online hours beyond the rule's cap are shown, not credited
    assert "本周期已计入22应完成24" in words and "本周期尚缺2学时（其中面授尚缺2学时）" in words
    assert "本窗口4学时；省平台22.5学时" in words
    assert "本窗口录入记录（2026年12月1日09:30读取）" in words.replace(" ", "")  # a line may break at the space
    assert "吉林省道路运输从业资格平台已接收记录（2026年12月1日09:31读取）" in words.replace(" ", "")
    assert "（暂停）" in words  # the institution's present status beside its hours
    assert HALL["hall.name"] in words
    _one_date_style(words)
    assert _faces(job) == {SONG}


def test_the_filing_form_names_the_hall_in_words(institutions: object, printing: PrintService) -> None:
    words = readback.text(printing.filing_form("JLCE0001", operator="clerk01").pdf)
    assert HALL["hall.name"] in words and "备案机关（盖章）" in words
    _one_date_style(words)


def _sending(db: Database, record_id: str) -> None:
    with db.write() as session:  # sent in a batch whose answer never came back
        session.execute(sql("UPDATE outbox SET state = 'sending' WHERE record_id = :id"), {"id": record_id})
        session.execute(sql("UPDATE records SET upload_state = 'sending' WHERE record_id = :id"), {"id": record_id})


def _accepted(db: Database, record_id: str) -> None:
    with db.write() as session:
        session.execute(sql("UPDATE outbox SET state = 'accepted' WHERE record_id = :id"), {"id": record_id})
        session.execute(sql("UPDATE records SET upload_state = 'accepted' WHERE record_id = :id"), {"id": record_id})


def test_the_day_report_lists_voids_corrections_reprints_and_unknown_outcomes_by_name(
    db: Database, records: RecordService, printing: PrintService, supervisor: tuple[str, str]
) -> None:
    boss, password = supervisor
    completion = records.add("training_completion", factories.training_completion(), operator="clerk01")
    transition = records.add("transition_case", factories.transition_case(), operator="clerk02")
    ce = records.add("ce_hours", factories.ce_hours(), operator="clerk02")
    _accepted(db, completion.record_id)
    corrected = {**factories.training_completion(), "phone": "13900001111"}
    approval = Approval(boss, password)
    assert records.correct(completion.record_id, corrected, operator="clerk01", reason="驾驶员更换了联系电话", approval=approval).ok
    assert records.void(transition.record_id, "重复录入，已另行登记", operator=boss, password=password).ok
    _sending(db, ce.record_id)
    for clerk in ("clerk01", "clerk02", "clerk02"):
        printing.receipt(ce.receipt_no, operator=clerk)  # printed, then reprinted twice

    words = readback.text(printing.day_report(clock.today(), operator=boss).pdf).replace("\n", "")
    assert "作废（1 条）" in words and "重复录入，已另行登记" in words and transition.receipt_no in words
    assert "更正（1 条）" in words and "驾驶员更换了联系电话" in words and "赵负责" in words  # the approver, by name
    # One paper reprinted twice: the heading counts the paper and the reprints, each by its name.
    assert "补打（1 份文书，共补打 2 次）" in words and "受理回执" in words and f"{ce.receipt_no}2陈建国" in words
    assert "已发出、平台结果待确认（1 条）" in words
    assert "批准作废的负责人" in words and "作废负责人" not in words.replace("批准作废的负责人", "")
    # The upload columns name each state: the accepted correction and the unknown CE record stand apart.
    assert "平台已接收平台退回已发出待确认待上传" in words and "已上传" not in words
    assert "刘晓梅" in words and "陈建国" in words
    assert not re.search(r"clerk0\d|boss", words)  # people by name, never by operator ID
    _one_date_style(words)


def test_training_mode_marks_every_page_of_every_document(db: Database, records: RecordService, institutions: object) -> None:
    practice = PrintService(db, training=True)
    saved = records.add("ce_hours", factories.ce_hours(), operator="clerk01")
    for n in range(12):  # sent back by the platform: enough for a day report of more than one page
        driver = factories.id_number(seq=500 + n)
        more = records.add("ce_hours", factories.ce_hours(id_number=driver, qualification_cert_no=driver), operator="clerk01")
        assert more.ok, more.errors
        with db.write() as session:
            session.execute(sql("UPDATE outbox SET state = 'rejected', errors = '[]' WHERE record_id = :id"), {"id": more.record_id})
    cert = qualification()
    jobs = [
        practice.receipt(saved.receipt_no, operator="clerk01"),
        practice.certificates_from([cert], operator="clerk01"),
        practice.ce_statement(factories.id_number(seq=456), operator="clerk01", issued_on=date(2025, 3, 1)),
        practice.day_report(clock.today(), operator="clerk01"),
        practice.filing_form("JLCE0001", operator="clerk01"),
        practice.test_page("证书打印机", operator="clerk01"),
    ]
    _stock(db)
    jobs.append(practice.certificates_from([cert], operator="clerk01", printer="证书打印机"))
    assert any(job.pages > 1 for job in jobs)
    for job in jobs:
        pages = readback.page_texts(job.pdf)
        assert all("练习" in page and "无效" in page for page in pages), job.title
        assert "培训模式" in pages[0], job.title
    assert {s.text for s in readback.scan(jobs[1].pdf)} == {cert["certificate_no"], cert["verify_url"]}  # still scans

    real = PrintService(db).receipt(saved.receipt_no, operator="clerk01")
    assert "练习" not in readback.text(real.pdf) and "培训模式" not in readback.text(real.pdf)


def test_the_seal_presses_on_the_issuers_name_and_date_and_its_ring_is_shown_in_the_preview_only(
    db: Database, records: RecordService, institutions: object
) -> None:
    printing = PrintService(db)
    saved = records.add("ce_hours", factories.ce_hours(), operator="clerk01")
    today = f"{clock.today().year}年{clock.today().month}月{clock.today().day}日"
    jobs = {  # each paper, and the issuers' names and dates the seals press on (GB/T 9704: 居中下压署名和日期)
        "receipt": (printing.receipt(saved.receipt_no, operator="clerk01"), [(HALL["hall.name"], today)]),
        "certificate": (printing.certificates_from([qualification()], operator="clerk01"), [(HALL["hall.authority"], "2026年11月20日")]),
        "ce_statement": (
            printing.ce_statement(factories.id_number(seq=456), operator="clerk01", issued_on=date(2025, 3, 1)),
            [(HALL["hall.name"], today)],
        ),
        "filing_form": (  # the applicant's seal and the filing authority's, each over a date written by hand
            printing.filing_form("JLCE0001", operator="clerk01"),
            [("吉林市示例继续教育培训中心（虚构）", "年月日"), ("备案机关（盖章）", "年月日")],
        ),
    }
    for name, (job, signature) in jobs.items():
        last = readback.page_count(job.pdf) - 1
        assert readback.dashed_rings(job.pdf, last) == [], f"{name}: a seal ring printed on paper"
        preview = job.preview_pdf()
        rings = readback.dashed_rings(preview, last)
        assert rings, f"{name}: the preview does not show where the seal goes"
        assert all(radius >= 15 for _x, _y, radius in rings), f"{name}: a seal area too small for a round seal"
        inside: dict[tuple[float, float, float], str] = {}
        for character, x, y in readback.char_centres(preview, last):
            for ring in rings:
                cx, cy, radius = ring
                if (x - cx) ** 2 + (y - cy) ** 2 < radius**2:
                    inside[ring] = inside.get(ring, "") + character
                    assert y > cy - 2, f"{name}: 「{character}」 in the seal's upper half: the name and date sit in its lower half"
        # Under each seal: its date whole, and the middle of its issuer's name (a name wider than the seal runs out
        # on both sides); nothing else.
        def signs(under: str, issuer: str, day: str) -> bool:
            return under.endswith(day) and under[: -len(day)] in issuer and len(under) > len(day) + 3

        pressed = list(inside.values())
        assert len(pressed) == len(signature), f"{name}: {pressed}"
        assert all(any(signs(under, *pair) for under in pressed) for pair in signature), f"{name}: under the seals: {pressed}"


def test_a_rare_name_in_a_flowing_document_is_set_in_the_fallback_face(records: RecordService, printing: PrintService) -> None:
    saved = records.add("training_completion", factories.training_completion(name="王堃"), operator="clerk01")
    assert saved.ok, saved.errors
    job = printing.receipt(saved.receipt_no, operator="clerk01")
    assert "王堃" in readback.text(job.pdf)
    assert _faces(job) == {SONG, FALLBACK}


def test_the_qualification_has_one_full_name_on_every_paper(records: RecordService, printing: PrintService) -> None:
    saved = records.add("ce_hours", factories.ce_hours(), operator="clerk01")
    papers = {
        "receipt": printing.receipt(saved.receipt_no, operator="clerk01"),
        "ce_statement": printing.ce_statement(factories.id_number(seq=456), operator="clerk01", issued_on=date(2025, 3, 1)),
        "certificate": printing.certificates_from([qualification()], operator="clerk01"),
    }
    for name, job in papers.items():
        words = readback.text(job.pdf).replace("\n", "")
        assert "经营性道路货物运输驾驶员" in words, name
        assert "货运驾驶员" not in words and not re.search(r"类别\s*货运", words), name


def test_a_practice_paper_names_no_login(db: Database, records: RecordService) -> None:
    # The practice login "training" has no registered name: the receipt's 经办人 and its footer say 练习.
    SettingsService(db).mark_training()  # the training database: nobody proves who they are there
    saved = records.add("training_completion", factories.training_completion(), operator="training")
    assert saved.ok, saved.errors
    words = readback.text(PrintService(db, training=True).receipt(saved.receipt_no, operator="training").pdf)
    assert "training" not in words
    assert "经办人： 练习" in words or "经办人：练习" in words
    assert "打印：练习" in words
