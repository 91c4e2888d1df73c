"""Converting a plaintext database of an older version (and its backups) into SQLCipher files.

The first start of this version finds the data folder's database in the clear
(its first bytes are "SQLite format 3"). It is converted in place, so that a
kill or a power cut at any moment leaves a usable file:

1. the plaintext file is checkpointed into one self-contained file (journal
   mode DELETE: its WAL is folded in and removed, nothing committed is lost);
2. ``sqlcipher_export`` copies it into a new encrypted file under a temporary
   name beside it (with its ``user_version``);
3. the new file must pass ``PRAGMA integrity_check`` and hold exactly as many
   rows as the old one in every table (records, versions, audit rows, outbox…);
4. the new file is fsynced, renamed over the old one, and the folder fsynced.

Until that rename the old file is the database, untouched; a temporary file a
kill left behind is removed and the conversion starts again at the next open.
Then each plaintext backup is converted the same way. The rename replaces the
plaintext file; the blocks it used are freed, not overwritten (no program can
promise that on an SSD), which the README says.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from local_db.errors import DatabaseProblem
from local_db.sqlite_files import (
    DB_DATABASE_ERRORS,
    Connection,
    connect,
    connect_read_only,
    fsync_directory,
    fsync_file,
    is_plaintext,
    owner_only,
)

log = logging.getLogger(__name__)

TEMP_SUFFIX = ".encrypting"
Progress = Callable[[int, int], None]
"""Told (files done, files in all) as a conversion goes on."""


class ConversionFailed(DatabaseProblem):
    def __init__(self, name: str, reason: str) -> None:
        super().__init__(
            "db_conversion_failed",
            f"把数据库文件 {name} 转换为加密格式时核对未通过（{reason}）。原文件没有改动，可以照常使用；"
            "下次启动会再试。如反复出现，请联系信息科。",
            f"Converting the database file {name} to the encrypted format failed its check ({reason}). The original "
            "file was not changed and stays in use; the next start tries again. If this repeats, call IT.",
        )


def plaintext_backups(backup_dir: Path) -> list[Path]:
    if not backup_dir.is_dir():
        return []
    return sorted(path for path in backup_dir.glob("*.sqlite3") if is_plaintext(path))


def convert_folder(db_path: Path, backup_dir: Path, key: bytes, progress: Progress | None = None) -> int:
    """Encrypt the database at ``db_path`` if it is plaintext, then every plaintext backup; returns the files
    converted. The caller holds the writer lock and has no connection open."""
    for stale in [db_path.with_name(db_path.name + TEMP_SUFFIX), *backup_dir.glob(f"*{TEMP_SUFFIX}")]:
        stale.unlink(missing_ok=True)  # a conversion killed half-way: the original is still the file in use
    for stale in db_path.parent.glob(".restore-quarantine-*"):  # a restore killed half-way (maybe plaintext)
        stale.unlink(missing_ok=True)
    todo = ([db_path] if is_plaintext(db_path) else []) + plaintext_backups(backup_dir)
    for done, path in enumerate(todo):
        if progress is not None:
            progress(done, len(todo))
        log.info("encrypting %s (%d of %d)", path.name, done + 1, len(todo))
        encrypt_file(path, path, key)
    if progress is not None and todo:
        progress(len(todo), len(todo))
    return len(todo)


def encrypt_file(plaintext: Path, target: Path, key: bytes) -> None:
    """An encrypted, checked copy of the plaintext database ``plaintext`` renamed into place as ``target``
    (which may be ``plaintext`` itself); nothing is replaced unless the copy checked out. Converting into
    another file (a restore's candidate) only reads ``plaintext``."""
    in_place = plaintext == target
    temp = target.with_name(target.name + TEMP_SUFFIX)
    temp.unlink(missing_ok=True)
    try:
        source = connect(plaintext, key=None) if in_place else connect_read_only(plaintext, key=None)
        try:
            source.isolation_level = None
            if in_place:
                source.execute("PRAGMA journal_mode = DELETE")  # the WAL folded into the file, nothing left beside it
            counts = _row_counts(source)
            user_version = int(source.execute("PRAGMA user_version").fetchone()[0])
            source.execute("ATTACH DATABASE ? AS encrypted KEY ?", (os.fspath(temp), f"x'{key.hex()}'"))
            try:
                source.execute("SELECT sqlcipher_export('encrypted')")
                source.execute(f"PRAGMA encrypted.user_version = {user_version}")
            finally:
                source.execute("DETACH DATABASE encrypted")
        finally:
            source.close()
        owner_only(temp)
        _check_copy(temp, key, counts, target.name)
        fsync_file(temp)
        for suffix in ("-wal", "-shm", "-journal"):  # the plaintext file is self-contained (journal mode DELETE)
            if in_place:
                target.with_name(target.name + suffix).unlink(missing_ok=True)
        os.replace(temp, target)
        fsync_directory(target.parent)
    except DB_DATABASE_ERRORS as error:
        raise ConversionFailed(target.name, str(error)) from error
    finally:
        temp.unlink(missing_ok=True)


def _row_counts(connection: Connection) -> dict[str, int]:
    cursor = connection.execute
    names = [str(row[0]) for row in cursor("SELECT name FROM main.sqlite_master WHERE type = 'table'").fetchall()]
    return {name: int(cursor(f'SELECT count(*) FROM main."{name}"').fetchone()[0]) for name in names}


def _check_copy(path: Path, key: bytes, expected: dict[str, int], name: str) -> None:
    copy = connect(path, key=key)
    try:
        problems = [str(row[0]) for row in copy.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise ConversionFailed(name, "; ".join(problems[:3]))
        found = _row_counts(copy)
    finally:
        copy.close()
    if found != expected:
        differing = sorted(t for t in expected.keys() | found.keys() if expected.get(t) != found.get(t))
        raise ConversionFailed(name, "row counts differ: " + ", ".join(differing[:5]))
