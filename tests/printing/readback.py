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
