"""Reading a CSV list: its encoding told from its bytes, its rows numbered as a spreadsheet numbers them.

Chinese Excel and WPS write CSV as GB18030/GBK, as UTF-8 with or without a
byte-order mark, or ("Unicode text") as UTF-16 with a mark. A mark decides;
without one strict UTF-8 is tried first (a GBK file almost never decodes as
valid UTF-8), then UTF-16 when NUL bytes show a two-byte text, then GB18030.
The report names the encoding used; a file that is none of these is refused,
never guessed at.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from clerk_app.importing.limits import MAX_ROWS, MAX_TEXT, refuse, too_many_rows

_MARKS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32 (BOM)"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32 (BOM)"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 (BOM)"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16 (BOM)"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16 (BOM)"),
)


def decode(path: Path, data: bytes) -> tuple[str, str]:
    """The file's text and the name of its encoding; raises ImportRefused (import_encoding) for anything else."""
    attempts: list[tuple[str, str]] = [(codec, label) for mark, codec, label in _MARKS if data.startswith(mark)][:1]
    if not attempts:
        attempts = [("utf-8", "UTF-8")]
        if b"\x00" in data:  # two-byte text without a mark: its NULs stand on one side
            even, odd = data[0::2].count(0), data[1::2].count(0)
            attempts = [("utf-16-le", "UTF-16LE")] if odd > even * 4 else [("utf-16-be", "UTF-16BE")] if even > odd * 4 else []
        else:
            attempts.append(("gb18030", "GB18030"))
    for codec, label in attempts:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text, label
    raise refuse("import_encoding", path.name)


def rows(path: Path, text: str) -> Iterator[tuple[int, tuple[object, ...]]]:
    """(line number, cells) of each row with something in it; refused past MAX_ROWS or a cell too long."""
    lines = csv.reader(io.StringIO(text, newline=""), _dialect(text))
    kept = 0
    try:
        for number, line in enumerate(lines, start=1):
            if not any(cell.strip() for cell in line):
                continue
            kept += 1
            if kept > MAX_ROWS:
                raise too_many_rows(path.name, MAX_ROWS)
            if any(len(cell) > MAX_TEXT for cell in line):
                raise refuse("import_cell_too_long", path.name, limit=MAX_TEXT)
            yield number, tuple(line)
    except csv.Error as error:  # a field over csv's size limit, a stray quote: not a list we can read
        reason = (f"CSV 格式错误：{error}", f"malformed CSV: {error}")
        raise refuse("file_unreadable", path.name, reason=reason) from error


def _dialect(text: str) -> type[csv.Dialect] | str:
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        return "excel"
