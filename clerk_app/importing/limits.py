"""How large a school's list may be, and the refusal every reader raises.

A completion list is a few hundred rows of about a dozen columns; a whole
city's year is some tens of thousands. Anything far beyond that is a damaged
or hostile file, refused with a message before it can take the machine's
memory or minutes: a 103 KB workbook whose one shared string unpacks to
100 MB, a 5 KB .xls or 1.5 KB .ods claiming a cell 65,536 rows or 16,384
columns away (a reader lays the sheet out as a full grid: gigabytes), a
million-row CSV.
"""

from __future__ import annotations

from typing import Final

from clerk_app.domain.problems import Problem, problem

MAX_FILE_BYTES: Final = 20 * 1024 * 1024  # on disk: a 50,000-row list is 3 MB as .xlsx, 8 MB as .csv
MAX_ROWS: Final = 50_000  # rows with something in them (title and headings included)
MAX_COLUMNS: Final = 200  # a completion list has about a dozen columns
MAX_CELLS: Final = 2_000_000  # the grid a reader lays out (rows x columns up to the farthest cell with a value)
MAX_TEXT: Final = 32_767  # characters in one cell: Excel's own limit
MAX_PART_BYTES: Final = 128 * 1024 * 1024  # one part of a zipped workbook, unpacked
MAX_UNPACKED_BYTES: Final = 256 * 1024 * 1024  # all parts together
MAX_RATIO: Final = 200  # unpacked / packed for a part over 1 MB (worksheets pack about 10-20 to 1)
MAX_PARTS: Final = 10_000

# The kinds of file a list may be, by extension, as named in messages.
KINDS: Final = {
    "xlsx": ("Excel 工作簿（.xlsx）", "Excel workbook (.xlsx)"),
    "xls": ("Excel 97-2003 工作簿（.xls）", "Excel 97-2003 workbook (.xls)"),
    "ods": ("OpenDocument 表格（.ods）", "OpenDocument spreadsheet (.ods)"),
    "csv": ("CSV 文件（.csv）", "CSV file (.csv)"),
}
SUFFIXES: Final = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".ods": "ods", ".csv": "csv"}


class ImportRefused(Exception):
    """The file as a whole cannot be imported; nothing was changed."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.code for p in problems))
        self.problems = problems


def refuse(code: str, name: str, **params: object) -> ImportRefused:
    """The refusal of the file ``name`` (its name, as shown to the clerk) with one problem."""
    return ImportRefused([problem(code, None, path=name, **params)])


def too_large(name: str, what: tuple[str, str], limit_bytes: int) -> ImportRefused:
    return refuse("import_too_large", name, what=what, limit=f"{limit_bytes // (1024 * 1024)} MB")


def too_many_rows(name: str, rows: int) -> ImportRefused:
    return refuse("import_too_many_rows", name, rows=rows, limit=MAX_ROWS)


def too_many_columns(name: str, columns: int) -> ImportRefused:
    return refuse("import_too_many_columns", name, columns=columns, limit=MAX_COLUMNS)


def check_extent(name: str, rows: int, columns: int) -> None:
    """Refuse a sheet whose cells with values reach beyond the caps (checked before any reader lays it out)."""
    if columns > MAX_COLUMNS:
        raise too_many_columns(name, columns)
    if rows > MAX_ROWS * 2 or rows * columns > MAX_CELLS:  # rows beyond the cap may still be blank ones
        raise too_many_rows(name, rows)
