"""Printing from any screen: the document is drawn on a worker thread, then previewed for printing.

Drawing a PDF takes tens of milliseconds to seconds (a day report); the
window stays responsive meanwhile. A refusal (for example a character the
font lacks) is shown in the clerk's words; nothing is recorded as printed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.context import AppContext
from ui.tasks import run_task

if TYPE_CHECKING:
    from clerk_app.printing.service import PrintJob, PrintService


def preview(parent: QWidget, ctx: AppContext, make: Callable[[PrintService], PrintJob]) -> None:
    # ReportLab and PDFium load on the first print, not at start-up (a third of a second).
    from clerk_app.printing.service import PrintRefused
    from ui import printing

    def failed(error: BaseException) -> None:
        if isinstance(error, PrintRefused):
            text = "\n".join(p.message(ctx.lang) for p in error.problems)
        else:
            text = QCoreApplication.translate("print_actions", "文件生成失败，请重试；如仍失败请联系技术支持（详情见日志）。")
        QMessageBox.warning(parent, QCoreApplication.translate("print_actions", "打印"), text)

    run_task(lambda: make(ctx.services.printing()), lambda job: printing.show_preview(parent, job), failed)


def receipt(parent: QWidget, ctx: AppContext, record_key: str) -> None:
    preview(parent, ctx, lambda service: service.receipt(record_key, operator=ctx.operator_id))


def day_report(parent: QWidget, ctx: AppContext, day: date) -> None:
    preview(parent, ctx, lambda service: service.day_report(day, operator=ctx.operator_id))


def filing_form(parent: QWidget, ctx: AppContext, code: str) -> None:
    preview(parent, ctx, lambda service: service.filing_form(code, operator=ctx.operator_id))
