"""Several windows uploading at the same moment to one platform: nothing lost, nothing twice.

Six windows in one process, with answers dropped on the way; the full load
(50 windows x 2,000 records, each its own process) is ``test_load.py``.
"""

from __future__ import annotations

import threading
from pathlib import Path

from clerk_app.services.institutions import InstitutionService
from clerk_app.services.platform import PlatformService
from clerk_app.services.settings import SettingsService
from local_db.database import Database
from sync.engine import UploadEngine, UploadSummary
from sync.reference_platform import Account, ReferencePlatform
from tests import factories
from tests.conftest import set_up_window
from tests.sync.conftest import FAST, add_records

WINDOWS, RECORDS = 6, 120


def _window(folder: Path, number: int, url: str) -> tuple[Database, list[str]]:
    db = Database(folder / f"window-{number}").open(write=True, operator="tester")
    set_up_window(db)  # its first supervisor and its hall (220100, the accounts' hall)
    for payload in (factories.DRIVING_SCHOOL, factories.CE_SCHOOL):
        InstitutionService(db).add(payload, operator="tester")
    settings = SettingsService(db)
    for key, value in {
        "platform.url": url, "platform.account": f"w{number}", "window.code": f"{number:02d}", "upload.batch_size": "25",
    }.items():
        settings.set(key, value, operator="tester")
    return db, add_records(db, RECORDS, start=number * RECORDS, prefix=f"JL-W{number}")


def test_windows_uploading_at_once_each_record_lands_exactly_once(tmp_path: Path) -> None:
    platform = ReferencePlatform(tmp_path / "platform.sqlite3", [Account(f"w{n}", f"secret-{n}") for n in range(WINDOWS)])
    url = platform.start(port=0)
    windows = [_window(tmp_path, n, url) for n in range(WINDOWS)]
    summaries: dict[int, UploadSummary] = {}
    go = threading.Barrier(WINDOWS)
    platform.inject("drop_after_commit", times=3)  # some windows lose an answer on the way, too

    def upload(number: int) -> None:
        db = windows[number][0]
        secret = f"secret-{number}"
        client = PlatformService(db, secret_source=lambda _account: secret).client()
        go.wait()
        summaries[number] = UploadEngine(db, client, operator="tester", retry=FAST).run(end_of_day=True)

    threads = [threading.Thread(target=upload, args=(n,)) for n in range(WINDOWS)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        rows = platform.accepted_rows()
    finally:
        platform.close()
        for db, _ in windows:
            db.close()
    assert all(summaries[n].complete and summaries[n].accepted == RECORDS for n in range(WINDOWS)), summaries
    expected = sorted((record_id, 1) for _, ids in windows for record_id in ids)
    assert len(rows) == len(set(rows)) and sorted(rows) == expected
