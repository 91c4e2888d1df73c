"""Printing from any screen: the document is drawn on a worker thread, then previewed for printing.

Drawing a PDF takes tens of milliseconds to seconds (a day report); the
window stays responsive meanwhile. A refusal (for example a character the
font lacks) is shown in the clerk's words; nothing is recorded as printed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import suppress
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

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

    service = ctx.services.printing(training=ctx.training is not None)  # practice papers marked as such
    run_task(lambda: make(service), lambda job: printing.show_preview(parent, job), failed)


def receipt(parent: QWidget, ctx: AppContext, record_key: str) -> None:
    preview(parent, ctx, lambda service: service.receipt(record_key, operator=ctx.operator_id))


def day_report(parent: QWidget, ctx: AppContext, day: date) -> None:
    preview(parent, ctx, lambda service: service.day_report(day, operator=ctx.operator_id))


def filing_form(parent: QWidget, ctx: AppContext, code: str) -> None:
    preview(parent, ctx, lambda service: service.filing_form(code, operator=ctx.operator_id))


def ce_statement(parent: QWidget, ctx: AppContext, id_number: str, *, category: str | None = None, issued_on: date | None = None) -> None:
    """继续教育学时证明 with the figures the CE form shows. The platform, when set, is asked first (and its answer
    kept), so the statement is as of now; offline it says how old the platform figures it uses are."""
    from clerk_app.services.platform import PlatformStop

    platform = ctx.platform if ctx.settings.get("platform.url") else None

    def make(service: PrintService) -> PrintJob:
        if platform is not None:
            with suppress(PlatformStop):  # offline: the cached figures, with the time they were read, are printed
                platform.look_up_person(id_number)
        return service.ce_statement(id_number, operator=ctx.operator_id, issued_on=issued_on, category=category)

    preview(parent, ctx, make)


def certificate(parent: QWidget, ctx: AppContext, id_number: str) -> None:
    """从业资格证 of a driver: the platform asked for it first (kept for offline), else what this window kept;
    the clerk picks the paper certificate, the printer and the paper (plain or pre-printed), then sees the preview."""
    platform = ctx.platform
    title = QCoreApplication.translate("print_actions", "打印从业资格证")

    def found(answer: tuple[list[Mapping[str, object]], str | None]) -> None:
        from ui.certificate_choice import CertificateChoice

        certificates, offline = answer
        if not certificates:
            text = QCoreApplication.translate("print_actions", "本机和省平台都没有此人的从业资格证，请核对身份证号。")
            if offline:
                text = QCoreApplication.translate("print_actions", "本机没有此人的从业资格证，省平台也查询不到。请联网后再试。")
                text += "\n" + offline
            QMessageBox.warning(parent, title, text)
            return
        note = ""
        if offline:
            note = QCoreApplication.translate("print_actions", "未连上省平台：以下是本机保存的证书。") + "\n" + offline
        dialog = CertificateChoice(certificates, stock=bool(ctx.settings.get("print.certificate_stock")), note=note, parent=parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        chosen, printer, stock = dialog.chosen(), dialog.printer_name(), dialog.on_stock()
        from clerk_app.printing.qualifications import validity_note

        unknown_start = validity_note(chosen) if isinstance(chosen, Mapping) else None
        if unknown_start is not None:  # an older platform sent no valid_from: the paper prints only the end, say why
            QMessageBox.information(parent, title, unknown_start.message(ctx.lang))
        preview(parent, ctx, lambda service: service.certificates_from([chosen], operator=ctx.operator_id, printer=printer, stock=stock))

    def failed(_error: BaseException) -> None:
        text = QCoreApplication.translate("print_actions", "暂时无法查找此人的从业资格证，请重试。")
        QMessageBox.warning(parent, title, text)

    run_task(lambda: platform.certificates_of(id_number), found, failed)
