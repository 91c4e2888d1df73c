"""Completion lists as schools' tools write them (.xlsx with openpyxl, .xls with xlwt, .ods with odfpy, CSV in several
encodings), for tests and screenshots."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

from tests import factories

HEADINGS = [
    "序号", "*姓名", "身份证号码", "准驾车型", "培训类型", "培训机构名称", "结业证书编号", "培训开始日期", "培训结束日期", "结业日期",
    "手机号",
]


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], *, title: str | None = None) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    if title:
        sheet.append([title])
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def write_xls(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    """An Excel 97-2003 workbook as WPS and old Excel write it (xlwt): dates as date cells, numbers as numbers."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("结业名单")
    dated = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for r, line in enumerate(rows):
        for c, value in enumerate(line):
            if isinstance(value, (date, datetime)):
                sheet.write(r, c, value, dated)
            elif value is not None:
                sheet.write(r, c, value)
    book.save(str(path))
    return path


def write_ods(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    """An OpenDocument spreadsheet as LibreOffice and WPS write it (odfpy): typed cells with their text."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="结业名单")
    for line in rows:
        table_row = TableRow()
        for value in line:
            if value is None:
                cell = TableCell()
            elif isinstance(value, (date, datetime)):
                text = value.date().isoformat() if isinstance(value, datetime) else value.isoformat()
                cell = TableCell(valuetype="date", datevalue=text)
                cell.addElement(P(text=text))
            elif isinstance(value, (int, float)):
                cell = TableCell(valuetype="float", value=value)
                cell.addElement(P(text=str(value)))
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=str(value)))
            table_row.addElement(cell)
        table.addElement(table_row)
    document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


def write_csv(path: Path, rows: Sequence[Sequence[object]], encoding: str) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


SCHOOL = factories.DRIVING_SCHOOL["name"]
START, END, ASSESSED = factories.days_ago(60), factories.days_ago(20), factories.days_ago(10)


def person(seq: int) -> str:
    return factories.id_number(seq=seq)


def row(n: int, name: str, id_number: object, cert: object, **cells: object) -> list[object]:
    values = {
        "class": "B2", "scope": "一次报名、一次培训、一次考核", "school": SCHOOL,
        "start": date.fromisoformat(START), "end": date.fromisoformat(END), "assessed": datetime.fromisoformat(ASSESSED),
        "phone": None,
    } | cells
    return [
        n, name, id_number, values["class"], values["scope"], values["school"], cert,
        values["start"], values["end"], values["assessed"], values["phone"],
    ]


def serial(iso: str) -> int:
    return (date.fromisoformat(iso) - date(1899, 12, 30)).days


def damaged_list(path: Path) -> Path:
    """One row per kind of damage a school's Excel list arrives with (row numbers: title 1, headings 2)."""
    full_width_id = person(135).translate(str.maketrans("0123456789X", "０１２３４５６７８９ｘ"))
    spaced_id = person(246)[:6] + " " + person(246)[6:14] + "\u3000" + person(246)[14:]
    rows: list[Sequence[object]] = [
        HEADINGS,
        row(1, "张三", person(123), "JL-B2-001", phone=13800138000),  # 3 ready: real dates, phone as a number
        row(2, "李四", 1.1010519491231e17, "JL-B2-002"),  # 4 ID turned into a float
        row(3, "王五", "1.10105E+17", "JL-B2-003"),  # 5 ID as Excel's scientific text
        row(
            4, "王　六", full_width_id, "JL-B2-004",
            **{"class": "ｂ２", "start": serial(START), "end": serial(END), "assessed": serial(ASSESSED)},
        ),  # 6
        row(
            5, " 赵七 ", spaced_id, " JL-B2-005 ", start=START.replace("-", "/"), end=END.replace("-", ""),
            assessed="{}年{}月{}日".format(*map(int, ASSESSED.split("-"))),
        ),  # 7
        row(6, "孙八", person(357), "JL-B2-006", assessed="13/45/2026"),  # 8 a date nobody can read
        row(7, "张三", person(123), "jl-b2-001"),  # 9 row 3 again
        row(8, "张三", person(123), "JL-B2-009", assessed=factories.days_ago(15)),  # 10 near duplicate of row 3
        row(9, "周九", person(468), "JL-B2-001"),  # 11 row 3's certificate on another person
        row(10, "吴十", person(579), "JL-B2-011", school="不存在的驾校"),  # 12
        row(11, "郑十一", person(680), 1.2345678901234567e16),  # 13 certificate number turned into a float
        row(12, "冯\u200b十二", person(791), "JL-B2-013"),  # 14 an invisible character pasted in
        row(13, "陈十三", person(802), "JL-B2-014"),  # 15 already entered by hand
        row(14, "褚十四", person(913), "JL-B2-015", scope="仅培训从业资格", phone="１３９００１３９０００"),  # 16
    ]
    return write_xlsx(path, rows, title="长春市示例驾驶员培训学校 结业名单（虚构）")
