"""The platform commands as a hall's script runs them: login from a pipe, upload --json, status --json, sync-reference."""

from __future__ import annotations

import socket
from typing import Any

from sync.credentials import SERVICE
from sync.reference_platform import ReferencePlatform
from tests import factories
from tests.conftest import Cli
from tests.sync.conftest import ACCOUNT, HALL, SECRET, MemoryKeyring

SUMMARY_KEYS = {"sent", "accepted", "rejected", "unknown", "pending_left", "flagged", "stopped", "warnings"}


def _configured(cli: Cli, url: str) -> None:
    assert cli("config", "set", "platform.url", url).code == 0
    assert cli("config", "set", "hall.code", HALL).code == 0


def _add(cli: Cli, n: int) -> None:
    for i in range(n):
        payload = factories.training_completion(id_number=factories.id_number(seq=500 + i), certificate_no=f"JL-CLI-{i:04d}")
        assert cli.add("training_completion", payload, "--confirm-duplicate").code == 0


def test_login_checks_the_secret_and_keeps_it_only_in_the_keyring(
    cli_with_institutions: Cli, platform: ReferencePlatform, memory_keyring: MemoryKeyring
) -> None:
    cli = cli_with_institutions
    _configured(cli, platform.url)
    wrong = cli("login", "--account", ACCOUNT, stdin="nope\n")
    assert wrong.code == 2 and wrong.json["errors"][0]["code"] == "upload_login_failed"
    assert memory_keyring.store == {}

    done = cli("login", "--account", ACCOUNT, stdin=SECRET + "\n")
    assert done.code == 0, done.out
    assert done.json == {"account": ACCOUNT, "checked": True, "stored_in": "keyring"}
    assert memory_keyring.store == {(SERVICE, ACCOUNT): SECRET}
    assert cli("config", "show", "--json").json["platform.account"] == ACCOUNT
    database_bytes = b"".join(p.read_bytes() for p in cli.data_dir.glob("clerk.sqlite3*"))
    assert SECRET.encode() not in database_bytes


def test_login_without_a_keyring_says_so_and_stores_nothing(
    cli_with_institutions: Cli, platform: ReferencePlatform, no_keyring: None
) -> None:
    _configured(cli_with_institutions, platform.url)
    result = cli_with_institutions("login", "--account", ACCOUNT, stdin=SECRET + "\n")
    assert result.code == 3
    assert result.json["errors"][0]["code"] == "keyring_unavailable"
    assert "系统钥匙串" in result.json["errors"][0]["message"]


def test_upload_json_and_exit_codes(
    cli_with_institutions: Cli, platform: ReferencePlatform, memory_keyring: MemoryKeyring
) -> None:
    cli = cli_with_institutions
    not_configured = cli("upload", "--json")
    assert not_configured.code == 3 and not_configured.json["stopped"]["code"] == "upload_not_configured"

    _configured(cli, platform.url)
    assert cli("login", "--account", ACCOUNT, stdin=SECRET + "\n").code == 0
    _add(cli, 4)
    done = cli("upload", "--end-of-day", "--json")
    assert done.code == 0, done.out
    assert set(done.json) == SUMMARY_KEYS
    assert {k: done.json[k] for k in ("sent", "accepted", "rejected", "unknown", "pending_left")} == {
        "sent": 4, "accepted": 4, "rejected": 0, "unknown": 0, "pending_left": 0,
    }
    assert done.json["stopped"] is None
    assert len(platform.accepted_rows()) == 4

    _add_more = factories.training_completion(id_number=factories.id_number(seq=900), certificate_no="JL-CLI-0900")
    assert cli.add("training_completion", _add_more).code == 0
    platform.max_body_bytes = 100  # the platform now refuses the batch: work is left
    left = cli("upload", "--json")
    assert left.code == 1 and left.json["pending_left"] == 1
    assert left.json["stopped"]["code"] == "upload_too_large"

    with socket.socket() as probe:  # a port nobody listens on: the platform cannot be reached
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    assert cli("config", "set", "platform.url", f"http://127.0.0.1:{closed}/api/v1").code == 0
    offline = cli("upload", "--json")
    assert offline.code == 3 and offline.json["stopped"]["code"] == "upload_offline"
    assert offline.json["pending_left"] == 1


def test_upload_without_a_keyring_asks_for_the_secret_each_time(
    cli_with_institutions: Cli, platform: ReferencePlatform, no_keyring: None
) -> None:
    cli = cli_with_institutions
    _configured(cli, platform.url)
    assert cli("config", "set", "platform.account", ACCOUNT).code == 0
    _add(cli, 2)
    nothing_given = cli("upload", "--json")
    assert nothing_given.code == 3 and nothing_given.json["stopped"]["code"] == "keyring_unavailable"
    given = cli("upload", "--json", stdin=SECRET + "\n")
    assert given.code == 0 and given.json["accepted"] == 2


def test_status_json(cli_with_institutions: Cli, platform: ReferencePlatform, memory_keyring: MemoryKeyring) -> None:
    cli = cli_with_institutions
    unset = cli("status", "--json")
    assert unset.code == 0 and unset.json["online"] is None and unset.json["pending"] == 0
    _configured(cli, platform.url)
    assert cli("login", "--account", ACCOUNT, stdin=SECRET + "\n").code == 0
    _add(cli, 3)
    before: dict[str, Any] = cli("status", "--json").json
    assert set(before) == {
        "online", "pending", "sending", "rejected", "last_upload", "clock_offset_s", "warnings", "hall_mismatch"
    }
    assert before["hall_mismatch"] is None
    assert (before["online"], before["pending"], before["last_upload"], before["warnings"]) == (True, 3, None, [])
    assert abs(before["clock_offset_s"]) < 5
    assert cli("upload", "--json").code == 0
    after = cli("status", "--json").json
    assert after["pending"] == 0 and after["last_upload"]


def test_sync_reference_fetches_only_what_changed(
    cli_with_institutions: Cli, platform: ReferencePlatform, memory_keyring: MemoryKeyring
) -> None:
    cli = cli_with_institutions
    _configured(cli, platform.url)
    assert cli("login", "--account", ACCOUNT, stdin=SECRET + "\n").code == 0
    first = cli("sync-reference", "--json")
    assert first.code == 0 and first.json["changed"] > 2  # the seeded registry of fictitious Jilin institutions
    codes = {i["code"] for i in cli("institutions", "list", "--json").json["items"]}
    assert {"JLDT0001", "JLCE0001"} <= codes
    assert cli("sync-reference", "--json").json == {"changed": 0}
    platform.set_institution({**factories.CE_SCHOOL, "status": "suspended"})
    assert cli("sync-reference", "--json").json == {"changed": 1}
    items = {i["code"]: i for i in cli("institutions", "list", "--json").json["items"]}
    assert items["JLCE0001"]["status"] == "suspended"
