"""Barcodes, signature lines and the seal block as platypus flowables, for documents laid out by ``flow``."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
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


def seal_ring(canvas: Canvas, x: float, y: float, radius: float) -> None:
    """Where the round seal goes, as a faint dashed ring: drawn in the on-screen preview only (``Marks.preview``),
    never on paper, where a printed circle would make the paper look like a template."""
    canvas.saveState()
    canvas.setDash(2, 2)
    canvas.setStrokeGray(0.6)
    canvas.setLineWidth(0.4)
    canvas.circle(x, y, radius, stroke=1, fill=0)
    canvas.restoreState()


class SealBlock(Flowable):  # type: ignore[misc]
    """The foot of an official paper laid out as GB/T 9704 lays out a signature, for the seal to press on.

    The issuer's name stands centred over the date, the date four characters in
    from the right; the round seal (``seal_mm`` across) is pressed centred on
    both, so that they sit in its lower half (居中下压署名和日期), its top at the
    top of the block, within a line of the text above. Nothing else is printed
    under it. Top left: who handled the paper (``clerk_line``, the name in
    ``clerk``) and a line for their signature. A long name is broken into lines of at most half the
    width. In the on-screen preview the seal's place is shown as a dashed ring.
    """

    def __init__(self, *, unit: str, day: str, clerk_line: str = "", clerk: str = "", size: float = 10.5, seal_mm: float = 42) -> None:
        super().__init__()
        self.unit, self.day, self.clerk_line, self.clerk = unit, day, clerk_line, clerk
        self.size = size
        self.radius = seal_mm / 2 * mm
        fonts.runs(unit + clerk_line + day + clerk)  # a character no face has is refused before layout starts

    def _width(self, text: str) -> float:
        return float(sum(stringWidth(part, font, self.size) for font, part in fonts.runs(text)))

    def _name_lines(self, room: float) -> list[str]:
        lines: list[str] = []
        for character in self.unit:
            if lines and self._width(lines[-1] + character) <= room:
                lines[-1] += character
            else:
                lines.append(character)
        return lines or [""]

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.names = self._name_lines(available_width / 2)
        # Measured down from the block's top: the name's first baseline a little under the seal's centre, so the
        # name and the date under it sit in the seal's lower half; the block as tall as the seal (or the text).
        self.leading = self.size * 1.5
        self.name_drop = self.radius + self.size * 0.4
        self.day_drop = self.name_drop + self.leading * len(self.names)
        self.height = max(2 * self.radius, self.day_drop + self.size * 0.3)
        return available_width, self.height

    def draw(self) -> None:
        canvas, size, top = self.canv, self.size, self.height
        centre = self.width - 4 * size - self._width(self.day) / 2
        half = max(self._width(line) for line in self.names) / 2
        centre = min(centre, self.width - half)  # a long name stays on the paper
        if getattr(canvas, "preview", False):
            seal_ring(canvas, centre, top - self.radius, self.radius - 0.5 * mm)
        first = top - self.name_drop
        for n, line in enumerate(self.names):
            draw_runs(canvas, centre, first - n * self.leading, line, size, align="center")
        draw_runs(canvas, centre, top - self.day_drop, self.day, size, align="center")
        # Top left, clear of the seal: who handled it, with room to sign.
        if self.clerk_line:
            line = top - size * 1.2
            x = draw_runs(canvas, 0, line, self.clerk_line, size)
            if self.clerk:
                x += draw_runs(canvas, x + 1 * mm, line, self.clerk, size) + 3 * mm
                x += draw_runs(canvas, x, line, "签字：", size)
            end = min(x + 30 * mm, centre - self.radius - 2 * mm)
            canvas.setLineWidth(0.6)
            canvas.line(x + 1 * mm, line - 0.5 * mm, end, line - 0.5 * mm)
