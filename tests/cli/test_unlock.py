"""The recovery code on the command line: issued to the first supervisor, replaced by a supervisor only, and the
data opened on a "new PC" (a keyring without the key) with ``clerk-app unlock``; without key and code, a plain message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest

from local_db import keys
from local_db.database import Database
from tests import factories
from tests.conftest import PASSWORDS, Cli, set_up_window
from tests.db_files import lose_key_on_this_pc

ROOT = Path(__file__).resolve().parents[2]


def _new_code(cli: Cli, operator: str = "boss") -> tuple[int, dict[str, object]]:
    result = cli("--password-stdin", "key", "new-recovery-code", stdin=f"{PASSWORDS[operator]}\n", operator=operator)
    return result.code, result.json


def test_the_first_supervisor_is_given_the_recovery_code_once(cli: Cli) -> None:
    first = cli("--password-stdin", "operators", "add", "boss", "--name", "赵负责", "--role", "supervisor",
                stdin=f"{PASSWORDS['boss']}\n", operator="boss", raw=True)  # the first act of a new window
    assert first.code == 0, first.out
    code = str(first.json["recovery_code"])
    assert len(code.split()) == 10 and all(len(g) == 4 and g.isdigit() for g in code.split())
    assert "保险柜" in first.err and code.replace(" ", "") not in first.err
    assert keys.recovery_code_issued(cli.data_dir)
    second = cli("--password-stdin", "operators", "add", "boss2", "--name", "钱负责", "--role", "supervisor",
                 stdin=f"{PASSWORDS['boss']}\nboss2-password\n", operator="boss", raw=True)
    assert second.code == 0 and "recovery_code" not in second.json, second.out  # shown once, not to every supervisor
    assert code.replace(" ", "") not in (cli.data_dir / keys.KEY_FILE).read_text(encoding="utf-8")


def test_unlock_on_a_new_pc_with_the_code_and_a_wrong_code_refused(cli_with_institutions: Cli) -> None:
    cli = cli_with_institutions
    assert cli.add("transition_case", factories.transition_case()).code == 0
    status, issued = _new_code(cli)
    assert status == 0, issued
    code = str(issued["recovery_code"])
    lose_key_on_this_pc(cli.data_dir)  # a new PC: the data folder copied over, this PC's keyring knows nothing

    blocked = cli("list", "--json")
    assert blocked.code == 3, blocked.out
    assert blocked.json["errors"][0]["code"] == "db_key_missing"
    assert "恢复码" in blocked.json["errors"][0]["message"] and "clerk-app unlock" in blocked.json["errors"][0]["message"]

    wrong = cli("--password-stdin", "unlock", stdin="1111 2222 3333 4444 5555 6666 7777 8888 9999 0000\n")
    assert wrong.code == 2 and wrong.json["errors"][0]["code"] == "recovery_code_wrong", wrong.out
    assert "恢复码不对" in wrong.json["errors"][0]["message"]
    assert cli("list", "--json").code == 3  # still locked

    opened = cli("--password-stdin", "unlock", stdin=f"{code}\n")
    assert opened.code == 0 and opened.json["unlocked"] is True, opened.out
    keys.forget_cached_keys()  # stored in the keyring, not only in this process
    listed = cli("list", "--json")
    assert listed.code == 0 and len(listed.json["items"]) == 1, listed.out


def test_a_new_code_is_a_supervisors_and_replaces_the_old_one(cli: Cli) -> None:
    status, issued = _new_code(cli)
    assert status == 0
    old = str(issued["recovery_code"])
    key_file = (cli.data_dir / keys.KEY_FILE).read_bytes()
    key_id = keys.read_key_file(cli.data_dir).key_id  # type: ignore[union-attr]
    stored = keyring.get_password(keys.SERVICE, key_id)

    refused = cli("--password-stdin", "key", "new-recovery-code", stdin=f"{PASSWORDS['clerk01']}\n", operator="clerk01")
    assert refused.code == 2 and refused.json["errors"][0]["code"] == "supervisor_only", refused.out
    assert "recovery_code" not in refused.out
    assert (cli.data_dir / keys.KEY_FILE).read_bytes() == key_file  # nothing changed
    assert keyring.get_password(keys.SERVICE, key_id) == stored  # the keyring untouched
    wrong_password = cli("--password-stdin", "key", "new-recovery-code", stdin="not-it\n", operator="boss")
    assert wrong_password.code == 2 and (cli.data_dir / keys.KEY_FILE).read_bytes() == key_file

    status, renewed = _new_code(cli)
    assert status == 0 and renewed["recovery_code"] != old
    lose_key_on_this_pc(cli.data_dir)
    assert cli("--password-stdin", "unlock", stdin=f"{old}\n").code == 2  # the old slip opens nothing now
    assert cli("--password-stdin", "unlock", stdin=f"{renewed['recovery_code']}\n").code == 0
    assert keyring.get_password(keys.SERVICE, key_id) == stored  # the same key as before: the data opens


def test_without_key_and_without_a_code_the_data_is_lost_and_said_so(data_dir: Path, cli: Cli) -> None:
    db = Database(data_dir).open(write=True, operator="tester")
    set_up_window(db)  # registered without the set-up that gives a code (a window converted from an older version)
    db.close()
    reminded = cli("check", "--json", raw=True)
    assert reminded.json["recovery_code"]["issued"] is False
    assert "key new-recovery-code" in reminded.json["recovery_code"]["warning"]
    lose_key_on_this_pc(data_dir)
    lost = cli("list", "--json", raw=True)
    assert lost.code == 3, lost.out
    error = lost.json["errors"][0]
    assert error["code"] == "db_key_lost"
    assert error["message"].startswith(
        "本电脑的系统钥匙串中没有这个数据目录的数据库密钥，而且从未生成过恢复码：加密的数据无法读取，已经丢失"
    )
    assert "用同一密钥做的备份也同样打不开" in error["message"]
    assert cli("--password-stdin", "unlock", stdin="1234 " * 10 + "\n", raw=True).code == 3  # nothing to unwrap


@pytest.mark.usefixtures("child_keyring")
def test_unlock_as_a_program_reads_the_code_from_standard_input(cli: Cli) -> None:
    status, issued = _new_code(cli)
    assert status == 0
    lose_key_on_this_pc(cli.data_dir)
    run = subprocess.run(
        [sys.executable, "-m", "clerk_app", "--data-dir", str(cli.data_dir), "--password-stdin", "unlock", "--json"],
        input=f"{issued['recovery_code']}\n", capture_output=True, text=True, timeout=120, cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)},
    )
    assert run.returncode == 0 and '"unlocked": true' in run.stdout, run.stdout + run.stderr
    assert str(issued["recovery_code"]) not in run.stdout + run.stderr
    keys.forget_cached_keys()
    assert cli("list", "--json").code == 0  # the child stored the key in the keyring this process reads too
