"""Resident identity numbers (身份证号, GB 11643-1999): checking, canonical form, birth date and sex.

The ID number is how every record finds its person, so a wrong one is refused
with advice that points at the part to re-check (length, characters, date of
birth, check character, region) rather than a bare "invalid".

DOMAIN.md ("Numbers and text"): the number is a code, so its canonical form
(``text.canonical_code``: half-width, no whitespace, upper-case X) is what is
kept; birth years from 1900; the mainland's region codes and the residence
permits' 810000, 820000 and 830000 are accepted. The 2023 foreigner's permanent
residence card number (18 characters: 9, the province of issue, the country code,
the birth date, a sequence and the GB 11643 check character) counts as an ID
number; the old card's 15-character number (three letters, twelve digits) is
recognised and refused with its own message, sending the holder to the supervisor.

The region is looked up in python-stdnum's table of codes, but not the way
``stdnum.cn.ric.validate`` does it: that refuses a code created after the
holder's birth year, and numbers were issued from 1984 on by the place of
household registration, so everyone born in 长春市南关区 (220102, "[1983-]")
before 1983 would be turned away. Any code the table has ever known counts.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

from stdnum import numdb
from stdnum.cn import ric

from clerk_app.domain.masking import mask_id_number, mask_phone
from clerk_app.domain.problems import Problem, problem
from clerk_app.domain.text import canonical_code, has_control_characters

__all__ = ["IdNumber", "mask_id_number", "mask_phone", "parse_id_number"]

EARLIEST_BIRTH_YEAR = 1900

# Residence permits of Hong Kong, Macau and Taiwan residents (港澳台居民居住证)
# carry these region codes, which are in no county table.
RESIDENCE_PERMIT_REGIONS = frozenset({"810000", "820000", "830000"})

# The 2023 foreigner's permanent residence card: 9, then the code of the province that issued it.
FOREIGNER_PREFIX = "9"
PROVINCE_CODES = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41"}
    | {"42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"}
)
_OLD_FOREIGNER_NUMBER = re.compile(r"[A-Z]{3}[0-9]{12}")

@dataclass(frozen=True)
class IdNumber:
    canonical: str
    birth_date: date
    sex: str


def parse_id_number(raw: object, today: date, field: str = "id_number") -> IdNumber | Problem:
    """The canonical ID (half-width, upper-case X) with what it says, or the Problem explaining the refusal."""
    if not isinstance(raw, str):
        return problem("wrong_type", field, expected=("文字", "text"))
    if has_control_characters(raw.strip()):  # before canonical_code, which would remove U+2028 as whitespace
        return problem("control_characters", field)
    number = canonical_code(raw)
    if not number:
        return problem("empty", field)
    if len(number) == 15 and number.isascii() and number.isdecimal():
        return problem("invalid_id_number", field, variant="old_15")
    if _OLD_FOREIGNER_NUMBER.fullmatch(number):
        return problem("invalid_id_number", field, variant="foreign_15")
    if not re.fullmatch(r"[0-9X]*", number) or "X" in number[:-1]:
        return problem("invalid_id_number", field, variant="characters")
    if len(number) != 18:
        return problem("invalid_id_number", field, variant="length", length=len(number))
    try:
        birth_date = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return problem("invalid_id_number", field, variant="birth_date")
    if birth_date.year < EARLIEST_BIRTH_YEAR:
        return problem("invalid_id_number", field, variant="birth_year")
    if birth_date > today:
        return problem("id_birth_date_future", field)
    if number[-1] != ric.calc_check_digit(number):
        return problem("invalid_id_number", field, variant="check_digit")
    if not _known_region(number[:6]):
        return problem("invalid_id_number", field, variant="region")
    return IdNumber(number, birth_date, "male" if int(number[16]) % 2 else "female")


@functools.lru_cache(maxsize=4096)
def _known_region(code: str) -> bool:
    if code in RESIDENCE_PERMIT_REGIONS:
        return True
    if code.startswith(FOREIGNER_PREFIX):  # a foreigner's number: the province that issued it, then the country
        return code[1:3] in PROVINCE_CODES
    # A walk through stdnum's table costs more than the rest of a save's checks; there are few codes.
    return any("county" in found for _, found in numdb.get("cn/loc").info(code))
