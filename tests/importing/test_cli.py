"""``clerk-app import`` as a hall's script runs it: JSON report, exit codes, dry run, mapping file, duplicates."""

from __future__ import annotations

import json
from pathlib import Path

from tests import factories
from tests.conftest import Cli
from tests.importing.lists import ASSESSED, END, HEADINGS, SCHOOL, START, write_xlsx


def line(n: int, seq: int, cert: str, assessed: str = ASSESSED, id_number: object = None) -> list[object]:
    id_number = id_number or factories.id_number(seq=seq)
    return [n, f"学员{n}", id_number, "B2", "full", SCHOOL, cert, START, END, assessed, None]


def listing(path: Path, *lines: list[object]) -> str:
    return str(write_xlsx(path, [HEADINGS, *lines]))


def test_import_prints_the_per_row_report_and_reimport_adds_nothing(tmp_path: Path, cli_with_institutions: Cli) -> None:
    cli = cli_with_institutions
    path = listing(tmp_path / "ok.xlsx", line(1, 101, "C-1"), line(2, 102, "C-2"))
    dry = cli("import", path, "--dry-run", "--json")
    assert dry.code == 0, dry.out
    assert dry.json["summary"]["dry_run"] is True and dry.json["summary"]["ready"] == 2
    assert cli("list", "--json").json["total"] == 0

    done = cli("import", path, "--json")
    assert done.code == 0, done.out
    report = done.json
    assert report["summary"] | {"columns": None} == {
        "file": "ok.xlsx", "file_type": "xlsx", "encoding": None, "sheet": "Sheet", "header_row": 1, "columns": None,
        "ignored_columns": ["序号"], "rows": 2, "ready": 0, "warning": 0, "refused": 0, "already_there": 0,
        "imported": 2, "dry_run": False,
    }
    first = report["rows"][0]
    assert first["row"] == 2 and first["outcome"] == "imported" and first["errors"] == []
    shown = cli("show", first["receipt_no"], "--json").json
    assert shown["record_id"] == first["record_id"] and shown["name"] == "学员1"

    again = cli("import", path, "--json")
    assert again.code == 0
    assert [r["outcome"] for r in again.json["rows"]] == ["already_there", "already_there"]
    assert again.json["rows"][0]["errors"][0]["code"] == "duplicate_record"
    assert cli("list", "--json").json["total"] == 2


def test_rows_left_over_give_exit_1_and_confirm_duplicates_imports_the_warnings(tmp_path: Path, cli_with_institutions: Cli) -> None:
    cli = cli_with_institutions
    path = listing(
        tmp_path / "mixed.xlsx",
        line(1, 101, "C-1"),
        line(2, 101, "C-2", assessed=factories.days_ago(12)),  # same person, school and class within 30 days
        line(3, 103, "C-3", id_number=1.1010519491231e17),
    )
    result = cli("import", path, "--json", "--export-refused", str(tmp_path / "back.xlsx"))
    assert result.code == 1
    rows = result.json["rows"]
    assert [r["outcome"] for r in rows] == ["imported", "warning", "refused"]
    assert rows[2]["errors"] == [
        {"field": "id_number", "cell": "C4", "code": "import_digits_lost", "message": rows[2]["errors"][0]["message"]}
    ]
    assert (tmp_path / "back.xlsx").exists()
    english = cli("--lang", "en", "import", path, "--dry-run", "--json")
    assert "format the column as text" in english.json["rows"][2]["errors"][0]["message"]

    confirmed = cli("import", path, "--json", "--confirm-duplicates")
    assert confirmed.code == 1  # the ID Excel destroyed is still left
    assert [r["outcome"] for r in confirmed.json["rows"]] == ["already_there", "imported", "refused"]
    assert cli("list", "--json").json["total"] == 2


def test_a_mapping_file_maps_odd_headings_and_a_bad_one_is_refused(tmp_path: Path, cli_with_institutions: Cli) -> None:
    cli = cli_with_institutions
    headings = ["学生", "证件", "车型", "班型", "驾校", "证号", "开课", "结课", "结业日期"]
    row = ["张三", factories.id_number(), "B2", "full", "JLDT0001", "C-1", START, END, ASSESSED]
    path = str(write_xlsx(tmp_path / "odd.xlsx", [headings, row]))
    missing = cli("import", path, "--json")
    assert missing.code == 2 and missing.json["errors"][0]["code"] == "import_missing_columns"

    mapping = tmp_path / "mapping.json"
    columns = {
        "学生": "name", "证件": "id_number", "班型": "training_scope", "证号": "certificate_no",
        "开课": "training_start", "结课": "training_end",
    }
    mapping.write_text(json.dumps(columns, ensure_ascii=False), encoding="utf-8")
    done = cli("import", path, "--mapping", str(mapping), "--json")
    assert done.code == 0, done.out
    assert done.json["summary"]["imported"] == 1
    assert cli("import", path, "--dry-run", "--json").json["rows"][0]["outcome"] == "already_there"  # remembered

    mapping.write_text(json.dumps({"班型": "scope"}), encoding="utf-8")
    bad = cli("import", path, "--mapping", str(mapping), "--json")
    assert bad.code == 2 and bad.json["errors"][0]["code"] == "import_mapping_invalid"
    unreadable = cli("import", str(tmp_path / "missing.csv"), "--json")
    assert unreadable.code == 2 and unreadable.json["errors"][0]["code"] == "file_unreadable"


def test_an_unknown_operator_imports_nothing(tmp_path: Path, cli_with_institutions: Cli) -> None:
    cli = cli_with_institutions
    path = listing(tmp_path / "ok.xlsx", line(1, 101, "C-1"))
    refused = cli("import", path, "--json", operator="stranger", password="a-guess")
    assert refused.code == 2 and refused.json["errors"][0]["code"] == "wrong_password"
    assert cli("list", "--json").json["total"] == 0
