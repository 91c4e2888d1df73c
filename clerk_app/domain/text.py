"""Turning what a clerk typed into the one form that is stored and compared.

Chinese input methods produce full-width digits and letters ("１３８", "Ｂ２"),
so every text is NFKC-normalised and trimmed before it is checked; nothing is
ever shortened to fit.
"""

from __future__ import annotations

import unicodedata

MIDDLE_DOT = "\u00b7"

# The dots input methods offer instead of "·" in minority names (艾尔肯·吐尔逊).
# NFKC leaves them alone (and turns the half-width katakana dot into U+30FB),
# so names would otherwise be stored in several spellings that never match.
_NAME_DOT_LOOK_ALIKES = str.maketrans(dict.fromkeys("\u30fb\u2022\u2027", MIDDLE_DOT))

# Cc: C0/C1 controls (NUL, ESC, ...). Cf: invisible format characters such as
# zero-width spaces and right-to-left overrides, which make a name look like
# another. Cs: lone surrogates, which cannot even be written as UTF-8.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})


def normalize_text(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip()


def normalize_name(value: str) -> str:
    """A person's name: as ``normalize_text``, with look-alike dots made the middle dot."""
    return normalize_text(value).translate(_NAME_DOT_LOOK_ALIKES)


def has_control_characters(s: str, *, allow_newlines: bool = False) -> bool:
    """True if ``s`` holds a control or invisible format character (line breaks allowed on request)."""
    if s.isprintable():  # no character of any non-printable category: the usual case, checked in C
        return False
    return any(
        unicodedata.category(c) in _REFUSED_CATEGORIES and not (allow_newlines and c == "\n")
        for c in s
    )
