"""Regenerate the sample documents in this folder (PDF + PNG of each), from fictitious data.

    .venv/bin/python docs/samples/make_samples.py

Builds a throw-away window database, enters a few records the way a clerk
would, and prints every document through PrintService, so the samples are
exactly what the counter prints.
"""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from clerk_app import clock  # noqa: E402
from clerk_app.printing import calibration  # noqa: E402
from clerk_app.printing.service import PrintJob, PrintService  # noqa: E402
from clerk_app.services.institutions import InstitutionService  # noqa: E402
from clerk_app.services.operators import OperatorService  # noqa: E402
from clerk_app.services.records import RecordService  # noqa: E402
from clerk_app.services.settings import SettingsService  # noqa: E402
from local_db.database import Database  # noqa: E402
from tests import factories  # noqa: E402

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
    (HERE / f"{name}.pdf").write_bytes(job.pdf)
    document = pdfium.PdfDocument(job.pdf)
    try:
        document[0].render(scale=110 / 72).to_pil().save(HERE / f"{name}.png")
    finally:
        document.close()
    print(f"{name}: {job.pages} page(s), {len(job.pdf) // 1024} KB")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Database(Path(folder)).open(write=True, operator="boss")
        settings = SettingsService(db)
        settings.set("hall.code", "220102", operator="boss")
        settings.set("window.code", "03", operator="boss")
        institutions = InstitutionService(db)
        institutions.add(factories.DRIVING_SCHOOL, operator="boss")
        institutions.add(CE_CENTRE, operator="boss")
        operators = OperatorService(db)
        operators.add("boss", "赵负责", "supervisor", "secret-123", acting="boss")
        operators.add("clerk01", "刘晓梅", "clerk", None, acting="boss")
        operators.add("clerk02", "陈建国", "clerk", None, acting="boss")
        records = RecordService(db)
        completion = records.add("training_completion", factories.training_completion(), operator="clerk01")
        records.add("ce_hours", factories.ce_hours(), operator="clerk02")
        records.add("transition_case", factories.transition_case(), operator="clerk02")
        rejected = records.add(
            "qualification_application",
            factories.qualification_application(id_number=factories.id_number(seq=321), name="王小川"),
            operator="clerk01",
        )
        with db.write() as session:  # the platform's answer, as the upload engine records it
            from sqlalchemy import text

            errors = [{"field": "licence_no", "code": "licence_mismatch", "message": "驾驶证准驾车型与结业记录不符"}]
            session.execute(
                text("UPDATE outbox SET state='rejected', errors=:e WHERE record_id=:r"),
                {"e": json.dumps(errors, ensure_ascii=False), "r": rejected.record_id},
            )
            session.execute(text("UPDATE records SET upload_state='rejected' WHERE record_id=:r"), {"r": rejected.record_id})

        printing = PrintService(db)
        save("receipt", printing.receipt(completion.receipt_no, operator="clerk01"))
        save("receipt-reprint", printing.receipt(completion.receipt_no, operator="clerk01"))
        certificate = {
            "certificate_no": "JL2201202611000123",
            "category": "freight",
            "name": "张三",
            "id_number": factories.id_number(),
            "issued_on": "2026-11-20",
            "valid_until": "2032-11-19",
            "status": "valid",
            "verify_url": "https://cyzg.jt.jl.example.cn/verify?no=JL2201202611000123",
        }
        save("certificate", printing.certificates_from([certificate], operator="clerk01"))
        settings.set("print.certificate_stock", "on", operator="boss")
        calibration.set_offsets(db, "证书打印机", 1.5, -1.0, operator="boss")
        save("certificate-on-stock", printing.certificates_from([certificate], operator="clerk01", printer="证书打印机"))
        save("ce-statement", printing.ce_statement(factories.id_number(seq=456), operator="clerk02", issued_on=date(2025, 3, 1)))
        save("day-report", printing.day_report(clock.today(), operator="clerk01"))
        save("filing-form", printing.filing_form(CE_CENTRE["code"], operator="clerk01"))
        save("test-page", printing.test_page("证书打印机", operator="clerk01"))
        db.close()


if __name__ == "__main__":
    main()
