"""Barcodes, signature lines and the seal block as platypus flowables, for documents laid out by ``flow``."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from clerk_app.printing import barcodes, fonts
from clerk_app.printing.page import draw_runs


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
        fonts.runs("".join(labels))  # a character no face has is refused before layout starts

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.line_height

    def draw(self) -> None:
        cell = self.width / len(self.labels)
        self.canv.setLineWidth(0.6)
        for i, label in enumerate(self.labels):
            x = i * cell
            start = x + draw_runs(self.canv, x, 3 * mm, label, self.size) + 1 * mm
            self.canv.line(start, 2.5 * mm, x + cell - 5 * mm, 2.5 * mm)


class SealBlock(Flowable):  # type: ignore[misc]
    """The foot of an official paper: 经办人 on the left; on the right the unit's 盖章 label, a square left
    free of text where the round seal lands, and under it the unit's name and the date.

    ``clerk`` is the name printed after 经办人 (empty: a line to sign on).
    """

    def __init__(
        self, *, unit: str, authority_line: str, clerk_line: str, day: str, clerk: str = "", size: float = 10.5, seal_mm: float = 40
    ) -> None:
        super().__init__()
        self.SEAL_MM = seal_mm
        self.unit, self.authority_line, self.clerk_line, self.day, self.clerk = unit, authority_line, clerk_line, day, clerk
        self.size = size
        fonts.runs(unit + authority_line + clerk_line + day + clerk)

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, (self.SEAL_MM + 17) * mm

    def draw(self) -> None:
        canvas, size = self.canv, self.size
        top = (self.SEAL_MM + 17) * mm
        centre = self.width - (self.SEAL_MM / 2 + 14) * mm
        # Left: who handled it, with room to sign.
        x = draw_runs(canvas, 0, top - 4.5 * mm, self.clerk_line, size)
        if self.clerk:
            x += draw_runs(canvas, x + 1 * mm, top - 4.5 * mm, self.clerk, size) + 3 * mm
            x += draw_runs(canvas, x, top - 4.5 * mm, "签字：", size)
        canvas.setLineWidth(0.6)
        canvas.line(x + 1 * mm, top - 5 * mm, x + 30 * mm, top - 5 * mm)
        # Right: the label, the empty seal area (a faint dashed ring), then the unit and the date under it.
        draw_runs(canvas, centre, top - 4.5 * mm, self.authority_line, size, align="center")
        canvas.saveState()
        canvas.setDash(2, 2)
        canvas.setStrokeGray(0.7)
        canvas.setLineWidth(0.4)
        canvas.circle(centre, top - (6 + self.SEAL_MM / 2) * mm, (self.SEAL_MM / 2 - 0.5) * mm, stroke=1, fill=0)
        canvas.restoreState()
        unit = self.unit or "＿＿＿＿＿＿＿＿＿＿"
        half = sum(stringWidth(part, font, size) for font, part in fonts.runs(unit)) / 2
        draw_runs(canvas, min(centre, self.width - half), 6 * mm, unit, size, align="center")  # a long name stays on the paper
        draw_runs(canvas, centre, 1 * mm, self.day, size, align="center")
