"""The Qt side: a job painted onto a real QPrinter (Qt's PDF output here) still scans; the preview shows its pages;
the printer path needs no widgets, so the command line prints without loading them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel

from clerk_app.printing import printer as printers
from clerk_app.printing.printer import render_into
from clerk_app.printing.service import PrintService
from tests.printing import readback
from tests.printing.conftest import qualification
from ui.printing import PreviewDialog, print_job

pytestmark = pytest.mark.gui


def test_a_job_painted_onto_a_printer_keeps_paper_size_and_scannable_codes(qtbot: object, printing: PrintService, tmp_path: Path) -> None:
    cert = qualification()
    job = printing.certificates_from([cert, qualification(certificate_no="JL2201202611000999")], operator="clerk01")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))

    assert render_into(printer, job)
    printed = (tmp_path / "printed.pdf").read_bytes()
    assert readback.page_count(printed) == 2
    import pypdfium2 as pdfium

    width, height = pdfium.PdfDocument(printed)[0].get_size()
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 148)  # A5 landscape, as drawn
    assert {s.text for s in readback.scan(printed)} == {cert["certificate_no"], cert["verify_url"]}


def test_print_job_on_a_missing_printer_says_no(qtbot: object, printing: PrintService) -> None:
    job = printing.test_page("证书打印机", operator="clerk01")
    assert print_job(job, "没有这台打印机") is False
    with pytest.raises(printers.PrinterNotFound):
        printers.print_job(job, "没有这台打印机")


def test_the_printer_path_needs_no_window() -> None:
    """The command line's printer path runs on a plain QGuiApplication and never loads the window's package."""
    code = (
        "import sys, os; os.environ['QT_QPA_PLATFORM'] = 'offscreen';"
        "from clerk_app.printing import printer; printer.printer_names();"
        "print(type(printer.application()).__name__, sorted(m for m in sys.modules if m == 'ui' or m.startswith('ui.')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "QGuiApplication []", result.stdout + result.stderr


def test_preview_shows_every_page_and_the_reprint(qtbot: object, printing: PrintService) -> None:
    printing.certificates_from([qualification()], operator="clerk01")
    job = printing.certificates_from([qualification(), qualification(certificate_no="JL2201202611000999")], operator="clerk01")
    dialog = PreviewDialog(job)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    pages = [label for label in dialog.findChildren(QLabel) if label.pixmap() and not label.pixmap().isNull()]
    assert len(pages) == 2
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("共 2 页" in t and "补打（第1次）" in t for t in texts)
    assert not dialog.print_button.isEnabled()  # no printer installed here: saving as PDF is the way
