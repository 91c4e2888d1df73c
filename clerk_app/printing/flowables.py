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
    under it. A long name is broken into lines of at most half the width.
    On the left, clear of the seal: who handled the paper (``clerk_line``, the
    name in ``clerk``) with a line for their signature, then ``notes`` wrapped to
    the room there, so a short paper keeps its foot on one page; on such a
    paper the seal's lowest ``overhang_mm`` may reach into the margin below,
    where only the footer's corners are printed. In the on-screen preview the
    seal's place is shown as a dashed ring.
    """

    def __init__(
        self,
        *,
        unit: str,
        day: str,
        clerk_line: str = "",
        clerk: str = "",
        notes: tuple[str, ...] = (),
        size: float = 10.5,
        seal_mm: float = 42,
        overhang_mm: float = 0,
    ) -> None:
        super().__init__()
        self.unit, self.day, self.clerk_line, self.clerk, self.notes = unit, day, clerk_line, clerk, notes
        self.size = size
        self.radius = seal_mm / 2 * mm
        self.overhang = overhang_mm * mm
        self.leading = size * 1.5
        fonts.runs(unit + clerk_line + day + clerk + "".join(notes))  # a character no face has is refused before layout

    def _width(self, text: str, size: float | None = None) -> float:
        return float(sum(stringWidth(part, font, size or self.size) for font, part in fonts.runs(text)))

    def _lines(self, text: str, room: float, size: float | None = None) -> list[str]:
        """``text`` broken into lines no wider than ``room``, between any two characters (Chinese text)."""
        lines: list[str] = []
        for character in text:
            if lines and self._width(lines[-1] + character, size) <= room:
                lines[-1] += character
            else:
                lines.append(character)
        return lines or [""]

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.names = self._lines(self.unit, available_width / 2)
        half = max(self._width(line) for line in self.names) / 2
        self.centre = min(available_width - 4 * self.size - self._width(self.day) / 2, available_width - half)
        # Measured down from the block's top: the name's first baseline a little under the seal's centre, so the
        # name and the date under it sit in the seal's lower half.
        self.name_drop = self.radius + self.size * 0.4
        self.day_drop = self.name_drop + self.leading * len(self.names)
        room = self.centre - max(self.radius, half) - 3 * mm
        self.note_size = self.size * 0.95
        self.note_lines = [line for note in self.notes for line in self._lines(note, room, self.note_size)]
        left = self.size * 1.2 + (self.size * 1.2 if self.clerk_line else 0) + len(self.note_lines) * self.note_size * 1.45
        # As tall as the seal (less what may reach into the empty margin below the last block of a page), or as the
        # text on either side if that runs lower.
        self.height = max(2 * self.radius - self.overhang, self.day_drop + self.size * 0.3, left)
        return available_width, self.height

    def draw(self) -> None:
        canvas, size, top, centre = self.canv, self.size, self.height, self.centre
        if getattr(canvas, "preview", False):
            seal_ring(canvas, centre, top - self.radius, self.radius - 0.5 * mm)
        first = top - self.name_drop
        for n, line in enumerate(self.names):
            draw_runs(canvas, centre, first - n * self.leading, line, size, align="center")
        draw_runs(canvas, centre, top - self.day_drop, self.day, size, align="center")
        # Left, clear of the seal: who handled it, with room to sign, then the notes.
        y = top - size * 1.2
        if self.clerk_line:
            x = draw_runs(canvas, 0, y, self.clerk_line, size)
            if self.clerk:
                x += draw_runs(canvas, x + 1 * mm, y, self.clerk, size) + 3 * mm
                x += draw_runs(canvas, x, y, "签字：", size)
            end = min(x + 30 * mm, centre - self.radius - 2 * mm)
            canvas.setLineWidth(0.6)
            canvas.line(x + 1 * mm, y - 0.5 * mm, end, y - 0.5 * mm)
            y -= size * 2.2
        for line in self.note_lines:
            draw_runs(canvas, 0, y, line, self.note_size)
            y -= self.note_size * 1.45
