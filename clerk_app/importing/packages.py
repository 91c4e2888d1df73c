"""What a zipped workbook (.xlsx, .ods) must pass before the reader opens it.

Every part is read whole, within the size caps (declared sizes, each part's
packing ratio, all parts together), and

- refused if it holds a document type or entity declaration anywhere (not
  only in its first bytes: a DOCTYPE after a 70 KB comment, or in a sheet part
  named ``sheet1.bin``, is found the same), whatever the part's name;
- parsed whole as XML (expat, no entity ever expanded) when it is XML by its
  content, and refused if it does not parse;
- refused if a text run is longer than a cell can hold (a 100 MB shared string).

The worksheet's extent is checked as well: the reader lays the first sheet out
as a grid up to its farthest cell with a value, so a cell claimed at XFD1048576,
or an .ods row repeated a million times, is refused here. For .xlsx a quick
look at the cell references settles ordinary sheets; only a sheet that seems to
reach far is walked cell by cell to see whether what stands far away holds a
value (Excel leaves formatted empty cells, which the reader skips).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Final
from xml.parsers import expat

from clerk_app.importing.limits import (
    KINDS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_PART_BYTES,
    MAX_PARTS,
    MAX_RATIO,
    MAX_ROWS,
    MAX_TEXT,
    MAX_UNPACKED_BYTES,
    ImportRefused,
    check_extent,
    refuse,
    too_large,
)

_DECLARATIONS: Final = tuple(
    marker.encode(codec)
    for marker in ("<!DOCTYPE", "<!doctype", "<!ENTITY", "<!entity")
    for codec in ("utf-8", "utf-16-le", "utf-16-be")
)
# A run from one "<" to the next so long it may hold more than a cell can (measured exactly when found); tried
# only right after a "<", so the search stays linear.
_LONG_RUN: Final = re.compile(rb"(?<=<)[^<]{%d,}" % (MAX_TEXT + 1))
_XML_START: Final = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<")
_UTF16_BOMS: Final = (b"\xff\xfe", b"\xfe\xff")
_PREFIXED: Final = re.compile(rb"<[A-Za-z_][\w.-]*:")
_ROW_TAGS: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_CELL_TAGS: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_ROW_REFS: Final = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?row\b[^>]*?\sr="([0-9]+)"')
_CELL_REFS: Final = re.compile(rb'\sr="([A-Z]{1,3}[0-9]{1,7})"')  # a row's r has no letters; sqref, ref are not r
_WIDE_REFS: Final = re.compile(rb'\sr="([A-Z]{2,3})[0-9]')  # beyond column Z
_DATE1904: Final = re.compile(rb'date1904="(?:1|true)"')
_TAG_ENDS: Final = (b" ", b">", b"/>", b"\t", b"\n", b"\r")


@dataclass(frozen=True)
class Package:
    date1904: bool = False  # .xlsx: the workbook counts dates from 1904 (old Mac Excel)


def check(path: Path, kind: str) -> Package:
    """Raise ImportRefused unless every part of the .xlsx or .ods at ``path`` is safe to hand to the reader."""
    name = path.name
    date1904 = False
    with _archive(path, kind) as archive:
        members = archive.infolist()
        if len(members) > MAX_PARTS:
            raise refuse("import_too_large", name, what=("包内的文件数", "the number of parts inside"), limit=MAX_PARTS)
        if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
            raise too_large(name, ("解压后的内容", "the unpacked content"), MAX_UNPACKED_BYTES)
        for member in members:
            if member.is_dir():
                continue
            data = _read(archive, member, name)
            _check_part(data, name)
            if kind == "xlsx" and b"sheetData" in data:
                _check_xlsx_sheet(data, name)
            elif kind == "xlsx" and member.filename.lower().endswith("workbook.xml"):
                date1904 = date1904 or _DATE1904.search(data) is not None
            elif kind == "ods" and member.filename == "content.xml":
                _check_ods_content(data, name)
    return Package(date1904)


@contextmanager
def _archive(path: Path, kind: str) -> Iterator[zipfile.ZipFile]:
    try:
        with zipfile.ZipFile(path) as archive:
            yield archive
    except ImportRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError, RuntimeError) as error:
        # Not a zip, a damaged one, an unknown compression or an encrypted part.
        raise refuse("import_not_a_workbook", path.name, kind=KINDS[kind]) from error


def _read(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str) -> bytes:
    if member.file_size > MAX_PART_BYTES:
        raise too_large(name, ("其中一个部件解压后", "one part, unpacked,"), MAX_PART_BYTES)
    if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
        # A zip bomb: a part that unpacks hundreds of times larger than it is packed.
        raise too_large(name, ("其中一个部件解压后", "one part, unpacked,"), member.file_size // MAX_RATIO)
    with archive.open(member) as part:
        return part.read(MAX_PART_BYTES + 1)  # zipfile stops at the declared size and checks the CRC


def _check_part(data: bytes, name: str) -> None:
    if any(marker in data for marker in _DECLARATIONS):
        raise refuse("import_unsafe_workbook", name)
    if _XML_START.match(data) or data.startswith(_UTF16_BOMS):
        _parse_whole(data, name)
    for run in _LONG_RUN.finditer(data):
        if len(run.group().decode("utf-8", "replace")) > MAX_TEXT:
            raise refuse("import_cell_too_long", name, limit=MAX_TEXT)


def _no_declarations(*_: object) -> None:
    raise _Declared


class _Declared(Exception):
    """Raised from expat's handlers: the part declares a document type or entities."""


