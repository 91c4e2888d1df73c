"""Telling a repeated entry from a new one: refusals for certain duplicates, warnings for likely ones.

The caller hands in the current versions of the records that share the entry's
ID number or certificate key; voided ones never count. Rules per kind:

- training_completion (DOMAIN.md): same person and certificate number is a
  duplicate; the certificate number on another person's completion is refused;
  same person, institution and class with assessment dates at most 30 days
  apart is a warning.
- ce_hours: the same qualification certificate number on another person's
  hours is refused (a certificate has one holder); a session identical
  (``ce_session_key``) to one known accepted (this window's accepted records
  or the platform's answer kept in the cache) is refused
  (``duplicate_ce_session``, second rulings: counted once across windows);
  same person and institution with exactly the same sessions is a duplicate;
  a session identical to one only pending is a warning, as is any session's
  dates overlapping an earlier entry's (hours would count twice).
- qualification_application: another person's application with the same
  completion certificate is refused; the same person with the same completion
  certificate is a warning (a reissue or renewal may be genuine).
- transition_case: the same person in the same situation is a warning.

Certificate numbers, ID numbers and institution codes are compared in
canonical form (``text.canonical_code``), computed on reading, so versions
stored before the rulings ("jl-b2-001", "JL B2 001") still match "JL-B2-001".
A qualification application's certificate is the completion certificate for a
first issue and the previous certificate for a reissue or renewal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, TypedDict

from clerk_app.domain.problems import Problem, problem
from clerk_app.domain.text import canonical_code, free_text

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
    payload: Mapping[str, Any]
    entered_at: datetime
    voided: bool
    # Known to be accepted by the platform (this window's accepted record, or an entry of the platform's answer).
    accepted: bool = False


# Fields holding codes: compared in canonical form, whatever form an old version stored.
_CODE_FIELDS = frozenset({"id_number", "institution_code", *_CERTIFICATE_FIELDS.values(), "previous_certificate_no"})


def certificate_field(kind: str, payload: Mapping[str, object]) -> str | None:
    """The field naming the paper behind an entry of ``kind``; None if the kind has none."""
    if kind == "qualification_application" and payload.get("kind_of_request") in ("reissue", "renewal"):
        return "previous_certificate_no"
    return _CERTIFICATE_FIELDS.get(kind)


def certificate_key(kind: str, payload: Mapping[str, object]) -> str | None:
    """The canonical certificate number that identifies the paper behind an entry, for matching; None if none."""
    field = certificate_field(kind, payload)
    value = payload.get(field) if field else None
    return canonical_code(value) or None if isinstance(value, str) else None


def _value(payload: Mapping[str, object], field: str) -> object:
    value = payload.get(field)
    return canonical_code(value) if field in _CODE_FIELDS and isinstance(value, str) else value


class Entered(TypedDict):
    """When the record found was entered, for the message: its day and how long ago, in words."""

    entered: str
    ago: tuple[str, str]


def days_ago(days: int) -> tuple[str, str]:
    """How long ago in (Chinese, English) words: 今天, 昨天, 3 天前 (never "0 天前")."""
    if days <= 0:
        return "今天", "today"
    if days == 1:
        return "昨天", "yesterday"
    return f"{days} 天前", f"{days} days ago"


class _Findings:
    def __init__(self, kind: str, payload: Mapping[str, Any], today: date) -> None:
        self.kind = kind
        self.payload = payload
        self.today = today
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def same_person(self, other: ExistingRecord) -> bool:
        return _value(other.payload, "id_number") == _value(self.payload, "id_number")

    def same_certificate(self, other: ExistingRecord) -> bool:
        key = certificate_key(self.kind, self.payload)
        return key is not None and key == certificate_key(self.kind, other.payload)

    def same(self, other: ExistingRecord, *fields: str) -> bool:
        return all(_value(other.payload, f) == _value(self.payload, f) for f in fields)

    def entered(self, other: ExistingRecord) -> Entered:
        day = other.entered_at.date()
        return {"entered": day.isoformat(), "ago": days_ago((self.today - day).days)}

    def warn(self, other: ExistingRecord, warning: Problem) -> None:
        """A near duplicate of ``other``: the warning names it (``about``), so the window can open it."""
        self.warnings.append(replace(warning, about=other.record_id or None))

    def certificate_elsewhere(self, other: ExistingRecord) -> bool:
        """Refuses (and says True) when this entry's certificate number is on another person's record."""
        if self.same_certificate(other) and not self.same_person(other):
            self.errors.append(
                problem("duplicate_certificate_no", certificate_field(self.kind, self.payload), **self.entered(other))
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
        found.warn(
            other, problem("possible_duplicate", None, variant="training_completion", other_date=theirs, days=SIMILAR_WITHIN_DAYS)
        )


def _sessions(payload: Mapping[str, Any]) -> list[tuple[str, float, str, str, str]]:
    return sorted(
        (s.get("course"), float(s.get("hours", 0)), s.get("mode"), s.get("start_date"), s.get("end_date"))
        for s in payload.get("sessions") or ()
    )


def _ce_hours(found: _Findings, other: ExistingRecord) -> None:
    if found.certificate_elsewhere(other) or not found.same_person(other):
        return
    if not found.same(other, "institution_code"):
        return
    repeated = repeated_sessions(found.payload, [dict(other.payload, category=other.payload.get("category"))])
    if repeated and other.accepted:
        for each in repeated:
            found.errors.append(problem("duplicate_ce_session", "sessions", **_session_words(each.session), **found.entered(other)))
        return
    mine, theirs = _sessions(found.payload), _sessions(other.payload)
    if mine == theirs:
        found.errors.append(problem("duplicate_record", "sessions", **found.entered(other)))
        return
    if repeated:
        first = repeated[0].session
        found.warn(other, problem("possible_duplicate", None, variant="ce_session", **_session_words(first), **found.entered(other)))
        return
    # Dates are YYYY-MM-DD, so text order is date order.
    if any(a[3] <= b[4] and b[3] <= a[4] for a in mine for b in theirs):
        found.warn(
            other,
            problem(
                "possible_duplicate",
                None,
                variant="ce_hours",
                other_start=min(b[3] for b in theirs),
                other_end=max(b[4] for b in theirs),
            ),
        )


# -- one driver across the province: a CE session is counted once (DOMAIN.md, second rulings) ------------

SessionKey = tuple[str, str, str, str, str, float]


def ce_session_key(category: str, institution_code: str, session: Mapping[str, Any]) -> SessionKey:
    """What makes two CE sessions of one person the same: category, institution, course (canonical free text),
    start and end dates, hours. The mode is not part of it (the filing decides it)."""
    return (
        str(category),
        canonical_code(str(institution_code)),
        free_text(str(session.get("course", ""))),
        str(session.get("start_date")),
        str(session.get("end_date")),
        float(session.get("hours", 0)),
    )


def entry_session_keys(entry: Mapping[str, Any]) -> list[SessionKey]:
    """The keys of every session of a CE entry (a payload, or an item of ``GET /ce-hours``)."""
    category, code = str(entry.get("category", "")), str(entry.get("institution_code", ""))
    return [ce_session_key(category, code, s) for s in entry.get("sessions") or () if isinstance(s, Mapping)]


@dataclass(frozen=True)
class RepeatedSession:
    """A session of the entry already counted in another entry (``other``: that entry's record_id, if known)."""

    session: Mapping[str, Any]
    other: str | None


def repeated_sessions(entry: Mapping[str, Any], others: Iterable[Mapping[str, Any]]) -> list[RepeatedSession]:
    """The sessions of ``entry`` that ``others`` (the same person's other CE entries) already hold."""
    held: dict[SessionKey, str | None] = {}
    for other in others:
        for key in entry_session_keys(other):
            held.setdefault(key, other.get("record_id"))
    category, code = str(entry.get("category", "")), str(entry.get("institution_code", ""))
    found = []
    for session in entry.get("sessions") or ():
        key = ce_session_key(category, code, session)
        if key in held:
            found.append(RepeatedSession(session, held[key]))
    return found


def sessions_counted_once(entries: Iterable[Mapping[str, Any]]) -> list[tuple[Mapping[str, Any], list[Mapping[str, Any]]]]:
    """Each entry with only the sessions no earlier entry in the list counted: a session is counted once in any total."""
    seen: set[SessionKey] = set()
    kept = []
    for entry in entries:
        category, code = str(entry.get("category", "")), str(entry.get("institution_code", ""))
        sessions = []
        for session in entry.get("sessions") or ():
            key = ce_session_key(category, code, session)
            if key not in seen:
                seen.add(key)
                sessions.append(session)
        kept.append((entry, sessions))
    return kept


def _session_words(session: Mapping[str, Any]) -> dict[str, object]:
    """A session as a message names it: course, dates and hours."""
    hours = float(session.get("hours", 0))
    return {
        "course": session.get("course", ""),
        "start": session.get("start_date", ""),
        "end": session.get("end_date", ""),
        "hours": int(hours) if hours.is_integer() else hours,
    }


def _qualification_application(found: _Findings, other: ExistingRecord) -> None:
    if found.certificate_elsewhere(other):
        return
    if found.same_person(other) and found.same_certificate(other):
        found.warn(other, problem("possible_duplicate", None, variant="qualification_application", **found.entered(other)))


def _transition_case(found: _Findings, other: ExistingRecord) -> None:
    if found.same_person(other) and found.same(other, "situation"):
        found.warn(other, problem("possible_duplicate", None, variant="transition_case", **found.entered(other)))


_RULES: dict[str, Callable[[_Findings, ExistingRecord], None]] = {
    "training_completion": _training_completion,
    "ce_hours": _ce_hours,
    "qualification_application": _qualification_application,
    "transition_case": _transition_case,
}


def classify_duplicates(
    kind: str, payload: Mapping[str, Any], candidates: Iterable[ExistingRecord], today: date
) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) for a validated entry of ``kind`` against earlier records."""
    found = _Findings(kind, payload, today)
    rule = _RULES[kind]
    for other in candidates:
        if other.kind == kind and not other.voided:
            rule(found, other)
    # Several earlier records can say the same thing; say it once.
    return list(dict.fromkeys(found.errors)), list(dict.fromkeys(found.warnings))
