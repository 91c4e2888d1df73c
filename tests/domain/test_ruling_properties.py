"""Properties of the rulings' text and date rules, over generated input (hypothesis).

- the canonical form of a code is idempotent, and the same for half-width,
  full-width, lower- and upper-case spellings;
- free text keeps Chinese punctuation exactly;
- adding years never lands on an invalid date, and the certificate's validity
  and the CE cycles (platform and counter) agree because both are add_years.
"""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from clerk_app.domain.ce_cycle import CeRule, cycle_bounds, cycles_in_validity
from clerk_app.domain.certificates import first_issue, renewal
from clerk_app.domain.dates import add_years
from clerk_app.domain.text import canonical_code, free_text

PROPERTIES = settings(max_examples=300, deadline=None)

ascii_codes = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=30)
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
CHINESE_PUNCTUATION = "（）：，；、。“”‘’《》〈〉【】「」『』！？…—·～"


# Written out independently of the code under test: U+FF10-19, U+FF21-3A, U+FF41-5A and U+3000.
HALF_WIDTH = {0x3000: " "} | {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B) if chr(c - 0xFEE0).isalnum()}


def full_width(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def ascii_swapcase(s: str) -> str:
    return "".join(c.swapcase() if c.isascii() else c for c in s)


@PROPERTIES
@given(any_text)
def test_canonical_form_is_idempotent(s: str) -> None:
    once = canonical_code(s)
    assert canonical_code(once) == once
    assert not any(c.isspace() for c in once)
    assert not any("a" <= c <= "z" for c in once)


@PROPERTIES
@given(ascii_codes, st.lists(st.sampled_from([" ", "\u3000", "\t"]), max_size=3))
def test_canonical_form_is_the_same_for_every_width_case_and_spacing(code: str, spaces: list[str]) -> None:
    expected = canonical_code(code)
    assert expected == code.replace(" ", "").upper()
    spaced = "".join(spaces) + code + "".join(spaces)
    for spelling in (code.lower(), code.upper(), ascii_swapcase(code), full_width(code), full_width(code.lower()), spaced):
        assert canonical_code(spelling) == expected


@PROPERTIES
@given(st.text(st.sampled_from(CHINESE_PUNCTUATION + "张三虚构驾校ＡＢ１２ab12　 "), max_size=40))
def test_free_text_keeps_chinese_punctuation_exactly(s: str) -> None:
    kept = free_text(s)
    assert [c for c in kept if c in CHINESE_PUNCTUATION] == [c for c in s if c in CHINESE_PUNCTUATION]
    assert free_text(kept) == kept
    # Only full-width letters, digits and the ideographic space change.
    assert kept == s.translate(HALF_WIDTH).strip()


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@PROPERTIES
@given(days, st.integers(-50, 50))
def test_adding_years_lands_on_a_real_day_of_the_same_month(day: date, years: int) -> None:
    later = add_years(day, years)
    assert later.year == day.year + years and later.month == day.month
    assert later.day == day.day or (day.month, day.day, later.day) == (2, 29, 28)


@PROPERTIES
@given(days, st.sampled_from([1, 2, 3, 6]), st.integers(0, 3))
def test_validity_and_cycles_agree_because_both_add_years(first: date, cycle_years: int, renewals: int) -> None:
    rule = CeRule(cycle_years=cycle_years)
    certificate = first_issue("X", "freight", first)
    for _ in range(renewals):
        certificate = renewal(certificate, certificate.valid_until)
    # Each renewal runs 6 years from the old valid_until (so a 29 February start stays on 28 February).
    expected = first
    for _ in range(renewals + 1):
        expected = add_years(expected, 6)
    assert certificate.valid_until == expected
    # Every 6-year validity is tiled by whole cycles counted from the first issue: they neither overlap nor
    # leave a day out, and the last ends with the validity (give or take the 29 February day).
    inside = cycles_in_validity(certificate.first_issued_on, certificate.validity_start, certificate.valid_until, rule)
    assert len(inside) == 6 // cycle_years
    assert abs((inside[-1][1] + timedelta(days=1) - certificate.valid_until).days) <= 1
    for (_, end), (start, _) in itertools.pairwise(inside):
        assert end + timedelta(days=1) == start
    assert cycle_bounds(first, 0, rule)[0] == first


def test_years_are_added_in_one_place_only() -> None:
    # The platform, the CE cycles and printing must not each keep their own way to add years.
    root = Path(__file__).resolve().parents[2]
    own = root / "clerk_app" / "domain" / "dates.py"
    elsewhere = [
        f"{path.relative_to(root)}"
        for folder in ("clerk_app", "sync", "ui", "local_db")
        for path in (root / folder).rglob("*.py")
        if path != own and re.search(r"\.replace\(\s*year\s*=|relativedelta\(\s*years", path.read_text(encoding="utf-8"))
    ]
    assert elsewhere == []
