"""Backups of the database file, and restoring one.

Copies are made with SQLite's online backup API, so they are consistent even
while the window keeps saving. One backup a day is kept for the last
``KEEP_DAILY`` days; copies made before migrations and restores are kept apart
from that rotation. A restore checks the candidate file (it opens, passes
``PRAGMA integrity_check``, and carries our schema) before it replaces
anything, and the file it replaces is itself copied first; its receipt
counters are carried over, so a receipt number handed out after the backup is
never issued again.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from local_db.errors import DatabaseProblem

KEEP_DAILY = 30
DAILY_PREFIX = "daily-"
SUFFIX = ".sqlite3"


def copy_database(db_path: Path, backup_dir: Path, label: str) -> Path:
    """A consistent copy of ``db_path`` in ``backup_dir`` named after ``label`` and the time."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"{label}-{stamp}{SUFFIX}"
    _backup_to(db_path, target)
    return target


def _backup_to(source_path: Path, target: Path) -> None:
    partial = target.with_name(target.name + ".partial")
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
        finally:
            dest.close()
    finally:
        source.close()
    # A half-written copy never carries the final name.
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)


def daily_backup(db_path: Path, backup_dir: Path, today: date) -> Path | None:
    """Make today's backup if there is none yet and drop daily backups beyond KEEP_DAILY."""
    existing = sorted(backup_dir.glob(f"{DAILY_PREFIX}{today:%Y%m%d}-*{SUFFIX}"))
    made = None
    if not existing:
        made = copy_database(db_path, backup_dir, f"{DAILY_PREFIX}{today:%Y%m%d}")
    _rotate(backup_dir)
    return made


def _rotate(backup_dir: Path) -> None:
    by_day: dict[str, list[Path]] = {}
    for path in backup_dir.glob(f"{DAILY_PREFIX}*{SUFFIX}"):
        by_day.setdefault(path.name[len(DAILY_PREFIX) : len(DAILY_PREFIX) + 8], []).append(path)
    for day in sorted(by_day)[:-KEEP_DAILY]:
        for path in by_day[day]:
            path.unlink()


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


class BackupRejected(DatabaseProblem):
    def __init__(self, reason_zh: str, reason_en: str) -> None:
        super().__init__(
            "backup_rejected",
            f"该备份文件不能用于恢复：{reason_zh}。现有数据库没有被改动。",
            f"This backup cannot be restored: {reason_en}. The current database was not touched.",
        )


def check_backup_file(path: Path) -> None:
    """Raise BackupRejected unless ``path`` is a sound database of this program."""
    if not path.is_file():
        raise BackupRejected("文件不存在", "the file does not exist")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = connection.execute("PRAGMA integrity_check").fetchall()
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupRejected(f"无法读取（{error}）", f"it cannot be read ({error})") from error
    if result != [("ok",)]:
        raise BackupRejected("完整性检查未通过", "it fails the integrity check")
    if not {"alembic_version", "record_versions", "audit_log"} <= tables:
        raise BackupRejected("不是本程序的数据库", "it is not this program's database")


def restore(backup: Path, db_path: Path, backup_dir: Path) -> Path | None:
    """Replace ``db_path`` by ``backup`` after checking it; returns the copy of the replaced file.

    The caller must hold the database's writer lock and have no connection open.
    """
    check_backup_file(backup)
    replaced_copy = copy_database(db_path, backup_dir, "pre-restore") if db_path.exists() else None
    staged = db_path.with_name(db_path.name + ".restoring")
    _backup_to(backup, staged)
    for suffix in ("-wal", "-shm"):
        leftover = db_path.with_name(db_path.name + suffix)
        if leftover.exists():
            leftover.unlink()
    os.replace(staged, db_path)
    if replaced_copy is not None:
        _carry_receipt_counters(replaced_copy, db_path)
    return replaced_copy


def _carry_receipt_counters(replaced: Path, restored: Path) -> None:
    """Keep the receipt sequences of the replaced file, so no receipt number already handed out is reused."""
    try:
        source = sqlite3.connect(f"file:{replaced}?mode=ro", uri=True)
        try:
            counters = source.execute("SELECT prefix, last_seq FROM receipt_counters").fetchall()
        finally:
            source.close()
    except sqlite3.DatabaseError:
        return  # the replaced file was damaged: nothing to carry
    target = sqlite3.connect(restored)
    try:
        with target:
            target.executemany(
                "INSERT INTO receipt_counters (prefix, last_seq) VALUES (?, ?) "
                "ON CONFLICT(prefix) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)",
                counters,
            )
    finally:
        target.close()
