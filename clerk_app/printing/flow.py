"""Documents that run over as many pages as their content needs (day report, CE statement, filing form).

ReportLab's platypus lays out paragraphs and tables and breaks pages; this
module gives it paragraphs whose faces were chosen (and checked) character by
character by ``fonts.runs``, Chinese line breaking, and the same reprint mark,
footer and training watermark as every other page.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from typing import cast
from xml.sax.saxutils import escape

from reportlab.lib import colors, textsplit
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus import paragraph as _paragraph

from clerk_app.printing import fonts
from clerk_app.printing.page import Marks, PaperCanvas, draw_runs, stamp, titled

_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
_ALIGN_NAMES = {value: name for name, value in _ALIGN.items()}

# ReportLab's CJK line breaking keeps closing punctuation off the start of a line, but its list
# lacks the full-width Chinese marks, so a "，" could open a line of a printed form. Both of its
# line breakers (one-style paragraphs in textsplit, mixed ones in paragraph) read the list.
_CHINESE_CLOSING = "，；：？！》」』】"
textsplit.ALL_CANNOT_START += _CHINESE_CLOSING
_paragraph.ALL_CANNOT_START += _CHINESE_CLOSING


def _markup(line: str, base: str) -> str:
    """A line as paragraph markup, set in another face where the base face lacks one of its characters."""
    return "".join(escape(part) if font == base else f'<font face="{font}">{escape(part)}</font>' for font, part in fonts.runs(line))


def _style(font: str, size: float, align: str, leading: float | None, hang: float) -> ParagraphStyle:
    return ParagraphStyle(
        name=f"{font}-{size}-{align}-{hang}",
        fontName=font,
        bulletFontName=font,  # its default, Helvetica, would be named (not embedded) in every file
        fontSize=size,
        leading=leading or size * 1.45,
        alignment=_ALIGN[align],
        wordWrap="CJK",
        rightIndent=hang,
    )


class CellParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph that keeps a closing mark inside its width.

    ReportLab never starts a line with a closing mark (，。）…): it hangs the
    mark past the line's end, which in a table cell runs through the cell's
    rule. When a line would hang, the paragraph is wrapped again with an em
    kept free at the right, so the hung mark stays in the cell.
    """

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        plain = getattr(self, "plain_style", None)
        if plain is None:  # a part split off by ReportLab: wrapped as its whole was
            return cast(tuple[float, float], super().wrap(available_width, available_height))
        self.style = plain
        size = super().wrap(available_width, available_height)
        if any(_extra_space(line) < -0.01 for line in self.blPara.lines):
            self.style = _style(plain.fontName, plain.fontSize, _ALIGN_NAMES[plain.alignment], plain.leading, plain.fontSize)
            size = super().wrap(available_width, available_height)
        return cast(tuple[float, float], size)


def _extra_space(line: object) -> float:
    """The room left at the end of a wrapped line (negative: something hangs past its end)."""
    return float(line[0] if isinstance(line, (list, tuple)) else getattr(line, "extraSpace", 0.0))


def para(text: str, size: float = 10.5, *, align: str = "left", leading: float | None = None, cell: bool = False) -> Paragraph:
    """A paragraph of plain text (not markup), wrapped between any two Chinese characters; ``cell``: one that keeps
    everything inside its width (``CellParagraph``), for a table cell."""
    font = fonts.chain()[0].name
    markup = "<br/>".join(_markup(line, font) for line in text.split("\n"))
    style = _style(font, size, align, leading, 0)
    if not cell:
        return Paragraph(markup, style)
    paragraph = CellParagraph(markup, style)
    paragraph.plain_style = style
    return paragraph


class TitleLine(Flowable):  # type: ignore[misc]
    """A document's title, centred and emboldened as official papers set it."""

    def __init__(self, text: str, size: float) -> None:
        super().__init__()
        self.text = text
        self.size = size
        fonts.runs(text)  # a character no face has is refused before layout starts

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.size * 1.3

    def draw(self) -> None:
        draw_runs(self.canv, self.width / 2, self.size * 0.3, self.text, self.size, align="center", bold=True)


def title(text: str, marks: Marks, size: float = 18, *, subtitle: str = "") -> list[Flowable]:
    """The title line (with 培训模式 in training mode) and, under it, e.g. the hall that issues the paper."""
    story: list[Flowable] = [TitleLine(titled(text, marks), size)]
    if subtitle:
        story += [Spacer(1, 1 * mm), para(subtitle, 10.5, align="center")]
    return [*story, Spacer(1, 5 * mm)]


class Grid(Table):  # type: ignore[misc]
    """A ruled table as wide as the room it is given (its frame, or the cell it sits in), never wider.

    The column widths are proportions: each ``wrap`` shares out the width on
    offer in them, so a table nested in a cell takes the cell's width and a
    long text wraps inside its cell instead of running past the frame. The
    parts of a table split over pages come back here with the widths of the
    whole (ReportLab builds them by the class and ``colWidths``) and share out
    the same width alike.
    """

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        proportions = [float(w) for w in self._argW]  # type: ignore[has-type]
        total = sum(proportions)
        self._argW = [available_width * w / total for w in proportions]
        return cast(tuple[float, float], super().wrap(available_width, available_height))


def grid(rows: Sequence[Sequence[str | Flowable]], widths: Sequence[float], *, size: float = 9.5, header: bool = True) -> Table:
    """A ruled table filling the width it is given, its columns in the proportions of ``widths``; strings become
    wrapping paragraphs; the first row is the header (repeated on each page)."""
    cells = [[para(cell, size, cell=True) if isinstance(cell, str) else cell for cell in row] for row in rows]
    table = Grid(cells, colWidths=list(widths), repeatRows=1 if header else 0)
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), fonts.pick("")),  # the cells' default, Helvetica, would be named in the file
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)))
    table.setStyle(TableStyle(commands))
    return table


def build(
    page_size: tuple[float, float], story: list[Flowable], *, title_text: str, marks: Marks, top_mm: float = 22, bottom_mm: float = 16
) -> tuple[bytes, int]:
    """The PDF bytes and the number of pages (``top_mm``, ``bottom_mm``: the margins; a small paper may take less)."""
    buffer = io.BytesIO()
    pages = 0

    def on_page(canvas: PaperCanvas, _document: SimpleDocTemplate) -> None:
        nonlocal pages
        pages += 1
        stamp(canvas, page_size[0], page_size[1], marks)
        label = f"第 {pages} 页"
        canvas.saveState()
        draw_runs(canvas, page_size[0] - 10 * mm, 6 * mm, label, 8, align="right")
        canvas.restoreState()

    document = SimpleDocTemplate(
        buffer,
        pagesize=page_size,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=top_mm * mm,
        bottomMargin=bottom_mm * mm,
        title=title_text,
        creator="clerk-app",
        pageCompression=1,
        # Start in our own font, so no standard (non-embedded) PDF font is even named in the file (the template
        # hands its own initialFontName to the canvas, so it is set here, not on the canvas maker).
        initialFontName=fonts.pick(""),
    )
    canvas_maker = functools.partial(PaperCanvas, training=marks.training, preview=marks.preview)
    document.build(story, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=canvas_maker)
    return buffer.getvalue(), pages
