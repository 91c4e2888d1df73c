"""The local institution registry: training schools and continuing-education institutions.

Kept offline so that entries can be checked without the network; filled by the
supervisor (``add``, filings included; refused for anyone else) and by the
platform refresh (``sync.registry``, through ``local_db.institution_store``). Adding an existing code replaces it; every
change is audited.
"""

from __future__ import annotations

from typing import Any

from clerk_app import clock
from clerk_app.domain.institutions import validate_institution
from clerk_app.domain.problems import Problem
from clerk_app.services.operators import supervisor_refusal
from local_db import institution_store
from local_db.database import Database


class InstitutionService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, payload: object, *, operator: str) -> tuple[dict[str, Any] | None, list[Problem]]:
        """Validate and store one institution; returns (stored payload, []) or (None, problems)."""
        normalized, problems = validate_institution(payload)
        if problems:
            return None, problems
        with self._db.write() as session:
            refusal = supervisor_refusal(session, operator, ("修改机构名录和备案", "change institutions and filings"))
            if refusal:
                return None, [refusal]
            institution_store.save(session, normalized, at=clock.now_text(), operator=operator)
        return normalized, []

    def list(self, *, kind: str | None = None) -> list[dict[str, Any]]:
        with self._db.read() as session:
            return institution_store.all_payloads(session, kind=kind)

    def get(self, code: str) -> dict[str, Any] | None:
        with self._db.read() as session:
            return institution_store.payload_of(session, code)
