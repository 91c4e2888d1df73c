"""The local institution registry: training schools and continuing-education institutions.

Kept offline so that entries can be checked without the network; filled by the
clerk (``add``) and by the platform refresh (``upsert_many``). Adding an
existing code replaces it; every change is audited.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app import clock
from clerk_app.domain.institutions import validate_institution
from clerk_app.domain.problems import Problem
from local_db import audit
from local_db.canonical import canonical_json
from local_db.database import Database
from local_db.models import Institution


class InstitutionService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, payload: object, *, operator: str) -> tuple[dict[str, Any] | None, list[Problem]]:
        """Validate and store one institution; returns (stored payload, []) or (None, problems)."""
        normalized, problems = validate_institution(payload)
        if problems:
            return None, problems
        with self._db.write() as session:
            created = _store(session, normalized)
            audit.append(
                session,
                at=clock.now_text(),
                operator=operator,
                action="institution_add" if created else "institution_update",
                detail={"code": normalized["code"], "status": normalized["status"]},
            )
        return normalized, []

    def upsert_many(self, payloads: Iterable[dict[str, Any]], *, operator: str, source: str) -> int:
        """Store already-validated institutions (a platform refresh) in one transaction, one audit row."""
        stored = 0
        with self._db.write() as session:
            for payload in payloads:
                _store(session, payload)
                stored += 1
            audit.append(
                session,
                at=clock.now_text(),
                operator=operator,
                action="institutions_refresh",
                detail={"source": source, "count": stored},
            )
        return stored

    def list(self, *, kind: str | None = None) -> list[dict[str, Any]]:
        with self._db.read() as session:
            query = select(Institution.payload).order_by(Institution.code)
            if kind:
                query = query.where(Institution.kind == kind)
            return [json.loads(text) for text in session.scalars(query)]

    def get(self, code: str) -> dict[str, Any] | None:
        with self._db.read() as session:
            row = session.get(Institution, code)
            return json.loads(row.payload) if row else None


def _store(session: Session, payload: dict[str, Any]) -> bool:
    """Insert or replace; True when the code was new."""
    row = session.get(Institution, payload["code"])
    created = row is None
    if row is None:
        row = Institution(code=payload["code"])
        session.add(row)
    row.kind = payload["kind"]
    row.name = payload["name"]
    row.status = payload["status"]
    row.updated_at = payload["updated_at"]
    row.payload = canonical_json(payload)
    return created
