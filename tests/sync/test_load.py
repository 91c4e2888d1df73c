"""The load test of issue 3, whole, in every run: 50 windows x 2,000 records uploading at once to one platform.

Each window is its own process with its own database and account (as in the
halls); ``benchmarks/upload_load.py`` builds them, releases them together,
counts the platform's own rows and fails unless every record was accepted
exactly once with nothing left pending or unknown. About two minutes on two
cores; the throughput it prints is in the README.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_fifty_windows_of_two_thousand_records_at_once_each_accepted_exactly_once() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "upload_load.py")], cwd=ROOT, capture_output=True, text=True, timeout=1200
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "50 windows x 2000 records = 100000 records" in done.stdout
    assert "all accepted exactly once (platform rows: 100000, distinct: 100000)" in done.stdout
    print(done.stdout.splitlines()[-1])  # the throughput, shown with pytest -s
