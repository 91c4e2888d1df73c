"""A real reference platform on 127.0.0.1 per test (its own SQLite file), and a small client speaking its contract."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from clerk_app import clock
from sync.reference_platform import Account, ReferencePlatform
from tests import factories

ACCOUNT = Account("window-01", "correct horse battery", "220102")
# Records are entered today at 10:00 CST by the program's clock: the platform judges a record on its
# application day (the CST date of entered_at) and refuses one entered after its day or 60 days before it.
NOW = f"{clock.today().isoformat()}T10:00:00+08:00"
DEVICE = "220102-W01"


def record(kind: str = "training_completion", *, version: int = 1, record_id: str | None = None,
           op: str = "upsert", **payload: Any) -> dict[str, Any]:
    """One record version as a window sends it, with a factory payload of ``kind`` (a correction with its reason)."""
    made: dict[str, Any] = {
        "record_id": record_id or str(uuid.uuid4()),
        "version": version,
        "kind": kind,
        "op": op,
        "entered_at": NOW,
        "entered_by": "clerk-01",
        "payload": factories.PAYLOADS[kind](**payload),
    }
    if op == "void":
        made["void_reason"] = "录入错误，申请作废"
    if version > 1:
        made["change_reason"] = "据原件更正"
    return made


def completion(**payload: Any) -> dict[str, Any]:
    """A training completion with its own certificate number (numbers must be unique across people)."""
    payload.setdefault("certificate_no", f"JL-B2-{uuid.uuid4().hex[:10]}")
    return record("training_completion", **payload)


def batch(records: list[dict[str, Any]], batch_id: str | None = None) -> dict[str, Any]:
    return {
        "batch_id": batch_id or str(uuid.uuid4()),
        "device_id": DEVICE,
        "operator_id": "clerk-01",
        "created_at": NOW,
        "records": records,
    }


@dataclass
class Client:
    """The contract's calls over real HTTP; each returns the raw ``requests`` response."""

    url: str
    session: requests.Session = field(default_factory=requests.Session)
    token: str | None = None

    def login(self, account: Account = ACCOUNT, device_id: str = DEVICE) -> requests.Response:
        response = self.session.post(
            f"{self.url}/auth/token",
            json={"account": account.name, "secret": account.secret, "device_id": device_id},
            timeout=10,
        )
        if response.status_code == 200:
            self.token = response.json()["access_token"]
        return response

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def post(self, body: dict[str, Any] | bytes, key: str | None = None, **headers: str) -> requests.Response:
        key = key or (body["batch_id"] if isinstance(body, dict) else str(uuid.uuid4()))
        sent = {"data": body} if isinstance(body, bytes) else {"json": body}
        return self.session.post(
            f"{self.url}/batches", headers=self.auth | {"Idempotency-Key": key} | headers, timeout=30, **sent
        )

    def send(self, *records: dict[str, Any]) -> list[dict[str, Any]]:
        """Post one batch of ``records``; the per-record results (the batch must be answered 200)."""
        response = self.post(batch(list(records)))
        assert response.status_code == 200, response.text
        results: list[dict[str, Any]] = response.json()["results"]
        return results

    def get(self, path: str, **params: Any) -> requests.Response:
        return self.session.get(f"{self.url}{path}", headers=self.auth, params=params, timeout=10)


def start(db: Path, **options: Any) -> ReferencePlatform:
    platform = ReferencePlatform(db, [ACCOUNT, Account("window-02", "another secret")], **options)
    platform.start()
    return platform


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[ReferencePlatform]:
    running = start(tmp_path / "platform.db")
    yield running
    running.close()


@pytest.fixture
def client(platform: ReferencePlatform) -> Client:
    logged_in = Client(platform.url)
    assert logged_in.login().status_code == 200
    return logged_in
