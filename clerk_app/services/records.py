"""Entering, correcting, voiding and finding records: the one path every entry takes.

The command line, the window and the spreadsheet import all save through
``RecordService``, so every entry passes the same validation and duplicate
rules and is written as an immutable version with its audit row and outbox
entry in one transaction. Results are plain dataclasses, safe to hand across
threads.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app import clock
from clerk_app.domain.id_number import parse_id_number
from clerk_app.domain.text import normalize_text
from clerk_app.domain.duplicates import ExistingRecord, certificate_key, classify_duplicates
from clerk_app.domain.institutions import to_info
from clerk_app.domain.kinds import RECORD_KINDS
from clerk_app.domain.problems import Problem, problem
from clerk_app.domain.validation import InstitutionInfo, validate_record, validate_void_reason
from clerk_app.services.operators import OperatorService
from clerk_app.services.settings import SPECS
from local_db import record_store
from local_db.database import Database
from local_db.models import Record, Setting


@dataclass(frozen=True)
class SaveOutcome:
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    record_id: str | None = None
    version: int | None = None
    receipt_no: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class RecordSummary:
    record_id: str
    kind: str
    receipt_no: str
    name: str
    id_number: str
    cert_key: str | None
    institution_code: str | None
    current_version: int
    upload_state: str
    voided: bool
    platform_ref: str | None
    created_at: str
    created_by: str

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class VersionInfo:
    version: int
    op: str
    void_reason: str | None
    payload: dict[str, Any]
    entered_at: str
    entered_by: str
    device_id: str
    upload_state: str | None
    batch_id: str | None
    platform_ref: str | None
    platform_errors: list[dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class AuditInfo:
    seq: int
    at: str
    operator: str
    action: str
    version: int | None
    detail: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class RecordDetail:
    summary: RecordSummary
    versions: list[VersionInfo]
    audit: list[AuditInfo]

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.summary.as_dict(),
            "versions": [v.as_dict() for v in self.versions],
            "audit": [a.as_dict() for a in self.audit],
        }


class _RollBack(Exception):
    """Raised inside a transaction to undo a batch in which an entry was refused."""


class _Context:
    """What validation may ask of the database, bound to one session."""

    def __init__(self, session: Session) -> None:
        self.today = clock.today()
        self._session = session

    def institution(self, code: str) -> InstitutionInfo | None:
        payload = record_store.institution_payload(self._session, code)
        return to_info(payload) if payload else None


class RecordService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._operators = OperatorService(db)

    # -- saving ----------------------------------------------------------------

    def add(self, kind: str, payload: object, *, operator: str, confirm_duplicate: bool = False) -> SaveOutcome:
        return self.add_many(kind, [payload], operator=operator, confirm_duplicate=confirm_duplicate)[0]

    def add_many(
        self, kind: str, payloads: list[object], *, operator: str, confirm_duplicate: bool = False
    ) -> list[SaveOutcome]:
        """Save every payload in ONE transaction: all are saved, or (if any is refused) none.

        Entries later in the list are checked against the earlier ones too, so a
        list that repeats a person is caught like two entries typed by hand.
        """
        if kind not in RECORD_KINDS:
            refusal = problem("unknown_kind", "kind", allowed=", ".join(RECORD_KINDS))
            return [SaveOutcome(errors=[refusal]) for _ in payloads]
        refusal = self._operator_refusal(operator)
        if refusal:
            return [SaveOutcome(errors=[refusal]) for _ in payloads]
        outcomes: list[SaveOutcome] = []
        try:
            with self._db.write() as session:
                hall, window = _window_codes(session)
                for payload in payloads:
                    outcomes.append(
                        self._add_in(session, kind, payload, operator, confirm_duplicate, hall, window)
                    )
                if not all(o.ok for o in outcomes):
                    raise _RollBack
        except _RollBack:
            not_saved = problem("batch_not_saved", None)
            return [o if not o.ok else SaveOutcome(errors=[not_saved], warnings=o.warnings) for o in outcomes]
        return outcomes

    def check(self, kind: str, payload: object, *, exclude: str | None = None) -> SaveOutcome:
        """Validation and duplicate rules without saving: errors, or the warnings to confirm."""
        if kind not in RECORD_KINDS:
            return SaveOutcome(errors=[problem("unknown_kind", "kind", allowed=", ".join(RECORD_KINDS))])
        with self._db.read() as session:
            outcome, _ = self._check(session, kind, payload, exclude=exclude, confirm_duplicate=True)
            return outcome

    def _add_in(
        self,
        session: Session,
        kind: str,
        payload: object,
        operator: str,
        confirm_duplicate: bool,
        hall: str,
        window: str,
    ) -> SaveOutcome:
        checked, payload_dict = self._check(session, kind, payload, exclude=None, confirm_duplicate=confirm_duplicate)
        if not checked.ok:
            return checked
        now = clock.now()
        at = now.isoformat(timespec="milliseconds")
        record = Record(
            record_id=str(uuid.uuid4()),
            kind=kind,
            receipt_no=record_store.next_receipt_no(session, hall, window, now.date()),
            created_at=at,
            created_by=operator,
            current_version=1,
            voided=False,
            upload_state=record_store.PENDING,
        )
        session.add(record)
        record_store.append_version(
            session,
            record=record,
            op="upsert",
            payload=payload_dict,
            keys=_keys(kind, payload_dict),
            at=at,
            operator=operator,
            device_id=f"{hall}-{window}",
            action="save",
            audit_extra=_confirmed(checked.warnings),
        )
        session.flush()  # later entries of the same batch see this one in their duplicate check
        return SaveOutcome(warnings=checked.warnings, record_id=record.record_id, version=1, receipt_no=record.receipt_no)

    def correct(
        self, record_id: str, payload: object, *, operator: str, confirm_duplicate: bool = False
    ) -> SaveOutcome:
        refusal = self._operator_refusal(operator)
        if refusal:
            return SaveOutcome(errors=[refusal])
        with self._db.write() as session:
            hall, window = _window_codes(session)
            record = record_store.find_record(session, record_id)
            if record is None:
                return SaveOutcome(errors=[problem("not_found", "record_id")])
            if record.voided:
                return SaveOutcome(errors=[problem("already_voided", "record_id")])
            checked, payload_dict = self._check(
                session, record.kind, payload, exclude=record.record_id, confirm_duplicate=confirm_duplicate
            )
            if not checked.ok:
                return checked
            before = record_store.current_payload(session, record)
            changed = sorted(k for k in set(before) | set(payload_dict) if before.get(k) != payload_dict.get(k))
            if not changed:
                return SaveOutcome(errors=[problem("no_change", None)])
            record.current_version += 1
            record_store.append_version(
                session,
                record=record,
                op="upsert",
                payload=payload_dict,
                keys=_keys(record.kind, payload_dict),
                at=clock.now_text(),
                operator=operator,
                device_id=f"{hall}-{window}",
                action="correct",
                audit_extra={"changed_fields": changed, **_confirmed(checked.warnings)},
            )
            return SaveOutcome(
                warnings=checked.warnings,
                record_id=record.record_id,
                version=record.current_version,
                receipt_no=record.receipt_no,
            )

    def void(self, record_id: str, reason: object, *, operator: str, password: str) -> SaveOutcome:
        """A supervisor cancels a record: a new version with op ``void`` and the reason."""
        supervisor = self._operators.authenticate(operator, password)
        if supervisor is None or supervisor.role != "supervisor":
            return SaveOutcome(errors=[problem("not_supervisor", None)])
        checked_reason = validate_void_reason(reason)
        if isinstance(checked_reason, Problem):
            return SaveOutcome(errors=[checked_reason])
        with self._db.write() as session:
            hall, window = _window_codes(session)
            record = record_store.find_record(session, record_id)
            if record is None:
                return SaveOutcome(errors=[problem("not_found", "record_id")])
            if record.voided:
                return SaveOutcome(errors=[problem("already_voided", "record_id")])
            payload_dict = record_store.current_payload(session, record)
            record.current_version += 1
            record_store.append_version(
                session,
                record=record,
                op="void",
                payload=payload_dict,
                keys=_keys(record.kind, payload_dict),
                at=clock.now_text(),
                operator=operator,
                device_id=f"{hall}-{window}",
                action="void",
                void_reason=checked_reason,
            )
            return SaveOutcome(record_id=record.record_id, version=record.current_version, receipt_no=record.receipt_no)

    def _check(
        self, session: Session, kind: str, payload: object, *, exclude: str | None, confirm_duplicate: bool
    ) -> tuple[SaveOutcome, dict[str, Any]]:
        """Validation and duplicate rules; the outcome says whether the normalised payload may be saved."""
        validated = validate_record(kind, payload, _Context(session))
        if not validated.ok:
            return SaveOutcome(errors=list(validated.errors)), {}
        keys = _keys(kind, validated.payload)
        candidates = [
            ExistingRecord(
                record_id=record.record_id,
                kind=record.kind,
                payload=json.loads(version.payload),
                entered_at=datetime.fromisoformat(version.entered_at),
                voided=record.voided,
            )
            for record, version in record_store.duplicate_candidates(
                session, kind, keys.id_number, keys.cert_key, exclude
            )
        ]
        errors, warnings = classify_duplicates(kind, validated.payload, candidates, clock.today())
        if errors:
            return SaveOutcome(errors=errors), {}
        if warnings and not confirm_duplicate:
            return SaveOutcome(errors=warnings), {}
        return SaveOutcome(warnings=warnings), dict(validated.payload)

    def _operator_refusal(self, operator: str) -> Problem | None:
        if not operator:
            return problem("unknown_operator", "operator")
        if self._operators.any_registered():
            info = self._operators.get(operator)
            if info is None or not info.active:
                return problem("unknown_operator", "operator")
        return None

    # -- finding ---------------------------------------------------------------

    def get(self, key: str) -> RecordDetail | None:
        """A record by record_id or receipt number, with every version and its audit rows."""
        with self._db.read() as session:
            record = record_store.find_record(session, key.strip())
            if record is None:
                return None
            versions = [
                VersionInfo(
                    version=v.version,
                    op=v.op,
                    void_reason=v.void_reason,
                    payload=json.loads(v.payload),
                    entered_at=v.entered_at,
                    entered_by=v.entered_by,
                    device_id=v.device_id,
                    upload_state=o.state if o else None,
                    batch_id=o.batch_id if o else None,
                    platform_ref=o.platform_ref if o else None,
                    platform_errors=json.loads(o.errors) if o and o.errors else [],
                )
                for v, o in record_store.versions_of(session, record.record_id)
            ]
            audit_rows = [
                AuditInfo(a.seq, a.at, a.operator, a.action, a.version, json.loads(a.detail))
                for a in record_store.audit_rows_of(session, record.record_id)
            ]
            return RecordDetail(_summary(record), versions, audit_rows)

    def search(self, text: str, limit: int = 50) -> list[RecordSummary]:
        """By ID number, receipt number, certificate number, or the start of a name."""
        query = normalize_text(text)
        if not query:
            return []
        parsed = parse_id_number(query, clock.today())
        id_number = None if isinstance(parsed, Problem) else parsed.canonical
        with self._db.read() as session:
            records = record_store.search(
                session, receipt_no=query.upper(), id_number=id_number, text=query, limit=limit
            )
            return [_summary(r) for r in records]

    def list(
        self, *, kind: str | None = None, state: str | None = None, offset: int = 0, limit: int = 200
    ) -> list[RecordSummary]:
        with self._db.read() as session:
            return [
                _summary(r) for r in record_store.page(session, kind=kind, state=state, offset=offset, limit=limit)
            ]

    def count(self, *, kind: str | None = None, state: str | None = None) -> int:
        with self._db.read() as session:
            return record_store.count(session, kind=kind, state=state)


def _window_codes(session: Session) -> tuple[str, str]:
    """This window's hall and window codes, read in the saving transaction."""
    values = {key: SPECS[key].default for key in ("hall.code", "window.code")}
    for row in session.scalars(select(Setting).where(Setting.key.in_(values))):
        values[row.key] = json.loads(row.value)
    return str(values["hall.code"]), str(values["window.code"])


def _keys(kind: str, payload: dict[str, Any]) -> record_store.SearchKeys:
    return record_store.SearchKeys(
        id_number=payload["id_number"],
        name=payload["name"],
        cert_key=certificate_key(kind, payload),
        institution_code=payload.get("institution_code"),
    )


def _confirmed(warnings: list[Problem]) -> dict[str, Any]:
    return {"confirmed_warnings": [w.code for w in warnings]} if warnings else {}


def _summary(record: Record) -> RecordSummary:
    return RecordSummary(
        record_id=record.record_id,
        kind=record.kind,
        receipt_no=record.receipt_no,
        name=record.name,
        id_number=record.id_number,
        cert_key=record.cert_key,
        institution_code=record.institution_code,
        current_version=record.current_version,
        upload_state=record.upload_state,
        voided=record.voided,
        platform_ref=record.platform_ref,
        created_at=record.created_at,
        created_by=record.created_by,
    )
