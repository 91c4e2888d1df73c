"""Database problems a clerk can act on, told apart from bugs.

SQLite reports a full disk, a locked or read-only file and a damaged file as
``OperationalError``/``DatabaseError`` carrying its result code
(``sqlite_errorcode``); ``known_problem`` turns those codes into a
``DatabaseProblem`` with a plain Chinese (and English) message saying what to
do. The code, not the message text, decides: messages vary between SQLite
versions and extended codes (``SQLITE_IOERR_FSYNC``…) share their primary
code's low byte. Anything else stays an exception: a bug to report.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import exc as sa_exc

_DISK_FULL = (
    "db_disk_full",
    "磁盘空间已满，本次保存未完成，已录入的数据没有丢失。请清理磁盘（或联系信息科）后再保存。",
    "The disk is full; this save did not happen and nothing saved earlier was lost. Free disk space, then save again.",
)
_LOCKED = (
    "db_locked",
    "数据库正被另一个程序占用，本次操作未完成。请稍候再试；如持续出现，请关闭其他打开本数据库的窗口程序。",
    "The database is busy in another program; nothing was changed. Try again shortly, or close the other program.",
)
_READ_ONLY = (
    "db_read_only",
    "数据库文件是只读的，无法保存。请检查数据目录的权限（或联系信息科）。",
    "The database file is read-only, so nothing can be saved. Check the data folder's permissions.",
)
_NOT_A_DATABASE = (
    "db_corrupt",
    "数据库文件已损坏或不是本程序的数据库。请不要继续录入，联系负责人用“恢复备份”恢复最近的备份。",
    "The database file is damaged or is not this program's database. Stop entering and restore the latest backup.",
)
_CORRUPT = (
    "db_corrupt",
    "数据库文件已损坏。请不要继续录入，联系负责人用“恢复备份”恢复最近的备份。",
    "The database file is damaged. Stop entering and restore the latest backup.",
)
_CANNOT_OPEN = (
    "db_cannot_open",
    "无法打开数据库文件。请检查数据目录是否存在、是否有写入权限、磁盘是否已连接。",
    "The database file cannot be opened. Check that the data folder exists, is writable, and the disk is attached.",
)
_IO_ERROR = (
    "db_io_error",
    "读写磁盘出错，本次操作未完成。请检查磁盘后重试；如反复出现，请联系信息科。",
    "A disk read/write error occurred; nothing was changed. Check the disk and try again.",
)
# SQLite's primary result code -> (code, Chinese message, English message)
_KNOWN: dict[int, tuple[str, str, str]] = {
    sqlite3.SQLITE_FULL: _DISK_FULL,
    sqlite3.SQLITE_BUSY: _LOCKED,
    sqlite3.SQLITE_LOCKED: _LOCKED,
    sqlite3.SQLITE_READONLY: _READ_ONLY,
    sqlite3.SQLITE_NOTADB: _NOT_A_DATABASE,
    sqlite3.SQLITE_CORRUPT: _CORRUPT,
    sqlite3.SQLITE_CANTOPEN: _CANNOT_OPEN,
    sqlite3.SQLITE_IOERR: _IO_ERROR,
}


class DatabaseProblem(Exception):
    """A database condition the clerk (or IT staff) can fix; never a partial save."""

    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh


def known_problem(error: BaseException) -> DatabaseProblem | None:
    """The DatabaseProblem behind ``error``, or None if it is not a known condition."""
    original = error.orig if isinstance(error, sa_exc.DBAPIError) else error
    if not isinstance(original, sqlite3.Error):
        return None
    code: int | None = getattr(original, "sqlite_errorcode", None)
    if code is None:  # raised by the sqlite3 module itself (a closed connection, a bad parameter): a bug
        return None
    known = _KNOWN.get(code & 0xFF)
    return DatabaseProblem(*known) if known else None
