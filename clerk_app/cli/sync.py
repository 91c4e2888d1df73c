"""Commands for the provincial platform: login, upload, sync-reference, status.

``login`` keeps the window account's secret in the OS keyring only. Where no
keyring works, the other commands ask for the secret each time (terminal, or
one line of standard input) and keep it in memory for that run alone.
Exit codes as everywhere; ``upload`` exits 0 only when nothing is left
pending or with an unknown outcome, 3 when the platform, the keyring or the
settings stopped it before anything could be done.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from clerk_app.cli.context import EXIT_ENVIRONMENT, EXIT_OK, EXIT_PROBLEMS, CliContext, CommandError
from clerk_app.cli.prompt import read_secret
from clerk_app.domain.problems import problem
from clerk_app.services.settings import SPECS, SettingRefused, SettingsService

if TYPE_CHECKING:
    from sync.client import PlatformClient


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    login = commands.add_parser("login", help="登录省平台：核对窗口账号的密钥，并只保存在系统钥匙串中")
    login.add_argument("--account", required=True, help="窗口账号")
    login.set_defaults(handler=_login)
    upload = commands.add_parser("upload", help="上传待传记录到省平台")
    upload.add_argument("--end-of-day", action="store_true", help="日终上传")
    upload.add_argument("--json", action="store_true")
    upload.set_defaults(handler=_upload)
    reference = commands.add_parser("sync-reference", help="从省平台更新机构名录")
    reference.add_argument("--json", action="store_true")
    reference.set_defaults(handler=_sync_reference)
    status = commands.add_parser("status", help="上传状态：是否联网、待传条数、上次上传、时钟偏差")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=_status)


def _secret_for_this_run(account: str) -> str | None:
    """The keyring's secret; with no keyring, asked for now and kept only in memory."""
    from sync.credentials import KeyringUnavailable, load_secret

    try:
        return load_secret(account)
    except KeyringUnavailable:
        secret = read_secret(f"系统钥匙串不可用。请输入窗口账号 {account} 的密钥（只用于这一次，不会保存）: ")
        if not secret:
            raise
        return secret


def _client(ctx: CliContext, *, write: bool) -> PlatformClient:
    from sync.client import PlatformClient

    return PlatformClient.from_settings(ctx.database(write=write), secret_source=_secret_for_this_run)


def _login(ctx: CliContext) -> int:
    from sync.client import LoginFailed, PlatformClient, PlatformError
    from sync.credentials import KeyringUnavailable, store_secret
    from sync.online import probe

    try:
        account = SPECS["platform.account"].parse(ctx.args.account)
    except ValueError as error:
        hint_zh, hint_en = (*error.args, str(error))[:2]
        raise CommandError(
            [problem("invalid_setting", None, label="窗口账号", hint_zh=hint_zh, hint_en=hint_en)]
        ) from None
    secret = read_secret(f"窗口账号 {account} 的密钥: ")
    if not secret:
        raise CommandError([problem("empty", "password")])
    db = ctx.database(write=True)
    settings = SettingsService(db)
    client = PlatformClient.from_settings(db)
    client.account = account
    checked = False
    try:
        if client.base_url and probe(client) is not None:
            client.login(secret)
            checked = True
    except LoginFailed as refused:
        raise CommandError([refused.problem]) from None
    except PlatformError as error:
        raise CommandError([error.problem], EXIT_ENVIRONMENT) from None
    finally:
        client.close()
    try:
        store_secret(account, secret)
    except KeyringUnavailable as error:
        raise CommandError([error.problem], EXIT_ENVIRONMENT) from None
    try:
        settings.set("platform.account", account, operator=ctx.operator)
    except SettingRefused as refused:
        raise CommandError([refused.problem]) from None
    ctx.emit({"account": account, "checked": checked, "stored_in": "keyring"})
    return EXIT_OK


def _upload(ctx: CliContext) -> int:
    from sync.engine import UploadEngine

    client = _client(ctx, write=True)
    try:
        summary = UploadEngine(ctx.database(write=True), client, operator=ctx.operator, lang=ctx.lang).run(
            end_of_day=ctx.args.end_of_day
        )
    finally:
        client.close()
    if ctx.args.json:
        ctx.emit(summary.as_json(ctx.lang))
    else:
        print(
            f"发送 {summary.sent} 条：接收 {summary.accepted}，退回 {summary.rejected}，结果未知 {summary.unknown}；"
            f"仍待上传 {summary.pending_left}"
        )
        for line in [f["message"] for f in summary.flagged] + summary.warnings:
            print(line)
        if summary.stopped is not None:
            print(summary.stopped.message(ctx.lang))
    if summary.environment_stop:
        return EXIT_ENVIRONMENT
    return EXIT_OK if summary.complete else EXIT_PROBLEMS


def _sync_reference(ctx: CliContext) -> int:
    from sync.client import PlatformError
    from sync.credentials import KeyringUnavailable
    from sync.registry import refresh_registry

    client = _client(ctx, write=True)
    try:
        changed = refresh_registry(ctx.database(write=True), client, operator=ctx.operator)
    except (PlatformError, KeyringUnavailable) as error:
        raise CommandError([error.problem], EXIT_ENVIRONMENT) from None
    finally:
        client.close()
    if ctx.args.json:
        ctx.emit({"changed": changed})
    else:
        print(f"机构名录已更新：{changed} 个机构有变化")
    return EXIT_OK


def _status(ctx: CliContext) -> int:
    from sync.status import upload_status

    client = _client(ctx, write=False)
    try:
        found = upload_status(ctx.database(write=False), client, lang=ctx.lang)
    finally:
        client.close()
    if ctx.args.json:
        ctx.emit(found)
    else:
        online = {None: "未设置平台", True: "已联网", False: "未联网"}[found["online"]]
        print(
            f"{online}；待上传 {found['pending']}，发送中 {found['sending']}，被退回 {found['rejected']}；"
            f"上次上传 {found['last_upload'] or '无'}"
        )
        for warning in found["warnings"]:
            print(warning)
    return EXIT_OK
