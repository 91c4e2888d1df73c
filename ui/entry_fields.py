"""Which fields each kind of entry has, in the order a clerk meets them on the paper in front of them.

Field names, choices and labels come from the domain (the contract's field
names, ``clerk_app.domain.kinds`` and the problem catalogue's labels), so the
form, the messages and the stored payload always speak of the same field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QT_TRANSLATE_NOOP

from clerk_app.domain.kinds import (
    CE_CATEGORIES,
    EVENT_DATE_LABELS,
    FREIGHT_TRAINING_CLASSES,
    LICENCE_CLASSES,
    REQUEST_KINDS,
    SITUATIONS,
    TRAINING_SCOPES,
)
from clerk_app.domain.licences import APPLICATION_LICENCE_CLASSES
from clerk_app.domain.problems import FIELD_LABELS
from ui.words import word


@dataclass(frozen=True)
class FieldSpec:
    name: str
    widget: str  # text | id | date | choice | institution | note | sessions
    required: bool = True
    choices: dict[str, str] = field(default_factory=dict)
    default: str | None = None
    hint: str = ""
    coded: bool = False  # choices shown after their code, as on a licence: "B2  大型货车"
    # Asked only while another field has one of these values (the certificate a kind of request needs).
    when: tuple[str, tuple[str, ...]] | None = None
    # Labelled by another field's value (the exam or the registration date, by situation).
    labels_by: tuple[str, Mapping[str, tuple[str, str]]] | None = None
    # The label on the form when it says more than the field's name (the institution is typed by name).
    caption: str = ""

    @property
    def label(self) -> str:
        return word(self.caption or FIELD_LABELS[self.name][0])

    def label_for(self, values: Mapping[str, object]) -> str:
        """The label as it reads with the other fields' current ``values``."""
        if self.labels_by is not None:
            chosen = self.labels_by[1].get(str(values.get(self.labels_by[0])))
            if chosen is not None:
                return word(chosen[0])
        return self.label

    def asked(self, values: Mapping[str, object]) -> bool:
        """Whether the form asks for this field with the other fields' current ``values``."""
        return self.when is None or values.get(self.when[0]) in self.when[1]

    @property
    def hint_text(self) -> str:
        return word(self.hint) if self.hint else ""

    def choice_text(self, code: str) -> str:
        label = word(self.choices[code])
        return f"{code}  {label}" if self.coded else label


def _classes(codes: tuple[str, ...] | list[str]) -> dict[str, str]:
    return {code: LICENCE_CLASSES[code] for code in codes}


_PERSON = (
    FieldSpec("id_number", "id", hint=str(QT_TRANSLATE_NOOP("words", "18 位，末位可为 X"))),
    FieldSpec("name", "text"),
    FieldSpec("phone", "text", required=False, hint=str(QT_TRANSLATE_NOOP("words", "11 位手机号，可不填"))),
)

_DATE_HINT = str(QT_TRANSLATE_NOOP("words", "如 2026-11-20，也可输入 20261120"))
_INSTITUTION_HINT = str(QT_TRANSLATE_NOOP("words", "输入机构名称或代码查找"))
_LICENCE_HINT = str(QT_TRANSLATE_NOOP("words", "一般即身份证号"))
_INSTITUTION_CAPTION = str(QT_TRANSLATE_NOOP("words", "机构（名称或代码）"))
_FIRST_ISSUE_HINT = str(QT_TRANSLATE_NOOP("words", "纸质证书上的日期，如 2010-05-20"))

FORMS: dict[str, tuple[FieldSpec, ...]] = {
    "training_completion": (
        *_PERSON,
        FieldSpec("training_scope", "choice", choices=TRAINING_SCOPES),
        FieldSpec("vehicle_class", "choice", choices=_classes(FREIGHT_TRAINING_CLASSES), coded=True),
        FieldSpec("institution_code", "institution", hint=_INSTITUTION_HINT, caption=_INSTITUTION_CAPTION),
        FieldSpec("certificate_no", "text"),
        FieldSpec("training_start", "date", hint=_DATE_HINT),
        FieldSpec("training_end", "date", hint=_DATE_HINT),
        FieldSpec("assessment_date", "date", hint=_DATE_HINT),
    ),
    "ce_hours": (
        *_PERSON,
        FieldSpec("qualification_cert_no", "text", hint=_LICENCE_HINT),
        FieldSpec("category", "choice", choices=CE_CATEGORIES),
        FieldSpec("qualification_first_issued_on", "date", required=False, hint=_FIRST_ISSUE_HINT),
        FieldSpec("institution_code", "institution", hint=_INSTITUTION_HINT, caption=_INSTITUTION_CAPTION),
        FieldSpec("sessions", "sessions"),
    ),
    "qualification_application": (
        *_PERSON,
        FieldSpec("licence_no", "text", hint=_LICENCE_HINT),
        # Only these licences cover an A2 or B2 completion (DOMAIN.md, "Licence classes that cover the trained class").
        FieldSpec("licence_class", "choice", choices=_classes(APPLICATION_LICENCE_CLASSES), coded=True),
        FieldSpec("kind_of_request", "choice", required=False, choices=REQUEST_KINDS, default="first_issue"),
        FieldSpec("completion_certificate_no", "text", when=("kind_of_request", ("first_issue",))),
        FieldSpec(
            "previous_certificate_no", "text", when=("kind_of_request", ("reissue", "renewal")), hint=_LICENCE_HINT
        ),
    ),
    "transition_case": (
        *_PERSON,
        FieldSpec("situation", "choice", choices=SITUATIONS),
        FieldSpec("event_date", "date", hint=_DATE_HINT, labels_by=("situation", EVENT_DATE_LABELS)),
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
