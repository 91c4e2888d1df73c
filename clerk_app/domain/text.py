"""Turning what a clerk typed into the one form that is stored, compared, searched and sent.

DOMAIN.md ("Numbers and text") knows two kinds of text:

- codes and numbers (ID, certificate, licence, institution, filing, receipt
  numbers): ``canonical_code`` — NFKC, every whitespace removed, ASCII letters
  upper-cased, so that ``jl-b2-001`` and ``ＪＬ－Ｂ２－００１`` are one certificate;
- free text (names, addresses, courses, notes, reasons): ``free_text`` —
  only full-width ASCII letters and digits and the ideographic space become
  half-width; Chinese punctuation such as （）：，；、。 is kept exactly as typed.

Versions already stored are never rewritten: comparisons apply these
functions to what they read. Characters that have no place in any of these
(controls, invisible format characters, line separators, noncharacters, and
the fillers that draw nothing) are refused, never silently removed.
"""

from __future__ import annotations

import unicodedata

MIDDLE_DOT = "\u00b7"

# DOMAIN.md, second rulings: the dot of minority names (艾尔肯·吐尔逊) is stored as U+00B7, the form on ID
# cards; the look-alikes input methods offer become it: katakana middle dot U+30FB, bullet U+2022,
# hyphenation point U+2027, half-width katakana dot U+FF65, bullet operator U+2219.
NAME_DOT_LOOK_ALIKES = "\u30fb\u2022\u2027\uff65\u2219"
_NAME_DOT_LOOK_ALIKES = str.maketrans(dict.fromkeys(NAME_DOT_LOOK_ALIKES, MIDDLE_DOT))

# Full-width digits and ASCII letters (Ｂ２, １３８) and the ideographic space
# become half-width; the rest of the full-width block is Chinese punctuation
# （）：，；！？ and is kept.
_FULL_WIDTH = str.maketrans(
    {
        **{chr(0xFF10 + i): chr(0x30 + i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
        "\u3000": " ",
    }
)

_ASCII_UPPER = str.maketrans({chr(c): chr(c - 32) for c in range(ord("a"), ord("z") + 1)})

# Cc: C0/C1 controls (NUL, ESC, ...). Cf: invisible format characters such as
# zero-width spaces and right-to-left overrides, which make a name look like
# another. Cs: lone surrogates, which cannot even be written as UTF-8.
# Zl/Zp: U+2028/U+2029, line breaks that most programs do not show as such.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})

# Letters and symbols that draw nothing: the Hangul fillers and the blank
# Braille pattern. A name made of them looks empty on screen and on paper.
_BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u2800")

_VISIBLE_CATEGORIES = frozenset("LNPS")  # first letter of the Unicode category


def canonical_code(value: str) -> str:
    """A code or number in its one stored form: NFKC, no whitespace at all, ASCII letters upper-case."""
    if value.isascii():  # the usual case: NFKC changes no ASCII text, and upper() then touches ASCII only
        return "".join(value.split()).upper()
    joined = "".join(unicodedata.normalize("NFKC", value).split()).translate(_ASCII_UPPER)
    # Removing a space can bring a letter and a combining mark together ("E¯" is "E \u0304" in NFKC):
    # normalise once more so that the canonical form of a canonical form is itself.
    return unicodedata.normalize("NFKC", joined)


def free_text(value: str) -> str:
    """Free text as stored: full-width letters, digits and space made half-width, Chinese punctuation kept, trimmed."""
    if value.isascii():
        return value.strip()
    return value.translate(_FULL_WIDTH).strip()


def normalize_name(value: str) -> str:
    """A person's name: as ``free_text``, with look-alike dots made the middle dot."""
    return free_text(value).translate(_NAME_DOT_LOOK_ALIKES)


def is_noncharacter(c: str) -> bool:
    """U+FDD0..U+FDEF and the last two code points of every plane: never to be exchanged as text."""
    point = ord(c)
    return 0xFDD0 <= point <= 0xFDEF or (point & 0xFFFE) == 0xFFFE


def has_control_characters(s: str, *, allow_newlines: bool = False) -> bool:
    """True if ``s`` holds a character that has no place in an entry (line breaks allowed on request).

    Controls, invisible format characters, lone surrogates, U+2028/U+2029,
    noncharacters and the fillers that draw nothing (U+3164, U+2800 ...).
    """
    # The usual case, checked in C: every refused category, noncharacters
    # included, is non-printable; the blank-looking ones are letters and symbols.
    if s.isprintable() and _BLANK_LOOKING.isdisjoint(s):
        return False
    return any(
        not (allow_newlines and c == "\n")
        and (unicodedata.category(c) in _REFUSED_CATEGORIES or c in _BLANK_LOOKING or is_noncharacter(c))
        for c in s
    )


def looks_blank(s: str) -> bool:
    """True if nothing of ``s`` would show: only spaces, combining marks or characters that draw nothing."""
    if s[:1].isalnum() and s[0] not in _BLANK_LOOKING:  # the usual case: a letter or digit first
        return False
    return not any(unicodedata.category(c)[0] in _VISIBLE_CATEGORIES and c not in _BLANK_LOOKING for c in s)
