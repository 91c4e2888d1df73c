"""Accountability against a real platform on loopback: approved corrections go up, the audit chain is anchored there,
and uploads wait while the platform names another hall."""

from __future__ import annotations

import json
import shutil
import socket
import sqlite3
from pathlib import Path

import pytest

from clerk_app.domain.dates import application_day
from local_db.audit import entry_hash
from sync.reference_platform import ReferencePlatform
from sync.reference_platform.judge import content_hash
from tests import factories
from tests.conftest import Cli
from tests.db_files import raw_connection
from tests.sync.conftest import ACCOUNT, HALL, SECRET, MemoryKeyring


@pytest.fixture
def online(cli_with_institutions: Cli, platform: ReferencePlatform, memory_keyring: MemoryKeyring) -> Cli:
    """The test window pointed at the platform and logged in (by the supervisor)."""
    cli = cli_with_institutions
    assert cli("config", "set", "platform.url", platform.url).code == 0
    assert cli("config", "set", "hall.code", HALL).code == 0
    assert cli("login", "--account", ACCOUNT, stdin=SECRET + "\n").code == 0
    return cli


def _add(cli: Cli, n: int, start: int = 0) -> list[str]:
    ids = []
    for i in range(start, start + n):
        payload = factories.transition_case(id_number=factories.id_number(seq=600 + i))
        saved = cli.add("transition_case", payload)
        assert saved.code == 0, saved.out
        ids.append(saved.json["record_id"])
    return ids


def _correct(cli: Cli, record_id: str, *extra: str, stdin: str = "") -> tuple[int, dict[str, object]]:
    changed = factories.transition_case(id_number=factories.id_number(seq=600), note="补充了考试日期的证明")
    path = cli.data_dir.parent / "corrected.json"
    path.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    result = cli("correct", record_id, "--json", str(path), *extra, stdin=stdin)
    return result.code, result.json


def test_a_correction_of_an_accepted_record_needs_a_supervisors_approval_and_is_accepted_with_it(
    online: Cli, platform: ReferencePlatform, tmp_path: Path
) -> None:
    cli = online
    (record_id,) = _add(cli, 1)
    assert cli("upload", "--json").json["accepted"] == 1

    code, answer = _correct(cli, record_id)
    assert (code, answer["errors"][0]["code"]) == (2, "change_reason_required")  # type: ignore[index]
    code, answer = _correct(cli, record_id, "--reason", "补充考试日期证明")
    assert (code, answer["errors"][0]["code"]) == (2, "approval_required")  # type: ignore[index]
    code, answer = _correct(cli, record_id, "--reason", "补充考试日期证明", "--approve-by", "boss", stdin="not-his\n")
    assert (code, answer["errors"][0]["code"]) == (2, "wrong_password")  # type: ignore[index]
    code, answer = _correct(cli, record_id, "--reason", "补充考试日期证明", "--approve-by", "clerk01", stdin="clerk-pass\n")
    assert (code, answer["errors"][0]["code"]) == (2, "not_supervisor")  # type: ignore[index]
    assert [v["version"] for v in cli("show", record_id, "--json").json["versions"]] == [1]  # nothing saved so far

    code, answer = _correct(cli, record_id, "--reason", "补充考试日期证明", "--approve-by", "BOSS", stdin="secret-123\n")
    assert code == 0 and answer["version"] == 2, answer
    shown = cli("show", record_id, "--json").json
    second = shown["versions"][1]
    assert (second["entered_by"], second["change_reason"], second["approved_by"]) == ("clerk01", "补充考试日期证明", "boss")
    assert shown["audit"][-1]["detail"]["approved_by"] == "boss"
    assert "批准人：boss" in cli("show", record_id).out

    uploaded = cli("upload", "--json").json
    assert (uploaded["accepted"], uploaded["rejected"]) == (1, 0), uploaded
    assert (record_id, 2) in platform.accepted_rows()
    # The platform keeps a digest of each accepted version: it is the digest of the version WITH reason and approver.
    sent = {
        "record_id": record_id, "version": 2, "kind": "transition_case", "op": "upsert",
        "entered_at": second["entered_at"], "entered_by": "clerk01",
        "change_reason": "补充考试日期证明", "approved_by": "boss", "payload": second["payload"],
        "applied_on": application_day(shown["versions"][0]["entered_at"]).isoformat(),  # 1.2: version 1's day
    }
    with sqlite3.connect(tmp_path / "platform.sqlite3") as platform_db:
        (stored,) = platform_db.execute(
            "SELECT content_hash FROM accepted WHERE record_id = ? AND version = 2", (record_id,)
        ).fetchone()
    assert stored == content_hash(sent)


