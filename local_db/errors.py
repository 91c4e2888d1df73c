"""Database problems a clerk can act on, told apart from bugs.

SQLite (and SQLCipher, whose errors are not ``sqlite3.Error`` subclasses:
``sqlite_files.DB_ERRORS`` holds both) reports a full disk, a locked or read-only file and a damaged file as
``OperationalError``/``DatabaseError`` carrying its result code
(``sqlite_errorcode``); ``known_problem`` turns those codes into a
``DatabaseProblem`` with a plain Chinese (and English) message saying what to
do. The code, not the message text, decides: messages vary between SQLite
versions and extended codes (``SQLITE_IOERR_FSYNC``…) share their primary
code's low byte. Anything else stays an exception: a bug to report.
"""

from __future__ import annotations

import errno
import sqlite3

from sqlalchemy import exc as sa_exc

from local_db.sqlite_files import DB_ERRORS

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
    "数据库文件已损坏、不是本程序的数据库，或本数据目录的密钥打不开它（例如从另一台电脑的数据目录复制来）。"
    "请不要继续录入，联系负责人用“恢复备份”恢复最近的备份。",
    "The database file is damaged, is not this program's database, or this data folder's key does not open it "
    "(copied from another PC's data folder, say). Stop entering and restore the latest backup.",
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


def file_problem(error: OSError) -> DatabaseProblem:
    """An operating-system error writing the data folder's files (a backup on a full disk, a read-only folder)."""
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DatabaseProblem(*_DISK_FULL)
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return DatabaseProblem(*_READ_ONLY)
    return DatabaseProblem(*_IO_ERROR)


def known_problem(error: BaseException) -> DatabaseProblem | None:
    """The DatabaseProblem behind ``error``, or None if it is not a known condition."""
    original = error.orig if isinstance(error, sa_exc.DBAPIError) else error
    if not isinstance(original, DB_ERRORS):
        return None
    code: int | None = getattr(original, "sqlite_errorcode", None)
    if code is None:  # raised by the sqlite3 module itself (a closed connection, a bad parameter): a bug
        return None
    known = _KNOWN.get(code & 0xFF)
    return DatabaseProblem(*known) if known else None


class DatabaseKeyMissing(DatabaseProblem):
    """This PC's keyring has no key for the data folder (a new PC, a reinstalled system, a lost keyring)."""

    def __init__(self, *, recovery_code_issued: bool) -> None:
        self.recovery_code_issued = recovery_code_issued
        if recovery_code_issued:
            super().__init__(
                "db_key_missing",
                "本电脑的系统钥匙串中没有这个数据目录的数据库密钥（换了电脑、重装了系统或钥匙串被清除），数据库是加密的，暂时打不开。"
                "请负责人取出保险柜里的“数据库恢复码”纸条，在窗口程序中输入恢复码，或运行 clerk-app unlock。",
                "This PC's keyring holds no key for this data folder (a new PC, a reinstalled system or a cleared "
                "keyring), and the database is encrypted. A supervisor types the recovery code from the slip kept in "
                "the safe into the window, or runs clerk-app unlock.",
            )
        else:
            super().__init__(
                "db_key_lost",
                "本电脑的系统钥匙串中没有这个数据目录的数据库密钥，而且从未生成过恢复码：加密的数据无法读取，已经丢失，任何人都打不开。"
                "用同一密钥做的备份也同样打不开。请在原来的电脑上（如果它的钥匙串还在）打开窗口程序并让负责人生成恢复码；"
                "否则只能换一个新的数据目录重新开始，并联系信息科。",
                "This PC's keyring holds no key for this data folder and no recovery code was ever issued: the "
                "encrypted data cannot be read by anyone and is lost, and so are the backups made with the same key. "
                "If the original PC still has its keyring, open the window there and have a supervisor issue a "
                "recovery code; otherwise start again with a new data folder and call IT.",
            )


class DatabaseKeyFileMissing(DatabaseProblem):
    """The database is encrypted but the key file beside it (its key id and wrapped key) is gone."""

    def __init__(self, key_file: str) -> None:
        super().__init__(
            "db_key_file_missing",
            f"数据库是加密的，但它旁边的密钥文件 {key_file} 不见了，没有它数据无法读取。"
            "请把原数据目录中的 clerk.key 复制回来（从复制数据目录的来源处），然后再打开；必要时用恢复码解锁（clerk-app unlock）。",
            f"The database is encrypted but the key file {key_file} beside it is missing; without it the data cannot "
            "be read. Copy clerk.key back from where the data folder came from, then open again (and unlock with the "
            "recovery code if asked).",
        )


class DatabaseKeyringUnavailable(DatabaseProblem):
    """No working keyring back-end: the database key can be neither stored nor read."""

    def __init__(self) -> None:
        super().__init__(
            "db_keyring_unavailable",
            "本电脑的系统钥匙串（Windows 凭据管理器）不可用，读不到数据库密钥，数据库无法打开。"
            "请用平常登录本电脑的 Windows 账户运行窗口程序；如仍出现，请联系信息科。",
            "This PC's keyring (Windows Credential Manager) is not available, so the database key cannot be read "
            "and the database cannot be opened. Run the program as the Windows user who normally uses this PC, "
            "or call IT.",
        )


class WrongRecoveryCode(DatabaseProblem):
    def __init__(self) -> None:
        super().__init__(
            "recovery_code_wrong",
            "恢复码不对，数据库没有解锁。请对照纸条逐组核对 40 位数字后重新输入。",
            "That recovery code is not right; the database was not unlocked. Check the 40 digits group by group "
            "against the slip and type them again.",
        )
