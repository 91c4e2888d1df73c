"""Every school's file (issue 21 item 4): one list as .xlsx, .xls, .ods and CSV in each encoding reads the same,
imports the same, and out-of-order rows keep their places (issue 23 item 14)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from clerk_app.importing.reading import ImportRefused
from clerk_app.importing.service import ImportService
from clerk_app.services.records import RecordService
from tests.conftest import Cli
from tests.importing.lists import (
    ASSESSED,
    HEADINGS,
    person,
    row,
    write_csv,
    write_ods,
    write_xls,
    write_xlsx,
)

ROWS = [HEADINGS, *(row(n, f"学员{n}", person(500 + n), f"JL-B2-{n:04d}", phone=f"1390000{n:04d}") for n in range(1, 6))]
WRITERS: dict[str, Callable[[Path], Path]] = {
    "xlsx": lambda folder: write_xlsx(folder / "list.xlsx", ROWS, title="示例驾校结业名单"),
    "xls": lambda folder: write_xls(folder / "list.xls", [["示例驾校结业名单"], *ROWS]),
    "ods": lambda folder: write_ods(folder / "list.ods", [["示例驾校结业名单"], *ROWS]),
}
CSV_ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (BOM)", "gb18030": "GB18030", "gbk": "GB18030", "utf-16": "UTF-16 (BOM)"}


def _as_csv_text(rows: list[list[object]]) -> list[list[object]]:
    return [[value.isoformat()[:10] if isinstance(value, date) else value for value in line] for line in rows]


@pytest.mark.parametrize("kind", [*WRITERS, *(f"csv-{e}" for e in CSV_ENCODINGS)])
def test_one_list_in_every_format_reads_and_imports_the_same(
    tmp_path: Path, importer: ImportService, records: RecordService, kind: str
) -> None:
    if kind.startswith("csv-"):
        encoding = kind.removeprefix("csv-")
        path = write_csv(tmp_path / "list.csv", _as_csv_text([["示例驾校结业名单"], *ROWS]), encoding)
    else:
        path = WRITERS[kind](tmp_path)
    sheet = importer.read(path)
    assert sheet.file_type == kind.split("-")[0] and sheet.header_row == 2
    if kind.startswith("csv-"):
        assert sheet.encoding == CSV_ENCODINGS[kind.removeprefix("csv-")]
    assert [number for number, _ in sheet.rows] == [3, 4, 5, 6, 7]
    preview = importer.preview(sheet, importer.columns_for(sheet))
    assert [(r.outcome, r.first_cell()) for r in preview.rows] == [("ready", None)] * 5, [r.errors for r in preview.rows]
    assert len(importer.import_rows(preview, operator="clerk01")) == 5
    saved = {s.name: s for s in records.list()}
    assert sorted(saved) == [f"学员{n}" for n in range(1, 6)]
    (first,) = records.search(person(501))
    payload = records.get(first.record_id).versions[-1].payload  # type: ignore[union-attr]
    assert payload["assessment_date"] == ASSESSED and payload["phone"] == "13900000001"
    assert payload["certificate_no"] == "JL-B2-0001" and payload["institution_code"] == "JLDT0001"


def test_a_cell_excel_destroyed_is_refused_in_every_format_with_its_cell(tmp_path: Path, importer: ImportService) -> None:
    rows = [HEADINGS, row(1, "李四", 1.1010519491231e17, "JL-1")]
    for path in (write_xlsx(tmp_path / "a.xlsx", rows), write_xls(tmp_path / "a.xls", rows), write_ods(tmp_path / "a.ods", rows)):
        sheet = importer.read(path)
        (found,) = importer.preview(sheet, importer.columns_for(sheet)).rows
        assert [(p.problem.code, p.cell) for p in found.errors] == [("import_digits_lost", "C2")], path.suffix


def test_a_list_starting_right_of_column_a_keeps_its_cell_letters(tmp_path: Path, importer: ImportService) -> None:
    rows = [[None, None, *HEADINGS], [None, None, *row(1, "李四", "123", "JL-1")]]
    for path in (write_xlsx(tmp_path / "b.xlsx", [[], *rows]), write_xls(tmp_path / "b.xls", [[], *rows])):
        sheet = importer.read(path)
        assert sheet.header_row == 2
        (found,) = importer.preview(sheet, importer.columns_for(sheet)).rows
        assert found.number == 3 and found.first_cell() == "E3", path.suffix


def _reorder(path: Path) -> Path:
    """The sheet's rows stored as 1, 13, 12, ..., 2 (a tool writing rows in the order it meets them)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    rows = re.findall(r"<row .*?</row>", xml)
    xml = xml.replace("".join(rows), rows[0] + "".join(reversed(rows[1:])))
    parts["xl/worksheets/sheet1.xml"] = re.sub(r'<dimension ref="[^"]*"\s*/>', "", xml).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def test_rows_stored_out_of_order_are_each_read_in_their_place(tmp_path: Path, cli_with_institutions: Cli) -> None:
    """Issue 23 item 14: the report said 1 row, exit 0, and 11 of 12 were lost."""
    lines = [HEADINGS, *(row(n, f"学员{n}", person(600 + n), f"JL-R-{n:04d}") for n in range(1, 13))]
    path = _reorder(write_xlsx(tmp_path / "reordered.xlsx", lines))
    stored = re.findall(rb'<row r="([0-9]+)"', zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml"))
    assert stored == [b"1", *(str(n).encode() for n in range(13, 1, -1))]
    result = cli_with_institutions("import", str(path), "--json")
    assert result.code == 0, result.out
    assert result.json["summary"]["rows"] == 12 and result.json["summary"]["imported"] == 12
    assert [(r["row"], r["name"]) for r in result.json["rows"]] == [(n + 1, f"学员{n}") for n in range(1, 13)]
    assert cli_with_institutions("list", "--json").json["total"] == 12


def test_the_command_line_imports_xls_ods_and_utf16_csv(tmp_path: Path, cli_with_institutions: Cli) -> None:
    paths = [
        write_xls(tmp_path / "a.xls", [HEADINGS, row(1, "甲", person(701), "JL-X-1")]),
        write_ods(tmp_path / "b.ods", [HEADINGS, row(1, "乙", person(702), "JL-X-2")]),
        write_csv(tmp_path / "c.csv", _as_csv_text([HEADINGS, row(1, "丙", person(703), "JL-X-3")]), "utf-16"),
    ]
    for path in paths:
        result = cli_with_institutions("import", str(path), "--json")
        assert result.code == 0 and result.json["summary"]["imported"] == 1, result.out
    assert cli_with_institutions("list", "--json").json["total"] == 3


def test_an_undecodable_csv_is_refused_with_a_message_naming_the_encodings(tmp_path: Path, importer: ImportService) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(b"\xff\xff\xff\xfe\x80\x81" * 10)
    with pytest.raises(ImportRefused) as refused:
        importer.read(path)
    (found,) = refused.value.problems
    assert found.code == "import_encoding" and "GB18030" in found.message_zh and "UTF-16" in found.message_zh


def test_a_workbook_counting_dates_from_1904_gives_its_date_serials_their_days(tmp_path: Path, importer: ImportService) -> None:
    from openpyxl import Workbook
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    workbook = Workbook()
    workbook.epoch = CALENDAR_MAC_1904  # old Mac Excel
    sheet = workbook.active
    assert sheet is not None
    assessed = (date.fromisoformat(ASSESSED) - date(1904, 1, 1)).days
    for line in (HEADINGS, row(1, "李四", person(901), "JL-1904", assessed=assessed)):
        sheet.append(list(line))
    workbook.save(tmp_path / "mac.xlsx")
    read = importer.read(tmp_path / "mac.xlsx")
    (found,) = importer.preview(read, importer.columns_for(read)).rows
    assert found.outcome == "ready" and found.payload["assessment_date"] == ASSESSED
