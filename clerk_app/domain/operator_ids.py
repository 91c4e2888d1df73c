"""Operator IDs: one way to compare them, and what a new one may be made of.

An ID is compared after trimming, NFKC and case-folding, everywhere (sign-in,
lockout, audit): "boss ", "BOSS" and "ｂｏｓｓ" are all boss, so a failure typed
with a trailing space counts against boss and a wrong password cannot be
spread over spellings. New IDs are plain ASCII letters, digits, ``.``, ``_``
and ``-``, so no ID can look like another (a Cyrillic "о", a Kelvin sign, "ß").
"""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 64
_NEW_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def operator_key(text: str) -> str:
    """The form an operator ID is compared in: trimmed, NFKC, case-folded."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text.strip()).casefold()).strip()


def valid_new_id(text: str) -> bool:
    """Whether ``text`` (already trimmed) may be registered as a new operator ID."""
    return _NEW_ID.fullmatch(text) is not None


def unproven(name: str, os_user: str) -> str:
    """How a name nobody registered is recorded by a command that asks no password: marked unproven, beside the
    OS user who ran it. No registered ID can read like this (IDs have no ':' or '@')."""
    return f"unproven:{operator_key(name)[:24]}@os:{os_user[:24]}"
