"""Backups of the database file, and restoring one.

Copies are made with SQLite's online backup API, so they are consistent even
while the window keeps saving. One backup a day is kept for the last
``KEEP_DAILY`` days; copies made before migrations and restores are kept apart
from that rotation. A restore never trusts the file it is given: the candidate is copied into a
quarantine file in the data folder and checked there (``restore_checks``)
before anything is replaced, and the file it replaces is itself copied first;
its receipt counters are carried over, so a receipt number handed out after the
backup is never issued again. Files are opened through ``sqlite_files``, so a
``#`` or ``?`` in a folder or file name cannot open the wrong file.

Every copy is a SQLCipher file keyed with the data folder's key (the backup
API copies between two connections keyed alike, page by page). A restore
takes such a file, or a plaintext backup of an older version, which is
converted into the encrypted quarantine on the way in (``encryption``); a file
the folder's key does not open is refused.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from local_db import encryption
from local_db.output_paths import unlink_if_link
from local_db.restore_checks import BackupRejected, check_candidate, rebuild_triggers
from local_db.sqlite_files import (
    DB_DATABASE_ERRORS,
    connect,
    connect_read_only,
    fsync_directory,
    fsync_file,
    is_plaintext,
    make_folder,
    owner_only,
)

KEEP_DAILY = 30
DAILY_PREFIX = "daily-"
SUFFIX = ".sqlite3"
QUARANTINE_PREFIX = ".restore-quarantine-"


def copy_database(db_path: Path, backup_dir: Path, label: str, *, key: bytes | None) -> Path:
    """A consistent copy of ``db_path`` in ``backup_dir`` named after ``label`` and the time, keyed as it is."""
    unlink_if_link(backup_dir)  # a link put in the data folder is never followed: backups stay in it
    make_folder(backup_dir)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"{label}-{stamp}{SUFFIX}"
    _backup_to(db_path, target, key)
    return target


def _backup_to(source_path: Path, target: Path, key: bytes | None) -> None:
    partial = target.with_name(target.name + ".partial")
    try:
        source = connect_read_only(source_path, key=key)
        try:
            dest = connect(partial, key=key)
            try:
                source.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
            finally:
                dest.close()
        finally:
            source.close()
        # A half-written copy never carries the final name.
        owner_only(partial)
        fsync_file(partial)
        os.replace(partial, target)
    except BaseException:
        # A copy that failed (a full disk) is not left behind: it would be a second copy of personal data.
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            leftover.unlink(missing_ok=True)
        raise
    fsync_directory(target.parent)


def daily_backup(db_path: Path, backup_dir: Path, today: date, *, key: bytes) -> Path | None:
    """Make today's backup if there is none yet and drop daily backups beyond KEEP_DAILY."""
    unlink_if_link(backup_dir)
    for old in backup_dir.glob(f"*{SUFFIX}"):  # made before the owner-only umask: personal data
        owner_only(old)
    existing = sorted(backup_dir.glob(f"{DAILY_PREFIX}{today:%Y%m%d}-*{SUFFIX}"))
    made = None
    if not existing:
        made = copy_database(db_path, backup_dir, f"{DAILY_PREFIX}{today:%Y%m%d}", key=key)
    _rotate(backup_dir)
    return made


def _rotate(backup_dir: Path) -> None:
    by_day: dict[str, list[Path]] = {}
    for path in backup_dir.glob(f"{DAILY_PREFIX}*{SUFFIX}"):
        by_day.setdefault(path.name[len(DAILY_PREFIX) : len(DAILY_PREFIX) + 8], []).append(path)
    dropped = sorted(by_day)[:-KEEP_DAILY]
    for day in dropped:
        for path in by_day[day]:
            path.unlink()
    if dropped:
        fsync_directory(backup_dir)  # a power cut must not bring back what the rotation dropped


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    modified: str


def list_backups(backup_dir: Path) -> list[BackupInfo]:
    infos = []
    for path in sorted(backup_dir.glob(f"*{SUFFIX}")):
        stat = path.stat()
        infos.append(BackupInfo(path, stat.st_size, datetime.fromtimestamp(stat.st_mtime).isoformat(timespec="seconds")))
    return infos


