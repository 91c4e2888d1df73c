"""What an .xls (Excel 97-2003, BIFF8 in an OLE compound file) must pass before the reader opens it.

The reader lays each sheet out as a grid up to its farthest cell, so a 5 KB
.xls with one cell at IV65536 takes a gigabyte. The compound file is walked
here (its sector chains followed with a bound on every step), the workbook
stream's records read, and each sheet's farthest cell holding a value checked
against the caps. A file that is not a compound file, or whose chains or
records are damaged, is "not a workbook"; an encrypted one asks for the
password to be removed.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Final

from clerk_app.importing.limits import KINDS, MAX_FILE_BYTES, check_extent, refuse

SIGNATURE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_OF_CHAIN: Final = 0xFFFFFFFE
_FREE: Final = 0xFFFFFFFF
_STREAM, _ROOT = 2, 5
# Records holding one cell with a value: (row, column) are their first four bytes.
_CELL_RECORDS: Final = frozenset({0x0006, 0x00FD, 0x0203, 0x0204, 0x0205, 0x027E, 0x00D6, 0x0002, 0x0003, 0x0004})
_MULRK, _BOF, _EOF, _FILEPASS = 0x00BD, 0x0809, 0x000A, 0x002F


class _Damaged(Exception):
    """The compound file or its records do not hold together."""


def check(path: Path) -> None:
    """Raise ImportRefused unless the .xls at ``path`` is a workbook whose sheets stay within the caps."""
    name = path.name
    data = path.read_bytes()
    try:
        stream = _workbook_stream(data)
        if stream is None:
            raise _Damaged("no workbook stream")
        _check_records(stream, name)
    except (_Damaged, struct.error, IndexError) as error:
        raise refuse("import_not_a_workbook", name, kind=KINDS["xls"]) from error


def _workbook_stream(data: bytes) -> bytes | None:
    if len(data) < 512 or not data.startswith(SIGNATURE):
        raise _Damaged("not a compound file")
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        raise _Damaged("sector size")
    size = 1 << shift
    sectors = (len(data) - size) // size + 1  # every chain is at most this long
    fat_count, directory_start = struct.unpack_from("<II", data, 0x2C)
    cutoff, mini_fat_start, mini_fat_count, difat_start, difat_count = struct.unpack_from("<IIIII", data, 0x38)

    def sector(n: int) -> bytes:
        offset = (n + 1) << shift
        if n >= sectors or offset + size > len(data):
            raise _Damaged("sector out of the file")
        return data[offset : offset + size]

    fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
    next_difat = difat_start
    for _ in range(min(difat_count, sectors)):
        if next_difat in (_END_OF_CHAIN, _FREE):
            break
        entries = struct.unpack(f"<{size // 4}I", sector(next_difat))
        fat_sectors.extend(entries[:-1])
        next_difat = entries[-1]
    fat_sectors = [n for n in fat_sectors[:fat_count] if n != _FREE]
    fat = b"".join(sector(n) for n in fat_sectors)
    fat_entries = struct.unpack(f"<{len(fat) // 4}I", fat)

    def chain(start: int, table: tuple[int, ...], limit: int) -> list[int]:
        found: list[int] = []
        current = start
        while current != _END_OF_CHAIN:
            if current >= len(table) or len(found) >= limit:
                raise _Damaged("broken chain")
            found.append(current)
            current = table[current]
        return found

    directory = b"".join(sector(n) for n in chain(directory_start, fat_entries, sectors))
    root: tuple[int, int] | None = None
    workbook: tuple[int, int] | None = None
    for offset in range(0, len(directory) - 127, 128):
        entry = directory[offset : offset + 128]
        name_length, kind = struct.unpack_from("<HB", entry, 64)
        start, length = struct.unpack_from("<II", entry, 116)
        name = entry[: max(0, min(name_length, 64) - 2)].decode("utf-16-le", "replace")
        if kind == _ROOT:
            root = (start, length)
        elif kind == _STREAM and name in ("Workbook", "Book") and workbook is None:
            workbook = (start, length)
    if workbook is None:
        return None
    start, length = workbook
    if length > MAX_FILE_BYTES:
        raise _Damaged("stream longer than the file may be")
    if length >= cutoff:
        return b"".join(sector(n) for n in chain(start, fat_entries, sectors))[:length]
    # A small stream lives in the mini stream (the root's chain), in 64-byte mini sectors.
    if root is None:
        raise _Damaged("no root entry")
    mini_stream = b"".join(sector(n) for n in chain(root[0], fat_entries, sectors))
    mini_fat = b"".join(sector(n) for n in chain(mini_fat_start, fat_entries, min(mini_fat_count, sectors) or sectors))
    mini_entries = struct.unpack(f"<{len(mini_fat) // 4}I", mini_fat)
    pieces = [mini_stream[n << mini_shift : (n + 1) << mini_shift] for n in chain(start, mini_entries, len(mini_entries))]
    return b"".join(pieces)[:length]


def _check_records(stream: bytes, name: str) -> None:
    """Each sheet's farthest cell with a value, from BOF to EOF, checked against the caps."""
    far_row = far_column = 0
    position, end = 0, len(stream)
    while position + 4 <= end:
        record, length = struct.unpack_from("<HH", stream, position)
        body = position + 4
        position = body + length
        if record in _CELL_RECORDS and length >= 4:
            row, column = struct.unpack_from("<HH", stream, body)
            far_row, far_column = max(far_row, row + 1), max(far_column, column + 1)
        elif record == _MULRK and length >= 6:
            row = struct.unpack_from("<H", stream, body)[0]
            last = struct.unpack_from("<H", stream, body + length - 2)[0]
            far_row, far_column = max(far_row, row + 1), max(far_column, last + 1)
        elif record == _FILEPASS:
            raise refuse("import_password", name)
        elif record == _EOF:
            check_extent(name, far_row, far_column)
            far_row = far_column = 0
        elif record == _BOF:
            far_row = far_column = 0
    check_extent(name, far_row, far_column)
