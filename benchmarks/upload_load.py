"""Load test: 50 windows, 2,000 records each, uploading at the same moment to one reference platform.

    python3 dev.py bench upload_load [--windows 50] [--records 2000] [--keep DIR]

Each window is its own process with its own database, hall/window code and
account, as in a province's halls; all are released at once. At the end the
platform's own rows are counted: every record accepted exactly once, nothing
lost or duplicated (the script fails otherwise), and the throughput printed.
Building the window databases (50 x 2,000 saves through the records service)
takes a few minutes; ``--keep DIR`` keeps them for the next run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.upload import Platform, clean_up, machine_line  # noqa: E402

SECRET = "load-secret"


def account(window: int) -> str:
    return f"w{window:02d}"


def build(args: tuple[Path, int, int]) -> Path:
    """Window ``number``'s database with ``records`` pending completions of its own people."""
    from clerk_app.services.institutions import InstitutionService
    from clerk_app.services.records import RecordService
    from clerk_app.services.settings import SettingsService
    from local_db.database import Database
    from tests import factories
    from tests.conftest import set_up_window
    from tests.sync.conftest import completion

    folder, number, records = args
    window = folder / f"window-{number:02d}-{records}"
    marker = window.with_suffix(".ready")
    if marker.exists():
        return window
    shutil.rmtree(window, ignore_errors=True)
    db = Database(window).open(write=True, operator="load")
    set_up_window(db, "load")  # its first supervisor and the hall, as every window has before its first save
    for payload in (factories.DRIVING_SCHOOL, factories.CE_SCHOOL):
        InstitutionService(db).add(payload, operator="load")
    settings = SettingsService(db)
    settings.set("hall.code", "220100", operator="load")
    settings.set("window.code", f"{number:02d}", operator="load")
    settings.set("platform.account", account(number), operator="load")
    service = RecordService(db)
    first = number * records
    for chunk in range(first, first + records, 500):
        payloads: list[object] = [completion(n, f"JL-W{number:02d}") for n in range(chunk, min(chunk + 500, first + records))]
        outcomes = service.add_many("training_completion", payloads, operator="load", confirm_duplicate=True)
        assert all(o.ok for o in outcomes), [o.errors for o in outcomes if not o.ok][:2]
    db.close()
    marker.write_text("ok")
    return window


def child(data_dir: Path, url: str) -> None:
    """One window: open, say ready, wait for the go line, upload, print the summary as JSON."""
    from clerk_app.services.platform import PlatformService
    from clerk_app.services.settings import SettingsService
    from local_db.database import Database
    from sync.engine import UploadEngine

    db = Database(data_dir).open(write=True, operator="load")
    SettingsService(db).set("platform.url", url, operator="load")
    client = PlatformService(db, secret_source=lambda _account: SECRET).client()
    print("ready", flush=True)
    sys.stdin.readline()
    summary = UploadEngine(db, client, operator="load").run(end_of_day=True)
    print(json.dumps(summary.as_json()), flush=True)
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--windows", type=int, default=50)
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--child", nargs=2, metavar=("DATA_DIR", "URL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), args.child[1])
        return
    folder = args.keep or Path(tempfile.mkdtemp(prefix="upload-load-"))
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="upload-load-run-"))
    started = time.perf_counter()
    with ProcessPoolExecutor(os.cpu_count()) as pool:
        windows = list(pool.map(build, [(folder, n, args.records) for n in range(args.windows)]))
    print(f"{args.windows} window databases ready in {time.perf_counter() - started:.0f} s", flush=True)

    accounts = [f"{account(n)}:{SECRET}:220100" for n in range(args.windows)]
    server = Platform(work, accounts=accounts)
    children = []
    for window in windows:
        copy = work / window.name
        shutil.copytree(window, copy, ignore=shutil.ignore_patterns("backups", "*.lock"))
        children.append(
            subprocess.Popen(
                [sys.executable, str(Path(__file__)), "--child", str(copy), server.url],
                cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            )
        )
    for process in children:
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    released = time.perf_counter()
    for process in children:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    summaries = [json.loads(process.communicate(timeout=1800)[0].strip().splitlines()[-1]) for process in children]
    seconds = time.perf_counter() - released
    rows = server.stop()

    total = args.windows * args.records
    assert all(s["accepted"] == args.records and s["pending_left"] == 0 and s["unknown"] == 0 for s in summaries), [
        s for s in summaries if s["accepted"] != args.records
    ][:3]
    assert len(rows) == len(set(rows)) == total, f"platform holds {len(rows)} rows ({len(set(rows))} distinct), expected {total}"
    print(machine_line())
    print(f"{args.windows} windows x {args.records} records = {total} records, all released at once")
    print(f"all accepted exactly once (platform rows: {len(rows)}, distinct: {len(set(rows))}); nothing left pending or unknown")
    print(f"wall time {seconds:.1f} s, throughput {total / seconds:.0f} records/s")
    clean_up(work, None if args.keep else folder)


if __name__ == "__main__":
    main()
