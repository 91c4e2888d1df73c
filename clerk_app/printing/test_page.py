"""The calibration test page: a crosshair at a known place on the certificate sheet, and millimetre rulers.

It is printed with the printer's current offsets. The clerk measures the
crosshair's centre from the paper's left and top edges; ``offsets.corrected``
turns those two numbers into the new offsets. The page size is the
certificate's, so the paper path is the one certificates take.
"""

from __future__ import annotations

from reportlab.lib.units import mm

from clerk_app.printing import certificate
from clerk_app.printing.offsets import CROSSHAIR_MM
from clerk_app.printing.page import Marks, Sheet, titled


def render(printer_name: str, offsets: tuple[float, float], *, marks: Marks) -> tuple[bytes, int]:
    sheet = Sheet(certificate.PAGE, title=f"套打校准测试页 {printer_name}", marks=marks)
    sheet.start_page()
    width_mm, height_mm = sheet.width / mm, sheet.height / mm
    cx, cy = CROSSHAIR_MM
    sheet.line(cx - 8, cy, cx + 8, cy, width=0.3)
    sheet.line(cx, cy - 8, cx, cy + 8, width=0.3)
    sheet.box(cx - 3, cy - 3, 6, 6, width=0.3)
    # Rulers along the top and left edges, a tick per millimetre, numbered every centimetre.
    for x in range(int(width_mm) + 1):
        sheet.line(x, 0, x, 5 if x % 10 == 0 else 3 if x % 5 == 0 else 2, width=0.2)
        if x % 10 == 0 and 0 < x < width_mm - 5:
            sheet.text(x, 8, str(x), size=6, align="center")
    for y in range(int(height_mm) + 1):
        sheet.line(0, y, 5 if y % 10 == 0 else 3 if y % 5 == 0 else 2, y, width=0.2)
        if y % 10 == 0 and 0 < y < height_mm - 5:
            sheet.text(7, y + 1, str(y), size=6)
    right, down = offsets
    lines = [
        "套打校准测试页",
        f"打印机：{printer_name}",
        f"本页按当前偏移打印：横向 {right:+.1f} 毫米，纵向 {down:+.1f} 毫米（向右、向下为正）",
        "校准方法：用直尺量出十字中心到纸张左边缘、上边缘的距离（毫米），",
        f"在“套打校准”中填入这两个数。十字应在距左边 {cx:g} 毫米、距上边 {cy:g} 毫米处；",
        "程序据此计算新的偏移。校准后再打印一张本页，十字应落在标称位置上。",
    ]
    sheet.text(105, 52, titled(lines[0], marks), size=16, align="center", bold=True)
    for n, line in enumerate(lines[1:]):
        sheet.text(40, 66 + n * 8, line, size=10)
    sheet.box(40, 110, 150, 22, width=0.3)
    sheet.text(45, 118, "量得：距左边 ______ 毫米，距上边 ______ 毫米", size=10)
    sheet.text(45, 127, "校准人：__________　　日期：__________", size=10)
    return sheet.finish(), sheet.pages
