"""Log masking of personal numbers as people really write them (issue 16): full-width digits,
``+86``, dots, brackets, spaces and dashes. None of the digits in the middle may reach a log."""

from __future__ import annotations

import logging

import pytest

from clerk_app.domain.masking import PersonalDataFilter, mask_personal_data

MOBILES = [
    "１３８００１３８０００",
    "+8613800138000",
    "+86 138 0013 8000",
    "＋86-138-0013-8000",
    "0086 13800138000",
    "138.0013.8000",
    "(138)0013-8000",
    "（138）0013 8000",
    "138 0013 8000",
    "138－0013－8000",
]
ID_NUMBERS = [
    "220102 19850312 802X",
    "220102-1985-0312-802X",
    "2201 0219 8503 1280 2X",
    "２２０１０２ １９８５０３１２ ８０２Ｘ",
    "220102.198503.128029",
]


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


@pytest.mark.parametrize("number", MOBILES)
def test_mobile_numbers_in_every_written_form_are_masked(number: str) -> None:
    masked = mask_personal_data(f"电话{number}。")
    middle = _digits(number)[-8:-4]
    assert "****" in masked and middle not in _digits(masked), masked
    assert masked.endswith("。")


@pytest.mark.parametrize("number", ID_NUMBERS)
def test_id_numbers_split_by_spaces_dots_or_dashes_are_masked(number: str) -> None:
    masked = mask_personal_data(f"证号 {number} 已核对")
    assert "19850312" not in _digits(masked) and "1985" not in _digits(masked)[4:], masked
    assert masked.startswith("证号 ") and masked.endswith(" 已核对")


def test_the_log_filter_masks_them_in_arguments_too() -> None:
    record = logging.LogRecord("t", logging.INFO, __file__, 1, "saved %s / %s", (MOBILES[1], ID_NUMBERS[0]), None)
    PersonalDataFilter().filter(record)
    assert "0013" not in record.getMessage() and "19850312" not in record.getMessage().replace(" ", "")


@pytest.mark.parametrize("text", ["回执 220102-03-20261124-9999", "证书 JL-B2-2026-000777", "2026-11-24 10:00:00", "第 12 行"])
def test_receipts_dates_and_row_numbers_stay_readable(text: str) -> None:
    assert mask_personal_data(text) == text
