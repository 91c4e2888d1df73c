"""Commands on the window's operators: operators add, operators list.

Supervisors are operators with role ``supervisor``. A new window's first act
is ``operators add ID --role supervisor``: the first supervisor registers
themselves, with only their new password. After that only a supervisor adds
operators: ``--operator`` names them and their password comes first, then the
new operator's (terminal, or two lines of standard input with ``--password-stdin``).
"""

from __future__ import annotations

import argparse

from clerk_app.cli.context import EXIT_OK, CliContext, CommandError
from clerk_app.cli.identity import proven_operator, read_secret
from clerk_app.services.operators import ROLES, OperatorRefused, OperatorService
from clerk_app.services.recovery import RecoveryService, grouped


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = commands.add_parser("operators", help="窗口操作员（办事员、负责人）").add_subparsers(
        dest="operators_command", required=True
    )
    add = group.add_parser("add", help="新增操作员")
    add.add_argument("operator_id")
    add.add_argument("--name", required=True)
    add.add_argument("--role", choices=ROLES, default="clerk")
    add.set_defaults(handler=_add)
    listing = group.add_parser("list", help="列出操作员")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list)


def _add(ctx: CliContext) -> int:
    db = ctx.database(write=True)
    service = OperatorService(db)
    # The first act of a new window: the first supervisor registers themselves; later a supervisor adds people.
    acting = ctx.args.operator_id if not service.any_supervisor() else proven_operator(ctx)
    password = read_secret(ctx, f"为 {ctx.args.operator_id} 设置密码: ") or None
    try:
        info = service.add(ctx.args.operator_id, ctx.args.name, ctx.args.role, password, acting=acting)
    except OperatorRefused as refused:
        raise CommandError([refused.problem]) from None
    shown: dict[str, object] = dict(info.__dict__)
    if info.role == "supervisor":  # the window's first supervisor (or the first after an older version) gets the code
        code = RecoveryService(db).issue_first(info.operator_id)
        if code is not None:
            from clerk_app.cli.keys import say_recovery_code

            say_recovery_code(ctx, code)
            shown["recovery_code"] = grouped(code)
    ctx.emit(shown)
    return EXIT_OK


def _list(ctx: CliContext) -> int:
    items = [info.__dict__ for info in OperatorService(ctx.database(write=False)).list()]
    if ctx.args.json:
        ctx.emit({"items": items})
    else:
        for item in items:
            print(f"{item['operator_id']}  {item['name']}  {item['role']}  {'在用' if item['active'] else '停用'}")
    return EXIT_OK
