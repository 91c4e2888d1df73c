"""Generated bad input against every entry point: never a crash, never a silently changed value, every refusal explained."""

from __future__ import annotations

import copy
import unicodedata
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from clerk_app.domain.id_number import IdNumber, parse_id_number
from clerk_app.domain.institutions import validate_institution
from clerk_app.domain.kinds import RECORD_KINDS
from clerk_app.domain.problems import MESSAGES, Problem
from clerk_app.domain.validation import validate_record, validate_void_reason
from tests.domain.support import (
    PAYLOADS,
    REGISTRY,
    TODAY,
    check_char,
    full_width,
    id_number,
)

CATALOGUE_CODES = {key.split(".")[0] for key in MESSAGES}
FAST = settings(max_examples=150, deadline=None)

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=12), children, max_size=3),
    max_leaves=10,
)
nasty_text = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=80),  # any code point, lone surrogates included
    st.text(st.sampled_from(" \t\n\x00\x1b\u200b\u202e\u3000·・•‧Ｘｘ１２０-"), max_size=30),
    st.integers(1, 3).map(lambda n: "字" * (10**n * 3)),
    st.sampled_from(
        ["", " ", "\t张三\n", "张\x00三", "Ａ２", "B2", "１３８００１３８０００", "2025-01-02", "２０２５－０１－０２",
         "阿依古丽・买买提", id_number().lower(), full_width(id_number()), "JLDT0001", "JLCE0001", "offline", "full"]
    ),
)


def assert_explained(problems: list[Problem]) -> None:
    for p in problems:
        assert p.code in CATALOGUE_CODES
        assert p.message_zh.strip() and p.message_en.strip()
        assert p.field is None or isinstance(p.field, str)


# Codes, numbers and dates (DOMAIN.md "Numbers and text"): NFKC, no whitespace, ASCII upper-case.
CODE_KEYS = {
    "id_number", "certificate_no", "qualification_cert_no", "licence_no", "completion_certificate_no",
    "previous_certificate_no", "institution_code", "institution code", "filing_no",
    "training_start", "training_end", "assessment_date", "start_date", "end_date", "event_date",
    "qualification_first_issued_on",
}


def expected_text(key: str, typed: str) -> str:
    """What a stored value must be, by the rulings: codes canonical; free text with full-width letters, digits, space half-width."""
    if key in CODE_KEYS:
        value = "".join(unicodedata.normalize("NFKC", typed).split())
        return "".join(chr(ord(c) - 32) if "a" <= c <= "z" else c for c in value)
    value = "".join(
        chr(ord(c) - 0xFEE0) if c.isalnum() and "\uff10" <= c <= "\uff5a" else " " if c == "\u3000" else c for c in typed
    ).strip()
    if key == "name":
        for look_alike in "・•‧･":
            value = value.replace(look_alike, "·")
    return value


def assert_nothing_changed_silently(given_payload: Any, stored: Any, key: str = "") -> None:
    if isinstance(given_payload, dict) and isinstance(stored, dict):
        assert set(stored) <= set(given_payload) | {"kind_of_request", "updated_at"}
        for k, v in stored.items():
            if k in given_payload:
                assert_nothing_changed_silently(given_payload[k], v, k)
    elif isinstance(given_payload, list) and isinstance(stored, list) and key == "sessions":
        assert len(stored) == len(given_payload)
        for g, s in zip(given_payload, stored, strict=True):
            assert_nothing_changed_silently(g, s)
    elif isinstance(given_payload, str):
        assert stored == expected_text(key, given_payload), key


@st.composite
def mutated_record(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    kind = draw(st.sampled_from(RECORD_KINDS))
    payload = PAYLOADS[kind]()
    targets = [payload]
    if kind == "ce_hours":
        targets += payload["sessions"]
    for _ in range(draw(st.integers(1, 4))):
        target = draw(st.sampled_from(targets))
        action = draw(st.sampled_from(["text", "any", "drop", "extra"]))
        name = draw(st.sampled_from(sorted(target)))
        if action == "text":
            target[name] = draw(nasty_text)
        elif action == "any":
            target[name] = draw(json_values)
        elif action == "drop":
            target.pop(name, None)
        else:
            target[draw(st.text(min_size=1, max_size=12))] = draw(json_values)
    return kind, payload


@FAST
@given(kind=st.sampled_from((*RECORD_KINDS, "no_such_kind")), payload=json_values)
def test_random_values_as_a_record_are_refused_with_reasons(kind: str, payload: Any) -> None:
    checked = validate_record(kind, payload, REGISTRY)
    assert not checked.ok
    assert_explained(checked.errors)


@settings(max_examples=400, deadline=None)
@given(case=mutated_record())
def test_mutated_records_are_refused_with_reasons_or_stored_exactly(case: tuple[str, dict[str, Any]]) -> None:
    kind, payload = case
    original = copy.deepcopy(payload)
    checked = validate_record(kind, payload, REGISTRY)
    assert payload == original, "validation must not modify its input"
    assert_explained(checked.errors)
    if checked.ok:
        assert_nothing_changed_silently(payload, checked.payload)


INSTITUTION_KEYS = ["code", "name", "kind", "status", "filing", "vehicle_classes", "phone"]


@FAST
@given(payload=json_values | st.dictionaries(st.sampled_from(INSTITUTION_KEYS), json_values | nasty_text))
def test_random_institutions_never_crash(payload: Any) -> None:
    _, problems = validate_institution(payload)
    assert_explained(problems)


@FAST
@given(field=st.sampled_from(["code", "name", "head", "address", "phone", "enrollment_method"]), value=nasty_text)
def test_institution_text_is_refused_or_kept_exactly(field: str, value: str) -> None:
    payload = {"code": "JL1", "name": "示例驾校", "kind": "driver_training", "status": "active", field: value}
    stored, problems = validate_institution(payload)
    assert_explained(problems)
    if not problems and field in stored:
        # The person in charge has a person's name; the institution's own name keeps its dots as typed.
        assert stored[field] == expected_text("name" if field == "head" else f"institution {field}", value)


@FAST
@given(raw=nasty_text | st.from_regex(r"[0-9]{17}[0-9Xx]", fullmatch=True))
def test_id_numbers_are_parsed_or_refused_never_crashed(raw: str) -> None:
    parsed = parse_id_number(raw, TODAY)
    if isinstance(parsed, Problem):
        assert_explained([parsed])
        assert len(raw.strip()) < 15 or raw.strip() not in parsed.message_zh + parsed.message_en
        return
    assert parsed.canonical == expected_text("id_number", raw)
    assert check_char(parsed.canonical[:17]) == parsed.canonical[17]
    assert parsed.birth_date <= TODAY


@FAST
@given(birth=st.dates(date(1900, 1, 1), date(2030, 12, 31)), seq=st.integers(0, 999))
def test_every_well_formed_number_with_a_past_birth_date_is_accepted(birth: date, seq: int) -> None:
    number = id_number(birth=birth.strftime("%Y%m%d"), seq=seq)
    parsed = parse_id_number(number, TODAY)
    if birth > TODAY:
        assert isinstance(parsed, Problem) and parsed.code == "id_birth_date_future"
    else:
        assert parsed == IdNumber(number, birth, "male" if seq % 2 else "female")


@FAST
@given(reason=nasty_text | json_values)
def test_void_reasons_are_refused_or_kept_exactly(reason: Any) -> None:
    result = validate_void_reason(reason)
    if isinstance(result, Problem):
        assert_explained([result])
    else:
        assert result == expected_text("void_reason", reason) and 1 <= len(result) <= 200
