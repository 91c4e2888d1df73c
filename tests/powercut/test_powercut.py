"""Power cuts lose nothing the program acknowledged: first the disk is shown to lose what a disk loses, then the
program is cut under load (``cuts.py``).

The disk (``disk.py``) is FUSE: these tests skip, saying why, where it cannot be mounted (no /dev/fuse, no
fusermount3, not Linux) or where the programs the test starts have no keyring for the database key.
"""

from __future__ import annotations

import os
import random
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from clerk_app.services.records import RecordService
from local_db.database import Database
from local_db.sqlite_files import KEY_BYTES, connect, fsync_directory
from tests import factories, keyring_session
from tests.conftest import set_up_window
from tests.powercut import cuts
from tests.powercut.disk import PowerCutDisk, unavailable

ROOT = Path(__file__).resolve().parents[2]
CUTS = 20  # the default run; `python3 dev.py bench powercut` makes 500


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[PowerCutDisk]:
    reason = unavailable()
    if reason:
        pytest.skip(reason)
    mounted = PowerCutDisk(tmp_path / "backing", tmp_path / "mnt")
    try:
        mounted.mount()
    except OSError as error:
        pytest.skip(str(error))
    yield mounted
    mounted.unmount()


def _sync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def test_the_disk_keeps_only_what_was_synced(disk: PowerCutDisk) -> None:
    mnt = disk.mountpoint
    (mnt / "synced").write_bytes(b"kept")
    _sync_file(mnt / "synced")
    (mnt / "written").write_bytes(b"never synced")
    fsync_directory(mnt)  # both names are durable now; only one content is
    with open(mnt / "synced", "ab") as handle:
        handle.write(b" and more, not synced")
    (mnt / "new").write_bytes(b"synced, but its name is not")
    _sync_file(mnt / "new")

    lost_files, lost_folders = disk.cut()

    backing = disk.backing
    assert sorted(p.name for p in backing.iterdir()) == ["synced", "written"]
    assert (backing / "synced").read_bytes() == b"kept"
    assert (backing / "written").read_bytes() == b""  # a durable name for data never synced: an empty file
    assert (lost_files, lost_folders) == (2, 1)
    disk.mount()
    assert (mnt / "synced").read_bytes() == b"kept"  # the next mount starts on the survivors


def test_renames_and_removals_count_once_the_folder_is_synced(disk: PowerCutDisk) -> None:
    mnt = disk.mountpoint
    for name in ("a", "b", "c"):
        (mnt / name).write_bytes(name.encode())
        _sync_file(mnt / name)
    fsync_directory(mnt)
    os.replace(mnt / "a", mnt / "b")
    (mnt / "c").unlink()
    (mnt / "folder").mkdir()

    disk.cut()

    assert {p.name: p.read_bytes() for p in disk.backing.iterdir()} == {"a": b"a", "b": b"b", "c": b"c"}
    disk.mount()
    os.replace(mnt / "a", mnt / "b")
    (mnt / "c").unlink()
    fsync_directory(mnt)
    disk.cut()
    assert {p.name: p.read_bytes() for p in disk.backing.iterdir()} == {"b": b"a"}


COMMIT_AND_WAIT = """
import sys, time
from local_db.sqlite_files import connect
connection = connect(sys.argv[1], key=bytes.fromhex(sys.argv[2]))
connection.isolation_level = None
for statement in ("PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "CREATE TABLE t (x)",
                  "INSERT INTO t VALUES ('committed')"):
    connection.execute(statement)
print("committed", flush=True)
time.sleep(60)
"""


