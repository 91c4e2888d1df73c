"""Documents that run over as many pages as their content needs (day report, CE statement, filing form).

ReportLab's platypus lays out paragraphs and tables and breaks pages; this
module gives it paragraphs whose font was chosen (and checked) by
``fonts.pick``, Chinese line breaking, and the same reprint mark and footer as
every other page.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors, textsplit
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus import paragraph as _paragraph

from clerk_app.printing import fonts
from clerk_app.printing.page import Marks, stamp

_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}

# ReportLab's CJK line breaking keeps closing punctuation off the start of a line, but its list
# lacks the full-width Chinese marks, so a "，" could open a line of a printed form. Both of its
# line breakers (one-style paragraphs in textsplit, mixed ones in paragraph) read the list.
_CHINESE_CLOSING = "，；：？！》」』】"
textsplit.ALL_CANNOT_START += _CHINESE_CLOSING
_paragraph.ALL_CANNOT_START += _CHINESE_CLOSING


def para(text: str, size: float = 10.5, *, style: fonts.Style = "song", align: str = "left", leading: float | None = None) -> Paragraph:
    """A paragraph of plain text (not markup), wrapped between any two Chinese characters."""
    lines = text.split("\n")
    font = fonts.pick("".join(lines), style)
    paragraph_style = ParagraphStyle(
        name=f"{font}-{size}-{align}",
        fontName=font,
        fontSize=size,
        leading=leading or size * 1.45,
        alignment=_ALIGN[align],
        wordWrap="CJK",
    )
    return Paragraph("<br/>".join(escape(line) for line in lines), paragraph_style)


def title(text: str, size: float = 18) -> list[Flowable]:
    return [para(text, size, style="hei", align="center"), Spacer(1, 5 * mm)]


def grid(rows: Sequence[Sequence[str | Flowable]], widths_mm: Sequence[float], *, size: float = 9.5, header: bool = True) -> Table:
    """A ruled table; strings become wrapping paragraphs, the first row is the header (repeated on each page)."""
    cells = [
        [para(cell, size, style="hei" if header and r == 0 else "song") if isinstance(cell, str) else cell for cell in row]
        for r, row in enumerate(rows)
    ]
    table = Table(cells, colWidths=[w * mm for w in widths_mm], repeatRows=1 if header else 0)
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)))
    table.setStyle(TableStyle(commands))
    return table


def build(page_size: tuple[float, float], story: list[Flowable], *, title_text: str, marks: Marks) -> tuple[bytes, int]:
    """The PDF bytes and the number of pages."""
    buffer = io.BytesIO()
    pages = 0

    def on_page(canvas: Canvas, _document: SimpleDocTemplate) -> None:
        nonlocal pages
        pages += 1
        stamp(canvas, page_size[0], page_size[1], marks)
        label = f"第 {pages} 页"
        canvas.saveState()
        canvas.setFont(fonts.pick(label), 8)
        canvas.drawRightString(page_size[0] - 10 * mm, 6 * mm, label)
        canvas.restoreState()

    document = SimpleDocTemplate(
        buffer,
        pagesize=page_size,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=22 * mm,
        bottomMargin=16 * mm,
        title=title_text,
        creator="clerk-app",
        pageCompression=1,
    )
    # Start in our own font, so no standard (non-embedded) PDF font is even named in the file.
    canvas_maker = functools.partial(Canvas, initialFontName=fonts.pick(""))
    document.build(story, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=canvas_maker)
    return buffer.getvalue(), pages
