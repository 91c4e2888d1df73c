"""Saves entries in a loop and reports each one after it returned; the crash test kills it."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

from clerk_app.services.records import RecordService
from local_db.database import Database
from tests import factories
from tests.conftest import set_up_window

data_dir, start = Path(sys.argv[1]), int(sys.argv[2])
db = Database(data_dir).open(write=True, operator="crash")
set_up_window(db, "crash")  # a first supervisor and the hall before the first save (issue 13); finished if a kill cut it
service = RecordService(db)
print("ready", flush=True)
n = start
while True:
    birth = (date(1960, 1, 1) + timedelta(days=n // 1000)).strftime("%Y%m%d")
    payload = factories.transition_case(id_number=factories.id_number(birth=birth, seq=n % 1000), name="压力测试")
    outcome = service.add("transition_case", payload, operator="crash")
    assert outcome.ok, outcome.errors
    print(outcome.record_id, flush=True)
    n += 1
