"""Checking an entry of any kind against the platform contract and DOMAIN.md's rules.

One pass finds every problem in an entry (the clerk fixes them all at once,
not one per attempt) and, when there are none, yields the normalised payload
that is stored and uploaded: only contract fields, free text with its Chinese
punctuation, codes and numbers in canonical form, dates as YYYY-MM-DD,
defaults filled in. Nothing is dropped or cut silently; whatever cannot be
kept as given is refused with a reason.

The rulings of December 2026 checked here (DOMAIN.md): ages (18 at training
start and on a transition case's exam or registration date, at most
``max_age`` on the day of a first issue), the transition's ``event_date`` on
or before 2020-12-31, the application's licence class (A1, A2, B2 only) and
the certificate it needs by kind of request, and CE sessions against the
institution's filing (``filings.session_problems``).

The ``note`` of a transition case may hold line breaks (it is typed in a
multi-line box); no other text may.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from clerk_app.domain.dates import ADULT_AGE, EXAM_CHANNEL_CLOSED_ON, age_on
from clerk_app.domain.fields import (
    INVALID,
    LIST,
    NUMBER,
    TEXT,
    Checks,
    Field,
    a_date,
    check_object,
    choice,
    code,
    in_order,
    text,
)
from clerk_app.domain.filings import session_problems
from clerk_app.domain.id_number import parse_id_number
from clerk_app.domain.kinds import (
    CE_CATEGORIES,
    DEFAULT_REQUEST_KIND,
    EVENT_DATE_LABELS,
    FREIGHT_TRAINING_CLASSES,
    INSTITUTION_KINDS,
    INSTITUTION_KINDS_EN,
    LICENCE_CLASSES,
    RECORD_KINDS,
    RECORD_LIMITS,
    REQUEST_KINDS,
    SESSION_MODES,
    SITUATIONS,
    TRAINING_SCOPES,
)
from clerk_app.domain.licences import APPLICATION_LICENCE_CLASSES
from clerk_app.domain.problems import Problem, problem, shown
from clerk_app.domain.text import free_text, has_control_characters, looks_blank

_MOBILE = re.compile(r"1[3-9][0-9]{9}")  # DOMAIN.md: 11 digits starting with 13-19

# The oldest a person may be on the day of a first issue, unless the
# ``qualification.max_age`` setting says otherwise.
DEFAULT_MAX_AGE = 60


@dataclass(frozen=True)
class InstitutionInfo:
    code: str
    name: str
    kind: str
    status: str
    vehicle_classes: tuple[str, ...] = ()
    filing: Mapping[str, Any] | None = None
    # The day the present status began (contract 1.2 ``status_since``; a 1.1 entry: its updated_at date).
    status_since: date | None = None

    def inactive_on(self, day: date) -> bool:
        """Whether entries of ``day`` are refused for the institution's status (DOMAIN.md, second rulings).

        Hours and completions whose application day is before a suspension or
        revocation stand; only entries on or after ``status_since`` are refused.
        """
        return self.status != "active" and (self.status_since is None or day >= self.status_since)


class ValidationContext(Protocol):
    today: date

    def institution(self, code: str) -> InstitutionInfo | None: ...


@dataclass(frozen=True)
class Validated:
    """The outcome of one check. With errors, ``payload`` holds only the fields that passed."""

    payload: dict[str, Any]
    errors: list[Problem]
    derived: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def _id_number(checks: Checks, value: object, path: str) -> object:
    parsed = parse_id_number(value, checks.today, path)
    if isinstance(parsed, Problem):
        checks.errors.append(parsed)
        return INVALID
    checks.derived.update(birth_date=parsed.birth_date.isoformat(), sex=parsed.sex)
    return parsed.canonical


def _phone(checks: Checks, value: object, path: str) -> object:
    if not isinstance(value, str):
        return checks.refuse("wrong_type", path, expected=TEXT)
    if not _MOBILE.fullmatch(value):
        return checks.refuse("invalid_phone", path)
    return value


def _hours(checks: Checks, value: object, path: str) -> object:
    # bool is an int to Python, but true/false is no number of hours.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return checks.refuse("wrong_type", path, expected=NUMBER)
    if not 0 < value <= 24:  # also false for NaN
        return checks.refuse("hours_out_of_range", path, value=shown(value))
    if not float(value * 2).is_integer():
        return checks.refuse("hours_step", path, value=shown(value))
    return int(value) if float(value).is_integer() else float(value)


def _sessions(checks: Checks, value: object, path: str) -> object:
    if not isinstance(value, list):
        return checks.refuse("wrong_type", path, expected=LIST)
    if not value:
        return checks.refuse("empty", path)
    before = len(checks.errors)
    sessions = [check_object(checks, item, f"{path}.{i}", _SESSION) for i, item in enumerate(value)]
    for i, session in enumerate(sessions):
        if session is not None:
            in_order(checks, session, "start_date", "end_date", f"{path}.{i}.")
    return sessions if len(checks.errors) == before else INVALID


_PERSON = {
    "id_number": Field(_id_number),
    "name": Field(text(RECORD_LIMITS["name"], name=True)),
    "phone": Field(_phone, required=False),
}

_SESSION = {
    "course": Field(text(RECORD_LIMITS["course"])),
    "hours": Field(_hours),
    "mode": Field(choice(SESSION_MODES)),
    "start_date": Field(a_date),
    "end_date": Field(a_date),
}

_SHAPES: dict[str, dict[str, Field]] = {
    "training_completion": {
        **_PERSON,
        "institution_code": Field(code(RECORD_LIMITS["institution_code"])),
        "training_scope": Field(choice(TRAINING_SCOPES)),
        "vehicle_class": Field(choice({c: LICENCE_CLASSES[c] for c in FREIGHT_TRAINING_CLASSES})),
        "certificate_no": Field(code(RECORD_LIMITS["certificate_no"])),
        "training_start": Field(a_date),
        "training_end": Field(a_date),
        "assessment_date": Field(a_date),
    },
    "ce_hours": {
        **_PERSON,
        "qualification_cert_no": Field(code(RECORD_LIMITS["qualification_cert_no"])),
        "category": Field(choice(CE_CATEGORIES)),
        "institution_code": Field(code(RECORD_LIMITS["institution_code"])),
        "sessions": Field(_sessions),
        "qualification_first_issued_on": Field(a_date, required=False),
    },
    "qualification_application": {
        **_PERSON,
        "licence_no": Field(code(RECORD_LIMITS["licence_no"])),
        "licence_class": Field(
            choice({c: LICENCE_CLASSES[c] for c in APPLICATION_LICENCE_CLASSES}, "invalid_licence_class", variant="application")
        ),
        # Which of the two certificates is required depends on kind_of_request (_qualification_application).
        "completion_certificate_no": Field(code(RECORD_LIMITS["completion_certificate_no"]), required=False),
        "previous_certificate_no": Field(code(RECORD_LIMITS["previous_certificate_no"]), required=False),
        "kind_of_request": Field(choice(REQUEST_KINDS), required=False, default=DEFAULT_REQUEST_KIND),
    },
    "transition_case": {
        **_PERSON,
        "situation": Field(choice(SITUATIONS)),
        "event_date": Field(a_date),
        "note": Field(text(RECORD_LIMITS["note"]), required=False, multiline=True),
    },
}


def _institution(checks: Checks, ctx: ValidationContext, payload: Mapping[str, Any], kind: str) -> InstitutionInfo | None:
    """The entry's institution if it exists, is of ``kind`` and is active; otherwise records why not."""
    code = payload.get("institution_code")
    if code is None:
        return None
    info = ctx.institution(code)
    if info is None:
        checks.refuse("unknown_institution", "institution_code", institution_code=shown(code))
        return None
    named = {"institution_code": info.code, "name": info.name}
    if info.kind != kind:
        checks.refuse(
            "institution_wrong_kind",
            "institution_code",
            kind=(INSTITUTION_KINDS.get(info.kind, info.kind), INSTITUTION_KINDS_EN.get(info.kind, info.kind)),
            expected=(INSTITUTION_KINDS[kind], INSTITUTION_KINDS_EN[kind]),
            **named,
        )
        return None
    if info.inactive_on(checks.today):
        variant = "revoked" if info.status == "revoked" else "suspended"
        checks.refuse("institution_inactive", "institution_code", variant=variant, **named)
        return None
    return info


