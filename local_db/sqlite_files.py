"""Opening SQLite files by their path, whatever characters the path holds.

A path pasted into a ``file:`` URI or an SQLAlchemy URL as text is cut at
``#`` (a fragment) or ``?`` (a query) and mangled at ``%``: a data folder
named ``窗口#2`` then opened a stray empty database beside the real one, and
backups and restores lost records. Every connection to a database file is made
here: read-only ones through a URI whose path is percent-quoted, writable ones
and engines by the plain path, never by text that is parsed again. The files
hold personal data, so ``owner_only`` also lives here: on POSIX the database,
its -wal/-shm, backups and logs are made readable by their owner only.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from sqlalchemy import URL

OWNER_ONLY = 0o600


def read_only_uri(path: Path | str) -> str:
    """``file:`` URI of ``path`` opened read-only; every special character is percent-quoted."""
    return Path(os.path.abspath(path)).as_uri() + "?mode=ro"


def connect_read_only(path: Path | str) -> sqlite3.Connection:
    """A read-only connection; fails (it never creates an empty file) when ``path`` does not exist."""
    return sqlite3.connect(read_only_uri(path), uri=True)


def connect(path: Path | str) -> sqlite3.Connection:
    """A read-write connection to ``path`` (created if missing), by the path itself."""
    return sqlite3.connect(os.fspath(path))


def engine_url(path: Path | str) -> URL:
    """The SQLAlchemy URL of ``path``, built as an object so that the path is never parsed as text."""
    return URL.create("sqlite", database=os.fspath(path))


def owner_only(path: Path | str) -> None:
    """On POSIX, make an existing regular file readable and writable by its owner only (no-op elsewhere)."""
    if os.name != "posix":
        return
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISREG(mode) and stat.S_IMODE(mode) & 0o077:
            os.chmod(path, OWNER_ONLY)
    except OSError:
        pass  # someone else's file or gone already: the umask covers what we create
