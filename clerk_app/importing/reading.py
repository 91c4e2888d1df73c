"""Reading a school's list (.xlsx, .xls, .ods or .csv) into rows of raw cells, with the line each came from.

One reader for every format: spreadsheets through python-calamine
(``workbooks``) after their checks (``packages`` for the zipped .xlsx and
.ods, ``biff`` for .xls), CSV through ``text_files`` (its encoding told from
its bytes). Every format gets the same refusals (``limits``): a file over
20 MB, more than 50,000 rows, a sheet wider than 200 columns or whose grid
would be too large, a cell longer than Excel allows, unpacked parts too large
or packed too tightly, a document type or entity declaration anywhere in a
workbook, XML that does not parse. A formula never comes through live: the
reader gives the value the school's program last computed.

Schools often put a title line ("XX驾校2026年11月结业名单") above the
headings, so the heading row is the first of the top lines that holds at
least two known headings.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from clerk_app.domain.problems import problem
from clerk_app.importing import text_files, workbooks
from clerk_app.importing.headings import known_field
from clerk_app.importing.limits import (
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    SUFFIXES,
    ImportRefused,
    refuse,
    too_large,
    too_many_columns,
    too_many_rows,
)

log = logging.getLogger(__name__)

__all__ = ["MAX_COLUMNS", "ImportRefused", "Sheet", "read_sheet"]

HEADING_SEARCH_ROWS = 10


@dataclass(frozen=True)
class Sheet:
    path: str
    file_type: str  # "xlsx", "xls", "ods" or "csv"
    encoding: str | None  # CSV only: "UTF-8", "UTF-8 (BOM)", "GB18030", "UTF-16 (BOM)", ...
    sheet_name: str | None  # spreadsheets only
    header_row: int  # 1-based, as Excel numbers rows
    headings: tuple[str, ...]
    rows: tuple[tuple[int, tuple[object, ...]], ...]  # (row number, cells), empty rows left out
    epoch: datetime | None = None  # the workbook's date system, for date serials (None: 1900)


def read_sheet(path: str | Path) -> Sheet:
    """The first worksheet of a spreadsheet, or a CSV file; raises ImportRefused with the reason."""
    path = Path(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise refuse("import_file_type", path.name)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise OSError("not a regular file")
        if size > MAX_FILE_BYTES:
            raise too_large(path.name, ("文件", "the file"), MAX_FILE_BYTES)
        if kind == "csv":
            text, encoding = text_files.decode(path, path.read_bytes())
            return _sheet(path, kind, encoding, None, text_files.rows(path, text), None)
        sheet_name, lines, epoch = workbooks.read(path, kind)
        return _sheet(path, kind, None, sheet_name, iter(lines), epoch)
    except FileNotFoundError as error:
        raise ImportRefused([problem("file_unreadable", None, path=str(path), reason="文件不存在 / no such file")]) from error
    except OSError as error:
        reason = error.strerror or str(error)
        raise ImportRefused([problem("file_unreadable", None, path=str(path), reason=reason)]) from error


def _within_width(name: str, values: tuple[object, ...]) -> tuple[object, ...]:
    """A row cut to MAX_COLUMNS when nothing stands beyond (formatting leftovers); refused when something does."""
    if len(values) <= MAX_COLUMNS:
        return values
    if any(not _blank(value) for value in values[MAX_COLUMNS:]):
        raise too_many_columns(name, max(i for i, value in enumerate(values, start=1) if not _blank(value)))
    return values[:MAX_COLUMNS]


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _sheet(
    path: Path,
    file_type: str,
    encoding: str | None,
    sheet_name: str | None,
    lines: Iterator[tuple[int, tuple[object, ...]]],
    epoch: datetime | None,
) -> Sheet:
    numbered: list[tuple[int, tuple[object, ...]]] = []
    for number, cells in lines:
        if all(_blank(c) for c in cells):
            continue
        if len(numbered) >= MAX_ROWS:
            raise too_many_rows(path.name, MAX_ROWS)
        numbered.append((number, _within_width(path.name, cells)))
    if not numbered:
        raise ImportRefused([problem("import_no_rows", None, path=path.name)])
    header_at = 0
    for position, (_, cells) in enumerate(numbered[:HEADING_SEARCH_ROWS]):
        if sum(1 for c in cells if known_field(c)) >= 2:
            header_at = position
            break
    header_number, header_cells = numbered[header_at]
    width = max(len(cells) for _, cells in numbered)
    headings = tuple("" if _blank(c) else str(c).strip() for c in header_cells) + ("",) * (width - len(header_cells))
    # Trailing columns with neither a heading nor any value are Excel's formatting leftovers.
    while headings and not headings[-1] and all(len(c) < len(headings) or _blank(c[len(headings) - 1]) for _, c in numbered):
        headings = headings[:-1]
    rows = tuple(
        (number, tuple(cells[: len(headings)]) + (None,) * (len(headings) - len(cells)))
        for number, cells in numbered[header_at + 1 :]
    )
    if not rows:
        raise ImportRefused([problem("import_no_rows", None, path=path.name)])
    return Sheet(str(path), file_type, encoding, sheet_name, header_number, headings, rows, epoch)
