"""The command line as halls script it: shapes, exit codes, and what reaches the log."""

from __future__ import annotations

import json
import subprocess
import sys

from clerk_app import __version__
from tests import factories
from tests.conftest import Cli


def test_version(cli: Cli, capsys) -> None:  # type: ignore[no-untyped-def]
    import pytest

    with pytest.raises(SystemExit) as done:
        cli("--version")
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"clerk-app {__version__}"


def test_add_prints_the_saved_record_and_show_finds_it(cli_with_institutions: Cli) -> None:
    cli = cli_with_institutions
    result = cli.add("training_completion", factories.training_completion(name=" 张三 ", phone="１３８００１３８０００"))
    assert result.code == 0, result.out
    saved = result.json
    assert set(saved) == {"record_id", "version", "receipt_no", "warnings"}
    assert saved["version"] == 1 and saved["warnings"] == []
    shown = cli("show", saved["receipt_no"], "--json").json
    assert shown["record_id"] == saved["record_id"]
    assert shown["versions"][0]["payload"]["name"] == "张三"
    assert shown["versions"][0]["payload"]["phone"] == "13800138000"
    assert [a["action"] for a in shown["audit"]] == ["save"]
    assert shown["audit"][0]["operator"] == "clerk01"


def test_refusal_prints_errors_exits_2_and_saves_nothing(cli_with_institutions: Cli) -> None:
    cli = cli_with_institutions
    bad = factories.training_completion(vehicle_class="C1", training_end=factories.days_ago(70))
    result = cli.add("training_completion", bad)
    assert result.code == 2
    errors = result.json["errors"]
    assert {e["field"] for e in errors} >= {"vehicle_class"}
    assert all(set(e) == {"field", "code", "message"} and e["message"] for e in errors)
    assert cli("list", "--json").json["total"] == 0
    english = cli("--lang", "en", "add", "training_completion", "--json", "-", stdin=json.dumps(bad))
    assert english.code == 2 and all(e["message"].isascii() for e in english.json["errors"])


def test_malformed_json_is_refused(cli: Cli) -> None:
    result = cli("add", "transition_case", "--json", "-", stdin='{"name": ')
    assert result.code == 2 and result.json["errors"][0]["code"] == "malformed_json"


def test_near_duplicate_needs_confirm_duplicate(cli_with_institutions: Cli) -> None:
    cli = cli_with_institutions
    assert cli.add("training_completion", factories.training_completion()).code == 0
    near = factories.training_completion(certificate_no="JL-B2-2026-000777")
    refused = cli.add("training_completion", near)
    assert refused.code == 2 and [e["code"] for e in refused.json["errors"]] == ["possible_duplicate"]
    confirmed = cli.add("training_completion", near, "--confirm-duplicate")
    assert confirmed.code == 0 and [w["code"] for w in confirmed.json["warnings"]] == ["possible_duplicate"]


def test_correct_void_search_and_list(cli_with_institutions: Cli) -> None:
    cli = cli_with_institutions
    saved = cli.add("transition_case", factories.transition_case()).json
    corrected = cli("correct", saved["record_id"], "--json", "-", "--reason", "补充材料",
                    stdin=json.dumps(factories.transition_case(note="已补充材料")))
    assert corrected.code == 0 and corrected.json["version"] == 2
    clerk = cli("void", saved["record_id"], "--reason", "重复")
    assert clerk.code == 2 and clerk.json["errors"][0]["code"] == "not_supervisor"
    wrong = cli("void", saved["record_id"], "--reason", "重复", operator="boss", password="nope-nope")
    assert wrong.code == 2 and wrong.json["errors"][0]["code"] == "wrong_password"
    voided = cli("void", saved["record_id"], "--reason", "重复登记", operator="boss")
    assert voided.code == 0 and voided.json["version"] == 3
    assert [i["record_id"] for i in cli("search", "阿依古丽", "--json").json["items"]] == [saved["record_id"]]
    listed = cli("list", "--state", "voided", "--json").json
    assert listed["total"] == 1 and listed["items"][0]["voided"] is True
    assert "阿依古丽·买买提" in cli("list").out  # the table a person reads


