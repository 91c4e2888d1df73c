"""Where a driver stands in the current CE cycle: the hours so far, by mode and by where they were entered, and what is missing.

DOMAIN.md ("The CE cycle at the counter"): the cycle runs from the
``first_issued_on`` of the driver's certificate of the hours' category; the
hours are those accepted anywhere in the province plus this window's own
entries not yet accepted. This module merges the two sources with one rule,
so the CE form, the CE statement and the command line say the same figures:

- this window's entries (pending, sending or accepted) count as entered here,
  from their current version; an entry the platform sent back counts as the
  version the platform accepted before, if any, else not at all (``left_out``);
- the platform's entries (``GET /ce-hours``, kept in ``local_db.platform_cache``)
  count as entered at other windows unless this window holds the same
  ``record_id`` (never counted twice, and a void made here stands);
- a session held by several entries (the same paper entered at two windows)
  counts once (``duplicates.ce_session_key``), as the accepted one where one is;
- the cycle's anchor is the certificate's ``first_issued_on`` (platform or its
  cache), else the 初次领证日期 the clerk typed from the paper certificate, else
  the one typed on this window's newest entry for the person.

Reading the platform is ``PlatformService.look_up_person`` (network, on a
worker thread in the window); everything here reads only the local database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from clerk_app import clock
from clerk_app.domain.ce_cycle import CeRule, CycleSummary, cycle_anchor, cycle_summary
from clerk_app.domain.duplicates import SessionKey, ce_session_key
from clerk_app.domain.lifecycle import State
from clerk_app.services.records import RecordService
from clerk_app.services.settings import SettingsService
from local_db import platform_cache
from local_db.database import Database

THIS_WINDOW = "this_window"
OTHER_WINDOWS = "other_windows"

# Where the cycle's anchor came from.
FROM_PLATFORM, FROM_CACHE, FROM_TYPED, FROM_ENTRY = "platform", "cache", "typed", "entry"


@dataclass(frozen=True)
class CountedSession:
    """One session that counts, with the entry it belongs to and where that entry was made."""

    course: str
    hours: float
    mode: str  # offline / online
    start_date: str
    end_date: str
    institution_code: str
    record_id: str
    reference: str  # this window's receipt number; for another window's entry, the day the platform accepted it
    source: str  # THIS_WINDOW or OTHER_WINDOWS
    state: str  # the upload state of this window's entry; "accepted" for the platform's


@dataclass(frozen=True)
class CeStanding:
    id_number: str
    category: str
    name: str
    certificate_no: str
    certificate: Mapping[str, Any] | None  # the certificate of the category the cycle runs from, if known
    first_issued_on: date | None
    anchor_source: str | None  # FROM_PLATFORM, FROM_CACHE, FROM_TYPED, FROM_ENTRY; None when unknown
    sessions: tuple[CountedSession, ...]
    rule: CeRule
    summary: CycleSummary | None  # None when the cycle cannot be placed
    read_at: str  # when this window's entries were read
    platform_read_at: str | None  # when the platform's answer was read (None: never asked for this person)
    online: bool  # the platform answered just now
    left_out: int  # this window's entries the platform sent back, with no accepted version to count

    def in_cycle(self) -> tuple[CountedSession, ...]:
        if self.summary is None:
            return self.sessions
        start, end = self.summary.cycle_start, self.summary.cycle_end
        return tuple(s for s in self.sessions if start <= date.fromisoformat(s.end_date) <= end)

    def hours(self, *, source: str | None = None, mode: str | None = None) -> float:
        """Hours in the current cycle (all sessions when it cannot be placed), of one source and/or mode."""
        return sum(s.hours for s in self.in_cycle() if source in (None, s.source) and mode in (None, s.mode))


def _counted_once(sessions: list[CountedSession], category: str) -> list[CountedSession]:
    """Each session once (second rulings): of several identical ones, an accepted one is kept, else the first."""
    kept: dict[SessionKey, CountedSession] = {}
    for counted in sessions:
        key = ce_session_key(category, counted.institution_code, counted.__dict__)
        if key not in kept or (kept[key].state != State.ACCEPTED and counted.state == State.ACCEPTED):
            kept[key] = counted
    return list(kept.values())


class CeStandingService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def standing(
        self,
        id_number: str,
        *,
        category: str | None = None,
        typed_first_issued_on: date | None = None,
        exclude_record: str | None = None,
        online: bool = False,
    ) -> CeStanding:
        """The standing from this window's entries and what the platform last said (``online``: just now).

        ``category`` None: that of the person's newest entry here, else freight. ``exclude_record``: a record
        being corrected (its new version is not saved yet)."""
        read_at = clock.now_text()
        local = self._local_entries(id_number, exclude_record)
        if category is None:
            categories = [str(payload["category"]) for *_rest, payload in local if payload.get("category")]
            category = categories[-1] if categories else "freight"
        with self._db.read() as session:
            certificates = platform_cache.qualifications_for(session, id_number)
            platform = platform_cache.ce_hours_for(session, id_number)
        accepted_elsewhere = {str(i.get("record_id")): i for i in platform.items if i.get("category") == category}
        sessions: list[CountedSession] = []
        left_out = 0
        newest: Mapping[str, Any] = {}
        for record_id, receipt_no, state, payload in local:
            if payload.get("category") != category:
                continue
            newest = payload
            if state == State.REJECTED:
                earlier = accepted_elsewhere.get(record_id)
                if earlier is None:
                    left_out += 1
                    continue
                payload = earlier
            sessions += _sessions(payload, record_id, receipt_no, THIS_WINDOW, state)
        held_here = {record_id for record_id, *_rest in local} | {exclude_record}
        for record_id, item in accepted_elsewhere.items():
            if record_id not in held_here:
                sessions += _sessions(item, record_id, str(item.get("accepted_at") or "")[:10], OTHER_WINDOWS, State.ACCEPTED)
        sessions = _counted_once(sessions, category)
        sessions.sort(key=lambda s: (s.end_date, s.start_date, s.course))

        certificate = _certificate_of(certificates.items, category)
        anchor, source = None, None
        if certificate is not None:
            anchor, source = cycle_anchor(certificate), FROM_PLATFORM if online else FROM_CACHE
        elif typed_first_issued_on is not None:
            anchor, source = typed_first_issued_on, FROM_TYPED
        elif _day(newest.get("qualification_first_issued_on")) is not None:
            anchor, source = _day(newest.get("qualification_first_issued_on")), FROM_ENTRY
        rule = CeRule.from_dict(SettingsService(self._db).get("ce.rule"))
        summary = cycle_summary([s.__dict__ for s in sessions], anchor, clock.today(), rule) if anchor else None
        name = str((certificate or {}).get("name") or newest.get("name") or "")
        certificate_no = str((certificate or {}).get("certificate_no") or newest.get("qualification_cert_no") or "")
        fetched = [at for at in (certificates.fetched_at, platform.fetched_at) if at]
        return CeStanding(
            id_number=id_number,
            category=category,
            name=name,
            certificate_no=certificate_no,
            certificate=certificate,
            first_issued_on=anchor,
            anchor_source=source,
            sessions=tuple(sessions),
            rule=rule,
            summary=summary,
            read_at=read_at,
            platform_read_at=max(fetched) if fetched else None,
            online=online,
            left_out=left_out,
        )

    def _local_entries(self, id_number: str, exclude: str | None) -> list[tuple[str, str, str, Mapping[str, Any]]]:
        """This window's CE entries of the person, oldest first: (record_id, receipt_no, upload state, current payload)."""
        records = RecordService(self._db)
        found: list[tuple[str, str, str, str, Mapping[str, Any]]] = []
        for summary in records.search(id_number, limit=1000):
            if summary.kind != "ce_hours" or summary.id_number != id_number or summary.record_id == exclude:
                continue
            if summary.voided:
                found.append((summary.created_at, summary.record_id, summary.receipt_no, State.VOIDED, {}))
                continue
            detail = records.get(summary.record_id)
            if detail is not None:
                payload = next(v.payload for v in detail.versions if v.version == summary.current_version)
                found.append((summary.created_at, summary.record_id, summary.receipt_no, summary.upload_state, payload))
        found.sort(key=lambda row: row[0])
        return [(record_id, receipt, state, payload) for _at, record_id, receipt, state, payload in found]


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _certificate_of(certificates: Iterable[Mapping[str, Any]], category: str) -> Mapping[str, Any] | None:
    """The certificate of the category the cycle runs from: a valid one if any, else the newest paper."""
    usable = [c for c in certificates if c.get("category") == category and _day(c.get("first_issued_on") or c.get("issued_on"))]
    usable.sort(key=lambda c: str(c.get("issued_on") or ""), reverse=True)
    return next((c for c in usable if c.get("status") == "valid"), usable[0] if usable else None)


def _sessions(entry: Mapping[str, Any], record_id: str, reference: str, source: str, state: str) -> list[CountedSession]:
    counted = []
    for s in entry.get("sessions") or []:
        hours, start, end = s.get("hours"), _day(s.get("start_date")), _day(s.get("end_date"))
        if isinstance(hours, bool) or not isinstance(hours, (int, float)) or start is None or end is None:
            continue  # a malformed session from anywhere is not counted rather than stopping the count
        counted.append(
            CountedSession(
                course=str(s.get("course") or ""),
                hours=float(hours),
                mode="online" if s.get("mode") == "online" else "offline",
                start_date=start.isoformat(),
                end_date=end.isoformat(),
                institution_code=str(entry.get("institution_code") or ""),
                record_id=record_id,
                reference=reference,
                source=source,
                state=state,
            )
        )
    return counted
