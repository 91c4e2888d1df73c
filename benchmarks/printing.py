"""Printing benchmark: one certificate PDF, the same page in raw ReportLab as the floor, and 100 certificates as one job.

    python3 dev.py bench printing [--runs N]

"one certificate" is the whole path a clerk triggers: PrintService checks the
data, counts earlier prints, draws the page (glyph checks, embedded CJK subset,
Code128, QR), and records the print in the audit trail (a durable commit).
"drawing only" is the same page without the database. The floor draws the
same strings, Code128 (ReportLab's own) and QR code (ReportLab's encoder, a
canvas rectangle per module) with bare canvas calls in the same registered
TrueType font (the shipped Song face); the same page with ReportLab's QR widget is shown for scale. Fonts are registered once per process
before timing, as in the running application.
Targets (issue 5): one certificate <= 2x the floor; 100 certificates <= 3 s.
"""

from __future__ import annotations

import argparse
import io
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reportlab.graphics import renderPDF  # noqa: E402
from reportlab.graphics.barcode import qrencoder  # noqa: E402
from reportlab.graphics.barcode.code128 import Code128  # noqa: E402
from reportlab.graphics.barcode.qr import QrCodeWidget  # noqa: E402
from reportlab.graphics.shapes import Drawing  # noqa: E402
from reportlab.lib.pagesizes import A5, landscape  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from clerk_app.printing import certificate, fonts  # noqa: E402
from clerk_app.printing.page import Marks  # noqa: E402
from clerk_app.printing.service import PrintService  # noqa: E402
from clerk_app.services.operators import OperatorService  # noqa: E402
from clerk_app.services.settings import SettingsService  # noqa: E402
from local_db.database import Database  # noqa: E402
from tests import factories  # noqa: E402

HALL = {"hall.code": "220102", "hall.name": "长春市朝阳区政务服务中心", "hall.authority": "长春市道路运输管理局", "window.code": "03"}


def qualification(n: int) -> dict[str, str]:
    number = f"JL22012026110{n:05d}"
    return {
        "certificate_no": number,
        "category": "freight",
        "name": ["张三", "李四", "王小川", "阿依古丽·买买提"][n % 4],
        "id_number": factories.id_number(seq=100 + n % 800),
        "first_issued_on": "2020-06-15",
        "issued_on": "2026-11-20",
        "valid_from": "2026-11-20",
        "valid_until": "2032-11-19",
        "status": "valid",
        "verify_url": f"https://cyzg.jt.jl.example.cn/verify?no={number}",
    }


