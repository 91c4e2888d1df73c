"""Refreshing the local institution registry from the platform: only what changed since last time.

The platform lists institutions oldest change first, a page at a time, with
a cursor; the newest ``updated_at`` seen becomes the next ``updated_since``.
The cursor is remembered after each stored page, so a refresh cut off half
way goes on from there. Each entry passes the same check as a clerk's local
entry (with the contract's limits, not the window's typing limits), so the
registry keeps one shape. The registry never drops an entry the platform sent
(DOMAIN.md, second rulings): an entry the window cannot store stops the
refresh before its page is stored and before the cursor moves, with a message
naming it, so a revocation is never skipped. A page's changed entries, their
audit row and the cursor are written in one transaction.
"""

from __future__ import annotations

import logging
from datetime import datetime

from clerk_app import clock
from clerk_app.domain.institutions import validate_institution
from clerk_app.domain.problems import Problem, problem, shown
from local_db import institution_store, upload_store
from local_db.database import Database
from sync.client import PlatformClient, PlatformError, Transient

log = logging.getLogger("sync.registry")

PAGE = 500


class RegistryEntryRefused(PlatformError):
    """An entry of the platform's registry this window cannot store: the refresh stopped before it (cursor unmoved)."""

    def __init__(self, code: str, problems: list[Problem]) -> None:
        reasons = "；".join(p.message_zh for p in problems), " ".join(p.message_en for p in problems)
        super().__init__(problem("registry_entry_refused", institution_code=shown(code), reasons=reasons), code)
        self.code, self.problems = code, problems
SINCE, CURSOR, REFRESHED = "registry.updated_since", "registry.cursor", "registry.refreshed_at"


def refresh_registry(db: Database, client: PlatformClient, *, operator: str) -> int:
    """Fetch institutions changed since the last refresh and store them; returns how many changed here."""
    with db.read() as session:
        since: str | None = upload_store.get_state(session, SINCE)
        cursor: str | None = upload_store.get_state(session, CURSOR)
    newest = since
    changed = 0
    while True:
        page = client.institutions(updated_since=since, cursor=cursor, limit=PAGE)
        items = page.get("items")
        if not isinstance(items, list):
            reason = ("平台的机构名录答复不完整", "the platform's registry page was incomplete")
            raise Transient(problem("upload_offline", reason=reason), "registry page without items")
        checked = []
        for item in items:
            # A filing level that does not go with its mode is kept from the platform (shown flagged), never dropped.
            normalized, problems = validate_institution(item, from_platform=True)
            if problems:
                log.warning("registry refresh stopped at institution %s: %s", _code(item), [p.code for p in problems])
                raise RegistryEntryRefused(_code(item), problems)
            newest = _later(newest, normalized["updated_at"])
            checked.append(normalized)
        cursor = page.get("next_cursor") or None
        with db.write() as session:
            stored = institution_store.payloads_of(session, {entry["code"] for entry in checked})
            fresh = [entry for entry in checked if stored.get(entry["code"]) != entry]
            if fresh:
                changed += institution_store.save_refreshed(
                    session, fresh, at=clock.now_text(), operator=operator, source="platform"
                )
            upload_store.set_state(session, CURSOR, cursor)
            if cursor is None:
                upload_store.set_state(session, SINCE, newest)
                upload_store.set_state(session, REFRESHED, clock.now_text())
        if cursor is None:
            return changed


def _code(item: object) -> str:
    return str(item.get("code")) if isinstance(item, dict) else "?"


def _later(current: str | None, candidate: str) -> str:
    if current is None:
        return candidate
    try:
        return candidate if datetime.fromisoformat(candidate) > datetime.fromisoformat(current) else current
    except ValueError:
        return current
