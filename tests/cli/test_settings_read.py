"""Settings are checked by their own rule whenever they are read (issue 23 item 3): one bad value in the file is a
message naming the key, exit 3, never an exit 70, and setting it again is the way back."""

from __future__ import annotations

import pytest

from clerk_app.services.settings import SPECS, SettingsService
from local_db.database import Database
from tests.conftest import Cli
from tests.db_files import raw_connection

GOOD = {
    "ce.rule": '{"hours_required": 24, "cycle_years": 2, "max_online_hours": 18, "min_offline_hours": 6}',
    "qualification.max_age": "60", "ui.idle_lock_minutes": "5", "ui.language": "en", "upload.auto": "off",
    "upload.batch_size": "100", "platform.url": "https://platform.example.cn/api/v1", "platform.account": "win01",
    "printer.offsets": '{"证书打印机": [1.5, -2.0]}', "print.certificate_stock": "on",
}


def test_every_setting_a_supervisor_sets_reads_back(db: Database) -> None:
    settings = SettingsService(db)
    for key, text in GOOD.items():
        settings.set(key, text, operator="tester")
    values = settings.all()
    assert set(values) == set(SPECS)
    assert values["upload.batch_size"] == 100 and values["upload.auto"] is False


@pytest.mark.parametrize(("key", "stored"), [("window.code", "not json"), ("upload.batch_size", "99999"),
                                              ("upload.auto", '"yes"'), ("hall.code", '"bad code!"')])
def test_a_setting_changed_in_the_file_is_named_never_exit_70(cli: Cli, key: str, stored: str) -> None:
    cli("list")  # set up
    connection = raw_connection(cli.data_dir)
    try:
        connection.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, stored))
        connection.commit()
    finally:
        connection.close()
    for args in (("config", "show", "--json"), ("status", "--json")):
        result = cli(*args)
        assert result.code == 3 and result.err == "", (args, result.code, result.err)
        assert result.json["errors"][0]["code"] == "setting_unreadable" and key in result.json["errors"][0]["message"]
    value = {"window.code": "01", "upload.batch_size": "500", "upload.auto": "on", "hall.code": "220100"}[key]
    assert cli("config", "set", key, value).code == 0
    assert cli("config", "show", "--json").code == 0