def raw_reportlab_page(q: dict[str, str], font: str, *, qr_widget: bool = False) -> bytes:
    """The floor: the same page, drawn with nothing but ReportLab calls (QR: its encoder, or its widget)."""
    buffer = io.BytesIO()
    width, height = landscape(A5)
    canvas = Canvas(buffer, pagesize=(width, height), pageCompression=1, initialFontName=font)
    canvas.setLineWidth(1.6)
    canvas.rect(8 * mm, 8 * mm, 194 * mm, 132 * mm)
    canvas.setLineWidth(0.5)
    canvas.rect(10 * mm, 10 * mm, 190 * mm, 128 * mm)
    canvas.setFont(font, 16)
    canvas.drawCentredString(105 * mm, height - 21 * mm, "中华人民共和国道路运输从业人员从业资格证")
    canvas.setFont(font, 11.5)
    canvas.drawCentredString(105 * mm, height - 29 * mm, "吉　林　省")
    for x1, x2 in ((62, 88), (122, 148)):
        canvas.line(x1 * mm, height - 27.6 * mm, x2 * mm, height - 27.6 * mm)
    canvas.line(14 * mm, height - 33 * mm, 196 * mm, height - 33 * mm)
    canvas.line(14 * mm, height - 34 * mm, 196 * mm, height - 34 * mm)
    canvas.rect(18 * mm, height - 84 * mm, 33 * mm, 44 * mm)
    values = [q["name"], "1985年3月12日", q["id_number"], q["certificate_no"], "经营性道路货物运输驾驶员",
              "2020年6月15日", "2026年11月20日至2032年11月19日"]
    labels = ["姓　　名", "出生日期", "公民身份号码", "证　　号", "从业资格类别", "初次领证日期", "有效期限"]
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = height - (46 + 9 * i) * mm
        canvas.setFont(font, 11)
        canvas.drawRightString(79 * mm, y, label)
        canvas.setFont(font, 11.5)
        canvas.drawString(82 * mm, y, value)
    canvas.drawRightString(133 * mm, height - 46 * mm, "性别")
    canvas.drawString(136 * mm, height - 46 * mm, "男")
    canvas.drawCentredString(150 * mm, height - 117 * mm, "长春市道路运输管理局")  # the authority signs over the issue date
    canvas.drawCentredString(150 * mm, height - 124 * mm, "2026年11月20日")
    canvas.setFont(font, 8)
    canvas.drawCentredString(178 * mm, height - 77 * mm, "扫码核验")
    if qr_widget:
        qr = QrCodeWidget(q["verify_url"], barLevel="M")
        left, bottom, right, top = qr.getBounds()
        drawing = Drawing(36 * mm, 36 * mm, transform=[36 * mm / (right - left), 0, 0, 36 * mm / (top - bottom), 0, 0])
        drawing.add(qr)
        renderPDF.draw(drawing, canvas, 160 * mm, height - 74 * mm)
    else:
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(q["verify_url"])
        code.make()
        box = 36 * mm / (code.getModuleCount() + 8)
        for r, row in enumerate(code.modules):
            for c, dark in enumerate(row):
                if dark:
                    canvas.rect(160 * mm + (c + 4) * box, height - 38 * mm - (r + 5) * box, box, box, stroke=0, fill=1)
    Code128(q["certificate_no"], barWidth=0.3 * mm, barHeight=9 * mm).drawOn(canvas, 15 * mm, height - 127 * mm)
    canvas.setFont(font, 8)
    canvas.drawCentredString(45 * mm, height - 130.5 * mm, q["certificate_no"])
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def measure(runs: int, action: Callable[[], object]) -> list[float]:
    action()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    font = fonts.pick("张三")  # registers the fonts (the shipped Song face here), as the first print of a session does
    q = qualification(1)
    with tempfile.TemporaryDirectory() as folder:
        db = Database(Path(folder)).open(write=True, operator="bench")
        OperatorService(db).add("bench", "测试负责人", "supervisor", "bench-password-1", acting="bench")
        for key, value in HALL.items():
            SettingsService(db).set(key, value, operator="bench")
        service = PrintService(db)
        one = measure(args.runs, lambda: service.certificates_from([q], operator="bench"))
        drawing = measure(
            args.runs,
            lambda: certificate.render([(q, 0)], stock=False, marks=Marks(), authority=HALL["hall.authority"], today=date(2026, 12, 1)),
        )
        floor = measure(args.runs, lambda: raw_reportlab_page(q, font))
        widget = measure(args.runs, lambda: raw_reportlab_page(q, font, qr_widget=True))
        batch = [qualification(n) for n in range(100)]
        hundred = measure(max(3, args.runs // 10), lambda: service.certificates_from(batch, operator="bench"))
        job = service.certificates_from(batch, operator="bench")
        db.close()

    print(f"machine: {platform.machine()}, {platform.system()} {platform.release()}, Python {platform.python_version()}")
    print(f"{'operation':<52} {'median ms':>10} {'p90 ms':>9}")
    rows = [
        ("one certificate (PrintService, audited, fsync)", one),
        ("one certificate, drawing only", drawing),
        ("floor: same page in raw ReportLab calls", floor),
        ("  (raw, with ReportLab's QR widget instead)", widget),
        ("100 certificates as one job (PrintService)", hundred),
    ]
    for label, times in rows:
        print(f"{label:<52} {statistics.median(times):>10.1f} {statistics.quantiles(times, n=10)[-1]:>9.1f}")
    ratio = statistics.median(one) / statistics.median(floor)
    print(f"one certificate / floor: {ratio:.2f}x (target <= 2x); drawing only / floor: "
          f"{statistics.median(drawing) / statistics.median(floor):.2f}x")
    print(f"100 certificates: {statistics.median(hundred) / 1000:.2f} s (target <= 3 s), {job.pages} pages, {len(job.pdf) // 1024} KB")


if __name__ == "__main__":
    main()
