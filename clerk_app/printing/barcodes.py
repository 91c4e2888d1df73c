"""Code128 and QR codes drawn as vector shapes, so they stay sharp at any printer resolution.

python-barcode computes the Code128 module pattern (start, data, check
character and stop, with its own switching between code sets); each run of
dark modules becomes one filled rectangle. ReportLab's QR widget draws the
verification address the same way.
"""

from __future__ import annotations

import itertools

import barcode
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE_MODULES = 10  # Code128 needs ten modules of white on each side to scan


def code128_pattern(text: str) -> str:
    """The module pattern of ``text`` as '1' (dark) and '0' (light)."""
    return str(barcode.get("code128", text).build()[0])


def code128_width(text: str, module: float) -> float:
    """Width of the bars (without the quiet zones) in the canvas' units."""
    return len(code128_pattern(text)) * module


def draw_code128(canvas: Canvas, text: str, x: float, y: float, *, module: float, height: float) -> float:
    """Draw the bars of ``text`` with their lower left corner at (x, y); returns the width drawn.

    The caller leaves ``QUIET_ZONE_MODULES * module`` clear on both sides.
    """
    pattern = code128_pattern(text)
    path = canvas.beginPath()
    position = 0
    for dark, run in itertools.groupby(pattern):
        length = len(list(run))
        if dark == "1":
            path.rect(x + position * module, y, length * module, height)
        position += length
    canvas.drawPath(path, stroke=0, fill=1)
    return position * module


def draw_qr(canvas: Canvas, value: str, x: float, y: float, size: float) -> None:
    """A QR code of ``value`` (error correction M) filling a size × size square, quiet zone included."""
    widget = QrCodeWidget(value, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)
