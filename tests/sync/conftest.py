"""A real reference platform on loopback, a real keyring back-end held in memory, and a window database with records.

The keyring back-end is a genuine ``keyring.backend.KeyringBackend`` set with
``keyring.set_keyring``: the code under test goes through the keyring
library exactly as on a hall's PC, only the store is this process's memory
(no secret ever reaches a file, not even in tests). The data folders' database
keys stay in the session's keyring (tests/keyring_session.py) meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import keyring
import pytest

from clerk_app.services.platform import PlatformService
from clerk_app.services.records import RecordService
from clerk_app.services.settings import SettingsService
from local_db.database import Database
from sync.credentials import SERVICE
from sync.engine import RetryPolicy, UploadEngine
from sync.reference_platform import Account, ReferencePlatform
from tests import factories
from tests.keyring_session import MemoryKeyring, NoKeyringButDatabaseKeys

ACCOUNT, SECRET, HALL = "win01", "s3cret-window-01", "220100"
FAST = RetryPolicy(base_s=0.01, cap_s=0.05, retry_after_cap_s=1.5, attempts=6, in_progress_waits=20, health_attempts=2)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring(database_keys_from=previous)
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyringButDatabaseKeys(previous))
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[ReferencePlatform]:
    server = ReferencePlatform(tmp_path / "platform.sqlite3", [Account(ACCOUNT, SECRET, HALL)])
    server.start(port=0)
    yield server
    server.close()


@pytest.fixture
def window(db: Database, platform: ReferencePlatform, memory_keyring: MemoryKeyring, institutions: Any) -> Database:
    """The window's database pointed at the platform, its secret in the keyring, the factories' institutions known."""
    settings = SettingsService(db)
    settings.set("platform.url", platform.url, operator="tester")
    settings.set("platform.account", ACCOUNT, operator="tester")
    settings.set("hall.code", HALL, operator="tester")
    memory_keyring.set_password(SERVICE, ACCOUNT, SECRET)
    return db


def engine(db: Database, **options: Any) -> UploadEngine:
    return UploadEngine(db, PlatformService(db).client(), operator="tester", retry=options.pop("retry", FAST), **options)


def completion(n: int, prefix: str = "JL-B2-2026") -> dict[str, Any]:
    """The n-th of many distinct valid training completions (own person, own certificate number)."""
    birth = (date(1980, 3, 12) + timedelta(days=n // 1000)).strftime("%Y%m%d")
    return factories.training_completion(
        id_number=factories.id_number(seq=n % 1000, birth=birth), certificate_no=f"{prefix}-{n:06d}"
    )


def add_records(db: Database, count: int, *, start: int = 0, prefix: str = "JL-B2-2026") -> list[str]:
    """``count`` distinct training completions saved through the records service; their record_ids."""
    service = RecordService(db)
    ids: list[str] = []
    for chunk in range(start, start + count, 500):
        payloads: list[object] = [completion(n, prefix) for n in range(chunk, min(chunk + 500, start + count))]
        outcomes = service.add_many("training_completion", payloads, operator="tester", confirm_duplicate=True)
        assert all(o.ok for o in outcomes), [o.errors for o in outcomes if not o.ok][:3]
        ids.extend(str(o.record_id) for o in outcomes)
    return ids
