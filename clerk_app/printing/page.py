"""Drawing a printed page: positions in millimetres from the paper's top-left corner, as a ruler measures them.

Forms and pre-printed stock are specified by measuring from the top-left
corner, so ``Sheet`` takes (x, y) in millimetres that way and turns them into
ReportLab's points from the bottom-left. A printer's calibrated offsets shift
the whole page, so the clerk sees exactly the measured correction.

Every text goes through ``fonts.runs`` (which face draws each character, or
``MissingGlyphs``), and every page carries the reprint mark and the footer
saying who printed it when; in training mode every page also carries a large
diagonal 练习 · 无效 over its content (``PaperCanvas``), so a practice paper can
never pass for a real one.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, replace
from typing import Literal

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from clerk_app.printing import barcodes, fonts

Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Marks:
    """What every page of a job carries besides its content."""

    reprint: int = 0  # 0: the first print; N: the Nth reprint (补打（第N次）)
    footer: str = ""  # who printed it and when
    offset_mm: tuple[float, float] = (0.0, 0.0)  # the printer's calibration: right and down
    training: bool = False  # practice papers: watermark on every page, 培训模式 in the title line
    preview: bool = False  # drawn for the screen: where the seal goes shown as a dashed ring (never on paper)


TRAINING_TITLE = "（培训模式）"
WATERMARK = "练习 · 无效"


def reprint_label(reprint: int) -> str:
    return f"补打（第{reprint}次）"


def titled(title: str, marks: Marks) -> str:
    """A document's title line as printed: with 培训模式 in training mode."""
    return f"{title}{TRAINING_TITLE}" if marks.training else title


def draw_runs(canvas: Canvas, x: float, y: float, text: str, size: float, *, align: Align = "left", bold: bool = False) -> float:
    """One line in the face that has its characters (``fonts.runs``); returns its width in points."""
    parts = fonts.runs(text)
    width = sum(stringWidth(part, font, size) for font, part in parts)
    x -= {"left": 0.0, "center": width / 2, "right": width}[align]
    text_object = canvas.beginText(x, y)
    if bold:  # Song faces have no bold: the outline stroked as well as filled, as 公文 titles look
        canvas.saveState()
        canvas.setLineWidth(size * 0.035)
        text_object.setTextRenderMode(2)
    for font, part in parts:
        text_object.setFont(font, size)
        text_object.textOut(part)
    canvas.drawText(text_object)
    if bold:
        canvas.restoreState()
    return float(width)


def watermark(canvas: Canvas) -> None:
    """练习 · 无效 across the page, large, grey and half transparent, over whatever is printed."""
    width, height = canvas._pagesize
    canvas.saveState()
    canvas.setFillColorRGB(0.5, 0.5, 0.5, alpha=0.3)
    canvas.setStrokeColorRGB(0.5, 0.5, 0.5, alpha=0.3)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(math.degrees(math.atan2(height, width)))
    # As wide as about two thirds of the page's diagonal, emboldened (outlined in the same grey) so no stroke is faint.
    size = math.hypot(width, height) * 0.66 / (stringWidth(WATERMARK, fonts.pick(WATERMARK), 1) or 1)
    draw_runs(canvas, 0, -size / 3, WATERMARK, size, align="center", bold=True)
    canvas.restoreState()


