"""Upload benchmark: the end-of-day upload of 10,000 records, the same one request per record, and the raw floor.

    python3 dev.py bench upload [--records N] [--one-per-record N] [--keep DIR]

The reference platform runs in its own process (``clerk-app platform serve``)
on loopback, a fresh database for each measurement, so every run judges and
stores every record. Measured:
- engine: ``UploadEngine.run(end_of_day=True)`` over a window database holding
  N pending records (batches of 500): health, login, registry refresh, batches
  recorded before sending, results applied, certificates cached.
- one per record: the same engine with ``upload.batch_size`` 1 (all the
  records, or the first ``--one-per-record`` N of them).
- floor: a bare ``requests`` loop posting the very batch bodies the engine sent
  (captured from its session), with a token, and nothing stored locally.
Targets (issue 3): engine >= 2,000 records/s, >= 20x one per record, <= 1.5x the floor's time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform as machine
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from clerk_app.services.institutions import InstitutionService  # noqa: E402
from clerk_app.services.platform import PlatformService  # noqa: E402
from clerk_app.services.records import RecordService  # noqa: E402
from clerk_app.services.settings import SettingsService  # noqa: E402
from local_db.database import Database  # noqa: E402
from sync.engine import UploadEngine  # noqa: E402
from sync.reference_platform import ReferencePlatform  # noqa: E402
from tests import factories  # noqa: E402
from tests.conftest import set_up_window  # noqa: E402
from tests.sync.conftest import completion  # noqa: E402

ACCOUNT, SECRET, HALL = "bench01", "bench-secret-01", "220100"


class Platform:
    """``clerk-app platform serve`` in its own process, on a free loopback port, with a fresh database."""

    def __init__(self, folder: Path, accounts: tuple[str, ...] | list[str] = (f"{ACCOUNT}:{SECRET}:{HALL}",)) -> None:
        self.db = folder / f"platform-{time.monotonic_ns()}.sqlite3"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "clerk_app", "platform", "serve", "--port", str(port), "--db", str(self.db),
             *[option for given in accounts for option in ("--account", given)]],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        self.url = f"http://127.0.0.1:{port}/api/v1"
        for _ in range(200):
            try:
                requests.get(self.url + "/health", timeout=1).raise_for_status()
                return
            except requests.RequestException:
                time.sleep(0.05)
        raise RuntimeError("the reference platform did not start")

    def stop(self) -> list[tuple[str, int]]:
        self.process.terminate()
        self.process.wait(timeout=30)
        return ReferencePlatform(self.db, [], seed_registry=False).accepted_rows()


def build_window(folder: Path, records: int) -> Path:
    """A window database with ``records`` pending training completions (kept for the next run with --keep)."""
    marker = folder / f"window-{records}.ready"
    window = folder / f"window-{records}"
    if marker.exists():
        return window
    shutil.rmtree(window, ignore_errors=True)
    started = time.perf_counter()
    db = Database(window).open(write=True, operator="bench")
    set_up_window(db, "bench")  # its first supervisor and the hall, as every window has before its first save
    for payload in (factories.DRIVING_SCHOOL, factories.CE_SCHOOL):
        InstitutionService(db).add(payload, operator="bench")
    settings = SettingsService(db)
    settings.set("hall.code", HALL, operator="bench")
    settings.set("platform.account", ACCOUNT, operator="bench")
    service = RecordService(db)
    for chunk in range(0, records, 500):
        outcomes = service.add_many(
            "training_completion", [completion(n) for n in range(chunk, min(records, chunk + 500))],
            operator="bench", confirm_duplicate=True,
        )
        assert all(o.ok for o in outcomes)
    db.close()
    marker.write_text("ok")
    print(f"built a window database of {records} records in {time.perf_counter() - started:.1f} s", flush=True)
    return window


def upload(window: Path, work: Path, url: str, *, batch_size: int) -> tuple[float, int, list[bytes]]:
    """(seconds, records accepted, the batch bodies sent) for one engine run on a copy of ``window``."""
    copy = work / f"run-{time.monotonic_ns()}"
    shutil.copytree(window, copy, ignore=shutil.ignore_patterns("backups", "*.lock"))
    db = Database(copy).open(write=True, operator="bench")
    settings = SettingsService(db)
    settings.set("platform.url", url, operator="bench")
    settings.set("upload.batch_size", str(batch_size), operator="bench")
    client = PlatformService(db, secret_source=lambda _account: SECRET).client()
    bodies: list[bytes] = []
    client.session.hooks["response"].append(
        lambda r, *_a, **_k: bodies.append(r.request.body) if r.request.path_url.endswith("/batches") else None
    )
    started = time.perf_counter()
    summary = UploadEngine(db, client, operator="bench").run(end_of_day=True)
    seconds = time.perf_counter() - started
    assert summary.complete and summary.rejected == 0, summary
    db.close()
    return seconds, summary.accepted, bodies


def floor(url: str, bodies: list[bytes]) -> float:
    """A bare requests loop posting the same bodies; returns seconds."""
    session = requests.Session()
    started = time.perf_counter()
    token = session.post(
        url + "/auth/token", json={"account": ACCOUNT, "secret": SECRET, "device_id": json.loads(bodies[0])["device_id"]}, timeout=30
    ).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json; charset=utf-8"}
    for body in bodies:
        key = json.loads(body)["batch_id"]
        answer = session.post(url + "/batches", data=body, headers=headers | {"Idempotency-Key": key}, timeout=120)
        answer.raise_for_status()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--one-per-record", type=int, default=None, metavar="N", help="records sent one per request")
    parser.add_argument("--keep", type=Path, help="keep the window database here and reuse it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="upload-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="upload-bench-run-"))
    window = build_window(folder, args.records)
    sample = args.one_per_record or args.records

    server = Platform(work)
    engine_s, accepted, bodies = upload(window, work, server.url, batch_size=500)
    rows = server.stop()
    assert accepted == args.records and len(rows) == len(set(rows)) == args.records, "lost or duplicated"

    server = Platform(work)
    floor_s = floor(server.url, bodies)
    assert len(server.stop()) == args.records

    server = Platform(work)
    single_window = window if sample == args.records else build_window(folder, sample)
    single_s, single_accepted, _ = upload(single_window, work, server.url, batch_size=1)
    assert len(server.stop()) == single_accepted == sample

    engine_rate, floor_rate, single_rate = args.records / engine_s, args.records / floor_s, sample / single_s
    print(machine_line())
    print(f"records: {args.records} (one-per-record sample: {sample}); platform in its own process on loopback")
    print(f"{'measurement':<44}{'seconds':>10}{'records/s':>12}")
    print(f"{'engine, end of day (batches of 500)':<44}{engine_s:>10.2f}{engine_rate:>12.0f}")
    print(f"{'engine, one request per record':<44}{single_s:>10.2f}{single_rate:>12.0f}")
    print(f"{'floor: raw requests posting the same bodies':<44}{floor_s:>10.2f}{floor_rate:>12.0f}")
    print(f"engine vs one per record: {engine_rate / single_rate:.1f}x (target >= 20x)")
    print(f"engine time vs floor: {engine_s / floor_s:.2f}x (target <= 1.5x); engine >= 2000 records/s: {engine_rate >= 2000}")
    clean_up(work, None if args.keep else folder)


def machine_line() -> str:
    return f"machine: {machine.platform()}, Python {machine.python_version()}, {os.cpu_count()} CPUs"


def clean_up(*folders: Path | None) -> None:
    for folder in folders:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
