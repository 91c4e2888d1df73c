"""What the window read from the platform about one person, kept for when the network is gone.

The CE form asks the platform for a driver's certificates (``GET
/qualifications``) and the CE hours accepted anywhere (``GET /ce-hours``) as
soon as the ID number is typed; both answers are kept here with the time they
were read, so the cycle and the hours are still known offline and a CE
statement can say how old its figures are. Certificates share the
``qualifications`` table with those the upload engine caches from a batch's
results (one row per certificate number, the newest paper wins); the CE
answer is kept whole per person (``ce_hours_cache``), an empty one included.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from local_db import audit
from local_db.canonical import canonical_json, sha256_text
from local_db.models import CeHoursCache, Qualification, table_of
from local_db.verification import CERTIFICATES_CACHED

QUALIFICATIONS = table_of(Qualification)
CE_HOURS = table_of(CeHoursCache)


@dataclass(frozen=True)
class Cached:
    """Objects the platform answered, and when (RFC 3339) they were read; ``fetched_at`` None: never read."""

    items: tuple[Mapping[str, Any], ...]
    fetched_at: str | None


def save_qualifications(session: Session, items: Sequence[Mapping[str, Any]], *, at: str) -> None:
    """Keep the platform's ``Qualification`` objects, one per certificate number: a newer paper replaces an older.

    Newer is a higher ``paper_no`` where both papers have one (contract 1.2), else a later or equal ``issued_on``;
    an earlier paper is never kept over a later one, so it is never offered for printing. ``valid_from`` is kept as
    sent (NULL from a 1.1 platform: never invented here).
    """
    rows = [
        {
            "certificate_no": str(q["certificate_no"]),
            "id_number": str(q.get("id_number") or ""),
            "issued_on": str(q.get("issued_on") or ""),
            "payload": canonical_json(dict(q)),
            "fetched_at": at,
            "valid_from": str(q["valid_from"]) if q.get("valid_from") else None,
            "paper_no": _paper_no(q.get("paper_no")),
        }
        for q in items
        if q.get("certificate_no")
    ]
    if not rows:
        return
    statement = sqlite_insert(QUALIFICATIONS)
    both_numbered = and_(statement.excluded.paper_no.is_not(None), QUALIFICATIONS.c.paper_no.is_not(None))
    newer = case(
        (both_numbered, statement.excluded.paper_no >= QUALIFICATIONS.c.paper_no),
        else_=statement.excluded.issued_on >= QUALIFICATIONS.c.issued_on,
    )
    columns = ("id_number", "issued_on", "payload", "fetched_at", "valid_from", "paper_no")
    session.connection().execute(
        statement.on_conflict_do_update(
            index_elements=["certificate_no"], set_={name: statement.excluded[name] for name in columns}, where=newer
        ),
        rows,
    )
    # What is kept now, as digests in the audit chain: ``check`` finds a cached certificate changed with the file.
    numbers = sorted({str(row["certificate_no"]) for row in rows})
    kept = session.connection().execute(
        select(QUALIFICATIONS.c.certificate_no, QUALIFICATIONS.c.payload).where(QUALIFICATIONS.c.certificate_no.in_(numbers))
    )
    digests = {str(number): sha256_text(str(payload)) for number, payload in kept}
    audit.append(session, at=at, operator="platform", action=CERTIFICATES_CACHED, detail={"sha256": digests})


def _paper_no(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else None


def qualifications_for(session: Session, id_number: str) -> Cached:
    """The person's cached certificates, newest paper first, and when the newest of them was read."""
    query = (
        select(QUALIFICATIONS.c.payload, QUALIFICATIONS.c.fetched_at)
        .where(QUALIFICATIONS.c.id_number == id_number)
        .order_by(QUALIFICATIONS.c.issued_on.desc(), QUALIFICATIONS.c.paper_no.desc(), QUALIFICATIONS.c.fetched_at.desc())
    )
    rows = list(session.connection().execute(query))
    items = tuple(_object(payload) for payload, _at in rows)
    return Cached(items, max((str(at) for _payload, at in rows), default=None))


def save_ce_hours(session: Session, id_number: str, items: Sequence[Mapping[str, Any]], *, at: str) -> None:
    """Keep the platform's whole ``GET /ce-hours`` answer for the person (replacing the one kept before)."""
    statement = sqlite_insert(CE_HOURS).values(id_number=id_number, items=canonical_json([dict(i) for i in items]), fetched_at=at)
    session.connection().execute(
        statement.on_conflict_do_update(
            index_elements=["id_number"], set_={"items": statement.excluded["items"], "fetched_at": statement.excluded.fetched_at}
        )
    )


def ce_hours_for(session: Session, id_number: str) -> Cached:
    """The person's CE entries as the platform last answered, and when; ``fetched_at`` None if never asked."""
    query = select(CE_HOURS.c["items"], CE_HOURS.c.fetched_at).where(CE_HOURS.c.id_number == id_number)
    row = session.connection().execute(query).first()
    if row is None:
        return Cached((), None)
    decoded = json.loads(row[0])
    items = tuple(i for i in decoded if isinstance(i, dict)) if isinstance(decoded, list) else ()
    return Cached(items, str(row[1]))


def ce_hours_of(session: Session, id_numbers: Collection[str]) -> dict[str, Cached]:
    """``ce_hours_for`` of many people in a few queries (500 people each): only those ever asked about are listed."""
    found: dict[str, Cached] = {}
    people = sorted(id_numbers)
    for start in range(0, len(people), 500):
        query = select(CE_HOURS.c.id_number, CE_HOURS.c["items"], CE_HOURS.c.fetched_at).where(
            CE_HOURS.c.id_number.in_(people[start : start + 500])
        )
        for id_number, text, at in session.connection().execute(query):
            decoded = json.loads(text)
            items = tuple(i for i in decoded if isinstance(i, dict)) if isinstance(decoded, list) else ()
            found[str(id_number)] = Cached(items, str(at))
    return found


def qualification_by_certificate_no(session: Session, certificate_no: str) -> Mapping[str, Any] | None:
    """A cached certificate by its number (the contract's Qualification), None if not kept here."""
    query = select(QUALIFICATIONS.c.payload).where(QUALIFICATIONS.c.certificate_no == certificate_no.strip())
    text = session.connection().execute(query).scalar()
    return None if text is None else _object(text)


def _object(text: str) -> Mapping[str, Any]:
    value = json.loads(text)
    return value if isinstance(value, dict) else {}
