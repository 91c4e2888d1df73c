"""The upload side at a glance, for the status line and ``clerk-app status``: online, queue, last upload, clock.

One ``/health`` request and a few counts: cheap enough to ask every minute,
and it never needs the secret (health is public in the contract).
"""

from __future__ import annotations

from typing import Any

from local_db import upload_store
from local_db.database import Database
from sync.client import PlatformClient
from sync.engine import CLOCK_KEY, LAST_UPLOAD_KEY
from sync.online import clock_warning, probe


def upload_status(db: Database, client: PlatformClient, *, lang: str = "zh") -> dict[str, Any]:
    """``online`` is None when no platform is configured; counts are records by their current version's state."""
    with db.read() as session:
        counts = upload_store.record_counts(session)
        last_upload = upload_store.get_state(session, LAST_UPLOAD_KEY)
        offset = upload_store.get_state(session, CLOCK_KEY)
    online: bool | None = None
    if client.configured:
        health = probe(client)
        online = health is not None and health.status == "ok"
        if health is not None and health.clock_offset_s is not None:
            offset = health.clock_offset_s
    warning = clock_warning(offset, lang)
    return {
        "online": online,
        "pending": counts[upload_store.PENDING],
        "sending": counts[upload_store.SENDING],
        "rejected": counts[upload_store.REJECTED],
        "last_upload": last_upload,
        "clock_offset_s": None if offset is None else round(float(offset), 1),
        "warnings": [warning] if warning else [],
    }
