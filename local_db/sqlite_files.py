"""Opening SQLite files by their path, whatever characters the path holds, with the folder's key.

Every connection to a database file is made here. The files hold personal
data, so they are SQLCipher 4 files (AES-256, an HMAC per page; WAL and journal
encrypted too): each connection is given the data folder's raw 256-bit key
(``local_db.keys``) as its very first statement, ``PRAGMA key = "x'…'"``, so
no key derivation slows an open. ``key=None`` opens a plaintext file: only for
reading a database of an older version while converting or restoring it, and
for the benchmarks' plaintext columns.

A path pasted into a ``file:`` URI or an SQLAlchemy URL as text is cut at
``#`` (a fragment) or ``?`` (a query) and mangled at ``%``: a data folder
named ``窗口#2`` then opened a stray empty database beside the real one, and
backups and restores lost records. So read-only connections go through a URI
whose path is percent-quoted, writable ones and engines by the plain path,
never by text that is parsed again (and the key never sits in a URL). On
POSIX ``owner_only`` makes the database, its -wal/-shm, backups and logs
readable by their owner only.

SQLCipher's errors are not ``sqlite3.Error`` subclasses: code that catches a
database error catches ``DB_ERRORS`` (or ``DB_DATABASE_ERRORS``).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import sqlcipher3.dbapi2 as sqlcipher  # type: ignore[import-untyped]
from sqlalchemy import URL

if TYPE_CHECKING:  # SQLCipher's module is the standard one's twin (pysqlite), without type hints of its own
    from sqlite3 import Connection as Connection
else:
    Connection = sqlcipher.Connection

OWNER_ONLY = 0o600
KEY_BYTES = 32
PLAINTEXT_HEADER = b"SQLite format 3\x00"

DB_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher.Error)
"""Every error a database connection raises (the standard module's and SQLCipher's)."""
DB_DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError, sqlcipher.DatabaseError)
"""The errors of a file that is not a (readable) database, or one that is damaged."""
dbapi: Any = sqlcipher


def read_only_uri(path: Path | str) -> str:
    """``file:`` URI of ``path`` opened read-only; every special character is percent-quoted."""
    return Path(os.path.abspath(path)).as_uri() + "?mode=ro"


def connect_read_only(path: Path | str, *, key: bytes | None) -> Connection:
    """A read-only connection keyed with ``key``; fails (it never creates an empty file) when ``path`` does not exist."""
    return _keyed(cast(Connection, sqlcipher.connect(read_only_uri(path), uri=True)), key)


def connect(path: Path | str, *, key: bytes | None, check_same_thread: bool = True) -> Connection:
    """A read-write connection to ``path`` (created if missing) keyed with ``key``, by the path itself."""
    return _keyed(cast(Connection, sqlcipher.connect(os.fspath(path), check_same_thread=check_same_thread)), key)


def _keyed(connection: Connection, key: bytes | None) -> Connection:
    # A wrong key is an error the caller turns into a message; SQLCipher would also print it to stderr.
    connection.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        if len(key) != KEY_BYTES:
            connection.close()
            raise ValueError("a database key is 32 bytes")
        connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return connection


def engine_url(path: Path | str) -> URL:
    """The SQLAlchemy URL of ``path``, built as an object so that the path is never parsed as text (no key in it)."""
    return URL.create("sqlite", database=os.fspath(path))


def is_plaintext(path: Path | str) -> bool:
    """Whether the file at ``path`` starts as a plain (unencrypted) SQLite database does."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(PLAINTEXT_HEADER)) == PLAINTEXT_HEADER
    except OSError:
        return False


def owner_only(path: Path | str) -> None:
    """On POSIX, make an existing regular file readable and writable by its owner only (no-op elsewhere)."""
    if os.name != "posix":
        return
    try:
        mode = os.lstat(path).st_mode  # a link is never followed (and never a regular file here)
        if stat.S_ISREG(mode) and stat.S_IMODE(mode) & 0o077:
            os.chmod(path, OWNER_ONLY)
    except OSError:
        pass  # someone else's file or gone already: the umask covers what we create


def writable_like(sidecar: Path | str, database: Path | str) -> None:
    """Give a -wal or -shm file its database's owner write permission back (POSIX).

    SQLite makes them with the database's mode: a -shm made while the database was 0400 stays 0400 after the
    database's mode is put right, and every later write then fails as "read-only" for good.
    """
    if os.name != "posix":
        return
    try:
        main, side = os.lstat(database).st_mode, os.lstat(sidecar).st_mode
        if stat.S_ISREG(side) and main & stat.S_IWUSR and not side & stat.S_IWUSR:
            os.chmod(sidecar, OWNER_ONLY)
    except OSError:
        pass  # gone already, or not ours


def fsync_file(path: Path | str) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def make_folder(path: Path | str) -> None:
    """``mkdir -p`` that a power cut cannot undo: each folder made is given a durable entry in its parent.

    A new folder's name is only on the disk once its parent folder is fsynced; without that a power cut
    after the first saves took the whole new data folder with it (the saves' own fsyncs notwithstanding)."""
    missing: list[Path] = []
    folder = Path(path)
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir(exist_ok=True)
        fsync_directory(new.parent)


def fsync_directory(path: Path | str) -> None:
    """Make a create, rename or removal in the folder ``path`` durable (no-op where folders cannot be opened)."""
    if os.name != "posix":
        return
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
