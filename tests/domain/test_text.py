"""Normalising what a clerk typed: full-width forms, surrounding space, minority-name dots, control characters."""

from __future__ import annotations

import pytest

from clerk_app.domain.text import free_text, has_control_characters, normalize_name


def test_full_width_digits_and_letters_become_half_width_and_space_is_trimmed() -> None:
    assert free_text("\u3000 Ｂ２ １３８００１３８０００\t") == "B2 13800138000"


def test_middle_dot_is_kept_exactly() -> None:
    assert normalize_name("  阿依古丽·买买提 ") == "阿依古丽·买买提"


@pytest.mark.parametrize("dot", ["\u30fb", "\u2022", "\uff65", "\u2027"])
def test_look_alike_dots_from_input_methods_become_the_middle_dot_in_names(dot: str) -> None:
    assert normalize_name(f"艾尔肯{dot}吐尔逊") == "艾尔肯·吐尔逊"


def test_other_text_keeps_its_dots() -> None:
    assert free_text("课程\u2022一") == "课程\u2022一"


@pytest.mark.parametrize("bad", ["张\x00三", "张\x1b三", "张\u200b三", "张\u202e三", "张\ud800三", "张\n三"])
def test_control_and_invisible_characters_are_detected(bad: str) -> None:
    assert has_control_characters(bad)


def test_line_breaks_pass_only_when_allowed() -> None:
    assert not has_control_characters("第一行\n第二行", allow_newlines=True)
    assert has_control_characters("第一行\r\n第二行", allow_newlines=True)
    assert not has_control_characters("阿依古丽·买买提 𠀀")
