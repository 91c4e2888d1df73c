"""A window's day on the power-cut disk: saves, corrections, an import, uploads and backups, until the power goes.

Run by the power-cut test: ``child.py DATA_DIR PLATFORM_URL FIRST_NUMBER DAY IMPORT_DIR``, the platform's
secret on the first line of standard input. It reports on standard output only what the program has
acknowledged, after the call returned, as a clerk would see it:

    save RECORD_ID VERSION RECEIPT_NO      a save or a correction (the receipt number on the screen)
    import ROWS                             a list imported (its rows' saves are reported first)
    upload ACCEPTED REJECTED                an upload run finished
    backup FILE_NAME                        a daily backup made (the name in the backups folder)

Backups are kept for ``KEEP_DAILY`` days here (instead of 30), so every run rotates some away.
"""

from __future__ import annotations

import random
import sys
import threading
from datetime import date, timedelta
from pathlib import Path

from clerk_app.importing.service import ImportService
from clerk_app.services.institutions import InstitutionService
from clerk_app.services.platform import PlatformService
from clerk_app.services.records import RecordService
from clerk_app.services.settings import SettingsService
from local_db import backup
from local_db.database import Database
from sync.engine import UploadEngine
from tests import factories
from tests.conftest import set_up_window
from tests.importing.lists import HEADINGS, row, write_csv

OPERATOR = "cutter"
ACCOUNT = "powercut"
KEEP_DAILY = 3


def ack(*words: object) -> None:
    print(*words, flush=True)


def person(n: int, born: date = date(1960, 1, 1)) -> str:
    return factories.id_number(birth=(born + timedelta(days=n // 1000)).strftime("%Y%m%d"), seq=n % 1000)


def main() -> None:
    backup.KEEP_DAILY = KEEP_DAILY  # in the child only: the suite's process imports this module for its names
    data_dir, url, first, day, import_dir = (
        Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), date.fromisoformat(sys.argv[4]), Path(sys.argv[5]),
    )
    secret = sys.stdin.readline().strip()
    rng = random.Random(first)
    db = Database(data_dir).open(write=True, operator=OPERATOR)
    set_up_window(db, OPERATOR)  # finished here if a cut stopped it half-way
    institutions = InstitutionService(db)
    if institutions.get(factories.DRIVING_SCHOOL["code"]) is None:
        institutions.add(factories.DRIVING_SCHOOL, operator=OPERATOR)
    settings = SettingsService(db)
    for key, value in (("platform.url", url), ("platform.account", ACCOUNT)):
        if settings.get(key) != value:
            settings.set(key, value, operator=OPERATOR)
    records = RecordService(db)
    ack("ready")

    saved: list[str] = []
    n = first
    while True:
        n += 1
        choice = rng.random()
        if choice < 0.55:  # a save at the counter
            payload = factories.transition_case(id_number=person(n), name="断电测试")
            outcome = records.add("transition_case", payload, operator=OPERATOR)
            assert outcome.ok, outcome.errors
            ack("save", outcome.record_id, outcome.version, outcome.receipt_no)
            saved.append(str(outcome.record_id))
        elif choice < 0.75 and saved:  # a correction of a record still waiting for upload
            record_id = rng.choice(saved)
            found = records.get(record_id)
            assert found is not None
            payload = dict(found.versions[-1].payload) | {"note": f"更正第 {n} 次"}
            outcome = records.correct(record_id, payload, operator=OPERATOR, reason="断电测试更正")
            if outcome.ok:
                ack("save", outcome.record_id, outcome.version, outcome.receipt_no)
            else:
                assert outcome.errors[0].code == "approval_required", outcome.errors
                saved.remove(record_id)  # accepted by the platform meanwhile: a supervisor's matter
        elif choice < 0.82:  # a school's list, imported in one transaction
            n = import_list(db, import_dir, n)
        elif choice < 0.92:  # an upload to the platform
            client = PlatformService(db, secret_source=lambda *_: secret).client()
            try:
                summary = UploadEngine(db, client, operator=OPERATOR).run(cancel=threading.Event())
            finally:
                client.close()
            assert summary.stopped is None, summary.stopped
            ack("upload", summary.accepted, summary.rejected)
        else:  # the day's check and backup, then the next day (rotation drops the oldest)
            made = db.maintain(day)
            if made is not None:
                ack("backup", made.name)
            day += timedelta(days=1)


def import_list(db: Database, folder: Path, n: int) -> int:
    rows: list[list[object]] = [HEADINGS]
    for k in range(5):
        n += 1
        rows.append(row(k + 1, "导入测试", person(n, date(1985, 1, 1)), f"JL-PC-{n:08d}"))
    importer = ImportService(db)
    sheet = importer.read(write_csv(folder / f"list-{n}.csv", rows, "utf-8"))
    preview = importer.preview(sheet, importer.columns_for(sheet))
    imported = importer.import_rows(preview, operator=OPERATOR)
    for saved in imported:
        assert saved.record_id is not None
        ack("save", saved.record_id, 1, saved.receipt_no)
    refused = [(r.number, r.outcome, [p.problem.code for p in r.errors]) for r in preview.rows if r.outcome != "imported"]
    assert len(imported) == 5, refused
    ack("import", len(imported))
    return n


if __name__ == "__main__":
    main()
