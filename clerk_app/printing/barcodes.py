"""Code128 and QR codes drawn as vector shapes, so they stay sharp at any printer resolution.

python-barcode computes the Code128 module pattern (start, data, check
character and stop, with its own switching between code sets) and ReportLab's
encoder the QR code's matrix; each run of dark modules becomes one filled
rectangle of a single path.
"""

from __future__ import annotations

import itertools

import barcode
from reportlab.graphics.barcode import qrencoder
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE_MODULES = 10  # Code128 needs ten modules of white on each side to scan
QR_QUIET_ZONE_MODULES = 4  # and a QR code four


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


def qr_modules(value: str) -> list[list[bool]]:
    """The QR code's module matrix (error correction M), computed by ReportLab's encoder."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(value)
    code.make()
    return [[bool(module) for module in row] for row in code.modules]


def draw_qr(canvas: Canvas, value: str, x: float, y: float, size: float) -> None:
    """A QR code of ``value`` filling a size × size square with (x, y) its lower left corner, quiet zone included.

    Drawn as one path of rectangles (a run of dark modules each): ReportLab's
    QR widget builds a shape object per run and encodes the data twice, which
    made it most of a certificate's drawing time.
    """
    modules = qr_modules(value)
    box = size / (len(modules) + 2 * QR_QUIET_ZONE_MODULES)
    path = canvas.beginPath()
    for r, row in enumerate(modules):
        top = y + size - (r + QR_QUIET_ZONE_MODULES + 1) * box
        column = 0
        for dark, run in itertools.groupby(row):
            length = len(list(run))
            if dark:
                path.rect(x + (column + QR_QUIET_ZONE_MODULES) * box, top, length * box, box)
            column += length
    canvas.drawPath(path, stroke=0, fill=1)
