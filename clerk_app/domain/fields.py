"""Checking a JSON object field by field, collecting every problem on the way.

Records and institutions are both described as a table of fields (how each is
checked, whether it is required, its default); ``check_object`` applies the
same rules to all of them: unknown fields refused, text made free text
(``text.free_text``) and refused if it holds control or invisible characters
or looks blank, an optional field left empty counts as absent, and ``null``
counts as absent too. Codes and numbers (``code``) are then put in their
canonical form; dates (``a_date``) lie between 2000-01-01 and today.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, NamedTuple

from clerk_app.domain.dates import EARLIEST_DATE
from clerk_app.domain.problems import FIELD_LABELS, Problem, field_label, problem
from clerk_app.domain.text import canonical_code, free_text, has_control_characters, looks_blank, normalize_name

TEXT = ("文字", "text")
NUMBER = ("数字", "a number")
LIST = ("列表", "a list")


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Invalid:
    """The result of a check that refused its value (the Problem is already recorded)."""


INVALID = Invalid()


class Checks:
    """The problems of one object being checked, worded with the labels of its kind of object."""

    def __init__(self, today: date, labels: Mapping[str, tuple[str, str]] = FIELD_LABELS) -> None:
        self.today = today
        self.labels = labels
        self.errors: list[Problem] = []
        self.derived: dict[str, str] = {}  # facts the values revealed, such as the birth date in an ID number

    def label(self, path: str) -> tuple[str, str]:
        return field_label(path, self.labels)

    def refuse(self, code: str, path: str | None, /, **params: object) -> Invalid:
        if path is not None:
            params.setdefault("field_zh", self.label(path)[0])
            params.setdefault("field_en", self.label(path)[1])
        self.errors.append(problem(code, path, **params))
        return INVALID


Check = Callable[[Checks, object, str], object]


class Field(NamedTuple):
    check: Check
    required: bool = True
    default: object = None
    multiline: bool = False


def check_object(checks: Checks, value: object, path: str | None, shape: Mapping[str, Field]) -> dict[str, Any] | None:
    """The fields of ``value`` that passed, normalised; None if ``value`` is not an object at all."""
    if not isinstance(value, Mapping):
        checks.refuse("not_an_object", path)
        return None
    prefix = f"{path}." if path else ""
    for key in value:
        if key not in shape:
            checks.refuse("unknown_field", f"{prefix}{key}")
    out: dict[str, Any] = {}
    for name, spec in shape.items():
        where = prefix + name
        raw = value.get(name)
        if isinstance(raw, str):
            raw = free_text(raw)
            if has_control_characters(raw, allow_newlines=spec.multiline):
                checks.refuse("control_characters", where)
                continue
            if raw and looks_blank(raw):
                checks.refuse("blank_text", where)
                continue
        if raw is None or raw == "":
            if spec.required:
                checks.refuse("missing_field" if raw is None else "empty", where)
            elif spec.default is not None:
                out[name] = spec.default
            continue
        checked = spec.check(checks, raw, where)
        if checked is not INVALID:
            out[name] = checked
    return out


def choices_shown(options: Mapping[str, str]) -> tuple[str, str]:
    """Allowed values for a message: with their Chinese labels in Chinese, bare codes in English."""
    return "、".join(f"{code}（{label}）" for code, label in options.items()), ", ".join(options)


def text(limit: int, *, name: bool = False) -> Check:
    """Text of at most ``limit`` characters; ``name`` also unifies the middle dot of minority names."""

    def check(checks: Checks, value: object, path: str) -> object:
        if not isinstance(value, str):
            return checks.refuse("wrong_type", path, expected=TEXT)
        if name:
            value = normalize_name(value)
        if len(value) > limit:
            return checks.refuse("too_long", path, limit=limit, length=len(value))
        return value

    return check


def code(limit: int) -> Check:
    """A code or number (certificate, licence, institution ...) in canonical form, at most ``limit`` characters."""

    def check(checks: Checks, value: object, path: str) -> object:
        if not isinstance(value, str):
            return checks.refuse("wrong_type", path, expected=TEXT)
        value = canonical_code(value)
        if len(value) > limit:
            return checks.refuse("too_long", path, limit=limit, length=len(value))
        return value

    return check


def choice(options: Mapping[str, str], code: str = "invalid_choice", *, variant: str | None = None) -> Check:
    def check(checks: Checks, value: object, path: str) -> object:
        if not isinstance(value, str):
            return checks.refuse("wrong_type", path, expected=TEXT)
        if value not in options:
            return checks.refuse(code, path, variant=variant, allowed=choices_shown(options))
        return value

    return check


def a_date(checks: Checks, value: object, path: str) -> object:
    """A calendar date written YYYY-MM-DD, from 2000-01-01 (``date_out_of_range``) to today (``date_in_future``)."""
    if not isinstance(value, str):
        return checks.refuse("wrong_type", path, expected=("日期（年-月-日）", "a date (YYYY-MM-DD)"))
    value = canonical_code(value)  # full-width digits and dashes from an input method
    # fromisoformat alone would also take "20240305" and "2024-W10-2".
    if not _ISO_DATE.fullmatch(value):
        return checks.refuse("invalid_date", path)
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return checks.refuse("invalid_date", path)
    if day < EARLIEST_DATE:
        return checks.refuse("date_out_of_range", path, value=value, earliest=EARLIEST_DATE.isoformat())
    if day > checks.today:
        return checks.refuse("date_in_future", path, value=value, today=checks.today.isoformat())
    return value


def in_order(checks: Checks, payload: Mapping[str, Any], earlier: str, later: str, prefix: str = "") -> None:
    """Refuse ``later`` if it is before ``earlier``; both are valid YYYY-MM-DD, so text order is date order."""
    if earlier in payload and later in payload and payload[later] < payload[earlier]:
        checks.refuse(
            "date_order",
            prefix + later,
            value=payload[later],
            other=checks.label(prefix + earlier),
            other_value=payload[earlier],
        )

