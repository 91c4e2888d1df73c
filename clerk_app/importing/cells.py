"""Turning a spreadsheet cell into the text a clerk would have typed, or refusing it.

Excel changes what schools type: dates become date cells or serial numbers
(45604), long numbers become floats, and an 18-digit ID number typed into a
"General" column is kept to 15 significant digits (1.1010519491231E+17) —
its last digits are gone and no program can bring them back. Such a cell is
refused with advice to format the column as text; it is never "repaired".

Everything else is only brought into the form manual entry expects (dates as
YYYY-MM-DD, whole numbers without ".0", spaces removed where a value can
hold none); validation then judges the value exactly as at the counter.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Final

from openpyxl.utils.datetime import CALENDAR_WINDOWS_1900, from_excel

from clerk_app.domain.kinds import TRAINING_SCOPES
from clerk_app.domain.problems import Problem, problem
from clerk_app.domain.text import free_text
from clerk_app.importing.headings import DATE_FIELDS

# Excel keeps 15 significant digits; a whole number from 10**15 up may already be rounded.
_EXACT_LIMIT: Final = 10**15
_SCIENTIFIC = re.compile(r"[0-9](?:\.[0-9]+)?E\+?[0-9]+", re.IGNORECASE)
_CJK = r"\u3400-\u9fff\U00020000-\U0003ffff"
_SPACE_BETWEEN_HAN = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_DATE_TEXT = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?(?:[ T].*)?")
_COMPACT_DATE = re.compile(r"(19|20)[0-9]{6}")
# Serials of 1950-01-01 .. 2099-12-31: what a date column holds when it lost its date format.
_SERIALS = range(18264, 73051)
# Fields whose values never hold a space; stray ones (often full-width) are removed.
_NO_SPACES = frozenset({"id_number", "phone", "vehicle_class", "institution_code"} | DATE_FIELDS)

def _nfkc(text: str) -> str:
    """For matching only (never stored): full-width and half-width punctuation alike."""
    return unicodedata.normalize("NFKC", text).strip()


# What schools write for the training scope, besides the contract's codes and labels (matched in NFKC).
_SCOPE_WORDS: dict[str, str] = {
    **{code: code for code in TRAINING_SCOPES},
    **{_nfkc(label): code for code, label in TRAINING_SCOPES.items()},
    "一次报名、一次培训、一次考核": "full",
    "一次报名一次培训一次考核": "full",
    "驾驶证与从业资格一并培训": "full",
    "一并培训": "full",
    "仅培训从业资格": "qualification_only",
    "仅从业资格": "qualification_only",
    "从业资格培训": "qualification_only",
}


def clean(
    field: str, raw: object, *, epoch: datetime | None = None, institution_codes: Mapping[str, str] | None = None
) -> str | Problem | None:
    """The cell as typed text (None if empty), or the Problem that keeps its row out."""
    if raw is None:
        return None
    if field in DATE_FIELDS:
        return _date(raw, epoch)
    if isinstance(raw, bool):
        return str(raw)
    if isinstance(raw, (int, float)):
        return _number(field, raw)
    if isinstance(raw, (datetime, date, time)):
        return raw.isoformat()
    text = _unwrap(free_text(str(raw)))
    if not text:
        return None
    if field in {"id_number", "phone", "certificate_no"} and _SCIENTIFIC.fullmatch(text):
        return problem("import_digits_lost", field, value=text.upper())
    if field in _NO_SPACES:
        text = re.sub(r"\s+", "", text)
    if field == "name":
        # 张　三: two-character names padded to line up with three-character ones.
        return _SPACE_BETWEEN_HAN.sub("", text)
    if field == "vehicle_class":
        return text.upper()
    if field == "training_scope":
        return _SCOPE_WORDS.get(_nfkc(text), text)
    if field == "institution_code" and institution_codes:
        return institution_codes.get(text.upper(), institution_codes.get(text, text))
    return text


def _unwrap(text: str) -> str:
    """="0431123" is how a CSV keeps Excel from turning a value into a number."""
    if text.startswith('="') and text.endswith('"') and len(text) >= 3:
        return text[2:-1].strip()
    return text


def _number(field: str, value: float) -> str | Problem:
    if field == "id_number":
        # An ID number has 18 characters; as a number it has always lost digits (or its X).
        return problem("import_digits_lost", field, value=_as_excel_shows(value))
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if float(value).is_integer():
        if abs(value) >= _EXACT_LIMIT:
            return problem("import_digits_lost", field, value=_as_excel_shows(value))
        return str(int(value))
    return repr(value)


def _as_excel_shows(value: float) -> str:
    if isinstance(value, int) and abs(value) < _EXACT_LIMIT:
        return str(value)
    return f"{float(value):.14G}"


def _date(raw: object, epoch: datetime | None) -> str | Problem | None:
    """A date in YYYY-MM-DD when the cell unambiguously holds one; otherwise the text, for validation to refuse."""
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return _date_number(raw, epoch) or _number("", raw)
    text = _nfkc(str(raw))  # "２０２５／９／１" as typed with a Chinese input method
    if not text:
        return None
    match = _DATE_TEXT.fullmatch(text)
    if match:
        year, month, day = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    if text.isdecimal():
        return _date_number(int(text), epoch) or text
    return text


def _date_number(value: float, epoch: datetime | None) -> str | None:
    whole = int(value)
    if _COMPACT_DATE.fullmatch(str(whole)) and whole == value:
        text = str(whole)
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    if whole in _SERIALS:
        converted = from_excel(value, epoch or CALENDAR_WINDOWS_1900)
        return converted.date().isoformat() if isinstance(converted, datetime) else None
    return None
