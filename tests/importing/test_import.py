"""Completion lists as schools send them, damage included: each row's outcome, what is saved, and re-import."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from clerk_app.importing.reading import ImportRefused
from clerk_app.importing.service import ImportService
from clerk_app.services.records import RecordService
from tests import factories
from tests.importing.lists import (
    ASSESSED,
    END,
    HEADINGS,
    START,
    damaged_list,
    person,
    row,
    serial,
    write_csv,
    write_xlsx,
)

EXPECTED = {
    3: ("ready", []),
    4: ("refused", [("import_digits_lost", "C4")]),
    5: ("refused", [("import_digits_lost", "C5")]),
    6: ("ready", []),
    7: ("ready", []),
    8: ("refused", [("invalid_date", "J8")]),
    9: ("already_there", [("import_repeated_in_file", "G9")]),
    10: ("warning", []),
    11: ("refused", [("import_certificate_in_file", "G11")]),
    12: ("refused", [("unknown_institution", "F12")]),
    13: ("refused", [("import_digits_lost", "G13")]),
    14: ("refused", [("control_characters", "B14")]),
    15: ("already_there", [("duplicate_record", "G15")]),
    16: ("ready", []),
}


def test_every_kind_of_damage_gets_its_outcome_cell_and_reason(tmp_path: Path, importer: ImportService, records: RecordService) -> None:
    hand = factories.training_completion(name="陈十三", id_number=person(802), certificate_no="JL-B2-014")
    assert records.add("training_completion", hand, operator="clerk01").ok
    sheet = importer.read(damaged_list(tmp_path / "list.xlsx"))
    assert sheet.header_row == 2
    preview = importer.preview(sheet, importer.columns_for(sheet))
    assert preview.columns.ignored == ("序号",)
    found = {r.number: (r.outcome, [(p.problem.code, p.cell) for p in r.errors]) for r in preview.rows}
    assert found == EXPECTED
    by_number = {r.number: r for r in preview.rows}
    assert [p.problem.code for p in by_number[10].warnings] == ["import_near_duplicate_in_file"]
    assert "第 3 行" in by_number[10].warnings[0].problem.message_zh
    digits = by_number[4].errors[0].problem
    assert "1.1010519491231E+17" in digits.message_zh and "文本" in digits.message_zh
    assert "text" in digits.message_en

    imported = importer.import_rows(preview, operator="clerk01")
    assert sorted(r.number for r in imported) == [3, 6, 7, 16]
    assert all(r.receipt_no and r.record_id for r in imported)
    saved = {r.number: records.get(r.record_id or "") for r in imported}
    payloads = {n: d.versions[-1].payload for n, d in saved.items() if d}
    assert payloads[3]["phone"] == "13800138000" and payloads[3]["training_scope"] == "full"
    assert payloads[3]["institution_code"] == "JLDT0001" and payloads[3]["assessment_date"] == ASSESSED
    assert payloads[6]["name"] == "王六" and payloads[6]["id_number"] == person(135) and payloads[6]["vehicle_class"] == "B2"
    assert (payloads[6]["training_start"], payloads[6]["training_end"], payloads[6]["assessment_date"]) == (START, END, ASSESSED)
    assert payloads[7]["name"] == "赵七" and payloads[7]["id_number"] == person(246)
    assert payloads[7]["certificate_no"] == "JL-B2-005" and payloads[7]["assessment_date"] == ASSESSED
    assert payloads[16]["training_scope"] == "qualification_only" and payloads[16]["phone"] == "13900139000"
    assert records.count() == 5


def test_reimporting_the_same_file_adds_nothing_and_says_which_rows_were_there(
    tmp_path: Path, importer: ImportService, records: RecordService
) -> None:
    path = damaged_list(tmp_path / "list.xlsx")
    sheet = importer.read(path)
    first = importer.preview(sheet, importer.columns_for(sheet))
    confirmed = [r.number for r in first.rows if r.outcome == "warning"]
    assert len(importer.import_rows(first, operator="clerk01", confirmed=confirmed)) == 6  # with the near duplicate
    before = records.count()
    again = importer.preview(importer.read(path), importer.columns_for(sheet))
    outcomes = {r.number: r.outcome for r in again.rows}
    assert [n for n, o in outcomes.items() if o == "already_there"] == [3, 6, 7, 9, 10, 15, 16]
    assert importer.import_rows(again, operator="clerk01") == []
    assert records.count() == before


def test_the_database_changing_after_the_preview_is_noticed_before_saving(
    tmp_path: Path, importer: ImportService, records: RecordService
) -> None:
    path = write_xlsx(tmp_path / "two.xlsx", [HEADINGS, row(1, "张三", person(123), "A-1"), row(2, "李四", person(456), "A-2")])
    preview = importer.preview(importer.read(path), importer.columns_for(importer.read(path)))
    assert [r.outcome for r in preview.rows] == ["ready", "ready"]
    typed = factories.training_completion(name="李四", id_number=person(456), certificate_no="A-2")
    assert records.add("training_completion", typed, operator="clerk01").ok  # typed at the counter meanwhile
    imported = importer.import_rows(preview, operator="clerk01")
    assert [r.number for r in imported] == [2]
    assert [r.outcome for r in preview.rows] == ["imported", "already_there"]
    assert records.count() == 2


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_each_encoding_chinese_excel_writes(tmp_path: Path, importer: ImportService, records: RecordService, encoding: str) -> None:
    rows = [
        ["姓名", "公民身份号码", "培训车型", "培训类型", "机构代码", "证书编号", "培训开始", "培训结束", "考核日期", "联系电话"],
        ["欧阳·买买提", f'="{person(123)}"', "A2", "full", "jldt0001", "C-1", START, END, str(serial(ASSESSED)), "13800138000"],
        ["王䶮", person(456), "B2", "qualification_only", "JLDT0001", "C-2", START, END, ASSESSED, ""],
        ["李四", "1.10105E+17", "B2", "full", "JLDT0001", "C-3", START, END, ASSESSED, ""],
    ]
    path = write_csv(tmp_path / "list.csv", rows, encoding)
    sheet = importer.read(path)
    assert sheet.encoding == {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (BOM)", "gb18030": "GB18030"}[encoding]
    preview = importer.preview(sheet, importer.columns_for(sheet))
    assert [(r.outcome, r.first_cell()) for r in preview.rows] == [("ready", None), ("ready", None), ("refused", "B4")]
    importer.import_rows(preview, operator="clerk01")
    names = sorted(s.name for s in records.list())
    assert names == ["欧阳·买买提", "王䶮"]
    (first,) = records.search(person(123))
    assert first.institution_code == "JLDT0001"


def test_a_file_in_no_known_encoding_or_not_a_workbook_is_refused_whole(tmp_path: Path, importer: ImportService) -> None:
    garbled = tmp_path / "garbled.csv"
    garbled.write_bytes("姓名,身份证号\n".encode("gb18030") + b"\x81\x30\xff\xfe\x80\n")
    renamed = tmp_path / "list.xlsx"
    renamed.write_text("姓名,身份证号\n", encoding="utf-8")
    old = tmp_path / "list.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    text = tmp_path / "list.txt"
    text.write_text("姓名\n", encoding="utf-8")
    cases = ((garbled, "import_encoding"), (renamed, "import_not_a_workbook"), (old, "import_not_a_workbook"),
             (text, "import_file_type"))
    for path, code in cases:
        with pytest.raises(ImportRefused) as refused:
            importer.read(path)
        assert [p.code for p in refused.value.problems] == [code]
        assert path.name in refused.value.problems[0].message_zh


def test_unknown_columns_are_mapped_once_and_remembered_for_the_school(tmp_path: Path, importer: ImportService, db: object) -> None:
    headings = ["学生名字", "身份证", "车型", "类型", "机构代码", "结业证号", "开课日期", "结课日期", "结业日期", "备注"]
    path = write_xlsx(tmp_path / "odd.xlsx", [headings, ["张三", person(123), "B2", "full", "JLDT0001", "C-1", START, END, ASSESSED, "x"]])
    sheet = importer.read(path)
    columns = importer.columns_for(sheet)
    assert columns.missing == ["name", "training_scope", "training_start", "training_end"]
    with pytest.raises(ImportRefused) as refused:
        importer.preview(sheet, columns)
    assert "「姓名」" in refused.value.problems[0].message_zh and "「培训开始日期」" in refused.value.problems[0].message_zh
    given = {"学生名字": "name", "类型": "training_scope", "开课日期": "training_start", "结课日期": "training_end"}
    mapped = importer.columns_for(sheet, given)
    assert mapped.missing == [] and mapped.ignored == ("备注",)
    importer.remember(sheet, mapped, operator="clerk01")
    later = ImportService(db).columns_for(importer.read(path))  # type: ignore[arg-type]
    assert later.columns == mapped.columns
    assert [r.outcome for r in importer.preview(sheet, later).rows] == ["ready"]


def test_refused_rows_go_back_to_the_school_with_reason_and_cell(tmp_path: Path, importer: ImportService) -> None:
    sheet = importer.read(damaged_list(tmp_path / "list.xlsx"))
    preview = importer.preview(sheet, importer.columns_for(sheet))
    out = tmp_path / "refused.xlsx"
    assert importer.export_refused(preview, out) == 7
    book = load_workbook(out)
    sheet_out = book.active
    assert sheet_out is not None
    lines = list(sheet_out.iter_rows(values_only=True))
    assert lines[0][-3:] == ("未导入原因", "出错单元格", "原表行号")
    assert [line[-1] for line in lines[1:]] == [4, 5, 8, 11, 12, 13, 14]
    first = lines[1]
    assert first[1] == "李四" and first[-2] == "C4" and "文本" in str(first[-3])
    assert sheet_out["C2"].number_format == "@" and sheet_out["C2"].value == "1.1010519491231E+17"


def test_a_refused_row_fixed_in_place_becomes_ready(tmp_path: Path, importer: ImportService) -> None:
    sheet = importer.read(damaged_list(tmp_path / "list.xlsx"))
    preview = importer.preview(sheet, importer.columns_for(sheet))
    broken = next(r for r in preview.rows if r.number == 4)
    importer.set_cell(preview, broken, preview.columns.columns["id_number"], person(147))
    assert broken.outcome == "ready" and broken.errors == []
    stolen = next(r for r in preview.rows if r.number == 11)
    importer.set_cell(preview, stolen, preview.columns.columns["certificate_no"], "JL-B2-099")
    assert stolen.outcome == "ready"
