"""``clerk-app import``: a school's completion list from .xlsx, .xls, .ods or .csv, with the per-row report.

Exit codes: 0 every row is imported or was already there; 1 done, but rows
are left (refused, or near duplicates not confirmed; with --dry-run: rows that
would be left); 2 the file, the mapping or the --export-refused path was
refused and nothing changed; 3 the rows were imported (the report says which)
but the refused rows could not be written to the --export-refused file.
"""

from __future__ import annotations

import argparse
import logging
from typing import TYPE_CHECKING, Any

from clerk_app.cli.context import EXIT_ENVIRONMENT, EXIT_OK, EXIT_PROBLEMS, CliContext, CommandError, read_json_argument
from clerk_app.cli.identity import proven_operator
from clerk_app.domain.problems import problem

if TYPE_CHECKING:
    from clerk_app.importing.service import Preview

# clerk_app.importing (and openpyxl with it) is imported by the import command itself, not here:
# every command and the window load this module at start.

log = logging.getLogger(__name__)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser("import", help="导入培训机构的结业名单（.xlsx、.xls、.ods 或 .csv）")
    command.add_argument("file", metavar="FILE")
    command.add_argument("--dry-run", action="store_true", help="只检查并报告每一行，不保存")
    command.add_argument(
        "--mapping", metavar="FILE", help='列对应文件（JSON：{"列标题": "字段名"}，空值表示不导入该列）；导入后为这种表头记住它'
    )
    command.add_argument(
        "--confirm-duplicates", action="store_true", help="疑似重复（同一人、同机构同车型、30 天内）的行也导入（已核对为不同的培训）"
    )
    command.add_argument("--export-refused", metavar="OUT.xlsx", help="把不能导入的行连同原因另存为 Excel，退给培训机构")
    command.add_argument("--json", action="store_true", help="以 JSON 输出每一行的结果")
    command.set_defaults(handler=_import)


def _import(ctx: CliContext) -> int:
    from clerk_app.importing.reading import ImportRefused
    from clerk_app.importing.service import REFUSED, WARNING, ImportService

    args = ctx.args
    if args.export_refused:
        _check_export(ctx, args.export_refused)  # before anything is saved: a bad path must not be found after the commit
    given = _mapping(args.mapping) if args.mapping else None
    operator = ctx.operator if args.dry_run else proven_operator(ctx)
    service = ImportService(ctx.database(write=not args.dry_run))
    try:
        sheet = service.read(args.file)
        columns = service.columns_for(sheet, given)
        preview = service.preview(sheet, columns)
        if not args.dry_run:
            confirmed = [r.number for r in preview.rows if r.outcome == WARNING] if args.confirm_duplicates else []
            service.import_rows(preview, operator=operator, confirmed=confirmed)
            if given:
                service.remember(sheet, columns, operator=operator)
    except ImportRefused as refused:
        raise CommandError(refused.problems) from None
    export_failed = None
    if args.export_refused:
        try:
            service.export_refused(preview, args.export_refused, ctx.lang)
        except ImportRefused as refused:  # after the commit: the outcomes stand and are reported with it
            export_failed = refused.problems
    counts = preview.counts()
    log.info("import %s: %s", "checked" if args.dry_run else "done", counts)
    if args.json:
        report = preview.report(ctx.lang, dry_run=args.dry_run)
        ctx.emit(report | ctx.problems(export_failed) if export_failed else report)
    else:
        _print(ctx, preview)
        for failed in export_failed or []:
            print(failed.message(ctx.lang))
    if export_failed:
        return EXIT_ENVIRONMENT
    return EXIT_PROBLEMS if counts[REFUSED] or counts[WARNING] else EXIT_OK


def _check_export(ctx: CliContext, path: str) -> None:
    from pathlib import Path

    from clerk_app.importing.export import export_problem
    from clerk_app.paths import data_dir
    from local_db.output_paths import output_refusal

    reason = output_refusal(Path(path), data_dir(ctx.args.data_dir))
    if reason is not None:
        raise CommandError([problem("import_export_unwritable", "export_refused", path=path, reason=reason)])
    refusal = export_problem(Path(path))
    if refusal is not None:
        raise CommandError([refusal])


def _mapping(source: str) -> dict[str, str]:
    from clerk_app.importing.headings import FIELDS

    value, error = read_json_argument(source)
    if error:
        raise CommandError([error])
    allowed = ", ".join(FIELDS)
    if not isinstance(value, dict):
        detail: Any = ("不是 JSON 对象", "not a JSON object")
        raise CommandError([problem("import_mapping_invalid", None, detail=detail, allowed=allowed)])
    wrong = [f"{k}: {v}" for k, v in value.items() if not (v is None or v == "" or v in FIELDS)]
    if wrong:
        detail = (f"不认识的字段 {'; '.join(wrong)}", f"unknown fields {'; '.join(wrong)}")
        raise CommandError([problem("import_mapping_invalid", None, detail=detail, allowed=allowed)])
    return {str(k): v or "" for k, v in value.items()}


def _print(ctx: CliContext, preview: Preview) -> None:
    """One line a row for a person at a terminal, then the totals."""
    from clerk_app.importing.service import IMPORTED, OUTCOME_LABELS

    zh = ctx.lang != "en"
    for row in preview.rows:
        label = OUTCOME_LABELS[row.outcome][0 if zh else 1]
        where = f" {row.first_cell()}" if row.first_cell() else ""
        extra = f" {row.receipt_no}" if row.outcome == IMPORTED else f"{where} {row.reason(ctx.lang)}".rstrip()
        print(f"第 {row.number} 行  {label}{extra}" if zh else f"row {row.number}  {label}{extra}")
    counts = ", ".join(f"{OUTCOME_LABELS[k][0 if zh else 1]} {v}" for k, v in preview.counts().items())
    print(("合计：" if zh else "Total: ") + counts)
