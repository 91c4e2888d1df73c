"""Cut the power under a working window again and again, and check after each cut what the program starts on.

Shared by the test (``test_powercut.py``, a few dozen cuts) and ``dev.py bench powercut`` (500). Each cut:
the disk is mounted over what survived the last one; the program starts on it and is checked (integrity
check, audit chain, every acknowledged save there with its receipt number, no receipt number given twice,
one outbox entry per version, the newest acknowledged backup there and sound); then a window's day runs
on it (``child.py``: saves, corrections, imports, uploads to a reference platform on loopback, backups
with rotation) and the power goes at a random moment: the child is killed (SIGKILL) and the disk drops
everything not synced. The reference platform and the import lists live off the disk, as they would.
"""

from __future__ import annotations

import os
import random
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import text

from local_db import audit, keys
from local_db.backup import check_backup_file
from local_db.database import Database
from sync.reference_platform import Account, ReferencePlatform
from tests.powercut.child import ACCOUNT
from tests.powercut.disk import PowerCutDisk

ROOT = Path(__file__).resolve().parents[2]
CHILD = ROOT / "tests" / "powercut" / "child.py"
HALL = "220100"
FIRST_DAY = date(2026, 1, 1)


class PowerCutLoss(AssertionError):
    """Something the program had acknowledged is gone, or what it starts on is unsound."""


@dataclass
class Figures:
    cuts: int = 0
    saves: int = 0  # acknowledged saves and corrections, each checked after every later cut
    save_checks: int = 0  # acknowledged saves looked up, summed over the cuts
    imports: int = 0  # lists imported and acknowledged
    uploads: int = 0  # upload runs finished
    accepted: int = 0  # versions the platform accepted in them
    backups: int = 0  # daily backups acknowledged
    cut_during_start: int = 0  # cuts while the program was still starting (opening, migrating, setting up)
    lost_files: int = 0  # files whose unsynced writes a cut dropped
    lost_folders: int = 0  # folders whose unsynced entries a cut dropped
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


@dataclass
class _Window:
    """What the program acknowledged on one data folder so far."""

    saves: dict[tuple[str, int], str] = field(default_factory=dict)  # (record_id, version) -> receipt number
    receipts: dict[str, str] = field(default_factory=dict)  # receipt number -> record_id
    newest_backup: str | None = None


def run(work: Path, cuts: int, *, seed: int, per_folder: int | None = None,
        progress: Callable[[Figures], None] | None = None) -> Figures:
    """``cuts`` power cuts; a fresh data folder every ``per_folder`` cuts (all on one by default)."""
    rng = random.Random(seed)
    figures = Figures()
    started = time.perf_counter()
    secret = secrets.token_urlsafe(16)
    imports = work / "usb-stick"
    imports.mkdir(parents=True)
    platform = ReferencePlatform(work / "platform.sqlite3", [Account(ACCOUNT, secret, HALL)])
    url = platform.start(port=0)
    try:
        folder = 0
        while figures.cuts < cuts:
            count = min(per_folder or cuts, cuts - figures.cuts)
            disk = PowerCutDisk(work / f"disk-{folder}", work / f"mnt-{folder}")
            _one_folder(disk, count, rng, url, secret, imports, figures)
            folder += 1
            if progress is not None:
                progress(figures)
    finally:
        platform.close()
    figures.seconds = time.perf_counter() - started
    return figures


def _one_folder(disk: PowerCutDisk, count: int, rng: random.Random, url: str, secret: str, imports: Path,
                figures: Figures) -> None:
    data_dir = disk.mountpoint / "data"  # made by the program itself, as at a hall PC's first start
    window = _Window()
    for cut in range(count + 1):
        disk.mount()
        try:
            if cut:
                _check(data_dir, window, figures, f"after cut {figures.cuts}")
            if cut == count:
                break
            _day_until_the_power_goes(data_dir, rng, url, secret, imports, window, figures)
        finally:
            lost_files, lost_folders = disk.cut()
        figures.cuts += 1
        figures.lost_files += lost_files
        figures.lost_folders += lost_folders


