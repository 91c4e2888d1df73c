"""The upload process killed (SIGKILL) at 50 random points while 2,000 records go out, then resumed.

Whatever the moment of the kill (a batch being recorded, on the wire, being
judged, its result being stored), the next run picks up: every record ends
accepted exactly once on the platform, none lost here, none sent twice.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clerk_app.services.settings import SettingsService
from local_db import upload_store
from local_db.database import Database
from sync.reference_platform import ReferencePlatform
from tests.sync.conftest import SECRET, add_records
from tests.sync.test_faults import assert_exactly_once

ROOT = Path(__file__).resolve().parents[2]
KILLS = 50


def _start(data_dir: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.sync.upload_child", str(data_dir), SECRET],
        cwd=ROOT, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


@pytest.mark.slow
@pytest.mark.usefixtures("child_keyring")  # the children open the data folder: its key is in the keyring
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is a POSIX signal")
def test_killed_at_50_random_points_then_resumed_every_record_lands_exactly_once(
    window: Database, platform: ReferencePlatform, data_dir: Path
) -> None:
    ids = add_records(window, 2000)
    SettingsService(window).set("upload.batch_size", "20", operator="tester")
    window.close()  # the children take the writer lock in turn
    rng = random.Random(20261125)
    kills = kills_mid_upload = 0
    while kills < KILLS:
        child = _start(data_dir)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        for _ in range(rng.randint(0, 4)):  # let a few progress steps pass, then strike at a random instant
            if not child.stdout.readline():
                break
        time.sleep(rng.uniform(0, 0.03))
        finished = child.poll() is not None
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        kills += 1
        if finished:
            break
        kills_mid_upload += 1
    assert kills_mid_upload >= KILLS * 0.8, "most kills must strike while the upload is running"

    resumed = Database(data_dir).open(write=True, operator="tester")
    try:
        with resumed.read() as session:
            counts = upload_store.outbox_counts(session)
        assert sum(counts.values()) == 2000 and counts["rejected"] == 0
        child = _start(data_dir)
        resumed.close()
        out, _ = child.communicate(timeout=120)
        assert child.returncode == 0, out[-2000:]
        resumed.open(write=True, operator="tester")
        assert_exactly_once(platform, resumed, ids)
    finally:
        resumed.close()
