"""The institution registry's storage: the only code that reads and writes ``institutions``.

Institutions arrive two ways, typed by a clerk (``save``) and fetched from the
platform (``save_refreshed``); both store the contract's Institution object as
canonical JSON beside the columns that are searched, and write their audit row
in the caller's transaction. Everything handed back is a plain payload dict,
never a session-bound ORM object. Validation is the caller's business
(``clerk_app.domain.institutions``): what reaches this module is already checked.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from local_db import audit
from local_db.canonical import canonical_json
from local_db.models import Institution, table_of

_INSTITUTIONS = table_of(Institution)
_PAYLOAD = select(_INSTITUTIONS.c.payload).where(_INSTITUTIONS.c.code == bindparam("code"))
_PAYLOADS = select(_INSTITUTIONS.c.code, _INSTITUTIONS.c.payload).where(
    _INSTITUTIONS.c.code.in_(bindparam("codes", expanding=True))
)
_COLUMNS = ("kind", "name", "status", "updated_at", "payload", "status_since")
_UPSERT = sqlite_insert(_INSTITUTIONS)
_UPSERT = _UPSERT.on_conflict_do_update(
    index_elements=["code"], set_={column: _UPSERT.excluded[column] for column in _COLUMNS}
)


def payload_of(session: Session, code: str) -> dict[str, Any] | None:
    """The stored Institution object of ``code``, or None when the registry has no such code."""
    text = session.connection().execute(_PAYLOAD, {"code": code}).scalar()
    return _loaded(text) if text is not None else None


def payloads_of(session: Session, codes: Collection[str]) -> dict[str, dict[str, Any]]:
    """{code: stored Institution object} of those ``codes`` that are stored (one query)."""
    if not codes:
        return {}
    rows = session.connection().execute(_PAYLOADS, {"codes": list(codes)})
    return {code: _loaded(text) for code, text in rows}


def all_payloads(session: Session, *, kind: str | None = None) -> list[dict[str, Any]]:
    """Every stored Institution object (of one kind if given), ordered by code."""
    query = select(_INSTITUTIONS.c.payload).order_by(_INSTITUTIONS.c.code)
    if kind:
        query = query.where(_INSTITUTIONS.c.kind == kind)
    return [_loaded(text) for text in session.connection().execute(query).scalars()]


def save(session: Session, payload: Mapping[str, Any], *, at: str, operator: str) -> bool:
    """Insert or replace one checked institution a clerk entered, with its audit row; True when the code was new."""
    created = payload_of(session, str(payload["code"])) is None
    _upsert(session, [payload])
    audit.append(
        session,
        at=at,
        operator=operator,
        action="institution_add" if created else "institution_update",
        detail={"code": payload["code"], "status": payload["status"]},
    )
    return created


def save_refreshed(
    session: Session, payloads: Iterable[Mapping[str, Any]], *, at: str, operator: str, source: str
) -> int:
    """Insert or replace checked institutions from a registry refresh, with one audit row for all; returns how many.

    This is the registry refresh's write (``sync.registry``): call it in the
    transaction that should hold the page, with only the entries that changed.
    """
    rows = list(payloads)
    _upsert(session, rows)
    audit.append(
        session,
        at=at,
        operator=operator,
        action="institutions_refresh",
        detail={"source": source, "count": len(rows)},
    )
    return len(rows)


def _upsert(session: Session, payloads: list[Mapping[str, Any]]) -> None:
    if not payloads:
        return
    session.connection().execute(
        _UPSERT,
        [
            {
                "code": payload["code"],
                "kind": payload["kind"],
                "name": payload["name"],
                "status": payload["status"],
                "updated_at": payload["updated_at"],
                "payload": canonical_json(payload),
                "status_since": payload.get("status_since"),
            }
            for payload in payloads
        ],
    )


def _loaded(text: str) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(text)
    return value
