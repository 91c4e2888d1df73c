"""Reading the first worksheet of an .xlsx, .xls or .ods with python-calamine (a Rust reader), after its checks.

calamine reads the cached values of formula cells (a formula never comes
through live), places every row and cell by its reference (rows stored out of
order, 1, 13, 12, ..., 2, all arrive in their places), skips formatted empty
cells, and expands no XML entity (an undeclared one is an error; declared ones
never reach it: ``packages`` refuses any document type first). It lays the
sheet out as a grid, so its extent is checked before it opens the file
(``packages`` for zipped workbooks, ``biff`` for .xls).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl.utils.datetime import CALENDAR_MAC_1904
from python_calamine import CalamineError, CalamineWorkbook, PasswordError, XmlError, ZipError

from clerk_app.importing import biff, packages
from clerk_app.importing.limits import KINDS, ImportRefused, refuse


def read(path: Path, kind: str) -> tuple[str, list[tuple[int, tuple[object, ...]]], datetime | None]:
    """(sheet name, [(row number, cells)], date epoch) of the first worksheet; raises ImportRefused."""
    name = path.name
    epoch = None
    if kind == "xls":
        biff.check(path)
    else:
        package = packages.check(path, kind)
        epoch = CALENDAR_MAC_1904 if package.date1904 else None
    try:
        with CalamineWorkbook.from_path(str(path)) as workbook:
            sheet = workbook.get_sheet_by_index(0)
            # The whole grid from A1, so each row keeps its number and each cell its column letter.
            grid = sheet.to_python(skip_empty_area=False)
            lines: list[tuple[int, tuple[object, ...]]] = [(number, tuple(cells)) for number, cells in enumerate(grid, start=1)]
            return sheet.name, lines, epoch
    except ImportRefused:
        raise
    except PasswordError as error:
        raise refuse("import_password", name) from error
    except XmlError as error:
        raise refuse("import_unsafe_workbook", name) from error
    except (ZipError, CalamineError, ValueError, IndexError, OverflowError) as error:
        raise refuse("import_not_a_workbook", name, kind=KINDS[kind]) from error
    except BaseException as error:  # a panic inside the Rust reader arrives as pyo3's PanicException
        if type(error).__name__ != "PanicException":
            raise
        raise refuse("import_not_a_workbook", name, kind=KINDS[kind]) from error
