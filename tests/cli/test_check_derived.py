"""``check`` proves every table it can derive (issue 23 item 7): each edit made with the file is found.

Each edit is made on its own copy of a window's data folder, through the file (triggers dropped where they
stand in the way, and made again afterwards, as someone with the file would), and ``check`` must exit 1 naming it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from clerk_app import clock
from local_db import platform_cache
from local_db.database import Database
from tests import factories
from tests.conftest import Cli
from tests.db_files import raw_connection

_TRIGGERS = [f"{table}_no_{action}" for table in ("record_versions", "audit_log") for action in ("update", "delete")]


@pytest.fixture
def window(cli_with_institutions: Cli) -> Cli:
    cli = cli_with_institutions
    for n in range(2):
        payload = factories.training_completion(id_number=factories.id_number(seq=n), certificate_no=f"JL-CHK-{n:04d}")
        assert cli.add("training_completion", payload).code == 0
    record_id = cli("list", "--json").json["items"][0]["record_id"]
    corrected = dict(cli("show", record_id, "--json").json["versions"][-1]["payload"], phone="13900139000")
    assert cli("correct", record_id, "--json", "-", "--reason", "电话录错", stdin=json.dumps(corrected)).code == 0
    with Database(cli.data_dir).open(write=True, operator="boss") as db, db.write() as session:
        qualification = {"certificate_no": "JL2026000001", "id_number": factories.id_number(seq=0), "name": "张三",
                         "issued_on": "2026-01-05"}
        platform_cache.save_qualifications(session, [qualification], at=clock.now_text())
    assert cli("check", "--json").json["ok"], cli("check", "--json").out
    return cli


def _drop_triggers(sql: str) -> str:
    return "".join(f"DROP TRIGGER {name};" for name in _TRIGGERS) + sql


EDITS: dict[str, tuple[str, bool, str]] = {
    # name: (SQL, triggers made again afterwards, the finding's code or "schema")
    "record name": ("UPDATE records SET name = '李四' WHERE rowid = 1", True, "record_changed"),
    "record ID number": ("UPDATE records SET id_number = '110101199001011237' WHERE rowid = 1", True, "record_changed"),
    "record upload state": ("UPDATE records SET upload_state = 'accepted' WHERE rowid = 1", True, "record_changed"),
    "record voided": ("UPDATE records SET voided = 1 WHERE rowid = 1", True, "record_changed"),
    "record created_by": ("UPDATE records SET created_by = 'boss' WHERE rowid = 1", True, "record_changed"),
    "outbox row deleted": ("DELETE FROM outbox WHERE id = 1", True, "outbox_missing"),
    "operator role": ("UPDATE operators SET role = 'supervisor' WHERE operator_id = 'clerk01'", True, "operator_changed"),
    "password hash": (
        "UPDATE operators SET password_hash = (SELECT password_hash FROM operators WHERE operator_id = 'clerk01') "
        "WHERE operator_id = 'boss'", True, "operator_changed",
    ),
    "setting": ("UPDATE settings SET value = '\"99\"' WHERE key = 'window.code'", True, "setting_changed"),
    "approved_by": (_drop_triggers("UPDATE record_versions SET approved_by = 'boss' WHERE version = 2"), True, "version_changed"),
    "entered_by": (_drop_triggers("UPDATE record_versions SET entered_by = 'boss' WHERE id = 1"), True, "version_changed"),
    "change_reason": (_drop_triggers("UPDATE record_versions SET change_reason = 'x' WHERE version = 2"), True, "version_changed"),
    "op": (_drop_triggers("UPDATE record_versions SET op = 'void' WHERE version = 2"), True, "version_changed"),
    "entered_at": (
        _drop_triggers("UPDATE record_versions SET entered_at = '2026-01-01T00:00:00.000+08:00' WHERE id = 1"),
        True, "version_changed",
    ),
    "triggers left dropped": (_drop_triggers(""), False, "schema"),
    "cached certificate": (
        "UPDATE qualifications SET payload = replace(payload, '张三', '王五')", True, "certificate_cache_changed",
    ),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_check_finds_each_edit_made_with_the_file(window: Cli, tmp_path: Path, edit: str,
                                                  capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    sql, remake, code = EDITS[edit]
    copy = tmp_path / "edited"
    shutil.copytree(window.data_dir, copy)
    connection = raw_connection(copy)
    try:
        connection.executescript(sql)
    finally:
        connection.close()
    if remake:
        _remake_triggers(copy)
    cli = Cli(copy, capsys, monkeypatch, set_up=False)
    checked = cli("check", "--json", operator="boss", raw=True)
    assert checked.code == 1, (edit, checked.out)
    report = checked.json
    assert not report["ok"]
    if code == "schema":
        assert any("trigger" in line for line in report["schema"]), report
    else:
        assert code in [found["code"] for found in report["tables"]], (edit, report["tables"])


def _remake_triggers(folder: Path) -> None:
    connection = raw_connection(folder)
    try:
        existing = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        for name in _TRIGGERS:
            if name not in existing:
                table, action = name.split("_no_")
                connection.execute(
                    f"CREATE TRIGGER {name} BEFORE {action.upper()} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )
        connection.commit()
    finally:
        connection.close()