def _age_on(checks: Checks, day: str | None) -> int | None:
    """The person's age on ``day`` (YYYY-MM-DD) by the ID number's birth date; None when either is unknown."""
    birth = checks.derived.get("birth_date")
    if birth is None or day is None:
        return None
    return age_on(date.fromisoformat(birth), date.fromisoformat(day))


def _training_completion(checks: Checks, ctx: ValidationContext, payload: dict[str, Any], max_age: int) -> None:
    in_order(checks, payload, "training_start", "training_end")
    in_order(checks, payload, "training_end", "assessment_date")
    age = _age_on(checks, payload.get("training_start"))
    if age is not None and age < ADULT_AGE:
        checks.refuse(
            "age_out_of_range",
            "training_start",
            variant="training_start",
            age=age,
            minimum=ADULT_AGE,
            day=payload["training_start"],
        )
    info = _institution(checks, ctx, payload, "driver_training")
    vehicle_class = payload.get("vehicle_class")
    if info and vehicle_class and vehicle_class not in info.vehicle_classes:
        checks.refuse(
            "institution_not_qualified",
            "institution_code",
            institution_code=info.code,
            name=info.name,
            vehicle_class=vehicle_class,
            class_zh=LICENCE_CLASSES[vehicle_class],
        )


def _ce_hours(checks: Checks, ctx: ValidationContext, payload: dict[str, Any], max_age: int) -> None:
    info = _institution(checks, ctx, payload, "continuing_education")
    if info and not info.filing:
        checks.refuse("institution_not_filed", "institution_code", institution_code=info.code, name=info.name)
    elif info and info.filing and "sessions" in payload:
        checks.errors.extend(session_problems(payload["sessions"], info.filing, code=info.code, name=info.name))


