"""Which fields each kind of entry has, in the order a clerk meets them on the paper in front of them.

Field names, choices and labels come from the domain (the contract's field
names, ``clerk_app.domain.kinds`` and the problem catalogue's labels), so the
form, the messages and the stored payload always speak of the same field.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from clerk_app.domain.kinds import (
    CE_CATEGORIES,
    FREIGHT_TRAINING_CLASSES,
    LICENCE_CLASSES,
    REQUEST_KINDS,
    SITUATIONS,
    TRAINING_SCOPES,
)
from clerk_app.domain.problems import FIELD_LABELS


@dataclass(frozen=True)
class FieldSpec:
    name: str
    widget: str  # text | id | date | choice | institution | note | sessions
    required: bool = True
    choices: dict[str, str] = field(default_factory=dict)
    default: str | None = None
    hint: str = ""

    @property
    def label(self) -> str:
        return FIELD_LABELS[self.name][0]


def _classes(codes: tuple[str, ...] | list[str]) -> dict[str, str]:
    return {code: f"{code}  {LICENCE_CLASSES[code]}" for code in codes}


_PERSON = (
    FieldSpec("id_number", "id", hint="18 位，末位可为 X"),
    FieldSpec("name", "text"),
    FieldSpec("phone", "text", required=False, hint="11 位手机号，可不填"),
)

_DATE_HINT = "如 2026-11-20，也可输入 20261120"

FORMS: dict[str, tuple[FieldSpec, ...]] = {
    "training_completion": (
        *_PERSON,
        FieldSpec("training_scope", "choice", choices=TRAINING_SCOPES),
        FieldSpec("vehicle_class", "choice", choices=_classes(FREIGHT_TRAINING_CLASSES)),
        FieldSpec("institution_code", "institution", hint="输入机构名称或代码查找"),
        FieldSpec("certificate_no", "text"),
        FieldSpec("training_start", "date", hint=_DATE_HINT),
        FieldSpec("training_end", "date", hint=_DATE_HINT),
        FieldSpec("assessment_date", "date", hint=_DATE_HINT),
    ),
    "ce_hours": (
        *_PERSON,
        FieldSpec("qualification_cert_no", "text", hint="一般即身份证号"),
        FieldSpec("category", "choice", choices=CE_CATEGORIES),
        FieldSpec("institution_code", "institution", hint="输入机构名称或代码查找"),
        FieldSpec("sessions", "sessions"),
    ),
    "qualification_application": (
        *_PERSON,
        FieldSpec("licence_no", "text", hint="一般即身份证号"),
        FieldSpec("licence_class", "choice", choices=_classes(list(LICENCE_CLASSES))),
        FieldSpec("completion_certificate_no", "text"),
        FieldSpec("kind_of_request", "choice", required=False, choices=REQUEST_KINDS, default="first_issue"),
    ),
    "transition_case": (
        *_PERSON,
        FieldSpec("situation", "choice", choices=SITUATIONS),
        FieldSpec("note", "note", required=False),
    ),
}

# Which institutions the picker offers for each kind.
INSTITUTION_KIND = {"training_completion": "driver_training", "ce_hours": "continuing_education"}


def date_text(text: str) -> str:
    """Clerks type 20261120 as often as 2026-11-20; both mean the same date."""
    value = text.strip()
    if len(value) == 8 and value.isdecimal():
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return value
