"""Commands that print: clerk-app print receipt|certificate|ce-statement|day-report|filing-form|test-page|offsets.

Each document command makes the PDF (recording the print in the audit trail)
and then saves it (``--out FILE.pdf``), prints it on a printer through Qt's
print support (``--printer NAME``), or both. Qt is imported only when a
printer is named, and then works without a display.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from clerk_app import clock
from clerk_app.cli.context import EXIT_ENVIRONMENT, EXIT_OK, EXIT_REFUSED, CliContext, CommandError, read_json_argument
from clerk_app.cli.identity import proven_operator, recorded_operator
from clerk_app.domain.problems import problem
from clerk_app.paths import data_dir
from clerk_app.printing import calibration
from clerk_app.printing.offsets import corrected
from clerk_app.services.settings import SettingRefused
from local_db.output_paths import output_refusal

if TYPE_CHECKING:
    from clerk_app.printing.service import PrintJob, PrintService


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = commands.add_parser("print", help="打印回执、证书、学时证明、日终对账单、备案申请表").add_subparsers(
        dest="print_command", required=True, metavar="DOCUMENT"
    )

    def document(name: str, help_text: str) -> argparse.ArgumentParser:
        parser = group.add_parser(name, help=help_text)
        parser.add_argument("--out", metavar="FILE.pdf", help="保存为 PDF 文件")
        parser.add_argument("--printer", metavar="NAME", help="直接在这台打印机上打印")
        return parser

    receipt = document("receipt", "受理回执")
    receipt.add_argument("record", metavar="RECORD_ID|RECEIPT_NO")
    receipt.set_defaults(handler=_receipt)

    certificate = document("certificate", "从业资格证（可一次打印多张）")
    certificate.add_argument("certificate_nos", nargs="*", metavar="CERT_NO", help="本机已取回的证书编号，可多个")
    certificate.add_argument("--json", dest="json_source", metavar="FILE|-", help="平台的证书信息（一个对象或对象列表）")
    certificate.set_defaults(handler=_certificate)

    statement = document("ce-statement", "继续教育学时证明")
    statement.add_argument("id_number", metavar="ID_NUMBER")
    statement.add_argument("--issued-on", metavar="YYYY-MM-DD", help="纸质证书上的初次领证日期（本机没有证书信息时）")
    statement.add_argument("--category", choices=("freight", "passenger"), help="哪类证书的学时（默认：此人最近一次录入的类别）")
    statement.add_argument(
        "--offline", action="store_true", help="不询问省平台，只用本机保存的平台数据（默认：联网时先问省平台，与窗口一致）"
    )
    statement.set_defaults(handler=_ce_statement)

    report = document("day-report", "日终对账单")
    report.add_argument("--date", metavar="YYYY-MM-DD", help="哪一天（默认今天）")
    report.add_argument("--clerk", metavar="ID", help="只统计这位经办人（默认整个窗口）")
    report.set_defaults(handler=_day_report)

    form = document("filing-form", "继续教育培训机构备案申请表")
    form.add_argument("institution_code", metavar="INSTITUTION_CODE")
    form.set_defaults(handler=_filing_form)

    test = document("test-page", "套打校准测试页（按该打印机当前偏移打印）")
    test.set_defaults(handler=_test_page)

    offsets = group.add_parser("offsets", help="查看或设置打印机的套打偏移（毫米）")
    offsets.add_argument("printer_name", metavar="PRINTER")
    how = offsets.add_mutually_exclusive_group()
    how.add_argument("--set", nargs=2, type=float, metavar=("X_MM", "Y_MM"), help="直接设定偏移（向右、向下为正）")
    how.add_argument(
        "--measured", nargs=2, type=float, metavar=("LEFT_MM", "TOP_MM"), help="测试页十字中心量得的距左边、距上边距离"
    )
    offsets.set_defaults(handler=_offsets)




def _receipt(ctx: CliContext) -> int:
    return _deliver(ctx, lambda service: service.receipt(ctx.args.record, operator=recorded_operator(ctx)))


def _certificate(ctx: CliContext) -> int:
    numbers, source = ctx.args.certificate_nos, ctx.args.json_source
    if not numbers and not source:
        raise CommandError([problem("missing_field", "certificate_no")])
    if source:
        data, refusal = read_json_argument(source)
        if refusal:
            raise CommandError([refusal])
        items = data if isinstance(data, list) else [data]
        _tell_validity(ctx, [i for i in items if isinstance(i, dict)])
        return _deliver(ctx, lambda service: service.certificates_from(items, operator=recorded_operator(ctx), printer=ctx.args.printer))
    from clerk_app.printing import qualifications

    _tell_validity(ctx, [q for n in numbers if (q := qualifications.by_certificate_no(ctx.database(write=True), n.strip())) is not None])
    return _deliver(ctx, lambda service: service.certificates(numbers, operator=recorded_operator(ctx), printer=ctx.args.printer))


def _tell_validity(ctx: CliContext, items: list[Mapping[str, object]]) -> None:
    """Tell the clerk when a paper cannot print the start of its validity (an older platform sent no valid_from)."""
    from clerk_app.printing import qualifications

    for item in items:
        note = qualifications.validity_note(item)
        if note is not None:
            print(note.message(ctx.lang), file=sys.stderr)


def _ce_statement(ctx: CliContext) -> int:
    """As the window's button: the platform is asked first when one is set (its answer kept), so the figures are
    as of now; the cache is used only offline or with ``--offline``, and the statement says how old it is."""
    issued_on = _date(ctx.args.issued_on) if ctx.args.issued_on else None
    if not ctx.args.offline:
        _ask_platform_first(ctx, ctx.args.id_number)
    return _deliver(
        ctx,
        lambda service: service.ce_statement(
            ctx.args.id_number, operator=recorded_operator(ctx), issued_on=issued_on, category=ctx.args.category
        ),
    )


def _ask_platform_first(ctx: CliContext, typed: str) -> None:
    """Ask the platform for the person's certificates and CE hours (kept for offline use); offline, say so and go on."""
    from clerk_app.domain.id_number import IdNumber, parse_id_number
    from clerk_app.services.platform import PlatformService, PlatformStop
    from clerk_app.services.settings import SettingsService

    person = parse_id_number(typed, clock.today())
    db = ctx.database(write=True)
    if not isinstance(person, IdNumber) or not SettingsService(db).get("platform.url"):
        return  # a wrong number is refused by the statement itself; no platform set: the window's own figures
    try:
        PlatformService(db, lang=ctx.lang, operator=recorded_operator(ctx)).look_up_person(person.canonical)
    except PlatformStop as stop:
        print(problem("print_ce_platform_offline", None, reason=stop.problem.message(ctx.lang)).message(ctx.lang), file=sys.stderr)


