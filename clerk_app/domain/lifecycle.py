"""The record lifecycle, named once: its states, the moves allowed between them, and what each is called.

Every version a clerk saves (an entry, a correction, a void) waits in the
upload queue as ``pending``. The upload engine records it in a batch
(``sending``) before a byte goes out; the platform's answer makes it
``accepted`` or ``rejected``; a batch the platform certainly did not process,
or a version its answer did not mention, goes back to ``pending``. Accepted
and rejected are final for that version: a change is a new version.

A record shows the state of its newest version, so a correction or a void
puts it back to ``pending`` from wherever it was. ``voided`` is how a record
is listed once a supervisor voided it: it can no longer be corrected or
voided, while its void version is uploaded like any other.

The values are the strings stored in ``outbox.state`` and
``records.upload_state`` and accepted by ``clerk-app list --state``;
changing one would need a migration. The storage, the upload engine, the
printed receipt, the command line and the window all take the states and
their words from here.
"""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    VOIDED = "voided"


UPLOAD_STATES = (State.PENDING, State.SENDING, State.ACCEPTED, State.REJECTED)
"""What the upload of a version can be: the values of ``outbox.state`` and ``records.upload_state``."""

# The moves of one version's upload; None is the version being written.
UPLOAD_MOVES: frozenset[tuple[State | None, State]] = frozenset(
    {
        (None, State.PENDING),  # saved, corrected or voided: queued
        (State.PENDING, State.SENDING),  # recorded in a batch, committed before it is sent
        (State.SENDING, State.ACCEPTED),  # the platform's answer
        (State.SENDING, State.REJECTED),
        (State.SENDING, State.PENDING),  # returned: the batch was not processed, or the answer left it out
    }
)

# The moves of a record as it is listed: its newest version's moves, plus a new version (a correction, or
# a void) from any state but voided. A voided record stays voided whatever its void version's upload does.
RECORD_MOVES: frozenset[tuple[State | None, State]] = (
    UPLOAD_MOVES
    | {(state, State.PENDING) for state in UPLOAD_STATES}
    | {(state, State.VOIDED) for state in UPLOAD_STATES}
)

LABELS: dict[State, tuple[str, str]] = {
    State.PENDING: ("待上传", "Pending"),
    State.SENDING: ("上传中", "Sending"),
    State.ACCEPTED: ("已接收", "Accepted"),
    State.REJECTED: ("被退回", "Rejected"),
    State.VOIDED: ("已作废", "Voided"),
}
# What a state means for the driver holding the receipt is printing's wording (clerk_app.printing.wording.PROGRESS).


class ForbiddenMove(ValueError):
    """A move the lifecycle does not allow: a bug in the caller, never a clerk's mistake."""


def upload_move(before: str | None, after: str) -> State:
    """``after`` as a State when a version's upload may go from ``before`` to it; raises ForbiddenMove if not."""
    return _checked(UPLOAD_MOVES, before, after)


def record_move(before: str | None, after: str) -> State:
    """``after`` as a State when a record, as listed, may go from ``before`` to it; raises ForbiddenMove if not."""
    return _checked(RECORD_MOVES, before, after)


def listed(upload_state: str, voided: bool) -> State:
    """The state a record is listed in: voided, or its newest version's upload state."""
    return State.VOIDED if voided else State(upload_state)


def label(state: str, lang: str = "zh") -> str:
    """The short name of a state (lists, counts, the window); an unknown value is shown as it is."""
    if state not in _VALUES:
        return state
    zh, en = LABELS[State(state)]
    return en if lang == "en" else zh


_VALUES = frozenset(State)


def _checked(moves: frozenset[tuple[State | None, State]], before: str | None, after: str) -> State:
    if after not in _VALUES or (before is not None and before not in _VALUES):
        raise ForbiddenMove(f"unknown state in {before!r} -> {after!r}")
    start, end = (None if before is None else State(before)), State(after)
    if (start, end) not in moves:
        raise ForbiddenMove(f"{before} -> {after} is not a move of the record lifecycle")
    return end
