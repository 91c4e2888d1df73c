"""Resident ID numbers as clerks type them: accepted in every spelling of a good one, refused with the right advice."""

from __future__ import annotations

from datetime import date

import pytest

from clerk_app.domain.id_number import (
    IdNumber,
    mask_id_number,
    mask_phone,
    parse_id_number,
)
from clerk_app.domain.problems import Problem
from tests.domain.support import (
    TODAY,
    full_width,
    id_ending_in_x,
    id_number,
    wrong_check,
)


def test_a_good_number_gives_birth_date_and_sex() -> None:
    parsed = parse_id_number(id_number(birth="19850312", seq=123), TODAY)
    assert parsed == IdNumber(id_number(birth="19850312", seq=123), date(1985, 3, 12), "male")
    assert parse_id_number(id_number(seq=124), TODAY).sex == "female"


@pytest.mark.parametrize(
    "typed",
    [
        lambda n: n.lower(),
        lambda n: full_width(n),
        lambda n: full_width(n).lower(),
        lambda n: f"  {n}\u3000",
    ],
    ids=["lower-case x", "full-width", "full-width lower-case x", "surrounding spaces"],
)
def test_other_spellings_of_a_good_number_are_stored_canonically(typed) -> None:  # type: ignore[no-untyped-def]
    number = id_ending_in_x()
    parsed = parse_id_number(typed(number), TODAY)
    assert isinstance(parsed, IdNumber)
    assert parsed.canonical == number and number.endswith("X")


def _refusal(raw: str, today: date = TODAY) -> Problem:
    result = parse_id_number(raw, today)
    assert isinstance(result, Problem), result
    assert result.field == "id_number"
    return result


def test_wrong_check_character_says_so_and_how_to_fix_it() -> None:
    refused = _refusal(wrong_check(id_number()))
    assert refused.code == "invalid_id_number"
    assert "校验码" in refused.message_zh and "check character" in refused.message_en


@pytest.mark.parametrize(
    ("raw", "hint_zh"),
    [
        (id_number()[:-1], "18 位"),
        (id_number() + "1", "18 位"),
        ("2201021985O3121230", "只能由数字组成"),  # letter O for zero
        ("22010219850312X230", "只能由数字组成"),
        (id_number(birth="19850230")[:-1] + "0", "出生日期"),  # 30 February
        (id_number(region="990000"), "地区代码"),
        ("220102850312123", "15 位"),
    ],
    ids=["17 chars", "19 chars", "letter O", "X in the middle", "30 February", "unknown region", "old 15-digit"],
)
def test_each_kind_of_mistake_gets_its_own_advice(raw: str, hint_zh: str) -> None:
    refused = _refusal(raw)
    assert refused.code == "invalid_id_number"
    assert hint_zh in refused.message_zh


def test_a_driver_born_before_the_district_code_existed_is_accepted() -> None:
    # 220102 (长春市南关区) dates from 1983; people born earlier got it when cards were issued.
    parsed = parse_id_number(id_number(birth="19700101", region="220102"), TODAY)
    assert isinstance(parsed, IdNumber) and parsed.birth_date == date(1970, 1, 1)


def test_a_province_with_an_unknown_district_is_refused() -> None:
    assert "地区代码" in _refusal(id_number(region="220199")).message_zh


def test_impossible_birth_date_is_reported_even_with_a_matching_check_character() -> None:
    refused = _refusal(id_number(birth="19851332"))
    assert "出生日期" in refused.message_zh


def test_birth_date_after_today_is_refused() -> None:
    refused = _refusal(id_number(birth="20250701"), today=date(2025, 6, 30))
    assert refused.code == "id_birth_date_future"
    assert isinstance(parse_id_number(id_number(birth="20250630"), date(2025, 6, 30)), IdNumber)


def test_empty_and_non_text_are_refused_not_crashed() -> None:
    assert _refusal("   ").code == "empty"
    assert _refusal("\x00" + id_number()).code == "control_characters"
    assert parse_id_number(220102198503121230, TODAY).code == "wrong_type"  # type: ignore[arg-type, union-attr]


def test_refusal_messages_never_repeat_the_number() -> None:
    for raw in (wrong_check(id_number()), id_number(region="990000"), id_number(birth="20990101")):
        refused = _refusal(raw)
        for message in (refused.message_zh, refused.message_en):
            assert raw not in message and raw[6:14] not in message


def test_the_refusal_points_at_the_field_asked_for() -> None:
    assert parse_id_number("123", TODAY, "licence_no").field == "licence_no"  # type: ignore[union-attr]


def test_masks_keep_only_the_ends() -> None:
    assert mask_id_number("22010219850312123X") == "2201**********123X"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_id_number("1234") == "****"
