"""The database file: migrations, backups and restore, the writer lock, and known errors."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from clerk_app.services.records import RecordService
from local_db import backup as backups
from local_db import migrate
from local_db.database import Database
from local_db.engine import make_engine
from local_db.errors import DatabaseProblem
from local_db.lock import DatabaseInUse
from local_db.migrate import NewerSchemaError
from tests import factories
from tests.db_files import raw_connection


def test_fresh_database_is_at_head_in_wal_mode_with_foreign_keys(db: Database) -> None:
    assert migrate.current_revision(db.engine) == migrate.head_revision()
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_the_head_read_from_file_names_is_alembics_head_and_history_is_one_line() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(migrate.SCRIPT_LOCATION))
    assert script.get_heads() == [migrate.head_revision()]
    numbered = sorted(p.name.split("_", 1)[0] for p in (migrate.SCRIPT_LOCATION / "versions").glob("*.py"))
    assert [rev.revision for rev in reversed(list(script.walk_revisions()))] == numbered


def test_opening_an_up_to_date_database_does_not_import_alembic(db: Database) -> None:
    db.close()
    code = (
        "import sys; from pathlib import Path; from local_db.database import Database; "
        f"Database(Path({str(db.data_dir)!r})).open(write=True, operator='t').close(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]", shown.stdout + shown.stderr


def test_migration_from_the_previous_revision_keeps_data_and_copies_the_file_first(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    path = data_dir / "clerk.sqlite3"
    engine = make_engine(path, key=None)  # a file of an older version: plaintext, at revision 0001
    migrate.upgrade(engine, path, data_dir / "backups", key=None, target="0001")
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO audit_log (seq, at, operator, action, detail, prev_hash, hash) "
            "VALUES (1, '2026-01-01T00:00:00+08:00', 'old', 'login', '{}', ?, 'abc')",
            ("0" * 64,),
        )
    engine.dispose()
    db = Database(data_dir).open(write=True, operator="t")
    try:
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        with raw_connection(path) as connection:
            # the old row is kept; migration 0010 chains the baseline of operators and settings after it
            assert connection.execute("SELECT seq, prev_hash FROM audit_log WHERE seq = 2").fetchall() == [(2, "abc")]
            assert connection.execute("SELECT operator, action FROM audit_log ORDER BY seq").fetchall() == [
                ("old", "login"), ("migration", "state_baseline")
            ]
        copies = list((data_dir / "backups").glob("pre-migration-0001-*.sqlite3"))
        assert len(copies) == 1
        with raw_connection(copies[0]) as connection:
            assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    finally:
        db.close()


def test_database_from_a_newer_program_is_refused(db: Database, data_dir: Path) -> None:
    db.close()
    with raw_connection(data_dir / "clerk.sqlite3") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(NewerSchemaError) as refused:
        Database(data_dir).open(write=True, operator="t")
    assert "更新版本" in refused.value.message_zh


def test_second_writer_is_told_who_has_the_database(db: Database, data_dir: Path) -> None:
    with pytest.raises(DatabaseInUse) as refused:
        Database(data_dir).open(write=True, operator="other")
    assert "tester" in refused.value.message_zh and str(os.getpid()) in refused.value.message_zh
    reader = Database(data_dir).open(write=False)  # lookups still work while the window writes
    reader.close()


def test_daily_backups_keep_thirty_days(db: Database, records: RecordService) -> None:
    records.add("transition_case", factories.transition_case(), operator="tester")
    start = date(2026, 1, 1)
    for offset in range(35):
        assert db.maintain(start + timedelta(days=offset)) is not None
    assert db.maintain(start + timedelta(days=34)) is None  # already done today
    days = sorted({p.name[6:14] for p in db.backup_dir.glob("daily-*.sqlite3")})
    assert len(days) == 30 and days[0] == "20260106"
    backups.check_backup_file(sorted(db.backup_dir.glob("daily-*.sqlite3"))[-1], key=db.key)


def test_restore_refuses_a_damaged_file_and_touches_nothing(db: Database, records: RecordService, tmp_path: Path) -> None:
    records.add("transition_case", factories.transition_case(), operator="tester")
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    before = db.path.read_bytes()
    with pytest.raises(backups.BackupRejected):
        backups.restore(damaged, db.path, db.backup_dir, key=db.key)
    not_ours = tmp_path / "other.sqlite3"
    sqlite3.connect(not_ours).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(backups.BackupRejected, match="not this program"):
        backups.restore(not_ours, db.path, db.backup_dir, key=db.key)
    assert db.path.read_bytes() == before


def test_disk_full_is_a_clear_message_and_no_partial_record(db: Database, records: RecordService) -> None:
    records.add("transition_case", factories.transition_case(), operator="tester")
    with db.engine.connect() as connection:
        page_count = connection.exec_driver_sql("PRAGMA page_count").scalar()

    from sqlalchemy import event

    @event.listens_for(db.engine, "connect")
    def _cap(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute(f"PRAGMA max_page_count = {page_count}")

    db.engine.dispose()
    big_note = "备注" * 240
    with pytest.raises(DatabaseProblem) as full:
        for seq in range(400, 999):
            records.add(
                "transition_case", factories.transition_case(id_number=factories.id_number(seq=seq), note=big_note), operator="tester"
            )
    assert full.value.code == "db_disk_full" and "磁盘空间已满" in full.value.message_zh
    with raw_connection(db.path) as connection:
        versions = connection.execute("SELECT count(*) FROM record_versions").fetchone()[0]
        heads = connection.execute("SELECT count(*) FROM records").fetchone()[0]
        audits = connection.execute("SELECT count(*) FROM audit_log WHERE action = 'save'").fetchone()[0]
        outbox = connection.execute("SELECT count(*) FROM outbox").fetchone()[0]
    assert versions == heads == audits == outbox


def test_read_only_and_corrupt_files_are_clear_messages(data_dir: Path, db: Database, records: RecordService) -> None:
    from sqlalchemy import event

    @event.listens_for(db.engine, "connect")
    def _read_only(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA query_only = ON")

    db.engine.dispose()
    with pytest.raises(DatabaseProblem) as read_only:
        records.add("transition_case", factories.transition_case(), operator="tester")
    assert read_only.value.code == "db_read_only"
    db.close()
    (data_dir / "clerk.sqlite3").write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        (data_dir / f"clerk.sqlite3{suffix}").unlink(missing_ok=True)
    with pytest.raises(DatabaseProblem) as corrupt:
        Database(data_dir).open(write=True, operator="t")
    assert corrupt.value.code == "db_corrupt"
