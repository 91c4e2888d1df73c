"""The validation and duplicate rules of an entry, applied to one entry or a whole list in sets.

A list of 20,000 rows (an import) must not cost 20,000 registry look-ups and
20,000 duplicate queries: the registry adapter looks each institution up
once, and the records that could be duplicates of any entry of the list come
in a few queries (one per few hundred people or certificate numbers). Each
entry is then judged on its own, by the domain's rules, against those
records and, for a list being saved, against the entries before it in the
list that passed: the same outcome, entry by entry, as saving them one by
one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from clerk_app import clock
from clerk_app.domain.duplicates import ExistingRecord, certificate_key, classify_duplicates
from clerk_app.domain.lifecycle import State
from clerk_app.domain.problems import Problem
from clerk_app.domain.validation import Validated, validate_record
from local_db import platform_cache, record_store
from local_db.validation_context import validation_context


@dataclass(frozen=True)
class Checked:
    """One entry's verdict: errors (refused), or the warnings and the normalised payload to save."""

    errors: list[Problem]
    warnings: list[Problem]
    payload: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


class _Index:
    """Records by person and by certificate key, to find an entry's possible duplicates."""

    def __init__(self) -> None:
        self.by_person: dict[str, list[ExistingRecord]] = {}
        self.by_certificate: dict[str, list[ExistingRecord]] = {}

    def add(self, record: ExistingRecord, id_number: str, cert_key: str | None) -> None:
        self.by_person.setdefault(id_number, []).append(record)
        if cert_key:
            self.by_certificate.setdefault(cert_key, []).append(record)

    def sharing(self, id_number: str, cert_key: str | None) -> list[ExistingRecord]:
        people = self.by_person.get(id_number, [])
        papers = self.by_certificate.get(cert_key, []) if cert_key else []
        if not papers:
            return list(people)
        return people + [r for r in papers if not any(r is p for p in people)]


def check_entries(
    session: Session,
    kind: str,
    payloads: Sequence[object],
    *,
    now: datetime,
    today: date,
    confirm_duplicate: bool,
    exclude: str | None = None,
    one_batch: bool = False,
) -> list[Checked]:
    """Each payload's verdict against the stored records (``exclude``: the record being corrected).

    With ``one_batch`` the payloads are to be saved together: each is also
    checked against the earlier ones that passed, as if they were saved by then.
    """
    registry, max_age = validation_context(session, today)
    validated = [validate_record(kind, payload, registry, max_age=max_age) for payload in payloads]
    keys = [_keys(kind, v) for v in validated]
    stored = record_store.duplicate_candidates(
        session,
        kind,
        {k[0] for k in keys if k},
        {k[1] for k in keys if k and k[1]},
    )
    existing = _Index()
    for c in stored:
        if c.record_id != exclude:
            accepted = c.upload_state == State.ACCEPTED
            record = ExistingRecord(c.record_id, c.kind, c.payload, datetime.fromisoformat(c.entered_at), c.voided, accepted)
            existing.add(record, c.id_number, c.cert_key)
    if kind == "ce_hours":
        cached = platform_cache.ce_hours_of(session, {k[0] for k in keys if k})
        for person, answer in cached.items():
            for other in _accepted_elsewhere(person, answer.items, exclude):
                existing.add(other, person, None)
    earlier = _Index()
    verdicts: list[Checked] = []
    for checked, key in zip(validated, keys, strict=True):
        if key is None:
            verdicts.append(Checked(list(checked.errors), []))
            continue
        candidates = existing.sharing(*key) + earlier.sharing(*key)
        errors, warnings = classify_duplicates(kind, checked.payload, candidates, today)
        if errors:
            verdicts.append(Checked(errors, []))
        elif warnings and not confirm_duplicate:
            verdicts.append(Checked(warnings, []))
        else:
            verdicts.append(Checked([], warnings, dict(checked.payload)))
            if one_batch:
                earlier.add(ExistingRecord("", kind, checked.payload, now, False), *key)
    return verdicts


def _accepted_elsewhere(id_number: str, items: Iterable[Mapping[str, Any]], exclude: str | None) -> list[ExistingRecord]:
    """The person's CE entries the platform last said it accepted (any window; kept in the cache), as known accepted.

    So a session entered at another window is refused here too (second rulings: counted once across windows).
    """
    found = []
    for item in items:
        record_id = str(item.get("record_id") or "")
        if record_id == exclude:
            continue
        try:
            entered = datetime.fromisoformat(str(item.get("accepted_at")))
        except ValueError:
            continue
        payload = {"id_number": id_number, **item}
        found.append(ExistingRecord(record_id, "ce_hours", payload, entered.astimezone(clock.CST), False, True))
    return found


def _keys(kind: str, checked: Validated) -> tuple[str, str | None] | None:
    """(ID number, certificate key) of a valid entry; None for one refused by validation."""
    if not checked.ok:
        return None
    return str(checked.payload["id_number"]), certificate_key(kind, checked.payload)
