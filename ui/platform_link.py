"""What the window asks of the provincial platform side: status, upload, registry refresh, the secret.

The one place the UI meets ``sync/`` (the upload engine, the platform client,
the keyring), so the screens stay the same whichever way the link is made.
Every function here may be slow (network, many rows) and is only ever called
through ``ui.tasks.run_task``. One upload runs at a time, whether the timer
or the clerk started it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from local_db.errors import DatabaseProblem
from ui.context import AppContext

_upload_lock = threading.Lock()


@dataclass(frozen=True)
class Status:
    online: bool | None  # None: no platform configured
    pending: int
    sending: int
    rejected: int
    last_upload: str | None
    warnings: tuple[str, ...] = ()


class UploadBusy(Exception):
    """Another upload (automatic or by hand) is running; this one did not start."""


def client(ctx: AppContext) -> Any:
    from sync.client import PlatformClient

    if ctx.training is not None:
        secret = ctx.training.secret
        return PlatformClient.from_settings(ctx.db, secret_source=lambda *_args: secret)
    return PlatformClient.from_settings(ctx.db)


def status(ctx: AppContext) -> Status:
    from sync.status import upload_status

    link = client(ctx)
    try:
        found = upload_status(ctx.db, link, lang=ctx.lang)
    finally:
        link.close()
    return Status(
        online=found.get("online"),
        pending=int(found.get("pending", 0)),
        sending=int(found.get("sending", 0)),
        rejected=int(found.get("rejected", 0)),
        last_upload=found.get("last_upload"),
        warnings=tuple(str(w) for w in found.get("warnings") or ()),
    )


def queue(ctx: AppContext) -> Status:
    """The local queue only (no network): after a save or an upload nothing else can have changed.
    ``online`` is None here: what is known of the platform comes from ``status``."""
    from sync.status import queue_status

    found = queue_status(ctx.db)
    return Status(None, int(found["pending"]), int(found["sending"]), int(found["rejected"]), found["last_upload"])


def status_or_local(ctx: AppContext) -> Status:
    """The platform side's status or, when it cannot be asked, the queue as the local database has it."""
    try:
        return status(ctx)
    except Exception as error:  # noqa: BLE001 - any failure still leaves the local counts to show
        count = ctx.records.count
        return Status(
            None, count(state="pending"), count(state="sending"), count(state="rejected"), None,
            (explain(error, ctx.lang),),
        )


def upload(
    ctx: AppContext, *, end_of_day: bool, report: Callable[[Any], None] | None = None,
    cancel: threading.Event | None = None,
) -> Any:
    """Run the upload engine once; returns its UploadSummary. Raises UploadBusy if one is running."""
    from sync.engine import UploadEngine

    if not _upload_lock.acquire(blocking=False):
        raise UploadBusy
    link = client(ctx)
    try:
        engine = UploadEngine(ctx.db, link, operator=ctx.operator_id, lang=ctx.lang)
        return engine.run(end_of_day=end_of_day, progress=report, cancel=cancel or threading.Event())
    finally:
        link.close()
        _upload_lock.release()


def refresh_registry(ctx: AppContext) -> int:
    from sync.registry import refresh_registry as refresh

    link = client(ctx)
    try:
        return int(refresh(ctx.db, link, operator=ctx.operator_id))
    finally:
        link.close()


def store_secret(ctx: AppContext, secret: str) -> None:
    from sync.credentials import store_secret as store

    account = str(ctx.settings.get("platform.account"))
    store(account, secret)


def explain(error: BaseException, lang: str) -> str:
    """A failure of the platform side in the clerk's words."""
    found = getattr(error, "problem", None)
    if found is not None and hasattr(found, "message"):
        return str(found.message(lang))
    if isinstance(error, DatabaseProblem):
        return error.message(lang)
    if isinstance(error, UploadBusy):
        return "正在上传中，请等这一次上传结束。" if lang != "en" else "An upload is already running; wait for it to end."
    if type(error).__name__ == "KeyringUnavailable":
        return (
            "本机系统钥匙串不可用，密钥无法保存。请联系技术支持开启系统钥匙串（不会把密钥存到文件里）。"
            if lang != "en"
            else "The system keyring is not available, so the secret cannot be kept. Ask support to enable it."
        )
    if isinstance(error, ModuleNotFoundError):
        return "平台连接部分尚未安装，暂时不能联网。录入照常保存在本机。" if lang != "en" else "The platform link is not installed yet."
    return (
        "与平台通信失败，请稍后重试；录入的数据都已保存在本机。" if lang != "en"
        else "Talking to the platform failed; try again later. Everything entered is kept on this computer."
    )
