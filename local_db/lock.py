"""One writer per database file.

An OS file lock (released by the OS if the process dies, even by SIGKILL)
guards the database; beside it a small JSON file names the holder, so a second
program can tell the clerk which window and which operator already has the
database open. A second writer waits a few seconds (a command line started
while another finishes a save should not fail at once), saying for whom it
waits, and only then gives up.

Neither file is ever written through a symbolic link: a link put in place of
the lock file is removed before the lock is taken (opening it would truncate
whatever it points at), and the holder file is written beside and renamed
over its name. A folder the program may not write is a plain message.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import socket
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from local_db.errors import DatabaseProblem, file_problem
from local_db.output_paths import replace_file, unlink_if_link
from local_db.sqlite_files import OWNER_ONLY

log = logging.getLogger(__name__)

WAIT_SECONDS = 5.0
LockWait = Callable[[dict[str, Any]], None]
"""Told who holds the lock when a writer starts to wait for it (the command line says so on stderr)."""


def holder_text(holder: dict[str, Any]) -> tuple[str, str]:
    """Who holds the lock, in Chinese and English, from what the holder file says."""
    window, host, pid = (holder.get(key) or "?" for key in ("window", "host", "pid"))
    who, since = holder.get("operator") or "?", holder.get("since") or "?"
    return (
        f"窗口 {window}（电脑 {host}，进程 {pid}），操作员 {who}，自 {since} 起",
        f"window {window} (computer {host}, process {pid}), operator {who}, since {since}",
    )


class DatabaseInUse(DatabaseProblem):
    def __init__(self, holder: dict[str, Any], waited: float = 0.0) -> None:
        zh, en = holder_text(holder)
        waited_zh = f"已等待 {waited:g} 秒，" if waited else ""
        waited_en = f" (waited {waited:g} s)" if waited else ""
        super().__init__(
            "db_in_use",
            f"本数据库已被{zh}打开，{waited_zh}仍未释放。同一数据库同时只能由一个窗口程序写入；请在那个窗口操作，或先关闭它。",
            f"This database is already open for writing by {en}{waited_en}. "
            "Only one program may write it at a time: work in that window or close it first.",
        )
        self.holder = holder


def _not_writable(folder: Path, error: OSError) -> DatabaseProblem:
    return file_problem(error) if error.errno == errno.ENOSPC else FolderNotWritable(folder, error)


class FolderNotWritable(DatabaseProblem):
    def __init__(self, folder: Path, error: OSError) -> None:
        reason = error.strerror or str(error)
        super().__init__(
            "db_cannot_open",
            f"数据目录 {folder} 不能写入（{reason}），数据库无法打开。请检查该文件夹的权限、磁盘是否只读或已满。",
            f"The data folder {folder} cannot be written ({reason}), so the database cannot be opened. "
            "Check the folder's permissions and whether the disk is read-only or full.",
        )


class WriterLock:
    def __init__(self, db_path: Path, *, on_wait: LockWait | None = None) -> None:
        self._lock = FileLock(str(db_path) + ".lock", mode=OWNER_ONLY)
        self._owner_file = Path(str(db_path) + ".owner.json")
        self._on_wait = on_wait

    def acquire(self, *, window: str, operator: str, timeout: float = WAIT_SECONDS) -> None:
        """Take the lock, waiting up to ``timeout`` seconds for its holder; raises DatabaseInUse naming the holder."""
        try:
            unlink_if_link(Path(self._lock.lock_file))
            self._lock.acquire(timeout=0)
        except Timeout:  # an OSError too: first
            holder = self.holder()
            if timeout <= 0:
                raise DatabaseInUse(holder) from None
            log.info("waiting up to %g s for the database held by %s", timeout, holder_text(holder)[1])
            if self._on_wait is not None:
                self._on_wait(holder)
            try:
                self._lock.acquire(timeout=timeout)
            except Timeout:
                raise DatabaseInUse(self.holder(), waited=timeout) from None
        except OSError as error:  # the folder cannot be written (read-only, no permission, full)
            raise _not_writable(Path(self._lock.lock_file).parent, error) from None
        self.announce(window=window, operator=operator)

    def announce(self, *, window: str, operator: str) -> None:
        """Say who holds the lock, for the message a second program shows."""
        info = {
            "window": window,
            "operator": operator,
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": datetime.now().isoformat(timespec="seconds"),
        }
        try:
            replace_file(self._owner_file, json.dumps(info, ensure_ascii=False).encode("utf-8"))
        except OSError as error:
            raise _not_writable(self._owner_file.parent, error) from None

    def holder(self) -> dict[str, Any]:
        try:
            holder: dict[str, Any] = json.loads(self._owner_file.read_text(encoding="utf-8"))
            return holder
        except (OSError, ValueError):
            return {}

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()

    @property
    def held(self) -> bool:
        return self._lock.is_locked
