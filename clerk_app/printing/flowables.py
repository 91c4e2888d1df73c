"""Barcodes and signature lines as platypus flowables, for documents laid out by ``flow``."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from clerk_app.printing import barcodes, fonts


class Code128(Flowable):  # type: ignore[misc]
    """Bars with their quiet zones and the value printed underneath, left-aligned."""

    def __init__(self, value: str, *, module_mm: float = 0.3, height_mm: float = 11) -> None:
        super().__init__()
        self.value = value
        self.module = module_mm * mm
        self.bar_height = height_mm * mm
        self.caption_font = fonts.pick(value)
        self.bars_width = barcodes.code128_width(value, self.module)

    def wrap(self, _available_width: float, _available_height: float) -> tuple[float, float]:
        quiet = barcodes.QUIET_ZONE_MODULES * self.module
        return self.bars_width + 2 * quiet, self.bar_height + 5 * mm

    def draw(self) -> None:
        quiet = barcodes.QUIET_ZONE_MODULES * self.module
        barcodes.draw_code128(self.canv, self.value, quiet, 5 * mm, module=self.module, height=self.bar_height)
        self.canv.setFont(self.caption_font, 8)
        self.canv.drawCentredString(quiet + self.bars_width / 2, 1.5 * mm, self.value)


class SignatureLines(Flowable):  # type: ignore[misc]
    """Labels followed by blank lines to sign on, spread across the width."""

    def __init__(self, labels: list[str], *, size: float = 10.5, height_mm: float = 14) -> None:
        super().__init__()
        self.labels = labels
        self.size = size
        self.line_height = height_mm * mm
        self.font = fonts.pick("".join(labels))

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.line_height

    def draw(self) -> None:
        cell = self.width / len(self.labels)
        self.canv.setFont(self.font, self.size)
        self.canv.setLineWidth(0.6)
        for i, label in enumerate(self.labels):
            x = i * cell
            self.canv.drawString(x, 3 * mm, label)
            start = x + stringWidth(label, self.font, self.size) + 1 * mm
            self.canv.line(start, 2.5 * mm, x + cell - 5 * mm, 2.5 * mm)
