"""``clerk-app platform serve``: the reference platform on this machine, for development, demos and training.

It runs in the foreground until Ctrl+C or SIGTERM, printing one line with the
base URL to give to ``clerk-app config set platform.url``. Secrets given with
``--account`` stay in memory as salted hashes; nothing of them is written.
"""

from __future__ import annotations

import argparse
import signal
import sqlite3
import sys
import threading
from pathlib import Path
from types import FrameType

from clerk_app.cli.context import EXIT_ENVIRONMENT, EXIT_OK, CliContext


def _account(text: str) -> object:
    from sync.reference_platform import Account

    name, sep, rest = text.partition(":")
    secret, _, hall = rest.partition(":")
    if not sep or not name or not secret:
        raise argparse.ArgumentTypeError(f"应写成 账号:密码 或 账号:密码:大厅代码，而不是「{name}:…」")
    return Account(name, secret, hall) if hall else Account(name, secret)


def _positive(kind: type) -> object:
    def parse(text: str) -> object:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"应为正数，而不是「{text}」") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"应为正数，而不是「{text}」")
        return value

    return parse


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    group = commands.add_parser("platform", help="本机参考平台（开发、测试、演示、培训用）").add_subparsers(
        dest="platform_command", required=True
    )
    serve = group.add_parser("serve", help="启动参考平台，按 Ctrl+C 停止")
    serve.add_argument("--port", type=int, default=8765, help="端口（默认 8765；0 表示任选空闲端口）")
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1，只供本机访问）")
    serve.add_argument("--db", type=Path, required=True, metavar="FILE", help="参考平台自己的数据库文件")
    serve.add_argument(
        "--account", type=_account, action="append", default=[], metavar="NAME:SECRET[:HALL]",
        help="窗口账号，可重复；大厅代码默认 220100",
    )
    serve.add_argument("--token-ttl", type=_positive(float), default=1800.0, metavar="SECONDS", help="令牌有效秒数（默认 1800）")
    serve.add_argument(
        "--max-body-bytes", type=_positive(int), default=8 * 1024 * 1024, metavar="N", help="批次请求体上限（字节），超过答 413"
    )
    serve.set_defaults(handler=_serve)


def _serve(ctx: CliContext) -> int:
    from sync.reference_platform import ReferencePlatform

    args = ctx.args
    en = ctx.lang == "en"
    platform = None
    try:
        platform = ReferencePlatform(
            args.db, args.account, token_ttl_s=args.token_ttl, max_body_bytes=args.max_body_bytes
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
