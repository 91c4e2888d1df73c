"""Commands on records: add, correct, void, show, search, list."""

from __future__ import annotations

import argparse
import logging

from clerk_app.cli.context import EXIT_OK, EXIT_REFUSED, CliContext, CommandError, read_json_argument
from clerk_app.cli.identity import proven_operator, read_secret, refuse_json_on_password_stdin
from clerk_app.domain import lifecycle
from clerk_app.domain.id_number import mask_id_number
from clerk_app.domain.kinds import KIND_LABELS_ZH, RECORD_KINDS
from clerk_app.domain.lifecycle import State
from clerk_app.domain.problems import problem
from clerk_app.services.records import Approval, RecordService, RecordSummary, SaveOutcome

log = logging.getLogger(__name__)
STATES = tuple(str(state) for state in State)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    add = commands.add_parser("add", help="录入一条记录 (save a new record)")
    add.add_argument("kind", choices=RECORD_KINDS)
    add.add_argument("--json", dest="json_source", required=True, metavar="FILE|-")
    add.add_argument("--confirm-duplicate", action="store_true", help="确认疑似重复仍保存")
    add.set_defaults(handler=_add)

    correct = commands.add_parser("correct", help="更正记录（生成新版本）")
    correct.add_argument("record_id", metavar="RECORD_ID|RECEIPT_NO")
    correct.add_argument("--json", dest="json_source", required=True, metavar="FILE|-")
    correct.add_argument("--confirm-duplicate", action="store_true")
    correct.add_argument("--reason", help="更正原因（必填）")
    correct.add_argument(
        "--approve-by",
        metavar="SUPERVISOR_ID",
        help="批准更正的负责人工号（省平台已接收的记录须负责人批准；其密码在终端输入，或为 --password-stdin 的第二行）",
    )
    correct.set_defaults(handler=_correct)

    void = commands.add_parser("void", help="作废记录（需负责人密码）")
    void.add_argument("record_id", metavar="RECORD_ID|RECEIPT_NO")
    void.add_argument("--reason", required=True)
    void.set_defaults(handler=_void)

    show = commands.add_parser("show", help="查看记录的全部版本、上传状态和审计记录")
    show.add_argument("record_id", metavar="RECORD_ID|RECEIPT_NO")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_show)

    search = commands.add_parser("search", help="按身份证号、姓名开头、证书编号或回执号查找")
    search.add_argument("text")
    search.add_argument("--limit", type=int, default=50)
    search.add_argument("--json", action="store_true")
    search.set_defaults(handler=_search)

    listing = commands.add_parser("list", help="列出记录")
    listing.add_argument("--kind", choices=RECORD_KINDS)
    listing.add_argument("--state", choices=STATES)
    listing.add_argument("--limit", type=int, default=200)
    listing.add_argument("--offset", type=int, default=0)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list)


def _add(ctx: CliContext) -> int:
    payload = _payload(ctx)
    operator = proven_operator(ctx)
    outcome = RecordService(ctx.database(write=True)).add(
        ctx.args.kind, payload, operator=operator, confirm_duplicate=ctx.args.confirm_duplicate
    )
    return _saved(ctx, outcome, "add")


def _correct(ctx: CliContext) -> int:
    payload = _payload(ctx)
    operator = proven_operator(ctx)
    approval = None
    if ctx.args.approve_by:
        approval = Approval(ctx.args.approve_by, read_secret(ctx, f"批准人（负责人）{ctx.args.approve_by} 的密码: "))
    outcome = RecordService(ctx.database(write=True)).correct(
        ctx.args.record_id,
        payload,
        operator=operator,
        reason=ctx.args.reason,
        approval=approval,
        confirm_duplicate=ctx.args.confirm_duplicate,
    )
    return _saved(ctx, outcome, "correct")


