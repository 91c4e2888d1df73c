"""Training and continuing-education institutions: checking a registry entry, and the facts validation needs.

The same check serves a clerk's local entry and the platform's refreshed list,
so that whatever sits in the registry has one shape. ``updated_at`` is
required by the contract but a clerk cannot be expected to type a timestamp:
when absent it is the time of the check; one more than a day ahead of the
clock (9999-12-31) is refused, since it would pin the registry cursor.

Codes (the institution's and the filing number) are kept in canonical form.
A filing whose level does not go with its mode (``filings.filing_problem``)
is refused when recorded at the window; from the platform it is kept, and
``filing_flag`` says what to show beside it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from clerk_app import clock
from clerk_app.domain.dates import application_day
from clerk_app.domain.fields import (
    INVALID,
    LIST,
    TEXT,
    Checks,
    Field,
    a_date,
    check_object,
    choice,
    code,
    text,
)
from clerk_app.domain.filings import filing_problem
from clerk_app.domain.kinds import (
    FILING_LEVELS,
    FILING_MODES,
    INSTITUTION_KINDS,
    INSTITUTION_LIMITS,
    INSTITUTION_STATUSES,
    LICENCE_CLASSES,
)
from clerk_app.domain.problems import Problem, shown
from clerk_app.domain.validation import InstitutionInfo

LABELS = {
    "code": ("机构代码", "institution code"),
    "name": ("机构名称", "institution name"),
    "kind": ("机构类别", "kind of institution"),
    "status": ("机构状态", "status"),
    "updated_at": ("更新时间", "updated at"),
    "head": ("负责人", "person in charge"),
    "address": ("地址", "address"),
    "training_scale": ("培训规模", "training scale"),
    "enrollment_method": ("报名方式", "how to enrol"),
    "phone": ("联系电话", "phone"),
    "supervision_phone": ("监督电话", "supervision phone"),
    "vehicle_classes": ("培训车型", "licence class"),
    "filing": ("备案信息", "filing"),
    "level": ("备案级别", "filing level"),
    "mode": ("备案方式", "filing mode"),
    "filing_no": ("备案编号", "filing number"),
    "filed_on": ("备案日期", "filing date"),
    "status_since": ("状态起始日期", "status since"),
}

_RFC3339 = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})")


# How far ahead of this computer's clock an updated_at may be (clocks differ a little).
FUTURE_SLACK = timedelta(days=1)


def _timestamp(checks: Checks, value: object, path: str) -> object:
    if not isinstance(value, str):
        return checks.refuse("wrong_type", path, expected=TEXT)
    if not _RFC3339.fullmatch(value):
        return checks.refuse("invalid_timestamp", path)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return checks.refuse("invalid_timestamp", path)
    try:
        far = moment.astimezone(clock.CST).date() > checks.today + FUTURE_SLACK
    except OverflowError:  # 9999-12-31T23:59:59-01:00 is past the last datetime in CST
        far = True
    if far:
        return checks.refuse("timestamp_in_future", path, value=shown(value))
    return value


_CLASS = choice(LICENCE_CLASSES, "invalid_licence_class")


def _vehicle_classes(checks: Checks, value: object, path: str) -> object:
    """Licence classes, each once, in the order a driving licence prints them."""
    if not isinstance(value, list):
        return checks.refuse("wrong_type", path, expected=LIST)
    before = len(checks.errors)
    given = {_CLASS(checks, item, f"{path}.{i}") for i, item in enumerate(value)}
    if len(checks.errors) != before:
        return INVALID
    return [code for code in LICENCE_CLASSES if code in given]


_FILING = {
    "level": Field(choice(FILING_LEVELS)),
    "mode": Field(choice(FILING_MODES)),
    "filing_no": Field(code(INSTITUTION_LIMITS["filing_no"])),
    "filed_on": Field(a_date),
}


def _filing(checks: Checks, value: object, path: str) -> object:
    before = len(checks.errors)
    filing = check_object(checks, value, path, _FILING)
    return filing if len(checks.errors) == before else INVALID


def _optional_text(name: str, *, person: bool = False) -> Field:
    return Field(text(INSTITUTION_LIMITS[name], name=person), required=False)


_INSTITUTION = {
    "code": Field(code(INSTITUTION_LIMITS["code"])),
    "name": Field(text(INSTITUTION_LIMITS["name"])),
    "kind": Field(choice(INSTITUTION_KINDS)),
    "status": Field(choice(INSTITUTION_STATUSES)),
    "updated_at": Field(_timestamp, required=False),
    "head": _optional_text("head", person=True),
    "address": _optional_text("address"),
    "training_scale": _optional_text("training_scale"),
    "enrollment_method": _optional_text("enrollment_method"),
    "phone": _optional_text("phone"),
    "supervision_phone": _optional_text("supervision_phone"),
    "vehicle_classes": Field(_vehicle_classes, required=False),
    "filing": Field(_filing, required=False),
    "status_since": Field(a_date, required=False),
}

# What the contract itself limits (platform-api.yaml, Institution): a platform entry is kept as long as this
# allows, whatever the window lets a clerk type (DOMAIN.md, second rulings: the registry never drops an entry).
CONTRACT_LIMITS = {"code": 32, "name": 100}
_UNLIMITED = 1_000_000


def _platform_shape() -> dict[str, Field]:
    """The entry as the platform may send it: the window's typing limits replaced by the contract's."""
    shape = dict(_INSTITUTION)
    shape["code"] = Field(code(CONTRACT_LIMITS["code"]))
    shape["name"] = Field(text(CONTRACT_LIMITS["name"]))
    for name in LISTING_TEXT:
        shape[name] = Field(text(_UNLIMITED, name=name == "head"), required=False)
    shape["filing"] = Field(_platform_filing, required=False)
    return shape


_PLATFORM_FILING = _FILING | {"filing_no": Field(code(_UNLIMITED))}


def _platform_filing(checks: Checks, value: object, path: str) -> object:
    before = len(checks.errors)
    filing = check_object(checks, value, path, _PLATFORM_FILING)
    return filing if len(checks.errors) == before else INVALID


LISTING_TEXT = ("head", "address", "training_scale", "enrollment_method", "phone", "supervision_phone")
_PLATFORM_INSTITUTION = _platform_shape()


def validate_institution(
    payload: object, now: datetime | None = None, *, from_platform: bool = False
) -> tuple[dict[str, Any], list[Problem]]:
    """(normalised institution, []) or (what passed, the problems). ``now`` defaults to the clock.

    ``from_platform``: the entry comes from the platform's registry, so a
    filing level that does not go with its mode is kept (``filing_flag``
    shows it) rather than refused.
    """
    now = now or clock.now()
    checks = Checks(now.astimezone(clock.CST).date(), LABELS)
    normalised = check_object(checks, payload, None, _PLATFORM_INSTITUTION if from_platform else _INSTITUTION)
    if normalised is None:
        return {}, checks.errors
    if not from_platform:
        mismatch = filing_problem(normalised.get("filing"))
        if mismatch is not None:
            checks.errors.append(mismatch)
    normalised.setdefault("updated_at", now.astimezone(UTC).isoformat(timespec="seconds"))
    return normalised, checks.errors


def to_info(payload: Mapping[str, Any]) -> InstitutionInfo:
    """What record validation needs to know of a stored institution."""
    return InstitutionInfo(
        code=payload["code"],
        name=payload["name"],
        kind=payload["kind"],
        status=payload["status"],
        vehicle_classes=tuple(payload.get("vehicle_classes") or ()),
        filing=payload.get("filing") or None,
        status_since=status_since(payload),
    )


def status_since(payload: Mapping[str, Any]) -> date | None:
    """The day an entry's present status began: ``status_since`` (1.2), else its ``updated_at`` date in CST (1.1)."""
    given = payload.get("status_since")
    if isinstance(given, str):
        try:
            return date.fromisoformat(given)
        except ValueError:
            return None
    updated = payload.get("updated_at")
    if isinstance(updated, str):
        try:
            return application_day(updated)
        except (ValueError, OverflowError):
            return None
    return None


def filing_flag(payload: Mapping[str, Any]) -> Problem | None:
    """What to show beside a registry entry whose filing level does not go with its mode; None if nothing."""
    return filing_problem(payload.get("filing"))


# The public listing a clerk answers questions from (DOMAIN.md, 机构名录与备案); a driving school lists its classes too.
LISTING_FIELDS = ("head", "address", "training_scale", "enrollment_method", "phone", "supervision_phone")


def listing_gaps(payload: Mapping[str, Any]) -> list[str]:
    """The listing fields a registry entry lacks (empty when its public listing is complete)."""
    wanted = LISTING_FIELDS + (("vehicle_classes",) if payload.get("kind") == "driver_training" else ())
    return [name for name in wanted if not payload.get(name)]
