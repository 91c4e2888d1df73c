"""Files beside the database (issue 23 items 19, 21): a -shm left read-only from a read-only time is made writable
when the database's mode is put right, and links put into the data folder are never followed when writing."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from clerk_app.logs import setup_logging
from local_db.database import Database
from tests import factories
from tests.conftest import Cli


def test_a_shm_left_read_only_is_made_writable_with_its_database(cli: Cli) -> None:
    cli("list")  # set up
    database = cli.data_dir / "clerk.sqlite3"
    holder = Database(cli.data_dir).open(write=False)  # the window keeps it open, so -shm stays
    try:
        with holder.read() as session:
            session.connection().exec_driver_sql("SELECT count(*) FROM records").scalar()
        shm = database.with_name(database.name + "-shm")
        assert shm.exists()
        os.chmod(shm, 0o400)  # as SQLite left it while the database itself was 0400
        reopened = Database(cli.data_dir).open(write=True, operator="boss")
        reopened.close()
        assert stat.S_IMODE(os.stat(shm).st_mode) == 0o600
    finally:
        holder.close()
    assert cli.add("transition_case", factories.transition_case()).code == 0


def test_links_in_the_data_folder_are_not_followed_when_writing(cli: Cli, tmp_path: Path) -> None:
    cli("list")  # set up
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victim = elsewhere / "victim.txt"
    victim.write_text("untouched", encoding="utf-8")
    owner = cli.data_dir / "clerk.sqlite3.owner.json"
    owner.unlink(missing_ok=True)
    owner.symlink_to(victim)
    lock = cli.data_dir / "clerk.sqlite3.lock"
    lock.unlink(missing_ok=True)
    lock.symlink_to(victim)
    logs = cli.data_dir / "logs"
    for old in logs.glob("*"):
        old.unlink()
    logs.rmdir()
    logs.symlink_to(elsewhere, target_is_directory=True)
    backups = cli.data_dir / "backups"
    for old in backups.glob("*"):
        old.unlink()
    backups.rmdir()
    backups.symlink_to(elsewhere, target_is_directory=True)
    setup_logging(cli.data_dir)
    assert cli("backup", "--json", operator="boss").code == 0
    assert cli.add("transition_case", factories.transition_case()).code == 0
    assert victim.read_text(encoding="utf-8") == "untouched"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["victim.txt"]  # no log, no backup written through a link
    for path in (owner, logs, backups):
        assert not path.is_symlink()
