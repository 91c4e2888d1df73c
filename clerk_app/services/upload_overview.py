"""The upload side as the upload screen (F5) shows it: where uploads go, what waits, and how past runs ended.

Read from the local database only (no network), so the screen fills at once
offline too: the platform address, window account and hall from the settings;
the hall the platform's last login named, the clock offset the engine last
measured and the registry's last refresh from the engine's bookkeeping; the
records by kind and upload state; and the newest runs the engine recorded.
"""

from __future__ import annotations

from dataclasses import dataclass

from clerk_app.services.settings import SettingsService
from local_db import upload_history, upload_store
from local_db.database import Database
from local_db.upload_history import RunRow

__all__ = ["RunRow", "UploadOverview", "read_overview"]  # RunRow is kept in local_db.upload_history; callers take it from here


@dataclass(frozen=True)
class UploadOverview:
    url: str
    account: str
    hall_code: str
    hall_name: str
    window_code: str
    platform_hall: str | None  # the hall code the platform's last login answer named
    clock_offset_s: float | None  # platform time minus this computer's, when last measured
    last_upload: str | None
    registry_refreshed_at: str | None
    waiting: dict[tuple[str, str], int]  # (kind, upload state) -> records
    runs: list[RunRow]  # newest first


def registry_refreshed_at(db: Database) -> str | None:
    """When the institution registry was last refreshed from the platform (None: never)."""
    from sync.registry import REFRESHED

    with db.read() as session:
        at = upload_store.get_state(session, REFRESHED)
    return str(at) if at else None


def read_overview(db: Database, *, runs: int = 50) -> UploadOverview:
    from sync.engine import CLOCK_KEY, LAST_UPLOAD_KEY, PLATFORM_HALL_KEY
    from sync.registry import REFRESHED

    values = SettingsService(db).all()
    with db.read() as session:
        state = {key: upload_store.get_state(session, key) for key in (CLOCK_KEY, LAST_UPLOAD_KEY, PLATFORM_HALL_KEY, REFRESHED)}
        waiting = upload_history.waiting_by_kind(session)
        history = upload_history.recent_runs(session, runs)
    offset = state[CLOCK_KEY]
    return UploadOverview(
        url=str(values["platform.url"] or ""),
        account=str(values["platform.account"] or ""),
        hall_code=str(values["hall.code"] or ""),
        hall_name=str(values["hall.name"] or ""),
        window_code=str(values["window.code"] or ""),
        platform_hall=str(state[PLATFORM_HALL_KEY]) if state[PLATFORM_HALL_KEY] else None,
        clock_offset_s=float(offset) if isinstance(offset, int | float) else None,
        last_upload=str(state[LAST_UPLOAD_KEY]) if state[LAST_UPLOAD_KEY] else None,
        registry_refreshed_at=str(state[REFRESHED]) if state[REFRESHED] else None,
        waiting=waiting,
        runs=history,
    )