def _qualification_application(checks: Checks, ctx: ValidationContext, payload: dict[str, Any], max_age: int) -> None:
    request = payload.get("kind_of_request")
    needed = "completion_certificate_no" if request == "first_issue" else "previous_certificate_no"
    if request is not None and needed not in payload and needed not in {p.field for p in checks.errors}:
        checks.refuse("missing_field", needed)
    if request == "first_issue":
        today = checks.today.isoformat()
        age = _age_on(checks, today)
        if age is not None and age > max_age:
            checks.refuse("age_out_of_range", "id_number", variant="first_issue", age=age, maximum=max_age, day=today)


def _transition_case(checks: Checks, ctx: ValidationContext, payload: dict[str, Any], max_age: int) -> None:
    day = payload.get("event_date")
    if day is None:
        return
    if day > EXAM_CHANNEL_CLOSED_ON.isoformat():
        checks.refuse("date_out_of_range", "event_date", variant="exam_closed", value=day, closed=EXAM_CHANNEL_CLOSED_ON.isoformat())
        return
    age = _age_on(checks, day)
    if age is not None and age < ADULT_AGE:
        event = EVENT_DATE_LABELS.get(payload.get("situation", ""), ("考试或报名日期", "exam or registration date"))
        checks.refuse("age_out_of_range", "event_date", variant="transition", age=age, minimum=ADULT_AGE, day=day, event=event)


_CROSS_CHECKS: dict[str, Callable[[Checks, ValidationContext, dict[str, Any], int], None]] = {
    "training_completion": _training_completion,
    "ce_hours": _ce_hours,
    "qualification_application": _qualification_application,
    "transition_case": _transition_case,
}


def validate_record(kind: str, payload: object, ctx: ValidationContext, *, max_age: int = DEFAULT_MAX_AGE) -> Validated:
    """Every problem of one entry of ``kind``; when there are none, ``payload`` is what may be stored.

    ``max_age`` is the oldest a person may be on the day of a first issue
    (the ``qualification.max_age`` setting at the window).
    """
    if kind not in RECORD_KINDS:
        return Validated({}, [problem("unknown_kind", "kind", allowed=", ".join(RECORD_KINDS))], {})
    checks = Checks(ctx.today)
    normalised = check_object(checks, payload, None, _SHAPES[kind])
    if normalised is None:
        return Validated({}, checks.errors, {})
    # Cross-field rules run on the fields that passed, so their problems come
    # in the same round as the rest rather than after the clerk fixed those.
    cross_check = _CROSS_CHECKS.get(kind)
    if cross_check:
        cross_check(checks, ctx, normalised, max_age)
    return Validated(normalised, checks.errors, checks.derived)


def validate_void_reason(reason: object) -> str | Problem:
    """The reason a supervisor gives for voiding, normalised: 1 to 200 characters of one line."""
    return _one_line_reason(reason, "void_reason", "void_reason_required")


def validate_change_reason(reason: object) -> str | Problem:
    """Why a correction is made (更正原因), normalised: 1 to 200 characters of one line; required."""
    return _one_line_reason(reason, "change_reason", "change_reason_required")


def _one_line_reason(reason: object, field: str, missing: str) -> str | Problem:
    if reason is None:
        return problem(missing, field)
    if not isinstance(reason, str):
        return problem("wrong_type", field, expected=TEXT)
    value = free_text(reason)
    if not value:
        return problem(missing, field)
    if has_control_characters(value):
        return problem("control_characters", field)
    if looks_blank(value):
        return problem("blank_text", field)
    limit = RECORD_LIMITS[field]
    if len(value) > limit:
        return problem("too_long", field, limit=limit, length=len(value))
    return value