class PaperCanvas(Canvas):  # type: ignore[misc]
    """A canvas that finishes each page with the training watermark when the job is practice, and knows whether
    it draws for the screen (``preview``: the seal's place shown) or for paper."""

    def __init__(self, *args: object, training: bool = False, preview: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.training = training
        self.preview = preview

    def showPage(self) -> None:
        if self.training:
            watermark(self)
        super().showPage()


def stamp(canvas: Canvas, width: float, height: float, marks: Marks, *, reprint_at_mm: tuple[float, float] = (12, 12)) -> None:
    """The reprint mark (boxed, hard to miss; its text ends ``reprint_at_mm`` from the right edge, its baseline
    that far from the top: top right unless a page's frame is there) and the footer (bottom left) of one page."""
    if marks.reprint:
        label = reprint_label(marks.reprint)
        font = fonts.pick(label)
        size = 12
        text_width = stringWidth(label, font, size)
        x, y = width - reprint_at_mm[0] * mm - text_width, height - reprint_at_mm[1] * mm
        canvas.saveState()
        canvas.setLineWidth(1.2)
        canvas.rect(x - 2 * mm, y - 2 * mm, text_width + 4 * mm, size + 3 * mm, stroke=1, fill=0)
        canvas.setFont(font, size)
        canvas.drawString(x, y, label)
        canvas.restoreState()
    if marks.footer:
        canvas.saveState()
        draw_runs(canvas, 10 * mm, 6 * mm, marks.footer, 7)
        canvas.restoreState()


class Sheet:
    """A PDF drawn page by page in millimetres from the top-left corner of the paper."""

    def __init__(self, page_size: tuple[float, float], *, title: str, marks: Marks) -> None:
        self.width, self.height = page_size
        self.marks = marks
        self.pages = 0
        self._buffer = io.BytesIO()
        # Start in our own font, so no standard (non-embedded) PDF font is even named in the file.
        self.canvas = PaperCanvas(
            self._buffer,
            pagesize=page_size,
            pageCompression=1,
            initialFontName=fonts.pick(""),
            training=marks.training,
            preview=marks.preview,
        )
        self.canvas.setTitle(title)
        self.canvas.setCreator("clerk-app")
        self._open = False

    def start_page(self, *, reprint: int | None = None, reprint_at_mm: tuple[float, float] = (12, 12)) -> None:
        """A new page; ``reprint`` overrides the job's for a page that is its own document (a certificate; 0 on stock),
        ``reprint_at_mm`` moves its mark (``stamp``)."""
        if self._open:
            self.canvas.showPage()
        self.pages += 1
        self._open = True
        x, y = self.marks.offset_mm
        # showPage resets the graphics state, so the offset is applied again on every page.
        self.canvas.translate(x * mm, -y * mm)
        marks = self.marks if reprint is None else replace(self.marks, reprint=reprint)
        stamp(self.canvas, self.width, self.height, marks, reprint_at_mm=reprint_at_mm)

    def finish(self) -> bytes:
        if not self._open:
            self.start_page()
        self.canvas.showPage()
        self.canvas.save()
        return self._buffer.getvalue()

    # -- drawing, positions in mm from the top-left -------------------------------

    def _y(self, y_mm: float) -> float:
        return float(self.height - y_mm * mm)

    def text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        size: float = 10.5,
        align: Align = "left",
        fit_mm: float | None = None,
        bold: bool = False,
    ) -> None:
        """One line with its baseline at y; ``fit_mm`` shrinks the type (never the text) to fit that width."""
        if fit_mm is not None:
            natural = sum(stringWidth(part, font, size) for font, part in fonts.runs(text))
            if natural > fit_mm * mm:
                size = size * fit_mm * mm / natural
        draw_runs(self.canvas, x * mm, self._y(y), text, size, align=align, bold=bold)

    def line(self, x1: float, y1: float, x2: float, y2: float, *, width: float = 0.6) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(x1 * mm, self._y(y1), x2 * mm, self._y(y2))

    def box(self, x: float, y: float, w: float, h: float, *, width: float = 0.8) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.rect(x * mm, self._y(y + h), w * mm, h * mm, stroke=1, fill=0)

    def code128(
        self, x: float, y: float, value: str, *, module_mm: float = 0.3, height_mm: float = 12, caption: bool = True
    ) -> float:
        """Bars with their top-left corner at (x, y) and the value printed under them; returns the width in mm."""
        width = barcodes.draw_code128(
            self.canvas, value, x * mm, self._y(y + height_mm), module=module_mm * mm, height=height_mm * mm
        )
        if caption:
            self.text(x + width / mm / 2, y + height_mm + 3.5, value, size=8, align="center")
        return float(width / mm)

    def qr(self, x: float, y: float, size_mm: float, value: str) -> None:
        """A QR code whose square (quiet zone included) has its top-left corner at (x, y)."""
        barcodes.draw_qr(self.canvas, value, x * mm, self._y(y + size_mm), size_mm * mm)