def _day_until_the_power_goes(data_dir: Path, rng: random.Random, url: str, secret: str, imports: Path,
                              window: _Window, figures: Figures) -> None:
    day = FIRST_DAY + timedelta(days=100 * figures.cuts)  # each run's backups are days after the last run's
    with open(imports / "child-errors.log", "a", encoding="utf-8") as errors:
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(data_dir), url, str(figures.cuts * 10_000), day.isoformat(), str(imports)],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(secret + "\n")
    child.stdin.flush()
    if rng.random() < 0.15:  # while the program starts: opening, the first migration, setting the window up
        time.sleep(rng.uniform(0.0, 1.5))
        figures.cut_during_start += 1
    else:
        if child.stdout.readline().strip() != "ready":
            child.kill()
            child.communicate()
            raise PowerCutLoss(f"the program did not start:\n{_tail(imports / 'child-errors.log')}")
        time.sleep(rng.uniform(0.05, 1.5))
    ended_by_itself = child.poll()
    child.send_signal(signal.SIGKILL)
    out, _ = child.communicate()
    if ended_by_itself is not None:
        raise PowerCutLoss(f"the program stopped by itself ({ended_by_itself}):\n{_tail(imports / 'child-errors.log')}")
    for line in out.splitlines():
        words = line.split()
        if words[:1] == ["save"]:
            record_id, version, receipt = words[1], int(words[2]), words[3]
            window.saves[(record_id, version)] = receipt
            if window.receipts.setdefault(receipt, record_id) != record_id:
                raise PowerCutLoss(f"receipt {receipt} handed out twice: {window.receipts[receipt]} and {record_id}")
            figures.saves += 1
        elif words[:1] == ["upload"]:
            figures.uploads += 1
            figures.accepted += int(words[1])
        elif words[:1] == ["import"]:
            figures.imports += 1
        elif words[:1] == ["backup"]:
            window.newest_backup = words[1]
            figures.backups += 1


def _tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def _check(data_dir: Path, window: _Window, figures: Figures, when: str) -> None:
    """The program starts on what the cut left: sound, and everything it acknowledged is there."""
    if not window.saves and not data_dir.exists():
        return  # cut before the program made anything it acknowledged
    if not data_dir.exists():
        raise PowerCutLoss(f"{when}: the data folder is gone, with {len(window.saves)} acknowledged saves")
    with Database(data_dir).open(write=True, operator="checker") as db:
        problems = db.integrity_problems()
        with db.read() as session:
            problems += audit.verify(session)
            versions = {(r, v) for r, v in session.execute(text("SELECT record_id, version FROM record_versions"))}
            receipts: dict[str, str] = dict(session.execute(text("SELECT record_id, receipt_no FROM records")).all())
            outbox = sorted((r, v) for r, v in session.execute(text("SELECT record_id, version FROM outbox")))
    if problems:
        raise PowerCutLoss(f"{when}: the database is unsound: {problems[:5]}")
    missing = [key for key, receipt in window.saves.items() if key not in versions or receipts.get(key[0]) != receipt]
    figures.save_checks += len(window.saves)
    if missing:
        raise PowerCutLoss(
            f"{when}: {len(missing)} of {len(window.saves)} acknowledged saves are missing (e.g. {missing[:3]})"
        )
    if len(set(receipts.values())) != len(receipts):
        raise PowerCutLoss(f"{when}: a receipt number is held by two records")
    if outbox != sorted(versions):
        raise PowerCutLoss(f"{when}: the outbox ({len(outbox)} entries) does not match the {len(versions)} versions")
    if window.newest_backup is not None:
        newest = data_dir / "backups" / window.newest_backup
        if not newest.exists():
            raise PowerCutLoss(f"{when}: the acknowledged backup {window.newest_backup} is gone")
        check_backup_file(newest, key=keys.folder_key(data_dir, create=False))
