"""Reading a printed PDF back as a user's tools would: its text, its fonts, and its barcodes scanned from the rendered page."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pypdfium2 as pdfium
import zxingcpp
from pypdf import PdfReader

DPI = 200


def text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def fonts_drawing_text(pdf: bytes) -> dict[str, bool]:
    """BaseFont of every font that draws visible text -> whether the font file is embedded in the PDF."""
    used: dict[str, bool] = {}

    def visit(shown: str, _cm: object, _tm: object, font: object, _size: object) -> None:
        if shown.strip() and font:
            descriptor = font.get("/FontDescriptor")  # type: ignore[attr-defined]
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            used[str(font["/BaseFont"])] = embedded  # type: ignore[index]

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return used


@dataclass(frozen=True)
class Scanned:
    format: str
    text: str
    left_mm: float
    top_mm: float


def scan(pdf: bytes, page: int = 0) -> list[Scanned]:
    """Barcodes and QR codes decoded from the page rendered at 200 dpi, with their top-left corner in mm."""
    document = pdfium.PdfDocument(pdf)
    try:
        image = document[page].render(scale=DPI / 72).to_pil()
    finally:
        document.close()
    found = []
    for result in zxingcpp.read_barcodes(image):
        corners = [result.position.top_left, result.position.top_right, result.position.bottom_left, result.position.bottom_right]
        found.append(
            Scanned(
                str(result.format).split(".")[-1].replace(" ", ""),
                result.text,
                min(p.x for p in corners) * 25.4 / DPI,
                min(p.y for p in corners) * 25.4 / DPI,
            )
        )
    return found


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _multiply(a: list[float], b: list[float]) -> list[float]:
    """The PDF matrix product a × b of [a b c d e f] matrices."""
    return [
        a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def dashed_rings(pdf: bytes, page: int = 0) -> list[tuple[float, float, float]]:
    """Circles stroked with a dash pattern (the seal areas): (centre x, centre y, radius) in mm from the top-left."""
    from pypdf.generic import ContentStream

    reader = PdfReader(io.BytesIO(pdf))
    sheet = reader.pages[page]
    height = float(sheet.mediabox.height)
    content = ContentStream(sheet.get_contents(), reader)
    stack: list[tuple[list[float], bool]] = []
    matrix, dashed = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0], False
    points: list[tuple[float, float]] = []
    rings = []
    for operands, operator in content.operations:
        op = operator.decode()
        if op == "q":
            stack.append((matrix, dashed))
        elif op == "Q":
            matrix, dashed = stack.pop()
        elif op == "cm":
            matrix = _multiply([float(v) for v in operands], matrix)
        elif op == "d":
            dashed = bool(operands[0])
        elif op in ("m", "c"):
            for x, y in zip(operands[0::2], operands[1::2], strict=True):
                a, b, c, d, e, f = matrix
                points.append((a * float(x) + c * float(y) + e, b * float(x) + d * float(y) + f))
        elif op in ("S", "s", "B", "f", "n"):
            if op in ("S", "s") and dashed and len(points) >= 12:
                xs, ys = [p[0] for p in points], [p[1] for p in points]
                to_mm = 25.4 / 72
                rings.append(((min(xs) + max(xs)) / 2 * to_mm, (height - (min(ys) + max(ys)) / 2) * to_mm, (max(xs) - min(xs)) / 2 * to_mm))
            points = []
    return rings


def char_centres(pdf: bytes, page: int = 0) -> list[tuple[str, float, float]]:
    """Every drawn character and the centre of its box, in mm from the top-left (as PDFium lays the text out)."""
    document = pdfium.PdfDocument(pdf)
    try:
        sheet = document[page]
        height = sheet.get_height()
        text_page = sheet.get_textpage()
        found = []
        for i in range(text_page.count_chars()):
            character = text_page.get_text_range(i, 1)
            if character.strip():
                left, bottom, right, top = text_page.get_charbox(i)
                found.append((character, (left + right) / 2 * 25.4 / 72, (height - (top + bottom) / 2) * 25.4 / 72))
        return found
    finally:
        document.close()


def char_faces(pdf: bytes, page: int = 0) -> list[tuple[str, str]]:
    """Every drawn character and the face drawing it, as the file names the face (less the subset tag AAAAAA+)."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [(c["text"], str(c["fontname"]).split("+")[-1]) for c in document.pages[page].chars if c["text"].strip()]
