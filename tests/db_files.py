"""Tests that look inside a data folder's files do it as the program does: through local_db.sqlite_files, with the
folder's key (every database file is encrypted)."""

from __future__ import annotations

from pathlib import Path

from local_db import keys, sqlite_files
from local_db.sqlite_files import Connection, connect, connect_read_only


def folder_of(path: Path) -> Path:
    """The data folder of a database file, a backup (DATA/backups/…) or the folder itself."""
    path = Path(path)
    if path.is_dir():
        return path
    return path.parent.parent if path.parent.name == "backups" else path.parent


def key_of(path: Path) -> bytes:
    return keys.folder_key(folder_of(path), create=False)


def raw_connection(path: Path, *, folder: Path | None = None, read_only: bool = False) -> Connection:
    """A connection to the database file at ``path`` (DATA/clerk.sqlite3 when given the folder), keyed with the key of
    ``folder`` (by default the data folder the file lies in)."""
    path = Path(path)
    if path.is_dir():
        path = path / "clerk.sqlite3"
    key = keys.folder_key(folder, create=False) if folder is not None else key_of(path)
    return connect_read_only(path, key=key) if read_only else connect(path, key=key)


def lose_key_on_this_pc(data_dir: Path) -> None:
    """As on a new PC or after the keyring was cleared: the folder's key gone from the keyring and the cache."""
    keys.forget_key_on_this_pc(data_dir)


IntegrityError: type[Exception] = sqlite_files.dbapi.IntegrityError
DatabaseError: type[Exception] = sqlite_files.dbapi.DatabaseError
