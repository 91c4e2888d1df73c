"""Regenerate the sample documents in this folder (PDF + PNG of each), from fictitious data.

    .venv/bin/python docs/samples/make_samples.py

Builds a throw-away window database, enters, corrects and voids a few records
the way clerks and a supervisor would, and prints every document through
PrintService, so the samples are exactly what the counter prints. Needs
``pdftoppm`` (poppler-utils) for the PNGs.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from sqlalchemy import text

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from clerk_app import clock  # noqa: E402
from clerk_app.printing import calibration  # noqa: E402
from clerk_app.printing.ce_statement import PLATFORM, THIS_WINDOW, CeSession, CeSource, CeStatement  # noqa: E402
from clerk_app.printing.service import PrintJob, PrintService  # noqa: E402
from clerk_app.services.institutions import InstitutionService  # noqa: E402
from clerk_app.services.operators import OperatorService  # noqa: E402
from clerk_app.services.records import RecordService  # noqa: E402
from clerk_app.services.settings import SettingsService  # noqa: E402
from local_db.database import Database  # noqa: E402
from tests import factories  # noqa: E402

HALL = {
    "hall.code": "220102",
    "hall.name": "长春市朝阳区政务服务中心",
    "hall.authority": "长春市道路运输管理局",
    "window.code": "03",
    "hall.phone": "0431-88886666",
}
CE_CENTRE = {
    **factories.CE_SCHOOL,
    "head": "孙立华",
    "address": "吉林省吉林市示例区示例大街88号",
    "phone": "0432-60000001",
    "supervision_phone": "0432-60000002",
    "training_scale": "面授教室2间，每期不超过60人；年培训能力约3000人次",
    "enrollment_method": "驾驶员持从业资格证到机构现场报名，或拨打联系电话预约",
}


def save(name: str, job: PrintJob) -> None:
    """The PDF, and a PNG of each page beside it as pdftoppm renders it at 100 dpi (page 1: NAME.png, then NAME-2.png …)."""
    pdf = HERE / f"{name}.pdf"
    pdf.write_bytes(job.pdf)
    for old in HERE.glob(f"{name}-*.png"):
        if old.stem[len(name) + 1 :].isdigit():
            old.unlink()
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf), f"{folder}/page"], check=True)
        pages = sorted(Path(folder).glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        for n, page in enumerate(pages, start=1):
            shutil.move(page, HERE / (f"{name}.png" if n == 1 else f"{name}-{n}.png"))
    print(f"{name}: {job.pages} page(s), {len(job.pdf) // 1024} KB")


def certificate_of(name: str, id_number: str, number: str) -> dict[str, str]:
    return {
        "certificate_no": number,
        "category": "freight",
        "name": name,
        "id_number": id_number,
        "first_issued_on": "2020-06-15",
        "issued_on": "2026-11-20",
        "valid_from": "2026-11-20",
        "valid_until": "2032-11-19",
        "status": "valid",
        "verify_url": f"https://cyzg.jt.jl.example.cn/verify?no={number}",
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Database(Path(folder)).open(write=True, operator="boss")
        operators = OperatorService(db)
        operators.add("boss", "赵负责", "supervisor", "secret-123", acting="boss")
        operators.add("clerk01", "刘晓梅", "clerk", "clerk-pass-1", acting="boss")
        operators.add("clerk02", "陈建国", "clerk", "clerk-pass-2", acting="boss")
        settings = SettingsService(db)
        for key, value in HALL.items():
            settings.set(key, value, operator="boss")
        institutions = InstitutionService(db)
        institutions.add(factories.DRIVING_SCHOOL, operator="boss")
        institutions.add(CE_CENTRE, operator="boss")
        records = RecordService(db)
        completion = records.add("training_completion", factories.training_completion(), operator="clerk01")
        ce = records.add("ce_hours", factories.ce_hours(), operator="clerk02")
        transition = records.add("transition_case", factories.transition_case(), operator="clerk02")
        rejected = records.add(
            "qualification_application",
            factories.qualification_application(id_number=factories.id_number(seq=321), name="王小川"),
            operator="clerk01",
        )
        with db.write() as session:  # the platform's answers, as the upload engine records them
            errors = [{"field": "licence_no", "code": "licence_mismatch", "message": "驾驶证准驾车型与结业记录不符"}]
            session.execute(
                text("UPDATE outbox SET state='rejected', errors=:e WHERE record_id=:r"),
                {"e": json.dumps(errors, ensure_ascii=False), "r": rejected.record_id},
            )
            session.execute(text("UPDATE records SET upload_state='rejected' WHERE record_id=:r"), {"r": rejected.record_id})
            session.execute(text("UPDATE outbox SET state='sending' WHERE record_id=:r"), {"r": ce.record_id})
            session.execute(text("UPDATE records SET upload_state='sending' WHERE record_id=:r"), {"r": ce.record_id})
        corrected_payload = {**factories.training_completion(), "phone": "13900001111"}
        outcome = records.correct(completion.record_id, corrected_payload, operator="clerk01", reason="驾驶员更换了联系电话")
        assert outcome.ok, outcome.errors
        outcome = records.void(transition.record_id, "重复录入，已在本窗口另行登记", operator="boss", password="secret-123")
        assert outcome.ok, outcome.errors

        printing = PrintService(db)
        save("receipt", printing.receipt(completion.receipt_no, operator="clerk01"))
        save("receipt-reprint", printing.receipt(completion.receipt_no, operator="clerk02"))
        save("receipt-ce-hours", printing.receipt(ce.receipt_no, operator="clerk02"))
        certificate = certificate_of("张三", factories.id_number(), "JL2201202611000123")
        save("certificate", printing.certificates_from([certificate], operator="clerk01"))
        rare = certificate_of("王堃喆", factories.id_number(seq=77), "JL2201202611000124")
        save("certificate-rare-name", printing.certificates_from([rare], operator="clerk01"))
        settings.set("print.certificate_stock", "on", operator="boss")
        calibration.set_offsets(db, "证书打印机", 1.5, -1.0, operator="boss")
        printing.certificates_from([certificate], operator="clerk01", printer="证书打印机")  # a misfeed: printed again
        save("certificate-on-stock", printing.certificates_from([certificate], operator="clerk01", printer="证书打印机"))
        settings.set("print.certificate_stock", "off", operator="boss")
        save("ce-statement", printing.ce_statement_from(two_windows(db), operator="clerk02"))
        save("day-report", printing.day_report(clock.today(), operator="boss"))
        save("filing-form", printing.filing_form(CE_CENTRE["code"], operator="clerk01"))
        save("test-page", printing.test_page("证书打印机", operator="clerk01"))
        db.close()
    training_receipt()


def two_windows(db: Database) -> CeStatement:
    """Hours entered here and hours the platform accepted from another hall's window, as the window would hand them in."""
    person = factories.ce_hours()
    here = [
        CeSession(s["course"], float(s["hours"]), s["mode"], s["start_date"], s["end_date"], CE_CENTRE["name"], "active",
                  "220102-03-20261201-0002", THIS_WINDOW)
        for s in person["sessions"]
    ]
    elsewhere = [
        CeSession("道路交通安全法规与案例", 8, "offline", "2026-03-10", "2026-03-10", "吉林市示例驾驶员继续教育中心", "suspended",
                  "长春市二道区政务服务中心 2号窗口", PLATFORM),
        CeSession("危险货物运输安全", 6, "online", "2026-05-18", "2026-05-20", "吉林省示例网络继续教育平台", "active",
                  "四平市铁西区政务服务中心 1号窗口", PLATFORM),
    ]
    now = clock.now_text()
    return CeStatement(
        name=person["name"],
        id_number=person["id_number"],
        certificate_no=person["qualification_cert_no"],
        category=person["category"],
        first_issued_on=date(2025, 3, 1),
        sessions=(*here, *elsewhere),
        sources=(CeSource(THIS_WINDOW, now), CeSource(PLATFORM, now)),
    )


def training_receipt() -> None:
    """A receipt and a certificate printed in training mode (``clerk-app --training``): the practice hall, the
    watermark, the practice login named 练习."""
    with tempfile.TemporaryDirectory() as folder:
        db = Database(Path(folder)).open(write=True, operator="training")
        SettingsService(db).mark_training()
        InstitutionService(db).add(factories.DRIVING_SCHOOL, operator="training")
        saved = RecordService(db).add("training_completion", factories.training_completion(), operator="training")
        assert saved.ok, saved.errors
        practice = PrintService(db, training=True)
        save("receipt-training", practice.receipt(saved.receipt_no, operator="training"))
        certificate = certificate_of("练习丁", factories.id_number("19900215", 911), "PX0000202612000001")
        save("certificate-training", practice.certificates_from([certificate], operator="training"))
        db.close()


if __name__ == "__main__":
    main()
