"""SQLite errors are told apart by their result code, so a busy, missing or read-only file is a clear message."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from local_db.errors import known_problem


def _raised(action) -> sqlite3.Error:  # type: ignore[no-untyped-def]
    with pytest.raises(sqlite3.Error) as caught:
        action()
    return caught.value


def test_a_file_another_program_writes_is_busy(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    error = _raised(lambda: other.execute("BEGIN IMMEDIATE"))
    assert error.sqlite_errorcode & 0xFF == sqlite3.SQLITE_BUSY
    found = known_problem(error)
    assert found is not None and found.code == "db_locked" and "占用" in found.message_zh
    holder.close()
    other.close()


def test_a_folder_that_is_not_there_cannot_be_opened(tmp_path: Path) -> None:
    error = _raised(lambda: sqlite3.connect(tmp_path / "missing" / "a.sqlite3").execute("SELECT 1"))
    found = known_problem(error)
    assert found is not None and found.code == "db_cannot_open"


def test_a_file_opened_read_only_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    error = _raised(lambda: reader.execute("INSERT INTO t VALUES (1)"))
    found = known_problem(error)
    assert found is not None and found.code == "db_read_only"
    reader.close()


def test_a_programming_error_stays_a_bug(tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / "a.sqlite3")
    error = _raised(lambda: connection.execute("SELECT nonsense FROM nowhere"))
    assert known_problem(error) is None
    connection.close()
    assert known_problem(_raised(lambda: connection.execute("SELECT 1"))) is None  # closed: raised by Python, no code


def test_a_full_disk_is_told_by_its_code(tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / "a.sqlite3")
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.execute("PRAGMA max_page_count = 2")
    error = _raised(lambda: [connection.execute("INSERT INTO t VALUES (?)", ("x" * 4000,)) for _ in range(10)])
    found = known_problem(error)
    assert found is not None and found.code == "db_disk_full" and "磁盘空间已满" in found.message_zh
    connection.close()
