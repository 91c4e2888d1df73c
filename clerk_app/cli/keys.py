"""The database key on the command line: ``unlock`` with the recovery code, ``key new-recovery-code``.

The recovery code is a secret like a password: it is read from the terminal
(without echo) or, with the global ``--password-stdin``, as a line of standard
input, never as an option value (which would sit in the shell's history and
the process list).
"""

from __future__ import annotations

import argparse
import sys

from clerk_app.cli.context import EXIT_OK, EXIT_REFUSED, CliContext, CommandError
from clerk_app.cli.identity import proven_operator, read_secret
from clerk_app.paths import data_dir
from clerk_app.services.operators import OperatorRefused
from clerk_app.services.recovery import RecoveryService, grouped, unlock
from local_db.errors import WrongRecoveryCode


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    opener = commands.add_parser("unlock", help="用负责人的数据库恢复码在本电脑上解锁加密的数据（换电脑或钥匙串丢失后）")
    opener.add_argument("--json", action="store_true")
    opener.set_defaults(handler=_unlock)
    group = commands.add_parser("key", help="数据库密钥").add_subparsers(dest="key_command", required=True)
    renew = group.add_parser("new-recovery-code", help="生成新的数据库恢复码（负责人；旧恢复码随即作废）")
    renew.add_argument("--json", action="store_true")
    renew.set_defaults(handler=_new_recovery_code)


def _unlock(ctx: CliContext) -> int:
    code = read_secret(ctx, "数据库恢复码（40 位数字，可带空格）: ")
    try:
        unlock(data_dir(ctx.args.data_dir), code)
    except WrongRecoveryCode as wrong:
        ctx.emit({"errors": [{"field": "recovery_code", "code": wrong.code, "message": wrong.message(ctx.lang)}]})
        return EXIT_REFUSED
    ctx.database(write=False)  # the key opens the database: proven before saying so
    ctx.emit({"unlocked": True, "data_dir": str(data_dir(ctx.args.data_dir))})
    return EXIT_OK


def _new_recovery_code(ctx: CliContext) -> int:
    acting = proven_operator(ctx)
    try:
        code = RecoveryService(ctx.database(write=True)).replace(acting)
    except OperatorRefused as refused:
        raise CommandError([refused.problem]) from None
    say_recovery_code(ctx, code)
    ctx.emit({"recovery_code": grouped(code)})
    return EXIT_OK


def say_recovery_code(ctx: CliContext, code: str) -> None:
    """On stderr, beside the code on stdout: what it is for and what to do with it (it is shown only this once)."""
    text = (
        "This is the database recovery code, shown only now. Write it down or print it, and keep it in the hall's "
        "safe: without it, a new PC (or a lost keyring) cannot open the data. Any earlier code no longer works."
        if ctx.lang == "en"
        else "这是数据库恢复码，只显示这一次。请抄写或打印后放进大厅的保险柜："
        "换电脑或系统钥匙串丢失时，没有它数据就打不开。此前的恢复码已作废。"
    )
    print(text, file=sys.stderr)


def recovery_reminder(ctx: CliContext) -> str | None:
    """What ``status`` and ``check`` say when the window has a supervisor but no recovery code yet; None otherwise."""
    if not RecoveryService(ctx.database(write=False)).needs_code():
        return None
    if ctx.lang == "en":
        return (
            "The data is encrypted but no recovery code was issued yet: if this PC's keyring is lost, the data "
            "cannot be read. A supervisor runs clerk-app key new-recovery-code (or logs in to the window) and keeps "
            "the printed slip in the hall's safe."
        )
    return (
        "数据已加密，但还没有生成数据库恢复码：本电脑的系统钥匙串一旦丢失，数据将无法读取。"
        "请负责人运行 clerk-app key new-recovery-code（或登录窗口程序）生成恢复码，打印后放进大厅的保险柜。"
    )