def test_sqlite_makes_a_new_databases_names_durable_at_its_first_commit(disk: PowerCutDisk) -> None:
    """What our saves rely on: with WAL and synchronous=FULL, SQLite(Cipher) fsyncs the folder when it first syncs a
    new WAL file, so the database's and the WAL's names survive with the commit (no fsync of ours is needed there)."""
    key = secrets.token_bytes(KEY_BYTES)
    path = disk.mountpoint / "new.sqlite3"
    writer = subprocess.Popen(
        [sys.executable, "-c", COMMIT_AND_WAIT, str(path), key.hex()], stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert writer.stdout is not None and writer.stdout.readline().strip() == "committed"
    writer.kill()  # the power goes while the database is open
    writer.communicate()

    disk.cut()
    disk.mount()

    assert {"new.sqlite3", "new.sqlite3-wal"} <= {p.name for p in disk.backing.iterdir()}
    reopened = connect(path, key=key)
    try:
        assert reopened.execute("SELECT x FROM t").fetchall() == [("committed",)]
    finally:
        reopened.close()


@pytest.fixture
def child_keyring() -> None:
    if keyring_session.CHILD_KEYRING_MISSING:
        pytest.skip(keyring_session.CHILD_KEYRING_MISSING)


def test_a_new_data_folder_survives_a_cut_after_its_first_save(disk: PowerCutDisk) -> None:
    """Before the fix, the new folder's own name was never synced: the cut took the folder and the save with it."""
    data_dir = disk.mountpoint / "new window" / "data"
    with Database(data_dir).open(write=True, operator="tester") as db:
        set_up_window(db)
        saved = RecordService(db).add("transition_case", factories.transition_case(), operator="tester")
    assert saved.ok and saved.record_id

    disk.cut()
    disk.mount()

    with Database(data_dir).open(write=True, operator="tester") as db:
        found = RecordService(db).get(saved.record_id)
    assert found is not None and found.summary.receipt_no == saved.receipt_no


@pytest.mark.slow
def test_power_cuts_at_random_moments_lose_nothing_acknowledged(
    tmp_path: Path, disk: PowerCutDisk, child_keyring: None
) -> None:
    disk.unmount()  # the run mounts its own disks
    try:
        figures = cuts.run(tmp_path / "cuts", CUTS, seed=20261208)
    except cuts.PowerCutLoss as loss:
        errors = tmp_path / "cuts" / "usb-stick" / "child-errors.log"
        pytest.fail(f"{loss}\n{errors.read_text(encoding='utf-8')[-3000:] if errors.exists() else ''}")

    assert figures.cuts == CUTS
    # The cuts landed where it matters: among saves, corrections, imports and uploads, during start-up, after backups,
    # and each dropped writes the program had not synced (the disk really lost something).
    assert figures.saves > 2 * CUTS
    assert figures.imports > 0 and figures.uploads > 0 and figures.accepted > 0
    assert figures.backups > 0 and figures.cut_during_start > 0
    assert figures.lost_files >= CUTS


@pytest.mark.slow
def test_a_power_cut_during_the_conversion_leaves_a_usable_file_and_it_is_retried(
    disk: PowerCutDisk, child_keyring: None
) -> None:
    """Issue 20's conversion of an older version's plaintext folder, with the power cut instead of a kill: after each
    cut the database is whole, plaintext (not yet swapped) or encrypted (swapped), and a later start finishes."""
    from local_db import encryption, keys
    from local_db.sqlite_files import is_plaintext
    from tests.db.test_encryption import _CONVERT, _counts, _old_version_folder

    disk.cut()
    _old_version_folder(disk.backing / "data", filler=60_000)  # on the disk itself, as the old version left it
    data_dir, rng, cut_while_converting = disk.mountpoint / "data", random.Random(20261208), 0
    plain_counts: dict[str, int] | None = None
    for attempt in range(5):
        disk.mount()
        path = data_dir / "clerk.sqlite3"
        key = None if is_plaintext(path) else keys.folder_key(data_dir, create=False)
        counts = _counts(path, key)
        plain_counts = plain_counts or counts
        assert counts == plain_counts, f"after cut {attempt}"
        if key is not None and not encryption.plaintext_backups(data_dir / "backups"):
            break
        child = subprocess.Popen([sys.executable, "-c", _CONVERT, str(data_dir)], cwd=ROOT, stdout=subprocess.PIPE,
                                 text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert child.stdout is not None
        child.stdout.readline()
        time.sleep(rng.uniform(0.0, 2.0))
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            cut_while_converting += 1
        child.communicate()
        keys.forget_cached_keys()
        disk.cut()
    else:
        disk.mount()
    done = subprocess.run([sys.executable, "-c", _CONVERT, str(data_dir)], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert done.returncode == 0, done.stderr
    assert not is_plaintext(data_dir / "clerk.sqlite3") and not encryption.plaintext_backups(data_dir / "backups")
    assert _counts(data_dir / "clerk.sqlite3", keys.folder_key(data_dir, create=False)) == plain_counts
    assert cut_while_converting >= 1
