"""Who may do what on the command line: proof of identity, the first supervisor, supervisors' powers, the hall."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from clerk_app.services.operators import MAX_WRONG_PASSWORDS, OperatorRefused, OperatorService
from local_db.database import Database
from tests import factories
from tests.conftest import HALL, Cli
from tests.db_files import raw_connection


def _json_file(cli: Cli, payload: object, name: str = "entry.json") -> str:
    path = cli.data_dir.parent / name
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _code(result: object) -> str:
    return str(result.json["errors"][0]["code"])  # type: ignore[attr-defined]


@pytest.fixture
def new_window(data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """A window nobody has set up: every call is run exactly as given."""
    return Cli(data_dir, capsys, monkeypatch, set_up=False)


def test_a_new_window_accepts_nothing_before_its_first_supervisor(new_window: Cli) -> None:
    cli = new_window
    entry = _json_file(cli, factories.transition_case())
    for args in (
        ("add", "transition_case", "--json", entry),
        ("config", "set", "hall.code", "220102"),
        ("institutions", "add", "--json", _json_file(cli, factories.DRIVING_SCHOOL, "school.json")),
        ("operators", "add", "evil", "--name", "某人", "--role", "clerk"),
    ):
        refused = cli("--password-stdin", *args, operator="anyone", stdin="whatever\nwhatever\n", raw=True)
        assert refused.code == 2 and _code(refused) == "no_supervisor_yet", (args, refused.out)
        assert "operators add" in refused.json["errors"][0]["message"]  # it says how
    first = cli("--password-stdin", "operators", "add", "boss", "--name", "赵负责", "--role", "supervisor",
                operator="boss", stdin="secret-123\n", raw=True)
    assert first.code == 0 and first.json["role"] == "supervisor", first.out
    # Now only a supervisor who proves it adds people; --operator alone proves nothing.
    no_password = cli("operators", "add", "evil", "--name", "某人", "--role", "supervisor", operator="boss", raw=True)
    assert no_password.code == 2 and _code(no_password) in {"password_missing", "wrong_password"}
    impostor = cli("--password-stdin", "operators", "add", "evil", "--name", "某人", "--role", "supervisor",
                   operator="evil", stdin="evil-pass\nevil-pass\n", raw=True)
    assert impostor.code == 2 and _code(impostor) == "wrong_password"
    assert [o["operator_id"] for o in cli("operators", "list", "--json", raw=True).json["items"]] == ["boss"]


def test_records_wait_for_the_hall_to_be_set_up(new_window: Cli) -> None:
    cli = new_window
    cli("--password-stdin", "operators", "add", "boss", "--name", "赵负责", "--role", "supervisor",
        operator="boss", stdin="secret-123\n", raw=True)
    entry = _json_file(cli, factories.transition_case())
    refused = cli("--password-stdin", "add", "transition_case", "--json", entry, operator="boss", stdin="secret-123\n", raw=True)
    assert refused.code == 2 and _code(refused) == "hall_not_set"
    assert "发证机关" in refused.json["errors"][0]["message"] and "窗口编号" in refused.json["errors"][0]["message"]
    shown = cli("config", "show", "--json", raw=True).json
    assert (shown["hall.code"], shown["window.code"]) == ("", "")  # no usable default
    for key, value in HALL.items():
        done = cli("--password-stdin", "config", "set", key, value, operator="boss", stdin="secret-123\n", raw=True)
        assert done.code == 0, done.out
    saved = cli("--password-stdin", "add", "transition_case", "--json", entry, operator="boss", stdin="secret-123\n", raw=True)
    assert saved.code == 0 and saved.json["receipt_no"].startswith("220100-01-")


def test_an_unknown_operator_or_a_wrong_password_saves_nothing(cli: Cli) -> None:
    payload = factories.transition_case()
    unknown = cli.add("transition_case", payload, operator="stranger")
    assert unknown.code == 2 and _code(unknown) == "password_missing"
    guessed = cli("add", "transition_case", "--json", "-", stdin=json.dumps(payload), operator="stranger", password="guess-1")
    assert guessed.code == 2 and _code(guessed) == "wrong_password"
    wrong = cli("add", "transition_case", "--json", "-", stdin=json.dumps(payload), password="not-clerk-pass")
    assert wrong.code == 2 and _code(wrong) == "wrong_password"
    piped = cli("add", "transition_case", "--json", "-", stdin=json.dumps(payload), raw=True)  # JSON piped, no password
    assert piped.code == 2 and _code(piped) == "password_missing"
    both = cli("--password-stdin", "add", "transition_case", "--json", "-", stdin="clerk-pass\n{}", raw=True)
    assert both.code == 2 and _code(both) == "json_needs_file"
    assert cli("list", "--json").json["total"] == 0
    # Case does not matter in an operator ID.
    upper = cli("add", "transition_case", "--json", "-", stdin=json.dumps(payload), operator="CLERK01", password="clerk-pass")
    assert upper.code == 0
    assert cli("show", upper.json["record_id"], "--json").json["versions"][0]["entered_by"] == "clerk01"  # as registered


def test_repeated_wrong_passwords_are_counted_and_lock_the_operator_out(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    cli("list")  # set up
    monkeypatch.setattr("clerk_app.services.operators.WRONG_PASSWORD_DELAY_S", 0.2)
    started = time.monotonic()
    answers = [_code(cli("config", "set", "ui.language", "en", operator="boss", password=f"guess-{i}")) for i in range(5)]
    assert time.monotonic() - started >= 5 * 0.2  # each wrong password is answered only after the delay
    assert answers == ["wrong_password"] * 4 + ["operator_locked"]
    locked = cli("config", "set", "ui.language", "en", operator="boss")  # even the right password, for now
    assert locked.code == 2 and _code(locked) == "operator_locked" and "5 分钟" in locked.json["errors"][0]["message"]
    with raw_connection(cli.data_dir / "clerk.sqlite3") as connection:
        actions = [row[0] for row in connection.execute("SELECT action FROM audit_log WHERE operator = 'boss' ORDER BY seq")]
    assert actions[-6:] == ["login_failed"] * 5 + ["operator_locked"]
    assert cli.add("transition_case", factories.transition_case()).code == 0  # another operator is not locked out


def test_a_clerk_cannot_change_settings_institutions_operators_or_restore(cli: Cli, tmp_path: Path) -> None:
    refused = {
        "config": cli("config", "set", "platform.url", "https://evil.example.cn/api/v1", operator="clerk01"),
        "institutions": cli("institutions", "add", "--json", "-", stdin=json.dumps(factories.CE_SCHOOL), operator="clerk01"),
        "operators": cli("operators", "add", "evil", "--name", "某人", "--role", "supervisor", operator="clerk01", stdin="x1x2x3\n"),
        "restore": cli("restore", str(cli.data_dir / "clerk.sqlite3"), operator="clerk01"),
        "offsets": cli("print", "offsets", "证书打印机", "--set", "1", "1", operator="clerk01"),
    }
    for what, result in refused.items():
        assert result.code == 2 and _code(result) == "supervisor_only", (what, result.out)
        assert "只有负责人" in result.json["errors"][0]["message"]
    assert cli("config", "show", "--json").json["platform.url"] == ""
    assert cli("institutions", "list", "--json").json["items"] == []
    assert [o["operator_id"] for o in cli("operators", "list", "--json").json["items"]] == ["boss", "clerk01"]


def test_a_correction_needs_a_reason(cli_with_institutions: Cli) -> None:
    cli = cli_with_institutions
    saved = cli.add("transition_case", factories.transition_case()).json
    changed = json.dumps(factories.transition_case(note="已补充材料"))
    for reason in ((), ("--reason", "  ")):
        refused = cli("correct", saved["record_id"], "--json", "-", *reason, stdin=changed)
        assert refused.code == 2 and _code(refused) == "change_reason_required"
    assert [v["version"] for v in cli("show", saved["record_id"], "--json").json["versions"]] == [1]
    done = cli("correct", saved["record_id"], "--json", "-", "--reason", "补充材料", stdin=changed)
    assert done.code == 0 and done.json["version"] == 2
    assert "更正原因：补充材料" in cli("show", saved["record_id"]).out


def test_a_restore_needs_the_restoring_supervisor_in_the_file(cli: Cli, tmp_path: Path) -> None:
    early = cli("backup", "--json").json["backup"]  # boss and clerk01 exist in it
    assert cli("operators", "add", "boss2", "--name", "孙负责", "--role", "supervisor", stdin="secret-456\n").code == 0
    without = cli("restore", early, operator="boss2", password="secret-456")
    assert without.code == 3 and without.json["errors"][0]["code"] == "backup_rejected"
    assert "boss2" in without.json["errors"][0]["message"]
    assert [o["operator_id"] for o in cli("operators", "list", "--json").json["items"]] == ["boss", "boss2", "clerk01"]
    done = cli("restore", early, operator="boss")
    assert done.code == 0, done.out
    assert [o["operator_id"] for o in cli("operators", "list", "--json").json["items"]] == ["boss", "clerk01"]


def test_a_new_password_from_a_supervisor_ends_a_lockout(db: Database) -> None:
    operators = OperatorService(db)
    operators.add("clerk09", "吴某", "clerk", "old-pass-1", acting="tester")
    codes = []
    for attempt in range(MAX_WRONG_PASSWORDS):
        with pytest.raises(OperatorRefused) as refused:
            operators.sign_in("clerk09", f"guess-{attempt}")
        codes.append(refused.value.problem.code)
    assert codes[-1] == "operator_locked"
    with pytest.raises(OperatorRefused) as still:
        operators.sign_in("clerk09", "old-pass-1")
    assert still.value.problem.code == "operator_locked"  # locked: even the right password waits
    operators.reset_password("clerk09", "new-pass-2", acting="tester")
    assert operators.sign_in("clerk09", "new-pass-2").operator_id == "clerk09"
    with raw_connection(db.path) as connection:
        last = connection.execute("SELECT operator, action, detail FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    assert last[:2] == ("clerk09", "lockout_cleared") and "tester" in last[2]