ExtraCheck = Callable[[Path], None]
"""A further check of the quarantined candidate (its path); raises BackupRejected to refuse it."""


def check_backup_file(path: Path, *, key: bytes) -> None:
    """Raise BackupRejected unless ``path`` is a sound database of this program, with exactly our schema."""
    if not path.is_file():
        raise BackupRejected("文件不存在", "the file does not exist")
    with tempfile.TemporaryDirectory(prefix="clerk-check-") as folder:
        quarantine = Path(folder) / "candidate.sqlite3"
        _quarantine(path, quarantine, key)
        check_candidate(quarantine, key=key)


def restore(
    backup: Path, db_path: Path, backup_dir: Path, *, key: bytes, extra_checks: Sequence[ExtraCheck] = ()
) -> Path | None:
    """Replace ``db_path`` by ``backup`` after checking a quarantined copy; returns the copy of the replaced file.

    The candidate is copied into the data folder first and only that copy is
    opened, checked (``check_candidate``, then each of ``extra_checks``), given
    our own triggers again and handed the receipt counters; the database is
    replaced last, by a rename. A refused file leaves the database untouched.
    The caller must hold the database's writer lock and have no connection open. ``key`` is the data folder's
    key: the quarantine and the copy of the replaced file are keyed with it.
    """
    if not backup.is_file():
        raise BackupRejected("文件不存在", "the file does not exist")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    for stale in db_path.parent.glob(f"{QUARANTINE_PREFIX}*"):  # left by a restore that was killed
        stale.unlink(missing_ok=True)
    handle, name = tempfile.mkstemp(dir=db_path.parent, prefix=QUARANTINE_PREFIX, suffix=SUFFIX)
    os.close(handle)
    quarantine = Path(name)
    try:
        _quarantine(backup, quarantine, key)
        revision = check_candidate(quarantine, key=key)
        for check in extra_checks:
            check(quarantine)
        rebuild_triggers(quarantine, revision, key=key)
        if db_path.exists():
            _carry_receipt_counters(db_path, quarantine, key)
        replaced_copy = copy_database(db_path, backup_dir, "pre-restore", key=key) if db_path.exists() else None
        fsync_file(quarantine)
        for suffix in ("-wal", "-shm"):
            db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
        os.replace(quarantine, db_path)
        fsync_directory(db_path.parent)
    finally:
        for leftover in (quarantine, quarantine.with_name(quarantine.name + "-journal")):
            leftover.unlink(missing_ok=True)
    return replaced_copy


def _quarantine(candidate: Path, quarantine: Path, key: bytes) -> None:
    """A self-contained encrypted copy of ``candidate`` (a plaintext file of an older version is encrypted on the
    way in); opening it runs none of its SQL, copying only reads its pages."""
    try:
        if is_plaintext(candidate):
            encryption.encrypt_file(candidate, quarantine, key)
        else:
            _backup_to(candidate, quarantine, key)
    except encryption.ConversionFailed as failed:
        raise BackupRejected("无法读取或转换为加密格式", "it cannot be read or converted to the encrypted format") from failed
    except DB_DATABASE_ERRORS as error:
        raise BackupRejected(
            f"本数据目录的密钥打不开它（它可能来自另一个数据目录，或已损坏）（{error}）",
            f"this data folder's key does not open it (it may come from another data folder, or be damaged) ({error})",
        ) from error


def _carry_receipt_counters(replaced: Path, restored: Path, key: bytes) -> None:
    """Keep the receipt sequences of the replaced file, so no receipt number already handed out is reused."""
    try:
        source = connect_read_only(replaced, key=key)
        try:
            counters = source.execute("SELECT prefix, last_seq FROM receipt_counters").fetchall()
        finally:
            source.close()
    except DB_DATABASE_ERRORS:
        return  # the replaced file was damaged: nothing to carry
    target = connect(restored, key=key)
    try:
        with target:
            target.executemany(
                "INSERT INTO receipt_counters (prefix, last_seq) VALUES (?, ?) "
                "ON CONFLICT(prefix) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)",
                counters,
            )
    finally:
        target.close()
