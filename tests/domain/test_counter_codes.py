"""Cards and scans at the counter (DOMAIN.md, "At the counter"): foreigners' numbers, the base message, what a code is."""

from __future__ import annotations

from datetime import date

import pytest
from stdnum.cn import ric

from clerk_app.domain import scan_codes
from clerk_app.domain.id_card import card_from_fields, encode_base_message, parse_base_message
from clerk_app.domain.id_number import IdNumber, parse_id_number
from clerk_app.domain.problems import Problem
from tests.devices import cards

TODAY = date(2026, 12, 8)


def foreigner_number(province: str = "22", country: str = "840", birth: str = "19800312") -> str:
    body = f"9{province}{country}{birth}001"
    return body + ric.calc_check_digit(body + "0")


def test_the_2023_foreigners_number_is_an_id_number() -> None:
    parsed = parse_id_number(foreigner_number(), TODAY)
    assert isinstance(parsed, IdNumber) and parsed.birth_date == date(1980, 3, 12)
    assert isinstance(parse_id_number(foreigner_number(province="99"), TODAY), Problem)  # no such province
    wrong = foreigner_number()[:-1] + ("1" if foreigner_number()[-1] != "1" else "2")
    assert "校验码" in parse_id_number(wrong, TODAY).message_zh  # type: ignore[union-attr]


def test_the_old_foreigners_number_is_refused_towards_the_supervisor() -> None:
    refused = parse_id_number("usa310068030125", TODAY)
    assert isinstance(refused, Problem) and "旧版外国人永久居留证" in refused.message_zh and "负责人" in refused.message_zh


def test_a_base_message_round_trips_and_keeps_no_more_than_it_should() -> None:
    read = parse_base_message(encode_base_message("resident", cards.resident()), TODAY)
    assert read.card is not None and read.refusal is None and read.warnings == ()
    assert (read.card.name, read.card.sex, read.card.birth_date) == ("王卡读", "male", date(1985, 6, 14))
    assert "读卡路" in read.card.address and "读卡路" not in repr(read.card)  # shown, never in logs


def test_a_card_without_end_and_a_birth_date_that_disagrees() -> None:
    assert card_from_fields("resident", cards.resident(valid_to="长期"), TODAY).card is not None
    refused = card_from_fields("resident", cards.resident(birth="19850615"), TODAY)
    assert refused.card is None and refused.refusal is not None and "出生日期" in refused.refusal.message_zh


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("220100-01-20261208-0007", scan_codes.RECEIPT, "220100-01-20261208-0007"),
        ("https://pt.jl.example/verify/JL2026000123/k7Qx9p", scan_codes.CERTIFICATE, "JL2026000123"),
        ("http://127.0.0.1:8765/api/v1/verify/220102198003129017/abc", scan_codes.CERTIFICATE, "220102198003129017"),
        (cards.id_number().lower(), scan_codes.ID_NUMBER, cards.id_number()),
        ("jl-b2-2026-000123", scan_codes.COMPLETION, "JL-B2-2026-000123"),
        ("https://example.com/other/page", scan_codes.UNKNOWN, "https://example.com/other/page"),
        ("不是条码的文字", scan_codes.UNKNOWN, "不是条码的文字"),
    ],
)
def test_a_scan_is_what_its_content_says(text: str, kind: str, value: str) -> None:
    found = scan_codes.classify(text, TODAY)
    assert (found.kind, found.value) == (kind, value)


def test_the_supervisors_e_certificate_pattern() -> None:
    pattern = r"JSB:(?P<certificate_no>[0-9A-Z]+);(?P<code>\w+)"
    found = scan_codes.classify("JSB:JL2026000123;x1y2", TODAY, ecert_pattern=pattern)
    assert (found.kind, found.value, found.code) == (scan_codes.CERTIFICATE, "JL2026000123", "x1y2")
    assert scan_codes.pattern_refusal("(unclosed") is not None
    assert scan_codes.pattern_refusal(r"JSB:(\d+)") is not None  # no certificate_no group
    assert scan_codes.classify("JSB:JL2026000123;x1y2", TODAY, ecert_pattern="(bad").kind == scan_codes.UNKNOWN


def test_scanner_timing() -> None:
    assert scan_codes.is_scan_timing([5.0] * 17, 18)
    assert not scan_codes.is_scan_timing([5.0] * 6, 7)  # too short
    assert not scan_codes.is_scan_timing([5.0] * 10 + [120.0], 12)  # a pause: typed
