"""Generated bad input fed to ``RecordService.add``: never a crash, never a silent change, every refusal explained."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clerk_app.services.records import RecordService
from tests import factories
from tests.domain.test_properties import expected_text

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=300),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3),
    max_leaves=8,
)
nasty_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=120
) | st.sampled_from(["", " ", "\t张三\n", "张\x00三", "Ａ２", "１３８００１３８０００", "x" * 5000, "阿依古丽・买买提"])


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    kind = draw(st.sampled_from(sorted(factories.PAYLOADS)))
    payload = factories.PAYLOADS[kind]()
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["replace_text", "replace_any", "drop", "extra"]))
        field = draw(st.sampled_from(sorted(payload)))
        if action == "replace_text":
            payload[field] = draw(nasty_text)
        elif action == "replace_any":
            payload[field] = draw(json_values)
        elif action == "drop":
            payload.pop(field, None)
        else:
            payload[draw(st.text(min_size=1, max_size=12))] = draw(json_values)
    return kind, payload


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=mutated())
def test_add_never_crashes_truncates_or_half_saves(records: RecordService, case: tuple[str, dict[str, Any]]) -> None:
    kind, payload = case
    before = records.count()
    outcome = records.add(kind, payload, operator="tester", confirm_duplicate=True)
    if not outcome.ok:
        assert records.count() == before
        for error in outcome.errors:
            assert error.code and error.message_zh and error.message_en
        return
    assert records.count() == before + 1
    stored = records.get(outcome.record_id).versions[-1].payload
    for key, value in payload.items():
        if isinstance(value, str) and value.strip() and key in stored:
            # The rulings' forms: codes canonical, free text with its Chinese punctuation (tests/domain says how).
            assert stored[key] == expected_text(key, value), key
