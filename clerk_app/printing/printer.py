"""Putting a print job on paper through Qt's print support, without any window.

Jobs arrive as PDF bytes (``clerk_app.printing.service``). A printer is driven
by rendering each PDF page with PDFium at up to 300 dpi and painting it onto a
QPrinter page of exactly the PDF's paper size with no margins, so what comes
out is what the preview showed, on any printer driver. The command line
(``clerk-app print … --printer``), the self-check and the window's dialogs
(``ui/printing.py``) all print through here; this module uses QtGui and
QtPrintSupport only, never widgets, so it runs headless.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pypdfium2 as pdfium
from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from clerk_app.printing.service import PrintJob

log = logging.getLogger(__name__)
MAX_PRINT_DPI = 300  # enough for 0.28 mm barcode modules; 600 dpi would be 100 MB per A4 page
POINTS_PER_MM = 72 / 25.4


class PrinterNotFound(Exception):
    """The named printer (or a default printer) is not installed here."""

    def __init__(self, name: str | None) -> None:
        super().__init__(f"printer not found: {name or '(default)'}")
        self.name = name


class PrinterRefused(Exception):
    """The printer is there but did not accept the job (off, out of paper, driver error)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"printer did not accept the job: {name}")
        self.name = name


def application() -> QGuiApplication:
    """The running Qt application (the window's), or a windowless one for printing from the command line."""
    app = QGuiApplication.instance()
    return app if isinstance(app, QGuiApplication) else QGuiApplication([])


def printer_names() -> list[str]:
    application()
    return [info.printerName() for info in QPrinterInfo.availablePrinters()]


def default_printer_name() -> str:
    """The system's default printer ("" when there is none)."""
    application()
    return QPrinterInfo.defaultPrinterName()


def page_images(pdf: bytes, dpi: float) -> Iterator[QImage]:
    """Each page of the PDF as an image at ``dpi``, white background."""
    document = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            bitmap = document[index].render(scale=dpi / 72)
            picture = bitmap.to_pil().convert("RGB")
            data = picture.tobytes()
            # copy(): the QImage must not outlive the bytes it was built on.
            yield QImage(data, picture.width, picture.height, 3 * picture.width, QImage.Format.Format_RGB888).copy()
    finally:
        document.close()


def _page_layout(pdf_page: pdfium.PdfPage) -> QPageLayout:
    width_mm, height_mm = (v / POINTS_PER_MM for v in pdf_page.get_size())
    portrait = QSizeF(min(width_mm, height_mm), max(width_mm, height_mm))
    size = QPageSize(portrait, QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = QPageLayout.Orientation.Landscape if width_mm > height_mm else QPageLayout.Orientation.Portrait
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def render_into(printer: QPrinter, job: PrintJob) -> bool:
    """Paint every page of the job onto ``printer``; False if the printer refused to start."""
    document = pdfium.PdfDocument(job.pdf)
    try:
        layout = _page_layout(document[0])
    finally:
        document.close()
    printer.setFullPage(True)
    printer.setPageLayout(layout)
    printer.setDocName(job.title)
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        for number, image in enumerate(page_images(job.pdf, dpi)):
            if number:
                printer.newPage()
            painter.drawImage(QRectF(painter.viewport()), image)
    finally:
        painter.end()
    return True


def print_job(job: PrintJob, printer_name: str | None) -> str:
    """Print on the named printer (None: the system's default); returns the printer's name.

    Raises ``PrinterNotFound`` or ``PrinterRefused``; the caller says so in its own way.
    """
    application()
    info = QPrinterInfo.printerInfo(printer_name) if printer_name else QPrinterInfo.defaultPrinter()
    if info.isNull():
        log.warning("printer not found: %s", printer_name)
        raise PrinterNotFound(printer_name)
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    if not render_into(printer, job):
        log.warning("printer did not accept the job: %s", info.printerName())
        raise PrinterRefused(info.printerName())
    return info.printerName()
