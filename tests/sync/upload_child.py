"""Runs one upload and reports each progress step after it happened; the SIGKILL test kills it at random points."""

from __future__ import annotations

import sys
from pathlib import Path

from clerk_app.services.platform import PlatformService
from local_db.database import Database
from sync.engine import RetryPolicy, UploadEngine

data_dir, secret = Path(sys.argv[1]), sys.argv[2]
db = Database(data_dir).open(write=True, operator="child")
client = PlatformService(db, secret_source=lambda _account: secret).client()
print("ready", flush=True)
summary = UploadEngine(db, client, operator="child", retry=RetryPolicy(base_s=0.01, cap_s=0.05, retry_after_cap_s=1.5)).run(
    progress=lambda p: print(p.phase, p.done, p.total, flush=True)
)
print("summary", summary.as_json(), flush=True)
