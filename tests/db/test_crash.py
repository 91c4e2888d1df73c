"""A process saving entries is killed (SIGKILL) at random moments: nothing reported saved is lost, nothing is half-saved."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from local_db import audit
from local_db.database import Database
from tests.db_files import raw_connection

ROOT = Path(__file__).resolve().parents[2]
KILLS = 200


@pytest.mark.slow
@pytest.mark.usefixtures("child_keyring")  # the children open the data folder: its key is in the keyring
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")
def test_sigkill_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    rng = random.Random(20261124)
    data_dir = tmp_path / "data"
    reported: set[str] = set()
    for kill in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "db" / "crash_child.py"), str(data_dir), str(kill * 10_000)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        # Mostly while saving, sometimes during start-up (opening, migrating). Among saves means after "ready":
        # how long a start takes depends on the machine's load (and the key's lookup in the keyring), not on us.
        if kill % 10 == 0:
            time.sleep(rng.uniform(0.0, 0.4))
        else:
            assert child.stdout is not None
            child.stdout.readline()
            time.sleep(rng.uniform(0.0, 0.7))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        reported.update(line for line in out.splitlines() if line and line != "ready")

        with Database(data_dir).open(write=True, operator="checker") as db:
            assert db.integrity_problems() == [], f"after kill {kill}"
            with db.read() as session:
                assert audit.verify(session) == [], f"after kill {kill}"
        connection = raw_connection(data_dir / "clerk.sqlite3")
        stored = {row[0] for row in connection.execute("SELECT record_id FROM record_versions")}
        heads = connection.execute("SELECT count(*) FROM records").fetchone()[0]
        queued = connection.execute("SELECT count(*) FROM outbox").fetchone()[0]
        connection.close()
        assert reported <= stored, f"after kill {kill}: {len(reported - stored)} reported saves are missing"
        assert heads == len(stored) == queued
    assert len(reported) > KILLS  # the kills really landed among saves
