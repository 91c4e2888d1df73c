"""Queued versions the rules of December 2026 would refuse: found before an upload and shown, not sent.

Versions are never rewritten. A version queued before the program learnt the
rulings (schema step 0005 marks the last such outbox entry) was checked by
the old rules only; before anything is sent, the current version of each such
record is checked again with the present domain rules, as of its application
day (schema step 0009 moves the mark for the second rulings). One they refuse is held
back and reported to the clerk with the reasons, exactly as a record of a
revoked institution is (``UploadEngine._flag_held_back``), until the clerk
corrects it (the correction is checked at saving) or a supervisor voids it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from clerk_app import clock
from clerk_app.domain.dates import application_day
from clerk_app.domain.problems import Problem
from clerk_app.domain.registry import Registry
from clerk_app.domain.validation import validate_record
from local_db import upload_store
from local_db.validation_context import validation_context

RECHECK_KEY = "rules.recheck_through"  # written by migration 0005


@dataclass(frozen=True)
class Refused:
    record_id: str
    receipt_no: str
    problems: list[Problem]


def refused_by_rules(session: Session) -> list[Refused]:
    """Records queued before the rulings whose current version the present rules refuse, in receipt order.

    Each is judged as of its application day (the CST date of its first
    entered_at), as the platform will judge it (second rulings), not the day of the upload.
    """
    through = upload_store.get_state(session, RECHECK_KEY)
    if through is None:
        return []
    contexts: dict[date, tuple[Registry, int]] = {}
    found = []
    for queued in upload_store.pending_to_recheck(session, int(through)):
        day = application_day(queued.created_at) if queued.created_at else clock.today()
        if day not in contexts:
            contexts[day] = validation_context(session, day)
        registry, max_age = contexts[day]
        checked = validate_record(queued.kind, json.loads(queued.payload_json), registry, max_age=max_age)
        if checked.errors:
            found.append(Refused(queued.record_id, queued.receipt_no, list(checked.errors)))
    return found
