"""What checking an entry needs from storage, read in the caller's session: the institution registry and the age ceiling.

The records service (saving, importing) and the upload's re-check of versions
queued before the rulings both judge with ``validate_record``; both take its
context from here, so they judge alike.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from sqlalchemy.orm import Session

from clerk_app.domain.registry import Registry
from clerk_app.domain.validation import DEFAULT_MAX_AGE
from local_db import institution_store, settings_store

MAX_AGE_KEY = "qualification.max_age"  # declared in clerk_app.services.settings


def validation_context(session: Session, today: date) -> tuple[Registry, int]:
    """The registry (each code read once, on first use) and the first-issue age ceiling in force."""
    registry = Registry(partial(institution_store.payload_of, session), today)
    max_age = int(settings_store.values_of(session, [MAX_AGE_KEY]).get(MAX_AGE_KEY, DEFAULT_MAX_AGE))
    return registry, max_age
