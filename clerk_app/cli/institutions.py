"""Commands on the local institution registry: institutions add, institutions list."""

from __future__ import annotations

import argparse
from typing import Any

from clerk_app.cli.context import EXIT_OK, EXIT_REFUSED, CliContext, CommandError, read_json_argument
from clerk_app.cli.identity import proven_operator, refuse_json_on_password_stdin
from clerk_app.domain.institutions import LABELS, filing_flag, listing_gaps, status_since
from clerk_app.services.institutions import InstitutionService


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = commands.add_parser("institutions", help="培训机构名录").add_subparsers(dest="institutions_command", required=True)
    add = group.add_parser("add", help="新增或更新一个机构（按代码）")
    add.add_argument("--json", dest="json_source", required=True, metavar="FILE|-")
    add.set_defaults(handler=_add)
    listing = group.add_parser("list", help="列出本地机构名录")
    listing.add_argument("--kind", choices=("driver_training", "continuing_education"))
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list)


def _add(ctx: CliContext) -> int:
    refuse_json_on_password_stdin(ctx)
    payload, error = read_json_argument(ctx.args.json_source)
    if error:
        raise CommandError([error])
    operator = proven_operator(ctx)
    stored, problems = InstitutionService(ctx.database(write=True)).add(payload, operator=operator)
    if problems:
        ctx.emit(ctx.problems(problems))
        return EXIT_REFUSED
    ctx.emit(stored)
    return EXIT_OK


def _list(ctx: CliContext) -> int:
    """The registry as the institutions screen shows it: each entry with its filing flag and listing gaps.

    ``--json``: each stored entry plus ``filing_flag`` (``{code, message}`` when its filing level does not go with
    its mode, else null) and ``listing_gaps`` (the public-listing fields it lacks). Text: one line per entry, the
    status with the day it began, then what is flagged or missing.
    """
    items = InstitutionService(ctx.database(write=False)).list(kind=ctx.args.kind)
    if ctx.args.json:
        ctx.emit({"items": [_shown(item, ctx.lang) for item in items]})
        return EXIT_OK
    for item in items:
        shown = _shown(item, ctx.lang)
        since = status_since(item)
        line = f"{item['code']}  {item['name']}  {item['kind']}  {item['status']}" + (f"（{since.isoformat()} 起）" if since else "")
        if shown["filing_flag"]:
            line += f"  【备案存疑】{shown['filing_flag']['message']}"
        if shown["listing_gaps"]:
            line += "  【名录缺项】" + "、".join(LABELS.get(gap, (gap, gap))[0] for gap in shown["listing_gaps"])
        print(line)
    return EXIT_OK


def _shown(item: dict[str, Any], lang: str) -> dict[str, Any]:
    flag = filing_flag(item)
    return item | {
        "filing_flag": {"code": flag.code, "message": flag.message(lang)} if flag is not None else None,
        "listing_gaps": listing_gaps(item),
    }
