"""Telling a repeated entry from a new one: refusals for certain duplicates, warnings for likely ones.

The caller hands in the current versions of the records that share the entry's
ID number or certificate key; voided ones never count. Rules per kind:

- training_completion (DOMAIN.md): same person and certificate number is a
  duplicate; the certificate number on another person's completion is refused;
  same person, institution and class with assessment dates at most 30 days
  apart is a warning.
- ce_hours: the same qualification certificate number on another person's
  hours is refused (a certificate has one holder); same person and institution
  with exactly the same sessions is a duplicate; with any session's dates
  overlapping an earlier entry's it is a warning (hours would count twice).
- qualification_application: another person's application with the same
  completion certificate is refused; the same person with the same completion
  certificate is a warning (a reissue or renewal may be genuine).
- transition_case: the same person in the same situation is a warning.

Certificate numbers are compared ignoring letter case: "jl-b2-001" on one
window and "JL-B2-001" on another are the same paper.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from clerk_app.domain.problems import Problem, problem

SIMILAR_WITHIN_DAYS = 30

_CERTIFICATE_FIELDS = {
    "training_completion": "certificate_no",
    "ce_hours": "qualification_cert_no",
    "qualification_application": "completion_certificate_no",
}


@dataclass(frozen=True)
class ExistingRecord:
    record_id: str
    kind: str
    payload: Mapping
    entered_at: datetime
    voided: bool


def certificate_key(kind: str, payload: Mapping) -> str | None:
    """The certificate number that identifies the paper behind an entry, for matching; None if the kind has none."""
    field = _CERTIFICATE_FIELDS.get(kind)
    value = payload.get(field) if field else None
    return value.upper() if isinstance(value, str) and value else None


class _Findings:
    def __init__(self, kind: str, payload: Mapping, today: date) -> None:
        self.kind = kind
        self.payload = payload
        self.today = today
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def same_person(self, other: ExistingRecord) -> bool:
        return other.payload.get("id_number") == self.payload.get("id_number")

    def same_certificate(self, other: ExistingRecord) -> bool:
        key = certificate_key(self.kind, self.payload)
        return key is not None and key == certificate_key(self.kind, other.payload)

    def same(self, other: ExistingRecord, *fields: str) -> bool:
        return all(other.payload.get(f) == self.payload.get(f) for f in fields)

    def entered(self, other: ExistingRecord) -> dict[str, object]:
        day = other.entered_at.date()
        return {"entered": day.isoformat(), "days": max(0, (self.today - day).days)}

    def certificate_elsewhere(self, other: ExistingRecord) -> bool:
        """Refuses (and says True) when this entry's certificate number is on another person's record."""
        if self.same_certificate(other) and not self.same_person(other):
            self.errors.append(
                problem("duplicate_certificate_no", _CERTIFICATE_FIELDS[self.kind], **self.entered(other))
            )
            return True
        return False


def _training_completion(found: _Findings, other: ExistingRecord) -> None:
    if found.certificate_elsewhere(other) or not found.same_person(other):
        return
    if found.same_certificate(other):
        found.errors.append(problem("duplicate_record", "certificate_no", **found.entered(other)))
        return
    mine, theirs = found.payload.get("assessment_date"), other.payload.get("assessment_date")
    if (
        found.same(other, "institution_code", "vehicle_class")
        and mine
        and theirs
        and abs((date.fromisoformat(mine) - date.fromisoformat(theirs)).days) <= SIMILAR_WITHIN_DAYS
    ):
        found.warnings.append(
            problem("possible_duplicate", None, variant="training_completion", other_date=theirs, days=SIMILAR_WITHIN_DAYS)
        )


def _sessions(payload: Mapping) -> list[tuple]:
    return sorted(
        (s.get("course"), float(s.get("hours", 0)), s.get("mode"), s.get("start_date"), s.get("end_date"))
        for s in payload.get("sessions") or ()
    )


def _ce_hours(found: _Findings, other: ExistingRecord) -> None:
    if found.certificate_elsewhere(other) or not found.same_person(other):
        return
    if not found.same(other, "institution_code"):
        return
    mine, theirs = _sessions(found.payload), _sessions(other.payload)
    if mine == theirs:
        found.errors.append(problem("duplicate_record", "sessions", **found.entered(other)))
        return
    # Dates are YYYY-MM-DD, so text order is date order.
    if any(a[3] <= b[4] and b[3] <= a[4] for a in mine for b in theirs):
        found.warnings.append(
            problem(
                "possible_duplicate",
                None,
                variant="ce_hours",
                other_start=min(b[3] for b in theirs),
                other_end=max(b[4] for b in theirs),
            )
        )


def _qualification_application(found: _Findings, other: ExistingRecord) -> None:
    if found.certificate_elsewhere(other):
        return
    if found.same_person(other) and found.same_certificate(other):
        found.warnings.append(
            problem("possible_duplicate", None, variant="qualification_application", **found.entered(other))
        )


def _transition_case(found: _Findings, other: ExistingRecord) -> None:
    if found.same_person(other) and found.same(other, "situation"):
        found.warnings.append(problem("possible_duplicate", None, variant="transition_case", **found.entered(other)))


_RULES: dict[str, Callable[[_Findings, ExistingRecord], None]] = {
    "training_completion": _training_completion,
    "ce_hours": _ce_hours,
    "qualification_application": _qualification_application,
    "transition_case": _transition_case,
}


def classify_duplicates(
    kind: str, payload: Mapping, candidates: Iterable[ExistingRecord], today: date
) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) for a validated entry of ``kind`` against earlier records."""
    found = _Findings(kind, payload, today)
    rule = _RULES[kind]
    for other in candidates:
        if other.kind == kind and not other.voided:
            rule(found, other)
    # Several earlier records can say the same thing; say it once.
    return list(dict.fromkeys(found.errors)), list(dict.fromkeys(found.warnings))
