"""Where the program may write a file a clerk names (``print --out``, ``import --export-refused``).

A path typed by a clerk (or a script) must never land on the window's own
files: ``--out DATA/clerk.sqlite3`` once turned the database into a PDF. So an
output is refused when it is a symbolic link (never followed), anything but a
regular file (a folder, a device), inside the data folder (database, backups,
logs, lock files), or an existing database of any folder (an SQLite header, or a
database's name). Outputs are then written to a temporary file made with
O_EXCL beside the target and renamed over it, so a failed write leaves nothing
half-written and the rename replaces a name, never what a link points at.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

DATABASE_SUFFIXES = (".sqlite3", ".sqlite", ".db", ".sqlite3-wal", ".sqlite3-shm", ".sqlite3-journal")
SQLITE_HEADER = b"SQLite format 3\x00"


def output_refusal(target: Path, data_dir: Path) -> tuple[str, str] | None:
    """Why no output may be written at ``target`` (Chinese, English), or None when it may."""
    try:
        mode = os.lstat(target).st_mode if os.path.lexists(target) else None
    except OSError as error:
        return (error.strerror or str(error), error.strerror or str(error))
    if mode is not None and stat.S_ISLNK(mode):
        return ("这是一个符号链接（快捷方式），不会顺着它写入", "it is a symbolic link, which is never followed")
    if mode is not None and stat.S_ISDIR(mode):
        return ("这是一个文件夹", "it is a folder")
    if mode is not None and not stat.S_ISREG(mode):
        return ("这不是普通文件（是设备等）", "it is not a regular file (a device or the like)")
    if inside(target, data_dir):
        return ("它在本窗口的数据目录里（数据库、备份和日志所在），请另选位置", "it is inside the window's data folder")
    if target.name.lower().endswith(DATABASE_SUFFIXES) or (mode is not None and _has_sqlite_header(target)):
        return ("这是一个数据库文件，不能被覆盖", "it is a database file, which is never overwritten")
    return None


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` (by its real location, links resolved) is ``folder`` or lies within it."""
    try:
        real = Path(os.path.realpath(path.parent)) / path.name
        home = Path(os.path.realpath(folder))
    except (OSError, ValueError):
        return False
    return real == home or home in real.parents


def _has_sqlite_header(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        return os.read(fd, len(SQLITE_HEADER)) == SQLITE_HEADER
    finally:
        os.close(fd)


def unlink_if_link(path: Path) -> None:
    """Remove ``path`` when it is a symbolic link (only the link): what the program writes there is then its own."""
    if os.path.islink(path):
        os.unlink(path)


def replace_file(target: Path, data: bytes) -> None:
    """``data`` as the file ``target``, owner-only, written to a new temporary file (O_EXCL) and renamed over the
    name: a link at ``target`` is replaced, never followed, and a failed write leaves no half file."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(name, 0o600)
        os.replace(name, target)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
