"""``clerk-app``: the window application, and the command line halls script.

With no command it opens the window; with a command it works headless. The
options and JSON shapes here are a public interface: add, never rename.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys

from clerk_app import __version__
from clerk_app.cli import (
    config,
    importing,
    input_gate,
    institutions,
    keys,
    maintenance,
    operators,
    platform,
    printing,
    records,
    selfcheck,
    sync,
)
from clerk_app.cli.context import EXIT_BUG, EXIT_ENVIRONMENT, EXIT_REFUSED, CliContext, CommandError
from clerk_app.domain.problems import problem as make_problem
from clerk_app.logs import setup_logging
from clerk_app.paths import data_dir
from local_db.errors import DatabaseProblem

log = logging.getLogger("clerk_app")

COMMAND_MODULES = (
    records, institutions, operators, config, maintenance, printing, selfcheck, platform, importing, sync, keys
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clerk-app",
        description="吉林省道路运输从业资格窗口客户端。不带命令时打开窗口；带命令时在命令行工作。",
    )
    parser.add_argument("--version", action="version", version=f"clerk-app {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="数据目录（默认：系统用户数据目录；也可用 CLERK_APP_DATA_DIR）")
    parser.add_argument(
        "--operator",
        metavar="ID",
        default=os.environ.get("CLERK_APP_OPERATOR") or getpass.getuser(),
        help="操作员工号（记入审计记录；修改数据的命令要求其密码；默认 CLERK_APP_OPERATOR 或系统用户名）",
    )
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="从标准输入读密码，每行一个：先是操作员的密码，再是命令需要的第二个（新操作员的、批准人的、窗口账号的密钥）；"
        "此时 JSON 须从文件读入",
    )
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="消息语言（默认中文）")
    parser.add_argument(
        "--training", action="store_true", help="培训模式：打开窗口，使用单独的练习数据库和本机练习平台，不影响正式数据"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    if os.name == "posix":
        os.umask(0o077)  # the database, its backups and logs hold personal data: readable by their owner only
    arguments = sys.argv[1:] if argv is None else argv
    refusal = input_gate.check_arguments(arguments)
    if refusal is not None:
        sys.stdout.write(input_gate.dumps({"errors": [refusal.as_dict(input_gate.language(arguments))]}) + "\n")
        return EXIT_REFUSED
    parser = build_parser()
    args = parser.parse_args(arguments)
    if input_gate.has_surrogate(args.operator):  # from CLERK_APP_OPERATOR or the OS user name, bytes not UTF-8
        refusal = make_problem("operator_not_utf8", "operator")
        sys.stdout.write(input_gate.dumps({"errors": [refusal.as_dict(args.lang)]}) + "\n")
        return EXIT_REFUSED
    if args.command is None:
        from ui.launch import launch

        return launch(args)
    if getattr(args, "logs_in_data_dir", True):
        setup_logging(data_dir(args.data_dir))
    ctx = CliContext(args)
    try:
        return int(args.handler(ctx))
    except CommandError as error:
        ctx.emit(ctx.problems(error.problems))
        return error.exit_code
    except DatabaseProblem as problem:
        log.warning("database problem: %s", problem.code)
        ctx.emit({"errors": [{"field": None, "code": problem.code, "message": problem.message(ctx.lang)}]})
        return EXIT_ENVIRONMENT
    except Exception:
        log.exception("internal error in command %s", args.command)
        print(
            "程序内部错误，操作未完成，已录入的数据没有丢失。详细信息已写入日志文件，请联系技术支持。",
            file=sys.stderr,
        )
        return EXIT_BUG
    finally:
        ctx.close()


if __name__ == "__main__":
    sys.exit(main())