def _day_report(ctx: CliContext) -> int:
    day = _date(ctx.args.date) if ctx.args.date else clock.today()
    return _deliver(ctx, lambda service: service.day_report(day, operator=recorded_operator(ctx), clerk=ctx.args.clerk))


def _filing_form(ctx: CliContext) -> int:
    return _deliver(ctx, lambda service: service.filing_form(ctx.args.institution_code, operator=recorded_operator(ctx)))


def _test_page(ctx: CliContext) -> int:
    if not ctx.args.printer:
        raise CommandError([problem("print_no_destination", "printer")])
    return _deliver(ctx, lambda service: service.test_page(ctx.args.printer, operator=recorded_operator(ctx)))


def _offsets(ctx: CliContext) -> int:
    name = ctx.args.printer_name
    db = ctx.database(write=bool(ctx.args.set or ctx.args.measured))
    current = calibration.get_offsets(db, name)
    new = tuple(ctx.args.set) if ctx.args.set else None
    try:
        if ctx.args.measured:
            new = corrected(current, tuple(ctx.args.measured))
    except ValueError as error:
        raise CommandError(
            [problem("invalid_setting", "printer", label="套打偏移", hint_zh=error.args[0], hint_en=error.args[-1])]
        ) from None
    if new is not None:
        try:
            current = calibration.set_offsets(db, name, new[0], new[1], operator=proven_operator(ctx))
        except SettingRefused as refused:
            raise CommandError([refused.problem]) from None
    ctx.emit({"printer": name, "x_mm": current[0], "y_mm": current[1]})
    return EXIT_OK


EARLIEST_DATE = date(1950, 1, 1)


