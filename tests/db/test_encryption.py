"""Encryption at rest: the data file, its WAL and every backup are SQLCipher files; a plaintext database of an
older version is converted on first open (killed at any moment, it stays usable and the conversion is retried)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clerk_app.services.records import RecordService
from local_db import backup as backups
from local_db import encryption, keys
from local_db.database import Database
from local_db.errors import DatabaseKeyFileMissing, DatabaseKeyMissing, DatabaseProblem
from local_db.sqlite_files import PLAINTEXT_HEADER, connect, is_plaintext
from tests import factories
from tests.conftest import set_up_window
from tests.db_files import lose_key_on_this_pc, raw_connection

ROOT = Path(__file__).resolve().parents[2]
NAME = "阿依古丽·买买提"
ID_NUMBER = factories.id_number(seq=789)
PHONE = "13800138000"


def _secrets_in(data: bytes) -> list[str]:
    wanted = {
        "id": ID_NUMBER.encode(), "name": NAME.encode(), "name16": NAME.encode("utf-16-le"), "phone": PHONE.encode(),
    }
    return [label for label, value in wanted.items() if value in data]


def _fill(db: Database) -> RecordService:
    set_up_window(db)
    from clerk_app.services.institutions import InstitutionService

    InstitutionService(db).add(factories.DRIVING_SCHOOL, operator="tester")
    service = RecordService(db)
    service.add("transition_case", factories.transition_case(), operator="tester")
    service.add("training_completion", factories.training_completion(phone=PHONE), operator="tester")
    return service


def test_the_data_file_its_wal_and_backups_hold_no_plaintext(data_dir: Path) -> None:
    db = Database(data_dir).open(write=True, operator="tester")
    try:
        _fill(db)
        db.backup_now()
        wal = (data_dir / "clerk.sqlite3-wal").read_bytes()  # the saves are still in the WAL: encrypted there too
        assert wal and not _secrets_in(wal)
    finally:
        db.close()
    files = [data_dir / "clerk.sqlite3", *sorted((data_dir / "backups").glob("*.sqlite3"))]
    assert len(files) == 2
    for path in files:
        content = path.read_bytes()
        assert not content.startswith(PLAINTEXT_HEADER), path.name
        assert not _secrets_in(content), path.name
    key_file = (data_dir / keys.KEY_FILE).read_text(encoding="utf-8")
    key = keys.folder_key(data_dir, create=False)
    assert key.hex() not in key_file and key.hex().upper() not in key_file  # the key file names the key, never holds it
    with raw_connection(files[1]) as copy:  # a backup opens with the folder's key
        assert copy.execute("SELECT count(*) FROM records").fetchone()[0] == 2
    with pytest.raises(Exception, match="not a database"):
        connect(files[0], key=None).execute("SELECT count(*) FROM records")  # and not without it


def test_a_new_folder_gets_its_own_key_and_the_key_stays_in_the_keyring(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    Database(first).open(write=True, operator="t").close()
    Database(second).open(write=True, operator="t").close()
    assert keys.read_key_file(first) != keys.read_key_file(second)
    assert keys.folder_key(first, create=False) != keys.folder_key(second, create=False)
    keys.forget_cached_keys()  # read back from the OS keyring, not this process's memory
    Database(first).open(write=True, operator="t").close()


def test_a_lost_key_without_a_code_and_a_missing_key_file_are_plain_problems(data_dir: Path) -> None:
    Database(data_dir).open(write=True, operator="t").close()
    lose_key_on_this_pc(data_dir)
    with pytest.raises(DatabaseKeyMissing) as lost:
        Database(data_dir).open(write=True, operator="t")
    assert lost.value.code == "db_key_lost" and "数据无法读取" in lost.value.message_zh
    (data_dir / keys.KEY_FILE).unlink()
    with pytest.raises(DatabaseKeyFileMissing) as missing:
        Database(data_dir).open(write=True, operator="t")
    assert "clerk.key" in missing.value.message_zh
    assert not is_plaintext(data_dir / "clerk.sqlite3")  # nothing was made anew over the data


def test_a_file_from_another_folder_is_a_plain_problem_not_a_traceback(tmp_path: Path) -> None:
    other, mine = tmp_path / "other", tmp_path / "mine"
    Database(other).open(write=True, operator="t").close()
    Database(mine).open(write=True, operator="t").close()
    for suffix in ("", "-wal", "-shm"):
        (mine / f"clerk.sqlite3{suffix}").unlink(missing_ok=True)
    (mine / "clerk.sqlite3").write_bytes((other / "clerk.sqlite3").read_bytes())
    with pytest.raises(DatabaseProblem) as refused:
        Database(mine).open(write=True, operator="t")
    assert refused.value.code == "db_corrupt" and "密钥" in refused.value.message_zh


def _old_version_folder(data_dir: Path, *, filler: int = 0) -> Path:
    """A data folder as the previous version left it: a plaintext database (with its WAL) and plaintext backups."""
    scratch = data_dir.parent / "scratch"
    db = Database(scratch).open(write=True, operator="tester")
    try:
        _fill(db)
        key = db.key
    finally:
        db.close()
    data_dir.mkdir(parents=True)
    plain = data_dir / "clerk.sqlite3"
    source = connect(scratch / "clerk.sqlite3", key=key)
    source.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain),))
    source.execute("SELECT sqlcipher_export('plain')")
    version = source.execute("PRAGMA user_version").fetchone()[0]
    source.execute(f"PRAGMA plain.user_version = {version}")
    source.execute("DETACH DATABASE plain")
    source.close()
    old = connect(plain, key=None)
    old.execute("PRAGMA journal_mode = WAL")
    if filler:  # bulk, so that a conversion takes long enough to be killed in the middle
        old.executemany(
            "INSERT INTO settings (key, value) VALUES (?, ?)",
            ((f"filler.{n}", f'"{NAME} {n:08d}' + "x" * 400 + '"') for n in range(filler)),
        )
    old.commit()
    (data_dir / "backups").mkdir()
    for label in ("daily-20261201-000000-000000", "pre-migration-0007-20261130-000000-000000"):
        backups._backup_to(plain, data_dir / "backups" / f"{label}.sqlite3", None)
    old.close()
    assert is_plaintext(plain)
    return data_dir


def _counts(path: Path, key: bytes | None) -> dict[str, int]:
    connection = connect(path, key=key)
    try:
        tables = ("records", "record_versions", "audit_log", "outbox", "settings")
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        connection.close()


def test_the_first_open_converts_a_plaintext_database_and_its_backups(data_dir: Path) -> None:
    _old_version_folder(data_dir)
    before = _counts(data_dir / "clerk.sqlite3", None)
    seen: list[tuple[int, int]] = []
    db = Database(data_dir, on_conversion=lambda done, total: seen.append((done, total))).open(write=True, operator="t")
    try:
        assert db.integrity_problems() == []
    finally:
        db.close()
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)  # the database and its two backups
    assert _counts(data_dir / "clerk.sqlite3", db.key) == before
    for path in [data_dir / "clerk.sqlite3", *(data_dir / "backups").glob("*.sqlite3")]:
        assert not is_plaintext(path) and not _secrets_in(path.read_bytes()), path.name
    leftovers = [p.name for p in data_dir.rglob("*") if p.name.endswith(encryption.TEMP_SUFFIX) or "-journal" in p.name]
    assert not leftovers


def test_a_conversion_that_does_not_check_out_leaves_the_old_file_in_use(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _old_version_folder(data_dir)
    before = (data_dir / "clerk.sqlite3").read_bytes()
    real = encryption._row_counts
    calls = iter(range(100))
    monkeypatch.setattr(encryption, "_row_counts", lambda c: {**real(c), "records": -1} if next(calls) == 1 else real(c))
    with pytest.raises(encryption.ConversionFailed) as failed:
        Database(data_dir).open(write=True, operator="t")
    assert "原文件没有改动" in failed.value.message_zh
    assert (data_dir / "clerk.sqlite3").read_bytes() == before or is_plaintext(data_dir / "clerk.sqlite3")
    assert not list(data_dir.glob(f"*{encryption.TEMP_SUFFIX}"))
    monkeypatch.setattr(encryption, "_row_counts", real)
    Database(data_dir).open(write=True, operator="t").close()  # tried again, and done
    assert not is_plaintext(data_dir / "clerk.sqlite3")


_CONVERT = (
    "import sys; from pathlib import Path; from local_db.database import Database; print('start', flush=True); "
    "Database(Path(sys.argv[1])).open(write=True, operator='t').close(); print('done', flush=True)"
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")
@pytest.mark.usefixtures("child_keyring")
def test_a_conversion_killed_at_random_moments_leaves_a_usable_file_and_is_retried(data_dir: Path) -> None:
    _old_version_folder(data_dir, filler=60_000)
    plain_counts = _counts(data_dir / "clerk.sqlite3", None)
    rng = random.Random(20261208)
    kills = 0
    for attempt in range(12):
        child = subprocess.Popen(
            [sys.executable, "-c", _CONVERT, str(data_dir)], cwd=ROOT, stdout=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert child.stdout is not None
        child.stdout.readline()  # started: Python and the program loaded
        time.sleep(rng.uniform(0.0, 1.5))
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            kills += 1
        child.communicate()
        path = data_dir / "clerk.sqlite3"
        # Whatever moment it was: the database is whole, plaintext (not yet swapped) or encrypted (swapped).
        key = None if is_plaintext(path) else keys.folder_key(data_dir, create=False)
        assert _counts(path, key) == plain_counts, f"attempt {attempt}"
        if key is not None and not encryption.plaintext_backups(data_dir / "backups"):
            break
    assert kills >= 1
    done = subprocess.run([sys.executable, "-c", _CONVERT, str(data_dir)], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert done.returncode == 0 and "done" in done.stdout, done.stderr
    assert not is_plaintext(data_dir / "clerk.sqlite3") and not encryption.plaintext_backups(data_dir / "backups")
    assert _counts(data_dir / "clerk.sqlite3", keys.folder_key(data_dir, create=False)) == plain_counts
    assert not list(data_dir.rglob(f"*{encryption.TEMP_SUFFIX}"))


def test_restore_takes_a_legacy_plaintext_backup_into_an_encrypted_database(data_dir: Path, tmp_path: Path) -> None:
    _old_version_folder(tmp_path / "old")
    legacy = tmp_path / "old" / "backups" / "daily-20261201-000000-000000.sqlite3"
    assert is_plaintext(legacy)
    db = Database(data_dir).open(write=True, operator="tester")
    key = db.key
    set_up_window(db)
    db.close()
    backups.restore(legacy, data_dir / "clerk.sqlite3", data_dir / "backups", key=key)
    assert is_plaintext(legacy)  # the file given is only read
    assert not is_plaintext(data_dir / "clerk.sqlite3") and not _secrets_in((data_dir / "clerk.sqlite3").read_bytes())
    assert _counts(data_dir / "clerk.sqlite3", key)["records"] == 2
    reopened = Database(data_dir).open(write=True, operator="tester")
    try:
        assert reopened.integrity_problems() == []
    finally:
        reopened.close()


def test_backups_of_an_encrypted_database_restore_and_need_the_same_key(db: Database, tmp_path: Path) -> None:
    _fill_records = RecordService(db)
    _fill_records.add("transition_case", factories.transition_case(), operator="tester")
    copy = db.backup_now()
    backups.check_backup_file(copy, key=db.key)
    stranger = Database(tmp_path / "stranger").open(write=True, operator="t")
    try:
        with pytest.raises(backups.BackupRejected, match="key does not open it"):
            backups.check_backup_file(copy, key=stranger.key)
    finally:
        stranger.close()


def test_a_training_database_whose_key_is_lost_starts_afresh_and_a_real_one_never_does(tmp_path: Path) -> None:
    training = tmp_path / "training"
    db = Database(training, disposable=True).open(write=True, operator="training")
    _fill(db)
    db.close()
    lose_key_on_this_pc(training)
    with pytest.raises(DatabaseKeyMissing):
        Database(training).open(write=True, operator="t")  # as the working database: refused, nothing removed
    assert (training / "clerk.sqlite3").stat().st_size > 0
    again = Database(training, disposable=True).open(write=True, operator="training")
    try:
        assert RecordService(again).count() == 0  # practice data cannot be read by anyone: an empty practice window
    finally:
        again.close()
