"""Hiding ID numbers and mobile numbers wherever text leaves the program's control.

Log files are copied to support staff and kept for months, so personal numbers
are masked before a record reaches any handler; messages shown to clerks use
the same masking when they repeat a value.
"""

from __future__ import annotations

import logging
import re

# Digit boundaries rather than word boundaries: "id=2201..." and "身份证2201..."
# must be caught too. \d also matches full-width digits, which clerks' input
# methods produce. 15-digit numbers are the old first-generation ID cards.
# People write numbers in groups: "220102 19850312 802X", "138-0013-8000",
# "138.0013.8000", "(138) 0013 8000", "+86 138…", in half- or full-width forms;
# one separator may stand between any two digits of an ID number and between
# the groups of a mobile number.
_SEP = r"[ \-.\u3000\uff0d\uff0e]"
_X = "XxＸｘ"
_ID_NUMBER = re.compile(rf"(?<![\d{_X}])(?:\d(?:{_SEP}?\d){{16}}{_SEP}?[\d{_X}]|\d(?:{_SEP}?\d){{14}})(?![\d{_X}])")
_MOBILE = re.compile(
    rf"(?<![\d+＋])(?P<prefix>(?:[+＋]|00)?86{_SEP}?)?"
    rf"(?P<number>[(（]?[1１]\d{{2}}[)）]?{_SEP}?\d{{4}}{_SEP}?\d{{4}})(?!\d)"
)


def _mask_digits(text: str, keep_start: int, keep_end: int) -> str:
    """Digits after the first ``keep_start`` and before the last ``keep_end`` become "*"; separators stay."""
    positions = [i for i, c in enumerate(text) if c.isdigit() or c in _X]
    hidden = set(positions[keep_start : len(positions) - keep_end])
    return "".join("*" if i in hidden else c for i, c in enumerate(text))


def mask_id_number(s: str) -> str:
    """Keep the first 4 and last 4 characters: "2201**********123X"."""
    if len(s) <= 8:
        return "*" * len(s)
    return s[:4] + "*" * (len(s) - 8) + s[-4:]


def mask_name(s: str) -> str:
    """A name shown to the public (the verify page): its first character, the rest "*" ("张**"); a dot stays."""
    return "".join(c if i == 0 or c == "\u00b7" else "*" for i, c in enumerate(s))


def mask_phone(s: str) -> str:
    """Keep the first 3 and last 4 digits: "138****5678"."""
    if len(s) <= 7:
        return "*" * len(s)
    return s[:3] + "*" * (len(s) - 7) + s[-4:]


def mask_personal_data(text: str) -> str:
    """Every ID-number-like and mobile-number-like run in the text, masked."""
    text = _ID_NUMBER.sub(lambda m: _mask_digits(m.group(), 4, 4), text)
    return _MOBILE.sub(lambda m: (m.group("prefix") or "") + _mask_digits(m.group("number"), 3, 4), text)


class PersonalDataFilter(logging.Filter):
    """Masks personal numbers in a record's message, its arguments and its traceback text.

    The message is formatted here and the arguments dropped, so no handler or
    formatter downstream can put the raw values back together.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a log call must never fail because of this filter
            # A broken format string: keep the record, but still mask the raw arguments.
            message = f"{record.msg} {record.args!r}"
        record.msg = mask_personal_data(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_personal_data(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_personal_data(record.stack_info)
        return True
