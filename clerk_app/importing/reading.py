"""Reading a school's list from .xlsx or .csv into rows of raw cells, with the line each came from.

Excel files are read with openpyxl in read-only mode (a 50,000-row list
streams instead of being loaded whole). A workbook is a stranger's file: its
stored dimension (``A1:I2`` over 500 rows, or ``A1:XFD1048576`` over five) is
ignored and the rows are read as they are, a sheet (or CSV file) wider than
``MAX_COLUMNS`` is refused, and an XML part declaring a document type (where entities are
defined) or XML that does not parse is refused as unsafe, never a crash. CSV files from Chinese Excel are
often GB18030/GBK rather than UTF-8: strict UTF-8 is tried first (a GBK file
almost never decodes as valid UTF-8), then GB18030, and the report says which
was used. Nothing is guessed beyond that: a file that is neither is refused.

Schools often put a title line ("XX驾校2026年11月结业名单") above the
headings, so the heading row is the first of the top lines that holds at
least two known headings.
"""

from __future__ import annotations

import csv
import io
import logging
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.etree.ElementTree import ParseError

from clerk_app.domain.problems import Problem, problem
from clerk_app.importing.headings import known_field

log = logging.getLogger(__name__)

HEADING_SEARCH_ROWS = 10
MAX_COLUMNS = 200  # a completion list has about a dozen columns
_PROLOG_BYTES = 65_536  # a document type can only stand before the root element
_DOCTYPE = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))


class ImportRefused(Exception):
    """The file as a whole cannot be imported; nothing was changed."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.code for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Sheet:
    path: str
    file_type: str  # "xlsx" or "csv"
    encoding: str | None  # CSV only: "UTF-8", "UTF-8 (BOM)" or "GB18030"
    sheet_name: str | None  # xlsx only
    header_row: int  # 1-based, as Excel numbers rows
    headings: tuple[str, ...]
    rows: tuple[tuple[int, tuple[object, ...]], ...]  # (row number, cells), empty rows left out
    epoch: datetime | None = None  # xlsx: the workbook's date system, for date serials


def read_sheet(path: str | Path) -> Sheet:
    """The first worksheet of an .xlsx, or a .csv; raises ImportRefused with the reason."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in {".xlsx", ".xlsm", ".csv"}:
        raise ImportRefused([problem("import_file_type", None, path=path.name)])
    if not path.is_file():
        raise ImportRefused([problem("file_unreadable", None, path=str(path), reason="文件不存在 / no such file")])
    if suffix == ".csv":
        text, encoding = _decode(path)
        lines = csv.reader(io.StringIO(text, newline=""), _dialect(text))
        try:
            cells = [_within_width(path, tuple(line)) for line in lines]
        except csv.Error as error:  # a field over csv's size limit, a stray quote: not a list we can read
            reason = (f"CSV 格式错误：{error}", f"malformed CSV: {error}")
            raise ImportRefused([problem("file_unreadable", None, path=path.name, reason=reason)]) from error
        return _sheet(path, "csv", encoding, None, cells, None)
    return _read_xlsx(path)


def _read_xlsx(path: Path) -> Sheet:
    from openpyxl import load_workbook  # loaded on first import, not at window start
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    _refuse_document_types(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except OSError as error:
        raise ImportRefused(
            [problem("file_unreadable", None, path=str(path), reason=error.strerror or str(error))]
        ) from error
    except ParseError as error:
        log.info("workbook XML does not parse: %s", error)
        raise ImportRefused([problem("import_unsafe_workbook", None, path=path.name)]) from error
    except Exception as error:
        log.info("not a workbook: %s", type(error).__name__)
        raise ImportRefused([problem("import_not_a_workbook", None, path=path.name)]) from error
    try:
        sheet = workbook.worksheets[0]
        if isinstance(sheet, ReadOnlyWorksheet):
            sheet.reset_dimensions()  # the stored size is the writer's claim, not the rows: read them all
        lines = [_within_width(path, tuple(values)) for values in sheet.iter_rows(values_only=True)]
        return _sheet(path, "xlsx", None, sheet.title, lines, workbook.epoch)
    except ImportRefused:
        raise
    except ParseError as error:
        log.info("worksheet XML does not parse: %s", error)
        raise ImportRefused([problem("import_unsafe_workbook", None, path=path.name)]) from error
    except Exception as error:  # a damaged sheet part is a damaged workbook, not a crash
        log.info("worksheet unreadable: %s", type(error).__name__)
        raise ImportRefused([problem("import_not_a_workbook", None, path=path.name)]) from error
    finally:
        workbook.close()


def _within_width(path: Path, values: tuple[object, ...]) -> tuple[object, ...]:
    """A row cut to MAX_COLUMNS when nothing stands beyond (formatting leftovers); refused when something does."""
    if len(values) <= MAX_COLUMNS:
        return values
    if any(not _blank(value) for value in values[MAX_COLUMNS:]):
        columns = max(i for i, value in enumerate(values, start=1) if not _blank(value))
        raise ImportRefused(
            [problem("import_too_many_columns", None, path=path.name, columns=columns, limit=MAX_COLUMNS)]
        )
    return values[:MAX_COLUMNS]


def _refuse_document_types(path: Path) -> None:
    """Refuse a workbook any of whose XML parts declares a document type, where entities are defined.

    Excel never writes one; a hostile file uses it for entity expansion or to reach other files.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            for member in archive.infolist():
                if member.filename.lower().endswith((".xml", ".rels", ".vml")):
                    with archive.open(member) as part:
                        prolog = part.read(_PROLOG_BYTES)
                    if any(marker in prolog for marker in _DOCTYPE):
                        log.info("workbook part %s declares a document type", member.filename)
                        raise ImportRefused([problem("import_unsafe_workbook", None, path=path.name)])
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, NotImplementedError, EOFError):
        return  # not a readable zip: load_workbook names it "not a workbook"


def _decode(path: Path) -> tuple[str, str]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportRefused(
            [problem("file_unreadable", None, path=str(path), reason=error.strerror or str(error))]
        ) from error
    attempts: tuple[tuple[str, str], ...]
    if data.startswith(b"\xef\xbb\xbf"):
        attempts = (("utf-8-sig", "UTF-8 (BOM)"),)
    else:
        attempts = (("utf-8", "UTF-8"), ("gb18030", "GB18030"))
    for codec, label in attempts:
        try:
            return data.decode(codec), label
        except UnicodeDecodeError:
            continue
    raise ImportRefused([problem("import_encoding", None, path=path.name)])


def _dialect(text: str) -> type[csv.Dialect] | str:
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        return "excel"


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _sheet(
    path: Path,
    file_type: str,
    encoding: str | None,
    sheet_name: str | None,
    lines: list[tuple[object, ...]],
    epoch: datetime | None,
) -> Sheet:
    numbered = [(number, cells) for number, cells in enumerate(lines, start=1) if not all(_blank(c) for c in cells)]
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
