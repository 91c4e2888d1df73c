"""Reference platform benchmark: judging and storing 500-record batches, in-process and over HTTP.

    python3 dev.py bench reference_platform [--batches N]

The upload engine can only be as fast as the platform it talks to, so this
measures the platform alone: a fresh platform database, N batches of 500
valid records of three kinds (every record a new one, so each is judged in
full and stored), timed two ways:
- judge + store: ``ReferencePlatform.process_batch`` (hashing, the per-record
  rules, one SQLite transaction with the batch's result), wall-clock and CPU
  time (on a shared machine the wall-clock time includes waiting for a core);
- over HTTP: the same kind of batches posted with ``requests`` on loopback
  (adds Flask, JSON in and out, the token check).
Target (issue 3 brief): a 500-record batch judged and stored well under 100 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from benchmarks.upload import clean_up, machine_line  # noqa: E402
from sync.reference_platform import Account, ReferencePlatform  # noqa: E402
from tests import factories  # noqa: E402

KINDS = ("training_completion", "ce_hours", "transition_case")
ACCOUNT = Account("bench-window", "bench secret")


def _record(n: int) -> dict[str, Any]:
    kind = KINDS[n % len(KINDS)]
    person = factories.id_number(seq=n % 1000)
    extra = {"certificate_no": f"JL-B2-{uuid.uuid4().hex[:12]}"} if kind == "training_completion" else {}
    return {
        "record_id": str(uuid.uuid4()),
        "version": 1,
        "kind": kind,
        "op": "upsert",
        "entered_at": "2026-11-25T10:00:00+08:00",
        "entered_by": "clerk-01",
        "payload": factories.PAYLOADS[kind](id_number=person, **extra),
    }


def _batch() -> dict[str, Any]:
    key = str(uuid.uuid4())
    return {"batch_id": key, "device_id": "W01", "operator_id": "clerk-01",
            "created_at": "2026-11-25T10:00:00+08:00", "records": [_record(n) for n in range(500)]}


def _line(label: str, times: list[float]) -> None:
    median = statistics.median(times) * 1000
    p90 = sorted(times)[int(len(times) * 0.9) - 1] * 1000
    rate = 500 * len(times) / sum(times)
    print(f"{label:<34}{median:>12.1f}{p90:>10.1f}{rate:>12.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-platform-"))
    direct, direct_cpu, over_http = [], [], []
    platform = ReferencePlatform(folder / "direct.db", [ACCOUNT])
    for _ in range(args.batches):
        body = _batch()
        started, cpu = time.perf_counter(), time.process_time()
        result = platform.process_batch(body["batch_id"], body, body["records"], None, "http://127.0.0.1/api/v1")
        direct.append(time.perf_counter() - started)
        direct_cpu.append(time.process_time() - cpu)
        assert isinstance(result, dict) and all(r["status"] == "accepted" for r in result["results"]), result
    platform.close()

    platform = ReferencePlatform(folder / "http.db", [ACCOUNT])
    url = platform.start()
    session = requests.Session()
    token = session.post(f"{url}/auth/token", json={"account": ACCOUNT.name, "secret": ACCOUNT.secret, "device_id": "W01"},
                         timeout=10).json()["access_token"]
    for _ in range(args.batches):
        body = _batch()
        headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": body["batch_id"]}
        started = time.perf_counter()
        answer = session.post(f"{url}/batches", json=body, headers=headers, timeout=60)
        over_http.append(time.perf_counter() - started)
        assert answer.status_code == 200 and all(r["status"] == "accepted" for r in answer.json()["results"])
    platform.close()

    print(machine_line())
    print(f"batches: {args.batches} x 500 valid records, fresh platform database")
    print(f"{'measurement':<34}{'median ms':>12}{'p90 ms':>10}{'records/s':>12}")
    _line("judge + store (process_batch)", direct)
    _line("  the same, CPU time only", direct_cpu)
    _line("over HTTP on loopback", over_http)
    clean_up(folder)


if __name__ == "__main__":
    main()
