"""The upload side at a glance, for the status line and ``clerk-app status``: online, queue, last upload, clock.

One ``/health`` request and a few counts: cheap enough to ask every minute,
and it never needs the secret (health is public in the contract).
"""

from __future__ import annotations

from typing import Any

from clerk_app.domain.lifecycle import State
from clerk_app.domain.problems import problem
from local_db import settings_store, upload_store
from local_db.database import Database
from sync.client import PlatformClient
from sync.engine import CLOCK_KEY, LAST_UPLOAD_KEY, PLATFORM_HALL_KEY, hall_mismatch
from sync.online import clock_warning, probe


def queue_status(db: Database) -> dict[str, Any]:
    """What the local database alone says: records by their current version's state, last upload, last clock offset."""
    with db.read() as session:
        counts = upload_store.record_counts(session)
        platform_hall = upload_store.get_state(session, PLATFORM_HALL_KEY)
        local_hall = settings_store.values_of(session, ("hall.code",)).get("hall.code")
        return {
            "pending": counts[State.PENDING],
            "sending": counts[State.SENDING],
            "rejected": counts[State.REJECTED],
            "last_upload": upload_store.get_state(session, LAST_UPLOAD_KEY),
            "clock_offset_s": upload_store.get_state(session, CLOCK_KEY),
            "hall_mismatch": hall_mismatch(platform_hall, local_hall),
        }


def remember_platform_hall(db: Database, hall_code: str | None) -> None:
    """Keep the hall code a login answer named, so the window and ``status`` can tell a hall set wrong."""
    if hall_code:
        with db.write() as session:
            upload_store.set_state(session, PLATFORM_HALL_KEY, hall_code)


def upload_status(db: Database, client: PlatformClient, *, lang: str = "zh") -> dict[str, Any]:
    """``online`` is None when no platform is configured; counts are records by their current version's state."""
    online: bool | None = None
    fresh_offset: float | None = None
    if client.configured:
        health = probe(client)
        online = health is not None and health.status == "ok"
        fresh_offset = health.clock_offset_s if health is not None else None
    found = queue_status(db)  # read after the probe, which may have taken seconds: the counts are current
    offset = fresh_offset if fresh_offset is not None else found["clock_offset_s"]
    warnings = [clock_warning(offset, lang)]
    if found["hall_mismatch"]:
        warnings.append(problem("hall_mismatch", **found["hall_mismatch"]).message(lang))
    return {
        "online": online,
        **found,
        "clock_offset_s": None if offset is None else round(float(offset), 1),
        "warnings": [warning for warning in warnings if warning],
    }
