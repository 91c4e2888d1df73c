"""The one message catalogue: every code speaks both languages, and nothing personal leaks into a message."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from clerk_app.domain.problems import MESSAGES, problem

REQUIRED_CODES = (
    "malformed_json", "not_an_object", "unknown_kind", "unknown_field", "missing_field", "wrong_type", "empty",
    "too_long", "control_characters", "invalid_id_number", "id_birth_date_future", "invalid_phone",
    "invalid_licence_class", "invalid_choice", "invalid_date", "date_in_future", "date_order", "hours_step",
    "hours_out_of_range", "unknown_institution", "institution_inactive", "institution_wrong_kind",
    "institution_not_qualified", "institution_not_filed", "duplicate_record", "duplicate_certificate_no",
    "possible_duplicate", "void_reason_required",
)

SOURCE = Path(__file__).resolve().parents[2]


def _split(key: str) -> tuple[str, str | None]:
    code, _, variant = key.partition(".")
    return code, variant or None


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_entry_formats_in_both_languages(key: str) -> None:
    names = {
        name for template in MESSAGES[key] for _, name, _, _ in string.Formatter().parse(template) if name
    }
    code, variant = _split(key)
    built = problem(code, "name", variant=variant, **{n: "7" for n in names if n not in {"field_zh", "field_en"}})
    assert re.fullmatch(r"[a-z][a-z0-9_]*", built.code)
    assert built.message_zh and built.message_en and "{" not in built.message_zh + built.message_en
    assert re.search(r"[\u4e00-\u9fff]", built.message_zh), "the Chinese message must be Chinese"


def test_the_codes_the_brief_names_are_all_there() -> None:
    assert set(REQUIRED_CODES) <= {_split(key)[0] for key in MESSAGES}


def test_every_code_used_in_the_program_is_in_the_catalogue() -> None:
    used = set()
    for path in (p for package in ("clerk_app", "ui", "sync") for p in (SOURCE / package).rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for code, variant in re.findall(r'(?:problem|refuse)\(\s*"([a-z0-9_]+)"(?:[^()]*?variant="([a-z0-9_]+)")?', text):
            used.add(f"{code}.{variant}" if variant else code)
    assert used, "the scan found no calls at all"
    assert "file_not_utf8" in used and "invalid_id_number.old_15" in used, "the scan missed calls"
    assert sorted(used - set(MESSAGES)) == []


def test_as_dict_speaks_the_language_asked_for() -> None:
    refused = problem("missing_field", "name")
    assert refused.as_dict() == {"field": "name", "code": "missing_field", "message": "缺少必填项「姓名」。请补充后再保存。"}
    assert refused.as_dict("en")["message"] == "Name is required. Fill it in and save again."


def test_a_list_position_is_counted_from_one_for_people() -> None:
    refused = problem("hours_step", "sessions.2.hours", value="0.3")
    assert "学习记录第 3 条的学时" in refused.message_zh and refused.message_en.startswith("Session 3: hours")
    assert refused.field == "sessions.2.hours"


def test_a_personal_number_handed_to_a_message_is_masked() -> None:
    refused = problem("unknown_institution", "institution_code", institution_code="22010219850312123X 13800138000")
    text = refused.message_zh + refused.message_en
    assert "22010219850312123X" not in text and "13800138000" not in text
    assert "2201**********123X" in text and "138****8000" in text


def test_unknown_code_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        problem("no_such_code")

