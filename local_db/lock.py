"""One writer per database file.

An OS file lock (released by the OS if the process dies, even by SIGKILL)
guards the database; beside it a small JSON file names the holder, so a second
program can tell the clerk which window and which operator already has the
database open.
"""

from __future__ import annotations

import json
import os
import socket
from datetime import datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from local_db.errors import DatabaseProblem


class DatabaseInUse(DatabaseProblem):
    def __init__(self, holder: dict[str, Any]) -> None:
        where = f"窗口 {holder.get('window') or '?'}（电脑 {holder.get('host') or '?'}，进程 {holder.get('pid') or '?'}）"
        who = holder.get("operator") or "?"
        since = holder.get("since") or "?"
        super().__init__(
            "db_in_use",
            f"本数据库已被{where}打开，操作员 {who}，自 {since} 起。同一数据库同时只能由一个窗口程序写入；请在那个窗口操作，或先关闭它。",
            f"This database is already open for writing by window {holder.get('window') or '?'} "
            f"(computer {holder.get('host') or '?'}, process {holder.get('pid') or '?'}), operator {who}, since {since}. "
            "Only one program may write it at a time: work in that window or close it first.",
        )
        self.holder = holder


class WriterLock:
    def __init__(self, db_path: Path) -> None:
        self._lock = FileLock(str(db_path) + ".lock")
        self._owner_file = Path(str(db_path) + ".owner.json")

    def acquire(self, *, window: str, operator: str, timeout: float = 0.0) -> None:
        try:
            self._lock.acquire(timeout=timeout)
        except Timeout:
            raise DatabaseInUse(self.holder()) from None
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
        self._owner_file.write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")

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
