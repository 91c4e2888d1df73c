"""The platform anchor cannot be sidestepped (issue 23 item 8): heads are asked at the chain's own sequence
numbers, so tiny batches cannot push the real head out of sight, and a window code changed after uploads still
has the old device's heads compared."""

from __future__ import annotations

import functools

import pytest

from clerk_app.services.settings import SettingsService
from local_db.database import Database
from sync.client import PlatformClient
from sync.reference_platform import ReferencePlatform
from tests.conftest import Cli
from tests.sync.test_accountability import _add, _rechain, _rewrite, online

__all__ = ["online"]  # the fixture, shared with the accountability tests


def _rebuild(cli: Cli) -> None:
    """An early row quietly changed and the whole chain recomputed, with the file (as in test_accountability)."""
    database = cli.data_dir / "clerk.sqlite3"
    _rewrite(database, "UPDATE audit_log SET operator = 'tester' WHERE action = 'operator_add' AND operator = 'boss'")
    _rechain(database)


def test_tiny_batches_cannot_push_the_real_head_out_of_sight(
    online: Cli, platform: ReferencePlatform, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli = online
    # The newest heads the platform answers: 2 here stand for its 1,000, so 3 tiny batches stand for 1,000 of them.
    monkeypatch.setattr(PlatformClient, "audit_heads", functools.partialmethod(PlatformClient.audit_heads, limit=2))
    _add(cli, 1)
    assert cli("upload", "--json").json["accepted"] == 1
    _rebuild(cli)
    with Database(cli.data_dir).open(write=True, operator="boss") as db:
        SettingsService(db).set("upload.batch_size", "1", operator="boss")
    _add(cli, 3, start=10)
    assert cli("upload", "--json").json["accepted"] == 3  # three tiny batches, each head consistent with the rebuild
    found = cli("check", "--json")
    assert found.code == 1, found.out
    assert "audit_rebuilt" in [p["code"] for p in found.json["audit"]], found.json


def test_a_window_code_changed_after_uploads_keeps_the_old_devices_heads_compared(
    online: Cli, platform: ReferencePlatform
) -> None:
    cli = online
    _add(cli, 2)
    assert cli("upload", "--json").json["accepted"] == 2
    _rebuild(cli)
    assert cli("config", "set", "window.code", "02").code == 0  # a new device with no heads of its own
    found = cli("check", "--json")
    assert found.code == 1 and not found.json["ok"], found.out
    anchor = found.json["platform_anchor"]
    assert "audit_rebuilt" in [p["code"] for p in found.json["audit"]] or anchor["compared"] is False, found.json