def _date(text: str) -> date:
    """A date typed for a document: a real day between 1950 and today (9999-12-31 once ended in exit 70)."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError([problem("print_invalid_date", "date", value=text)]) from None
    if not EARLIEST_DATE <= day <= clock.today():
        refusal = problem("print_date_out_of_range", "date", value=text, earliest=EARLIEST_DATE.isoformat(), today=clock.today())
        raise CommandError([refusal])
    return day


def _deliver(ctx: CliContext, make: Callable[[PrintService], PrintJob]) -> int:
    """Check where the job goes, make it (recording the print), then save and/or print it."""
    out, printer = ctx.args.out, ctx.args.printer
    if not out and not printer:
        raise CommandError([problem("print_no_destination", None)])
    if printer:
        _check_printer(printer)
    # ReportLab is imported only by commands that print, so every other command starts fast.
    from clerk_app.printing.service import PrintRefused, PrintService

    staged = _StagedPdf(Path(out), data_dir(ctx.args.data_dir)) if out else None
    try:
        service = PrintService(ctx.database(write=True), before_recording=staged.write if staged else None)
        try:
            job = make(service)
        except PrintRefused as refused:
            raise CommandError(refused.problems) from None
        if staged:
            staged.commit()
    finally:
        if staged:
            staged.discard()
    result: dict[str, object] = {"document": job.document, "title": job.title, "pages": job.pages, "reprint": job.reprint_count}
    if out:
        result["out"] = out
    if printer:
        from clerk_app.printing import printer as printers

        try:
            printers.print_job(job, printer)
        except (printers.PrinterNotFound, printers.PrinterRefused):
            refusal = problem("print_failed", "printer", printer=printer, reason="打印机未接受打印任务")
            raise CommandError([refusal], EXIT_ENVIRONMENT) from None
        result["printer"] = printer
    ctx.emit(result)
    return EXIT_OK


def _check_printer(name: str) -> None:
    # Printing needs no window: Qt's offscreen platform works with or without a display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from clerk_app.printing.printer import printer_names

    names = printer_names()
    if name not in names:
        available = "、".join(names) or "（无）"
        raise CommandError([problem("print_printer_not_found", "printer", printer=name, available=available)], EXIT_ENVIRONMENT)


class _StagedPdf:
    """``--out``: the PDF written whole beside the target before the print is recorded, renamed over it after.

    A write that fails (disk full, no permission) stops the job inside its transaction, so no print
    is recorded and the next real print is not counted as a reprint. Only a regular file outside the data
    folder that is no database is ever replaced: a link, a folder or a device (``/dev/full``, even for root)
    is refused before anything is made (``local_db.output_paths``).
    """

    def __init__(self, target: Path, data_folder: Path) -> None:
        self.target = target
        refusal = output_refusal(target, data_folder)  # a link, a folder, a device, the data folder, a database
        if refusal is not None:
            raise self._refusal(refusal, EXIT_REFUSED)
        folder = target.parent if str(target.parent) else Path(".")
        if not folder.is_dir():
            raise self._refusal("文件夹不存在", EXIT_REFUSED)
        try:
            handle, name = tempfile.mkstemp(dir=folder, prefix=".printing-", suffix=".pdf")
        except OSError as error:
            raise self._refusal(error.strerror or str(error), EXIT_ENVIRONMENT) from None
        os.close(handle)
        self._temporary: Path | None = Path(name)

    def _refusal(self, reason: str | tuple[str, str], exit_code: int) -> CommandError:
        return CommandError([problem("print_out_unwritable", "out", path=str(self.target), reason=reason)], exit_code)

    def write(self, pdf: bytes) -> None:
        assert self._temporary is not None
        try:
            with open(self._temporary, "wb") as handle:
                handle.write(pdf)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as error:
            raise self._refusal(error.strerror or str(error), EXIT_ENVIRONMENT) from None

    def commit(self) -> None:
        assert self._temporary is not None
        try:
            os.replace(self._temporary, self.target)
        except OSError as error:
            raise self._refusal(error.strerror or str(error), EXIT_ENVIRONMENT) from None
        self._temporary = None

    def discard(self) -> None:
        if self._temporary is not None:
            self._temporary.unlink(missing_ok=True)
            self._temporary = None
