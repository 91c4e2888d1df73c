"""Restore proves who restores and what is restored (issue 23 items 1, 3, 6).

A file locked by another command is waited for, never taken for a damaged one; a backup edited with the file
(a clerk made supervisor) or carrying the training marker is refused; a damaged current file is restored with
the folder's recovery code instead of its supervisor, its bytes moved aside unopened and no .partial left; a
backup from before operators and settings were chained is shown for confirmation and recorded as unverified.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from local_db import keys, migrate
from local_db.database import Database
from local_db.engine import make_engine
from tests import factories
from tests.conftest import PASSWORDS, Cli
from tests.db_files import key_of, raw_connection


def _code(result: object) -> str:
    return str(result.json["errors"][0]["code"])  # type: ignore[attr-defined]


def _operators(cli: Cli) -> list[tuple[str, str]]:
    return [(o["operator_id"], o["role"]) for o in cli("operators", "list", "--json").json["items"]]


def _backup(cli: Cli, *statements: str) -> Path:
    path = Path(cli("backup", "--json", operator="boss").json["backup"])
    if statements:
        connection = raw_connection(path, folder=cli.data_dir)
        try:
            for sql in statements:
                connection.execute(sql)
            connection.commit()
        finally:
            connection.close()
    return path


@pytest.fixture
def window(cli_with_institutions: Cli) -> Cli:
    cli = cli_with_institutions
    for n in range(2):
        payload = factories.training_completion(id_number=factories.id_number(seq=n), certificate_no=f"JL-RST-{n:04d}")
        assert cli.add("training_completion", payload).code == 0
    return cli


FORGED = ("UPDATE operators SET role = 'supervisor' WHERE operator_id = 'clerk01'", "DELETE FROM operators WHERE operator_id = 'boss'")


def test_a_file_locked_by_another_command_is_waited_for_not_taken_for_a_damaged_one(window: Cli) -> None:
    forged = _backup(window, *FORGED)  # the clerk's own file: the only supervisor left is the clerk
    holder = Database(window.data_dir).open(write=True, operator="boss")  # a command waiting on a password
    release = threading.Timer(7.0, holder.close)
    release.start()
    try:
        attempt = window("restore", str(forged), operator="clerk01", password=PASSWORDS["clerk01"])
    finally:
        release.join()
    assert attempt.code == 3 and _code(attempt) == "db_in_use", attempt.out
    assert _operators(window) == [("boss", "supervisor"), ("clerk01", "clerk")]
    assert window("list", "--json").json["total"] == 2


@pytest.mark.parametrize(
    "statements",
    [FORGED[:1], ("INSERT INTO settings (key, value) VALUES ('mode.training', 'true')",)],
    ids=["clerk made supervisor", "training marker"],
)
def test_a_backup_changed_with_the_file_is_refused(window: Cli, statements: tuple[str, ...]) -> None:
    changed = _backup(window, *statements)
    refused = window("restore", str(changed), operator="boss")
    assert refused.code == 3 and _code(refused) == "backup_rejected", refused.out
    assert _operators(window) == [("boss", "supervisor"), ("clerk01", "clerk")]
    assert window("config", "show", "--json").json["hall.code"] == "220100"


@pytest.mark.parametrize("damage", ["header zeroed", "truncated"])
def test_a_damaged_file_is_restored_with_the_recovery_code(window: Cli, damage: str) -> None:
    good = _backup(window)
    code = keys.issue_recovery_code(window.data_dir, key_of(window.data_dir / "clerk.sqlite3"))
    database = window.data_dir / "clerk.sqlite3"
    raw = bytearray(database.read_bytes())
    damaged = bytes(4096) + bytes(raw[4096:]) if damage == "header zeroed" else bytes(raw[: len(raw) // 3])
    database.write_bytes(damaged)
    for suffix in ("-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    wrong = window("restore", str(good), operator="boss", stdin="1" * 40 + "\n")
    assert wrong.code in (2, 3) and _code(wrong) == "recovery_code_wrong", wrong.out
    assert database.read_bytes() == damaged  # a refused restore touched nothing
    done = window("restore", str(good), operator="boss", stdin=code + "\n")
    assert done.code == 0, done.out
    kept = Path(done.json["damaged_file_kept_as"])
    assert kept.read_bytes() == damaged and kept.parent == window.data_dir
    assert not list(window.data_dir.rglob("*.partial"))
    assert window("list", "--json").json["total"] == 2
    assert window("check", "--json").json["tables"] == []


def test_a_backup_from_before_the_chained_operators_is_shown_for_confirmation(window: Cli, tmp_path: Path) -> None:
    key = key_of(window.data_dir / "clerk.sqlite3")
    old = tmp_path / "old.sqlite3"
    engine = make_engine(old, key=key)
    try:
        migrate.upgrade(engine, old, tmp_path / "backups", key=key, target="0009")
    finally:
        engine.dispose()
    live = raw_connection(window.data_dir, read_only=True)
    try:
        boss = live.execute("SELECT operator_id, name, role, password_hash, active, created_at FROM operators "
                            "WHERE operator_id = 'boss'").fetchone()
    finally:
        live.close()
    connection = raw_connection(old, folder=window.data_dir)
    try:
        connection.execute("INSERT INTO operators (operator_id, name, role, password_hash, active, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?)", tuple(boss))
        connection.execute("INSERT INTO settings (key, value) VALUES ('hall.code', ?)", (json.dumps("220100"),))
        connection.commit()
    finally:
        connection.close()
    shown = window("restore", str(old), operator="boss")
    assert shown.code == 2 and _code(shown) == "restore_unverified", shown.out
    assert shown.json["unverified"]["operators"][0]["operator_id"] == "boss"
    assert shown.json["unverified"]["settings"] == {"hall.code": "220100"}
    assert window("list", "--json").json["total"] == 2  # not restored before it is confirmed
    done = window("restore", str(old), "--confirm-unverified", operator="boss")
    assert done.code == 0 and done.json["verified"] is False, done.out
    assert window("list", "--json").json["total"] == 0
    with Database(window.data_dir).open(write=False) as db, db.read() as session:
        from sqlalchemy import text

        detail = json.loads(session.execute(text("SELECT detail FROM audit_log WHERE action = 'restore'")).scalar_one())
    assert detail["unverified"] is True and detail["operators"][0]["role"] == "supervisor"


