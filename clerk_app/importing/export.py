"""The refused rows of a list, written back as an .xlsx the school can correct and send again.

The school gets its own columns with the values as they came, plus why each
row was refused and in which cell. Columns of numbers that must stay text
(ID, phone, certificate numbers) are formatted as text, so that what the
school types there this time is not turned into a number again.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from clerk_app.importing.headings import ColumnMap

if TYPE_CHECKING:
    from clerk_app.importing.service import ImportRow

TEXT_FIELDS = ("id_number", "phone", "certificate_no")
HEADINGS = {"zh": ("未导入原因", "出错单元格", "原表行号"), "en": ("Reason not imported", "Cell", "Row in the list")}


def write_refused(path: Path, columns: ColumnMap, rows: Sequence[ImportRow], lang: str = "zh") -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "未导入" if lang == "zh" else "Not imported"
    width = len(columns.labels)
    sheet.append([*columns.labels, *HEADINGS.get(lang, HEADINGS["zh"])])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    text_columns = [columns.columns[f] + 1 for f in TEXT_FIELDS if f in columns.columns]
    for row in rows:
        sheet.append([*row.cells, row.reason(lang), row.first_cell() or "", row.number])
        for column in text_columns:
            cell = sheet.cell(row=sheet.max_row, column=column)
            cell.number_format = "@"
            if isinstance(cell.value, (int, float)):
                cell.value = f"{cell.value:.14G}" if isinstance(cell.value, float) else str(cell.value)
    for column in text_columns:
        sheet.column_dimensions[sheet.cell(row=1, column=column).column_letter].width = 22
    reason_column = sheet.cell(row=1, column=width + 1).column_letter
    sheet.column_dimensions[reason_column].width = 80
    for cell in sheet[reason_column][1:]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    workbook.save(path)