def test_institutions_add_updates_by_code(cli: Cli) -> None:
    payload = dict(factories.DRIVING_SCHOOL)
    assert cli("institutions", "add", "--json", "-", stdin=json.dumps(payload), operator="boss").code == 0
    payload["status"] = "suspended"
    assert cli("institutions", "add", "--json", "-", stdin=json.dumps(payload), operator="boss").code == 0
    items = cli("institutions", "list", "--json").json["items"]
    assert [(i["code"], i["status"]) for i in items] == [("JLDT0001", "suspended")]


def test_config_set_is_validated_and_changes_receipt_numbers(cli_with_institutions: Cli) -> None:
    cli = cli_with_institutions
    assert cli("config", "set", "hall.code", "220102", operator="boss").code == 0
    assert cli("config", "set", "window.code", "w03", operator="boss").json == {"window.code": "W03"}
    refused = cli("config", "set", "window.code", "窗口三", operator="boss")
    assert refused.code == 2 and refused.json["errors"][0]["code"] == "invalid_setting"
    assert cli("config", "set", "no.such", "1", operator="boss").json["errors"][0]["code"] == "unknown_setting"
    assert cli("config", "show", "--json").json["hall.code"] == "220102"
    receipt = cli.add("transition_case", factories.transition_case()).json["receipt_no"]
    assert receipt.startswith("220102-W03-")


def test_backup_restore_and_check(cli_with_institutions: Cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cli = cli_with_institutions
    first = cli.add("transition_case", factories.transition_case()).json
    backup = cli("backup", "--json").json["backup"]
    cli.add("transition_case", factories.transition_case(id_number=factories.id_number(seq=111)))
    assert cli("list", "--json").json["total"] == 2
    restored = cli("restore", backup, "--json", operator="boss")
    assert restored.code == 0, restored.out
    assert [i["record_id"] for i in cli("list", "--json").json["items"]] == [first["record_id"]]
    checked = cli("check", "--json")
    assert checked.code == 0 and {k: checked.json[k] for k in ("ok", "integrity", "audit")} == {
        "ok": True, "integrity": [], "audit": []
    }
    assert checked.json["platform_anchor"]["compared"] is False  # no platform set: said, not hidden
    # the receipt handed out after the backup (…-0002) is never issued again
    after = cli.add("transition_case", factories.transition_case(id_number=factories.id_number(seq=112))).json
    assert after["receipt_no"].endswith("-0003")
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database")
    refused = cli("restore", str(junk), operator="boss")
    assert refused.code == 3 and refused.json["errors"][0]["code"] == "backup_rejected"
    assert cli("list", "--json").json["total"] == 2  # the refused restore changed nothing


def test_database_in_use_is_exit_3_with_the_holder(cli: Cli, data_dir) -> None:  # type: ignore[no-untyped-def]
    from local_db.database import Database

    cli("list")  # the window is set up (its first supervisor, its hall) before another program holds it
    holder = Database(data_dir).open(write=True, operator="窗口甲")
    try:
        result = cli.add("transition_case", factories.transition_case())
        assert result.code == 3
        error = result.json["errors"][0]
        assert error["code"] == "db_in_use" and "窗口甲" in error["message"]
    finally:
        holder.close()


def test_personal_data_never_reaches_the_log(cli_with_institutions: Cli, data_dir) -> None:  # type: ignore[no-untyped-def]
    cli = cli_with_institutions
    payload = factories.training_completion()
    cli.add("training_completion", payload)
    cli.add("training_completion", payload)  # refused duplicate: logged too
    cli("search", payload["id_number"], "--json")
    log_text = (data_dir / "logs" / "clerk-app.log").read_text(encoding="utf-8")
    assert "add saved record" in log_text
    assert payload["id_number"] not in log_text and payload["phone"] not in log_text


def test_no_display_is_one_clear_line(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.cli.main import main

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert main([]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "clerk-app --help" in err[0]


def test_the_command_line_loads_no_heavy_library_until_a_command_needs_it() -> None:
    # The window starts through this module too: spreadsheets, PDFs, HTTP and the platform server wait.
    code = (
        "import sys, clerk_app.cli.main; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'openpyxl', 'reportlab', 'requests', 'flask', 'alembic', 'PySide6'}))"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]", shown.stdout + shown.stderr