def _rewrite(path: Path, *statements: str) -> None:
    connection = raw_connection(path)
    for table in ("audit_log", "record_versions"):  # the attacker drops our append-only triggers first
        for action in ("update", "delete"):
            connection.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action}")
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


def _rechain(path: Path) -> None:
    """Recompute every row's hash and the stored head, as someone with the file and our source code can."""
    connection = raw_connection(path)
    prev = "0" * 64
    rows = connection.execute(
        "SELECT seq, at, operator, action, record_id, version, detail FROM audit_log ORDER BY seq"
    ).fetchall()
    for seq, at, operator, action, record_id, version, detail in rows:
        digest = entry_hash(seq, at, operator, action, record_id, version, detail, prev)
        connection.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, digest, seq))
        prev = digest
    connection.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", (rows[-1][0] if rows else 0, prev))
    connection.commit()
    connection.close()


@pytest.mark.parametrize("attack", ["cut", "rebuilt"])
def test_check_finds_a_chain_cut_or_rebuilt_with_the_file_from_the_platforms_heads(
    online: Cli, platform: ReferencePlatform, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, attack: str,
) -> None:
    cli = online
    ids = _add(cli, 3)
    assert cli("upload", "--json").json["accepted"] == 3
    checked = cli("check", "--json")
    assert checked.code == 0 and checked.json["platform_anchor"]["compared"] is True, checked.out
    assert checked.json["platform_anchor"]["platform_heads"] >= 1
    (head,) = platform.store.audit_heads(f"{HALL}-01", 10, account=ACCOUNT)
    sent_seq = int(head["seq"])

    copy = tmp_path / "copy"
    shutil.copytree(cli.data_dir, copy)
    database = copy / "clerk.sqlite3"
    last = ids[-1]
    if attack == "cut":  # the last entry, its versions, its queue rows and every audit row from its save on: gone
        _rewrite(
            database,
            f"DELETE FROM audit_log WHERE seq >= (SELECT seq FROM audit_log WHERE record_id = '{last}' AND action = 'save')",
            f"DELETE FROM outbox WHERE record_id = '{last}'",
            f"DELETE FROM record_versions WHERE record_id = '{last}'",
            f"DELETE FROM records WHERE record_id = '{last}'",
        )
    else:  # an early row quietly changed (who registered the clerk), then the whole chain recomputed
        _rewrite(database, "UPDATE audit_log SET operator = 'tester' WHERE action = 'operator_add' AND operator = 'boss'")
    _rechain(database)

    copied = Cli(copy, capsys, monkeypatch, set_up=False)
    found = copied("check", "--json", raw=True)
    assert found.code == 1, found.out
    assert found.json["integrity"] == []
    problems = found.json["audit"]
    assert [p["code"] for p in problems] == ["audit_cut" if attack == "cut" else "audit_rebuilt"]  # locally consistent
    first_seq = problems[0]["seq"]
    assert first_seq == sent_seq and str(sent_seq) in problems[0]["message"]


def test_check_offline_says_the_comparison_was_skipped(online: Cli) -> None:
    _add(online, 1)
    assert online("upload", "--json").json["accepted"] == 1
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    assert online("config", "set", "platform.url", f"http://127.0.0.1:{closed}/api/v1").code == 0
    checked = online("check", "--json")
    assert checked.code == 1 and checked.json["ok"] is False  # not compared is not ok (issue 23 item 8)
    anchor = checked.json["platform_anchor"]
    assert anchor["compared"] is False and "未与省平台核对审计链" in anchor["skipped"]
    assert online("config", "set", "platform.url", "").code == 0  # emptied after an upload: still not compared
    emptied = online("check", "--json")
    assert emptied.code == 1 and emptied.json["platform_anchor"]["required"] is True


def test_uploads_wait_while_the_platform_names_another_hall(online: Cli, platform: ReferencePlatform) -> None:
    cli = online
    _add(cli, 1)
    assert cli("config", "set", "hall.code", "220199").code == 0  # typed wrong: the account belongs to 220100
    said = cli("status", "--json").json  # known from the login's answer, before any upload is tried
    assert said["hall_mismatch"] == {"platform": "220100", "local": "220199"}
    stopped = cli("upload", "--json")
    assert stopped.code == 3 and stopped.json["stopped"]["code"] == "hall_mismatch", stopped.out
    assert "220100" in stopped.json["stopped"]["message"] and stopped.json["sent"] == 0
    assert platform.accepted_rows() == []
    status = cli("status", "--json").json
    assert status["hall_mismatch"] == {"platform": "220100", "local": "220199"}
    assert any("220100" in warning for warning in status["warnings"])
    assert "220100" in cli("status").out
    assert cli("config", "set", "hall.code", HALL).code == 0  # put right: the upload goes
    assert cli("upload", "--json").json["accepted"] == 1
    assert cli("status", "--json").json["hall_mismatch"] is None
