"""The layout check of a printed paper, read back from its PDF (pdfplumber): what a reader of the paper would see wrong.

``findings(pdf)`` lists, page by page, in words:

- a glyph outside the printable area (``MARGIN_MM`` from every edge: no printer prints closer);
- a glyph crossed by a drawn rule (a table's grid, a frame, a box): text wider than its cell or frame;
- two glyphs overlapping (two texts drawn over each other);
- a date not in the GB/T 9704 form 2026年12月1日 (no zero padding, no ISO dates);
- a glyph in a face that is not a Song (Ming) face, or one word set in two faces.

The training watermark (drawn at an angle over everything on purpose) is only held to the face rule.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

import pdfplumber

MM = 72 / 25.4
MARGIN_MM = 5.0
# Song (Ming) faces as their files name themselves: Windows' SimSun, AR PL SungtiL GB, AR PL UMing.
SONG_FACES = ("SimSun", "BousungEG-Light-GB", "UMing")
PADDED_DATE = re.compile(r"\d{4}年0\d月|\d{1,2}月0\d日")
ISO_DATE = re.compile(r"(?<![\d-])(19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}(?![\d-])")


@dataclass(frozen=True)
class Glyph:
    text: str
    face: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def core(self) -> tuple[float, float, float, float]:
        """The box the ink fills: the advance box less a little on every side (a rule touching it is fine)."""
        width, height = self.x1 - self.x0, self.bottom - self.top
        return self.x0 + width * 0.15, self.top + height * 0.2, self.x1 - width * 0.15, self.bottom - height * 0.2

    def where(self) -> str:
        return f"「{self.text}」at {self.x0 / MM:.1f},{self.top / MM:.1f} mm"


Segment = tuple[float, float, float, float]


def _crosses(segment: Segment, box: tuple[float, float, float, float]) -> bool:
    """Whether a straight segment passes through the inside of a box (Liang-Barsky clipping)."""
    x0, y0, x1, y1 = segment
    left, top, right, bottom = box
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if p == 0:
            if q <= 0:
                return False
        else:
            t = q / p
            if p < 0:
                low = max(low, t)
            else:
                high = min(high, t)
            if low > high:
                return False
    return True


def _segments(page: pdfplumber.page.Page) -> list[Segment]:
    """Every stroked rule on the page: lines, the edges of stroked rectangles, and curves as polylines."""
    found: list[Segment] = []
    for line in page.lines:
        if line.get("stroke", True):
            points = line.get("pts") or [(line["x0"], line["top"]), (line["x1"], line["bottom"])]
            found += [(a[0], a[1], b[0], b[1]) for a, b in itertools.pairwise(points)]
    for rect in page.rects:
        if rect.get("stroke"):
            x0, top, x1, bottom = rect["x0"], rect["top"], rect["x1"], rect["bottom"]
            found += [(x0, top, x1, top), (x0, bottom, x1, bottom), (x0, top, x0, bottom), (x1, top, x1, bottom)]
    for curve in page.curves:
        if curve.get("stroke"):
            points = curve["pts"]
            found += [(a[0], a[1], b[0], b[1]) for a, b in itertools.pairwise(points)]
    return found


def _overlapping(glyphs: list[Glyph]) -> Iterable[tuple[Glyph, Glyph]]:
    ordered = sorted(glyphs, key=lambda g: g.core[0])
    for i, a in enumerate(ordered):
        _left, top, right, bottom = a.core
        for b in ordered[i + 1 :]:
            b_left, b_top, _b_right, b_bottom = b.core
            if b_left >= right:
                break
            if b_top < bottom and top < b_bottom:
                yield a, b


def _face(char: dict[str, object]) -> str:
    """The face's name without the subset tag (ReportLab embeds a big face as several subsets: AAAAAA+Name, BAAAAA+Name)."""
    return str(char["fontname"]).split("+")[-1]


def _level(char: dict[str, object]) -> bool:
    """Whether a glyph is set level, as text is (the watermark is drawn at an angle across the page)."""
    matrix = char["matrix"]
    return abs(float(matrix[1])) < 1e-3 and abs(float(matrix[2])) < 1e-3  # type: ignore[index]


def page_findings(page: pdfplumber.page.Page, number: int) -> list[str]:
    found: list[str] = []
    say = found.append
    upright = [
        Glyph(c["text"], str(c["fontname"]), c["x0"], c["top"], c["x1"], c["bottom"])
        for c in page.chars
        if c["text"].strip() and _level(c)
    ]
    for c in page.chars:
        face = _face(c)
        if c["text"].strip() and not any(song in face for song in SONG_FACES):
            say(f"page {number}: 「{c['text']}」 in {face}, not a Song (Ming) face")
    margin = MARGIN_MM * MM
    for g in upright:
        if g.x0 < margin or g.top < margin or g.x1 > page.width - margin or g.bottom > page.height - margin:
            say(f"page {number}: {g.where()} outside the printable area")
    segments = _segments(page)
    for g in upright:
        box = g.core
        for s in segments:
            if _crosses(s, box):
                rule = f"{s[0] / MM:.1f},{s[1] / MM:.1f} to {s[2] / MM:.1f},{s[3] / MM:.1f} mm"
                say(f"page {number}: {g.where()} crossed by a rule from {rule}")
                break
    for a, b in _overlapping(upright):
        say(f"page {number}: {a.where()} overlaps {b.where()}")
    for word in page.extract_words(x_tolerance=1.5, return_chars=True):
        faces = {_face(c) for c in word["chars"] if _level(c)}
        if len(faces) > 1:
            say(f"page {number}: 「{word['text']}」 set in {len(faces)} faces: {sorted(faces)}")
    text = page.extract_text()
    for pattern in (PADDED_DATE, ISO_DATE):
        for match in pattern.finditer(text):
            say(f"page {number}: date 「{match.group()}」 not in the form 2026年12月1日")
    return found


def findings(pdf: bytes) -> list[str]:
    """Everything wrong with the paper's layout, in words; [] when a reviewer would find nothing."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [f for n, page in enumerate(document.pages, start=1) for f in page_findings(page, n)]
