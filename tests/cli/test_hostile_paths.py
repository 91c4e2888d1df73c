"""Odd output paths, a busy database and file modes (issue 16, the smaller findings).

A ``print --out`` that cannot be written records no print (so the next real print is not a
reprint) and never replaces a folder or a device node; a second writer waits a few seconds for
the lock, saying for whom, before it gives up; the database, its backups and logs are readable
by their owner only.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from clerk_app.cli.context import CliContext
from clerk_app.cli.main import build_parser
from local_db import backup as backups
from local_db.database import Database
from local_db.lock import WAIT_SECONDS
from tests import factories
from tests.conftest import Cli
from tests.db_files import key_of


def _device(tmp_path: Path) -> Path | None:
    """A character device of our own (a copy of /dev/full's node), so no test can harm the real one."""
    node = tmp_path / "full"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except (OSError, AttributeError):
        return None
    return node


def test_a_print_out_that_cannot_be_written_records_no_print(cli_with_institutions: Cli, tmp_path: Path) -> None:
    cli = cli_with_institutions
    receipt_no = cli.add("training_completion", factories.training_completion()).json["receipt_no"]
    folder = tmp_path / "a folder.pdf"
    folder.mkdir()
    targets = [folder, tmp_path / "missing" / "x.pdf"]
    device = _device(tmp_path)
    if device is not None:
        targets.append(device)
    for target in targets:
        failed = cli("print", "receipt", receipt_no, "--out", str(target))
        assert failed.code == 2, failed.out
        assert failed.json["errors"][0]["code"] == "print_out_unwritable"
    assert folder.is_dir() and not any(folder.iterdir())
    if device is not None:
        assert stat.S_ISCHR(os.lstat(device).st_mode)  # the node was not replaced by a PDF
    assert not list(tmp_path.glob(".printing-*"))
    out = tmp_path / "回执.pdf"
    first = cli("print", "receipt", receipt_no, "--out", str(out))
    assert first.code == 0 and first.json["reprint"] == 0, first.out  # the failed attempts were not prints
    shown = cli("show", receipt_no, "--json").json
    assert [a["action"] for a in shown["audit"]].count("print") == 1


def _context(data_dir: Path) -> CliContext:
    return CliContext(build_parser().parse_args(["--data-dir", str(data_dir), "--operator", "clerk02", "list"]))


def test_a_second_writer_waits_for_the_lock_and_says_for_whom(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Database(data_dir).open(write=True, operator="tester").close()
    holding = threading.Event()

    def hold_for_a_second() -> None:  # another writer, in its own thread (a lock belongs to the thread taking it)
        holder = Database(data_dir).open(write=True, operator="窗口甲")
        holding.set()
        time.sleep(1.0)
        holder.close()

    threading.Thread(target=hold_for_a_second).start()
    assert holding.wait(30)
    ctx = _context(data_dir)
    started = time.monotonic()
    try:
        ctx.database(write=True)  # waits for the holder to finish, then writes
    finally:
        ctx.close()
    assert 0.8 < time.monotonic() - started < WAIT_SECONDS
    said = capsys.readouterr().err
    assert "窗口甲" in said and "最多等待" in said


def test_a_second_writer_gives_up_after_the_wait_with_exit_3(cli: Cli, data_dir: Path) -> None:
    cli("list")
    holder = Database(data_dir).open(write=True, operator="窗口甲")
    try:
        started = time.monotonic()
        result = cli.add("transition_case", factories.transition_case())
        waited = time.monotonic() - started
    finally:
        holder.close()
    assert result.code == 3, result.out
    error = result.json["errors"][0]
    assert error["code"] == "db_in_use" and "窗口甲" in error["message"] and "已等待" in error["message"]
    assert WAIT_SECONDS - 0.5 < waited < WAIT_SECONDS + 5
    assert "窗口甲" in result.err


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_database_backups_and_logs_are_readable_by_the_owner_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    old = data / "clerk.sqlite3"
    Database(data).open(write=True, operator="tester").close()
    old.chmod(0o644)  # a file from before this version
    done = subprocess.run(
        [sys.executable, "-m", "clerk_app", "--data-dir", str(data), "list", "--json"],
        capture_output=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    previous = os.umask(0o022)  # as a test runner's process has it: the backup's own mode must not depend on it
    try:
        copy = backups.copy_database(old, data / "backups", "manual", key=key_of(old))
    finally:
        os.umask(previous)
    files = [old, copy, data / "clerk.key", *(data / "logs").glob("clerk-app.log*")]
    files += [p for p in data.glob("clerk.sqlite3-*") if p.exists()]
    assert len(files) >= 3
    modes = {str(p.relative_to(data)): oct(stat.S_IMODE(p.stat().st_mode)) for p in files}
    assert set(modes.values()) == {"0o600"}, modes
