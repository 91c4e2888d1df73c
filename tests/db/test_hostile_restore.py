"""Backups and restores under hostile names and hostile files (issue 16).

A data folder or backup name holding ``#``, ``?``, ``%`` or spaces must back
up and restore the real file; a restore candidate that is not exactly our
schema (an impostor with our table names, extra triggers copying payloads,
the append-only triggers dropped) is refused with the database untouched, and
every later command still works.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from local_db import backup as backups
from tests import factories
from tests.conftest import Cli
from tests.db_files import folder_of, key_of, raw_connection


@pytest.fixture
def odd_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    cli = Cli(tmp_path / "窗口 #2?%20x" / "data", capsys, monkeypatch)
    for payload in (factories.DRIVING_SCHOOL, factories.CE_SCHOOL):
        assert cli("institutions", "add", "--json", "-", stdin=_json(payload)).code == 0
    return cli


def _json(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def _record_ids(cli: Cli) -> list[str]:
    return sorted(item["record_id"] for item in cli("list", "--json").json["items"])


def _count(path: Path, table: str, folder: Path | None = None) -> int:
    connection = raw_connection(path, folder=folder)
    try:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        connection.close()


def test_a_folder_and_backup_name_with_hash_keep_every_record(odd_cli: Cli, tmp_path: Path) -> None:
    cli = odd_cli
    for seq in (1, 2):
        assert cli.add("transition_case", factories.transition_case(id_number=factories.id_number(seq=seq))).code == 0
    kept = _record_ids(cli)
    made = cli("backup", "--json")
    assert made.code == 0 and made.json["integrity_ok"] is True, made.out
    backup = Path(made.json["backup"])
    assert _count(backup, "records") == 2  # the real file was copied, not a stray empty one
    renamed = tmp_path / "备份 #1?a%41.sqlite3"
    shutil.copyfile(backup, renamed)
    assert cli.add("transition_case", factories.transition_case(id_number=factories.id_number(seq=3))).code == 0
    restored = cli("restore", str(renamed), "--json")
    assert restored.code == 0, restored.out
    assert _record_ids(cli) == kept
    assert _count(Path(restored.json["replaced_file_kept_as"]), "records") == 3  # the replaced file, whole
    assert cli("check", "--json").json["ok"] is True


def _our_backup(cli: Cli) -> Path:
    assert cli.add("transition_case", factories.transition_case()).code == 0
    return Path(cli("backup", "--json").json["backup"])


def _hostile(source: Path, target: Path, *statements: str) -> Path:
    """A copy of our backup ``source`` (encrypted with its folder's key, as someone with the folder and its key
    could make one) changed by ``statements``."""
    shutil.copyfile(source, target)
    connection = raw_connection(target, folder=folder_of(source))
    connection.executescript(";\n".join(statements))
    connection.close()
    return target


def _assert_refused_and_untouched(cli: Cli, candidate: Path) -> None:
    database = cli.data_dir / "clerk.sqlite3"
    before = database.read_bytes()
    ids = _record_ids(cli)
    refused = cli("restore", str(candidate), "--json")
    assert refused.code == 3 and refused.json["errors"][0]["code"] == "backup_rejected", refused.out
    assert "不能用于恢复" in refused.json["errors"][0]["message"]
    assert database.read_bytes() == before
    assert not list(cli.data_dir.glob(".restore-quarantine-*"))
    # every later command works
    assert _record_ids(cli) == ids
    assert cli("check", "--json").json["ok"] is True
    assert cli.add("transition_case", factories.transition_case(id_number=factories.id_number(seq=50 + len(ids)))).code == 0


def test_an_impostor_with_our_table_names_is_refused(cli_with_institutions: Cli, tmp_path: Path) -> None:
    impostor = tmp_path / "impostor.sqlite3"
    connection = sqlite3.connect(impostor)
    connection.executescript(
        "CREATE TABLE alembic_version (version_num TEXT); INSERT INTO alembic_version VALUES ('0001');"
        "CREATE TABLE record_versions (x); CREATE TABLE audit_log (y);"
    )
    connection.close()
    _assert_refused_and_untouched(cli_with_institutions, impostor)


def test_a_file_with_a_trigger_copying_payloads_is_refused(cli_with_institutions: Cli, tmp_path: Path) -> None:
    cli = cli_with_institutions
    leaky = _hostile(
        _our_backup(cli),
        tmp_path / "leaky.sqlite3",
        "CREATE TABLE loot (payload TEXT)",
        "CREATE TRIGGER copy_out AFTER INSERT ON record_versions BEGIN INSERT INTO loot VALUES (NEW.payload); END",
        "CREATE TRIGGER on_counter AFTER UPDATE ON receipt_counters BEGIN INSERT INTO loot VALUES ('x'); END",
    )
    _assert_refused_and_untouched(cli, leaky)
    assert _count(leaky, "loot", cli.data_dir) == 0  # nothing of the file ran during the attempt


def test_a_file_without_the_append_only_triggers_is_refused(cli_with_institutions: Cli, tmp_path: Path) -> None:
    cli = cli_with_institutions
    source = _our_backup(cli)
    connection = raw_connection(source)
    triggers = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]
    connection.close()
    assert triggers
    open_file = _hostile(source, tmp_path / "open.sqlite3", *(f"DROP TRIGGER {name}" for name in triggers))
    _assert_refused_and_untouched(cli, open_file)


def test_an_extra_index_or_an_unknown_revision_is_refused(cli_with_institutions: Cli, tmp_path: Path) -> None:
    cli = cli_with_institutions
    source = _our_backup(cli)
    indexed = _hostile(source, tmp_path / "indexed.sqlite3", "CREATE INDEX extra ON audit_log (action)")
    with pytest.raises(backups.BackupRejected, match="index extra"):
        backups.check_backup_file(indexed, key=key_of(source))
    newer = _hostile(source, tmp_path / "newer.sqlite3", "UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(backups.BackupRejected, match="9999"):
        backups.check_backup_file(newer, key=key_of(source))
    backups.check_backup_file(source, key=key_of(source))


def test_an_extra_check_sees_the_quarantined_copy_and_can_refuse(db, records, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    records.add("transition_case", factories.transition_case(), operator="tester")
    copy = db.backup_now()
    db.close()
    before = db.path.read_bytes()
    seen: list[Path] = []

    def refuse(candidate: Path) -> None:
        seen.append(candidate)
        assert candidate.parent == db.path.parent and candidate != copy
        raise backups.BackupRejected("测试", "test")

    with pytest.raises(backups.BackupRejected):
        backups.restore(copy, db.path, db.backup_dir, key=db.key, extra_checks=[refuse])
    assert seen and not seen[0].exists()
    assert db.path.read_bytes() == before


def test_a_backup_from_an_older_schema_is_restored_and_brought_up_to_date(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from local_db import migrate
    from local_db.database import Database
    from local_db.engine import make_engine

    old = tmp_path / "old backup #1.sqlite3"
    engine = make_engine(old, key=db.key)
    try:
        migrate.upgrade(engine, old, tmp_path / "backups", key=db.key, target="0001")
    finally:
        engine.dispose()
    backups.check_backup_file(old, key=db.key)  # our schema as migration 0001 made it
    data_dir = db.data_dir
    key = db.key
    db.close()
    backups.restore(old, data_dir / "clerk.sqlite3", data_dir / "backups", key=key)
    reopened = Database(data_dir).open(write=True, operator="tester")
    try:
        assert not reopened.integrity_problems()
        with reopened.engine.connect() as connection:
            assert migrate.current_revision(reopened.engine) == migrate.head_revision()
            assert connection.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").scalar()
    finally:
        reopened.close()
