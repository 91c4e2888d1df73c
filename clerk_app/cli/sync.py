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

from clerk_app.cli.context import EXIT_ENVIRONMENT, EXIT_OK, EXIT_PROBLEMS, EXIT_REFUSED, CliContext, CommandError
from clerk_app.cli.identity import proven_operator, read_secret, recorded_operator
from clerk_app.domain.problems import problem
from clerk_app.services.platform import PlatformService, PlatformStop, keyring_or_asked


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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


def _service(ctx: CliContext, *, write: bool) -> PlatformService:
    """The platform service on this run's database; with no keyring, the secret is asked for now, for this run only."""
    ask = keyring_or_asked(
        lambda account: read_secret(ctx, f"系统钥匙串不可用。请输入窗口账号 {account} 的密钥（只用于这一次，不会保存）: ")
    )
    db = ctx.database(write=write)
    operator = recorded_operator(ctx) if write else ctx.operator
    return PlatformService(db, lang=ctx.lang, operator=operator, secret_source=ask)


def _stopped(stop: PlatformStop) -> CommandError:
    return CommandError([stop.problem], EXIT_ENVIRONMENT if stop.environment else EXIT_REFUSED)


def _login(ctx: CliContext) -> int:
    try:
        account = PlatformService.check_account(ctx.args.account)
    except PlatformStop as stop:
        raise _stopped(stop) from None
    operator = proven_operator(ctx)  # the account is a setting: a supervisor's change
    secret = read_secret(ctx, f"窗口账号 {account} 的密钥: ")
    if not secret:
        raise CommandError([problem("empty", "password")])
    service = PlatformService(ctx.database(write=True), lang=ctx.lang, operator=operator)
    try:
        outcome = service.login(account, secret)
    except PlatformStop as stop:
        raise _stopped(stop) from None
    ctx.emit({"account": outcome.account, "checked": outcome.checked, "stored_in": "keyring"})
    return EXIT_OK


def _upload(ctx: CliContext) -> int:
    try:
        summary = _service(ctx, write=True).upload(end_of_day=ctx.args.end_of_day)
    except PlatformStop as stop:
        raise _stopped(stop) from None
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
    try:
        changed = _service(ctx, write=True).refresh_registry()
    except PlatformStop as stop:
        raise _stopped(stop) from None
    if ctx.args.json:
        ctx.emit({"changed": changed})
    else:
        print(f"机构名录已更新：{changed} 个机构有变化")
    return EXIT_OK


def _status(ctx: CliContext) -> int:
    status = _service(ctx, write=False).status()
    from clerk_app.cli.keys import recovery_reminder

    reminder = recovery_reminder(ctx)
    if reminder is not None:  # the window's data cannot be recovered on another PC yet: a supervisor must act
        status = status.with_warning(reminder)
    if ctx.args.json:
        ctx.emit(dict(status.json))
    else:
        online = {None: "未设置平台", True: "已联网", False: "未联网"}[status.online]
        print(
            f"{online}；待上传 {status.pending}，发送中 {status.sending}，被退回 {status.rejected}；"
            f"上次上传 {status.last_upload or '无'}"
        )
        for warning in status.warnings:
            print(warning)
    return EXIT_OK
