"""``clerk-app platform serve``: the reference platform on this machine, for development, demos and training.

It runs in the foreground until Ctrl+C or SIGTERM, printing one line with the
base URL to give to ``clerk-app config set platform.url``. Window accounts come
from ``--accounts-file FILE`` (``-`` for standard input), one
``NAME:SECRET[:HALL]`` a line, so no secret shows in the process list;
``--account NAME:SECRET`` still works but is warned about for that reason.
Secrets stay in memory as salted hashes; nothing of them is written.
``--today`` fixes the day judging goes by and ``--seed`` starts the platform
holding a registry, certificates and CE hours (training and tests).
"""

from __future__ import annotations

import argparse
import signal
import sqlite3
import sys
import threading
from datetime import date
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from clerk_app.cli.context import EXIT_ENVIRONMENT, EXIT_OK, EXIT_REFUSED, CliContext
from clerk_app.domain.addresses import is_loopback

if TYPE_CHECKING:
    from collections.abc import Callable

    from sync.reference_platform import Account


def _account(text: str) -> Account:
    from sync.reference_platform import Account

    name, sep, rest = text.partition(":")
    secret, _, hall = rest.partition(":")
    if not sep or not name or not secret:
        raise argparse.ArgumentTypeError(f"应写成 账号:密码 或 账号:密码:大厅代码，而不是「{name}:…」")
    return Account(name, secret, hall) if hall else Account(name, secret)


def _accounts_file(source: str) -> list[Account]:
    """The accounts of a file (``-``: standard input), one NAME:SECRET[:HALL] a line; blank lines and # comments skipped."""
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise argparse.ArgumentTypeError(f"读不了账号文件「{source}」：{getattr(error, 'strerror', None) or error}") from None
    accounts = []
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if line and not line.startswith("#"):
            try:
                accounts.append(_account(line))
            except argparse.ArgumentTypeError:
                raise argparse.ArgumentTypeError(f"账号文件第 {n} 行应写成 账号:密码 或 账号:密码:大厅代码") from None
    if not accounts:
        raise argparse.ArgumentTypeError(f"账号文件「{source}」里没有账号")
    return accounts


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为 YYYY-MM-DD 日期，而不是「{text}」") from None


def _positive(kind: Callable[[str], float]) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"应为正数，而不是「{text}」") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"应为正数，而不是「{text}」")
        return value

    return parse


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = commands.add_parser("platform", help="本机参考平台（开发、测试、演示、培训用）").add_subparsers(
        dest="platform_command", required=True
    )
    serve = group.add_parser("serve", help="启动参考平台，按 Ctrl+C 停止")
    serve.add_argument("--port", type=int, default=8765, help="端口（默认 8765；0 表示任选空闲端口）")
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1，只供本机访问）")
    serve.add_argument("--db", type=Path, required=True, metavar="FILE", help="参考平台自己的数据库文件")
    serve.add_argument(
        "--accounts-file", type=_accounts_file, action="append", default=[], metavar="FILE",
        help="窗口账号文件，每行 账号:密码[:大厅代码]（大厅代码默认 220100）；- 表示从标准输入读",
    )
    serve.add_argument(
        "--account", type=_account, action="append", default=[], metavar="NAME:SECRET[:HALL]",
        help="窗口账号，可重复（密码会出现在进程列表里，请改用 --accounts-file）",
    )
    serve.add_argument("--today", type=_day, metavar="YYYY-MM-DD", help="判定所用的固定日期（培训、测试用；默认今天）")
    serve.add_argument("--seed", type=Path, metavar="FILE", help="启动时已有的机构、从业资格证和继续教育学时（JSON）")
    serve.add_argument(
        "--max-connections", type=_positive(int), default=128, metavar="N", help="同时处理的连接数上限（默认 128）"
    )
    serve.add_argument("--token-ttl", type=_positive(float), default=1800.0, metavar="SECONDS", help="令牌有效秒数（默认 1800）")
    serve.add_argument(
        "--max-body-bytes", type=_positive(int), default=8 * 1024 * 1024, metavar="N", help="批次请求体上限（字节），超过答 413"
    )
    serve.set_defaults(handler=_serve)


def _warnings(args: argparse.Namespace, en: bool) -> None:
    if args.account:
        print(
            "Warning: --account puts the secret in the process list (ps); use --accounts-file FILE or - (standard input)."
            if en
            else "注意：--account 写的密码会出现在进程列表（ps）里，别人能看到；请改用 --accounts-file 文件 或 -（标准输入）。",
            file=sys.stderr,
        )
    if not is_loopback(args.host.strip("[]")):
        print(
            f"Warning: listening on {args.host}, beyond this machine: other computers can reach this reference platform, "
            "over plain HTTP. It is for development and training only."
            if en
            else f"注意：参考平台在 {args.host} 上监听，本机以外的电脑也能连上，且走不加密的 HTTP。它只供开发和培训使用。",
            file=sys.stderr,
        )


def _serve(ctx: CliContext) -> int:
    from sync.reference_platform import ReferencePlatform
    from sync.reference_platform.seed import load_seed

    args = ctx.args
    en = ctx.lang == "en"
    _warnings(args, en)
    accounts = [account for listed in args.accounts_file for account in listed] + args.account
    try:
        seed = load_seed(args.seed) if args.seed is not None else None
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        print(f"Cannot use the seed {args.seed}: {reason}" if en else f"种子文件 {args.seed} 不能用：{reason}", file=sys.stderr)
        return EXIT_REFUSED
    platform = None
    try:
        platform = ReferencePlatform(
            args.db, accounts, token_ttl_s=args.token_ttl, max_body_bytes=args.max_body_bytes,
            today=args.today, seed=seed, max_connections=args.max_connections,
        )
        url = platform.start(port=args.port, host=args.host)
    except (OSError, sqlite3.Error) as error:
        if platform is not None:
            platform.close()
        reason = getattr(error, "strerror", None) or str(error)
        print(
            f"Cannot start the reference platform on {args.host}:{args.port} with {args.db}: {reason}."
            if en
            else f"参考平台无法启动（{args.host}:{args.port}，数据库 {args.db}）：{reason}。请换一个端口或数据库文件。",
            file=sys.stderr,
        )
        return EXIT_ENVIRONMENT
    stopping = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"Reference platform at {url} (Ctrl+C stops it)" if en else f"参考平台已启动：{url}（按 Ctrl+C 停止）", flush=True)
    try:
        stopping.wait()
    finally:
        platform.close()
    return EXIT_OK