def _parse_whole(data: bytes, name: str) -> None:
    """The part parsed to its end by expat, which never loads an external entity; a declaration is refused."""
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _no_declarations
    parser.EntityDeclHandler = _no_declarations
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except (_Declared, expat.ExpatError, ValueError) as error:
        raise refuse("import_unsafe_workbook", name) from error


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _check_xlsx_sheet(data: bytes, name: str) -> None:
    """Refuse a worksheet whose cells with values reach beyond the caps.

    The reader puts a row or cell without an ``r`` after the one before it, so those count on top of the
    farthest reference. A sheet that may reach far by that count is walked cell by cell. A row or cell
    reference stored twice is refused: the reader would keep one and silently drop the other.
    """
    rows = _ROW_REFS.findall(data)
    references = _CELL_REFS.findall(data)
    if len(set(rows)) != len(rows) or len(set(references)) != len(references):
        raise refuse("import_unsafe_workbook", name)  # a row or cell stored twice: one would hide the other
    if _PREFIXED.search(data):  # elements with a namespace prefix, whichever: counted by pattern
        row_tags, cell_tags = len(_ROW_TAGS.findall(data)), len(_CELL_TAGS.findall(data))
    else:  # the usual case, counted at memory speed
        row_tags = sum(data.count(b"<row" + end) for end in _TAG_ENDS)
        cell_tags = sum(data.count(b"<c" + end) for end in _TAG_ENDS)
    widest = max(map(_column_number, set(_WIDE_REFS.findall(data))), default=26 if references else 0)
    row_bound = max(map(int, rows), default=0) + row_tags - len(rows)
    column_bound = widest + cell_tags - len(references)
    if row_bound <= MAX_ROWS and column_bound <= MAX_COLUMNS and row_bound * column_bound <= MAX_CELLS:
        return
    far_row, far_column = _xlsx_extent(data, name)
    check_extent(name, far_row, far_column)


def _local(tag: str) -> str:
    return tag.rpartition(":")[2]


def _xlsx_extent(data: bytes, name: str) -> tuple[int, int]:
    """(row, column) of the farthest cells holding a value, placed as the reader places them."""
    row = column = far_row = far_column = 0
    pending: list[int] = []  # the current cell's (row, column) while it has no value yet

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal row, column, far_row, far_column
        local = _local(tag)
        if local == "row":
            reference = attributes.get("r", "")
            row = int(reference) if reference.isdigit() else row + 1
            column = 0
        elif local == "c":
            reference = attributes.get("r", "")
            letters = reference.rstrip("0123456789")
            column = _column_number(letters.encode()) if letters else column + 1
            digits = reference[len(letters):]
            pending[:] = [int(digits) if digits.isdigit() else row, column]
        elif local in ("v", "is") and pending:
            far_row, far_column = max(far_row, pending[0]), max(far_column, pending[1])

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except (expat.ExpatError, ValueError) as error:
        raise refuse("import_unsafe_workbook", name) from error
    return far_row, far_column


def _check_ods_content(data: bytes, name: str) -> None:
    """Refuse an .ods whose first table, with its repeated rows and cells counted out, reaches beyond the caps."""
    state = {"tables": 0, "row": 0, "rows_repeated": 1, "column": 0, "far_row": 0, "far_column": 0}
    cell: list[int] = []  # [first column, columns repeated, has a value] of the open cell

    def repeat(attributes: dict[str, str], key: str) -> int:
        value = attributes.get(key, "1")
        return int(value) if value.isdigit() and int(value) > 0 else 1

    def start(tag: str, attributes: dict[str, str]) -> None:
        local = _local(tag)
        if local == "table":
            state["tables"] += 1
        if state["tables"] != 1:
            return
        if local == "table-row":
            state["row"] += 1
            state["rows_repeated"] = repeat(attributes, "table:number-rows-repeated")
            state["column"] = 0
        elif local in ("table-cell", "covered-table-cell"):
            columns = repeat(attributes, "table:number-columns-repeated")
            cell[:] = [state["column"] + 1, columns, 1 if "office:value-type" in attributes else 0]
            state["column"] += columns
        elif local == "p" and cell:
            cell[2] = 1

    def end(tag: str) -> None:
        if state["tables"] != 1:
            return
        local = _local(tag)
        if local in ("table-cell", "covered-table-cell") and cell:
            if cell[2]:
                state["far_row"] = max(state["far_row"], state["row"] + state["rows_repeated"] - 1)
                state["far_column"] = max(state["far_column"], cell[0] + cell[1] - 1)
            cell.clear()
        elif local == "table-row":
            state["row"] += state["rows_repeated"] - 1

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except (expat.ExpatError, ValueError) as error:
        raise refuse("import_unsafe_workbook", name) from error
    check_extent(name, state["far_row"], state["far_column"])
