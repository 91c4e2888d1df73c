"""A real reference platform on loopback, a real keyring back-end held in memory, and a window database with records.

The keyring back-end is a genuine ``keyring.backend.KeyringBackend`` set with
``keyring.set_keyring``: the code under test goes through the keyring
library exactly as on a hall's PC, only the store is this process's memory
(no secret ever reaches a file, not even in tests).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from clerk_app.services.records import RecordService
from clerk_app.services.settings import SettingsService
from local_db.database import Database
from sync.client import PlatformClient
from sync.engine import RetryPolicy, UploadEngine
from sync.reference_platform import Account, ReferencePlatform
from tests import factories

ACCOUNT, SECRET, HALL = "win01", "s3cret-window-01", "220100"
FAST = RetryPolicy(base_s=0.01, cap_s=0.05, retry_after_cap_s=1.5, attempts=6, in_progress_waits=20, health_attempts=2)


class MemoryKeyring(KeyringBackend):
    """A keyring back-end whose store is this process's memory."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
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
    memory_keyring.set_password("clerk-app 吉林道路运输平台", ACCOUNT, SECRET)
    return db


def engine(db: Database, **options: Any) -> UploadEngine:
    return UploadEngine(db, PlatformClient.from_settings(db), operator="tester", retry=options.pop("retry", FAST), **options)


def add_records(db: Database, count: int, *, start: int = 0) -> list[str]:
    """``count`` distinct valid training completions; their record_ids."""
    service = RecordService(db)
    ids = []
    for n in range(start, start + count):
        payload = factories.training_completion(
            id_number=factories.id_number(seq=n % 1000, birth=f"19{60 + n // 1000 % 40:02d}0312"),
            certificate_no=f"JL-B2-2026-{n:06d}",
        )
        outcome = service.add("training_completion", payload, operator="tester", confirm_duplicate=True)
        assert outcome.ok, outcome.errors
        ids.append(outcome.record_id)
    return ids
