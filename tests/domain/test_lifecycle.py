"""The record lifecycle: stored values, the moves it refuses, and a name for every state in both languages."""

from __future__ import annotations

import pytest

from clerk_app.domain import lifecycle
from clerk_app.domain.lifecycle import State


def test_the_states_are_the_strings_already_stored() -> None:
    assert [str(s) for s in State] == ["pending", "sending", "accepted", "rejected", "voided"]
    assert {"pending": 1}[State.PENDING] == 1 and str(State.PENDING) == "pending"
    assert lifecycle.listed("accepted", voided=True) is State.VOIDED
    assert lifecycle.listed("rejected", voided=False) is State.REJECTED


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("accepted", "sending"),  # an accepted version is never sent again: a change is a new version
        ("rejected", "accepted"),
        ("pending", "accepted"),  # nothing is accepted that was not sent
        (None, "sending"),
        ("pending", "voided"),  # voided is a record's state, not a version's
        ("sending", "unknown"),
    ],
)
def test_a_forbidden_upload_move_is_refused(before: str | None, after: str) -> None:
    with pytest.raises(lifecycle.ForbiddenMove):
        lifecycle.upload_move(before, after)


def test_a_voided_record_never_moves_again_and_a_record_moves_on_by_a_new_version() -> None:
    for after in State:
        with pytest.raises(lifecycle.ForbiddenMove):
            lifecycle.record_move("voided", after)
    assert lifecycle.record_move("accepted", "pending") is State.PENDING  # a correction
    assert lifecycle.record_move("sending", "voided") is State.VOIDED
    assert lifecycle.upload_move("sending", "pending") is State.PENDING  # a returned batch


def test_every_state_has_its_name_in_chinese_and_english() -> None:
    for state in State:
        zh, en = lifecycle.label(state), lifecycle.label(state, "en")
        assert zh and en and zh != en
        assert any("\u4e00" <= c <= "\u9fff" for c in zh) and en.isascii()
    assert len({lifecycle.label(s) for s in State}) == len(State)
    assert lifecycle.label("archived") == "archived"  # an unknown stored value is shown as it is