def _void(ctx: CliContext) -> int:
    service = RecordService(ctx.database(write=True))
    password = read_secret(ctx, f"负责人 {ctx.operator} 的密码: ")
    return _saved(ctx, service.void(ctx.args.record_id, ctx.args.reason, operator=ctx.operator, password=password), "void")


def _payload(ctx: CliContext) -> object:
    refuse_json_on_password_stdin(ctx)
    payload, error = read_json_argument(ctx.args.json_source)
    if error:
        raise CommandError([error])
    return payload


def _saved(ctx: CliContext, outcome: SaveOutcome, action: str) -> int:
    if not outcome.ok:
        log.info("%s refused: %s", action, ",".join(p.code for p in outcome.errors))
        ctx.emit(ctx.problems(outcome.errors))
        return EXIT_REFUSED
    log.info("%s saved record %s version %s receipt %s", action, outcome.record_id, outcome.version, outcome.receipt_no)
    ctx.emit(
        {
            "record_id": outcome.record_id,
            "version": outcome.version,
            "receipt_no": outcome.receipt_no,
            "warnings": [w.as_dict(ctx.lang) for w in outcome.warnings],
        }
    )
    return EXIT_OK


def _show(ctx: CliContext) -> int:
    detail = RecordService(ctx.database(write=False)).get(ctx.args.record_id)
    if detail is None:
        raise CommandError([problem("not_found", "record_id")])
    if ctx.args.json:
        ctx.emit(detail.as_dict())
    else:
        _print_table(ctx, [detail.summary])
        for version in detail.versions:
            reason = f" 作废原因：{version.void_reason}" if version.void_reason else ""
            if version.change_reason and version.op != "void":
                reason += f" 更正原因：{version.change_reason}"
            if version.approved_by:
                reason += f" 批准人：{version.approved_by}"
            print(f"  第 {version.version} 版 {version.op} {version.entered_at} {version.entered_by} {version.upload_state}{reason}")
    return EXIT_OK


MAX_LIMIT, MAX_OFFSET = 100_000, 1_000_000_000


def _bounded(option: str, value: int, low: int, high: int) -> int:
    """A count given on the command line, refused plainly beyond what SQLite or anyone needs (not exit 70)."""
    if not low <= value <= high:
        raise CommandError([problem("number_out_of_range", None, option=option, low=low, high=high, value=value)])
    return value


def _search(ctx: CliContext) -> int:
    _bounded("--limit", ctx.args.limit, 1, MAX_LIMIT)
    found = RecordService(ctx.database(write=False)).search(ctx.args.text, limit=ctx.args.limit)
    if ctx.args.json:
        ctx.emit({"items": [r.as_dict() for r in found]})
    else:
        _print_table(ctx, found)
    return EXIT_OK


def _list(ctx: CliContext) -> int:
    _bounded("--limit", ctx.args.limit, 1, MAX_LIMIT)
    _bounded("--offset", ctx.args.offset, 0, MAX_OFFSET)
    service = RecordService(ctx.database(write=False))
    items = service.list(kind=ctx.args.kind, state=ctx.args.state, offset=ctx.args.offset, limit=ctx.args.limit)
    if ctx.args.json:
        ctx.emit(
            {
                "total": service.count(kind=ctx.args.kind, state=ctx.args.state),
                "offset": ctx.args.offset,
                "items": [r.as_dict() for r in items],
            }
        )
    else:
        _print_table(ctx, items)
    return EXIT_OK


def _print_table(ctx: CliContext, items: list[RecordSummary]) -> None:
    """One line a record for a person at a terminal; ID numbers masked (--json gives them whole)."""
    if not items:
        print("没有找到记录。" if ctx.lang == "zh" else "No records found.")
    for r in items:
        state = lifecycle.label(lifecycle.listed(r.upload_state, r.voided), ctx.lang)
        print(f"{r.receipt_no}  {KIND_LABELS_ZH[r.kind]}  {r.name}  {mask_id_number(r.id_number)}  第{r.current_version}版  {state}")
