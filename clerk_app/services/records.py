"""Entering, correcting, voiding and finding records: the one path every entry takes.

The command line, the window and the spreadsheet import all save through
``RecordService``, so every entry passes the same validation and duplicate
rules and is written as an immutable version with its audit row and outbox
entry in one transaction. Results are plain dataclasses, safe to hand across
threads.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from clerk_app import clock
from clerk_app.domain.dates import application_day
from clerk_app.domain.duplicates import certificate_key
from clerk_app.domain.id_card import FILLED_FROM_CARD
from clerk_app.domain.id_number import parse_id_number
from clerk_app.domain.kinds import RECORD_KINDS
from clerk_app.domain.lifecycle import State
from clerk_app.domain.problems import Problem, problem
from clerk_app.domain.scan_codes import RECEIPT_NO
from clerk_app.domain.text import canonical_code, free_text
from clerk_app.domain.validation import validate_change_reason, validate_void_reason
from clerk_app.services import collector
from clerk_app.services.operators import OperatorRefused, OperatorService, operator_refusal
from clerk_app.services.record_checks import Checked, check_entries
from clerk_app.services.settings import HALL_KEYS, hall_missing
from local_db import record_store, settings_store
from local_db.database import Database


@dataclass(frozen=True)
class Approval:
    """A supervisor approving a correction of a record the platform has accepted: their ID and password."""

    supervisor: str
    password: str = field(repr=False)


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
    change_reason: str | None = None  # why this version was made (corrections and voids)
    approved_by: str | None = None  # the supervisor who approved correcting an accepted record
    resolved_at: str | None = None  # when the platform's answer for this version came in
    from_card: tuple[str, ...] = ()  # the fields read from the driver's ID card (its audit row keeps them)

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


class RecordService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._operators = OperatorService(db)

    # -- saving ----------------------------------------------------------------

    def add(
        self, kind: str, payload: object, *, operator: str, confirm_duplicate: bool = False, from_card: Sequence[str] = ()
    ) -> SaveOutcome:
        """``from_card``: the fields filled from the ID card the driver laid on the reader (kept with the version
        and in its audit row; the card's address and photo never are)."""
        return self.add_many(kind, [payload], operator=operator, confirm_duplicate=confirm_duplicate, from_card=from_card)[0]

    def add_many(
        self,
        kind: str,
        payloads: Sequence[object],
        *,
        operator: str,
        confirm_duplicate: bool = False,
        from_card: Sequence[str] = (),
    ) -> list[SaveOutcome]:
        """Save every payload in ONE transaction: all are saved, or (if any is refused) none.

        Entries later in the list are checked against the earlier ones too, so a
        list that repeats a person is caught like two entries typed by hand.
        """
        if kind not in RECORD_KINDS:
            unknown = problem("unknown_kind", "kind", allowed=", ".join(RECORD_KINDS))
            return [SaveOutcome(errors=[unknown]) for _ in payloads]
        if not payloads:
            return []
        try:
            with collector.paused(), self._db.write() as session:
                codes = operator_refusal(session, operator) or _window_codes(session)
                if isinstance(codes, Problem):
                    return [SaveOutcome(errors=[codes]) for _ in payloads]
                hall, window = codes
                now = clock.now()
                verdicts = check_entries(
                    session, kind, payloads, now=now, today=clock.today(), confirm_duplicate=confirm_duplicate, one_batch=True
                )
                if not all(v.ok for v in verdicts):
                    raise _RollBack
                receipts = record_store.next_receipt_nos(session, hall, window, now.date(), len(verdicts))
                new = [
                    record_store.NewRecord(
                        receipt_no, v.payload, _keys(kind, v.payload), _confirmed(v.warnings) | _card(from_card, v.payload)
                    )
                    for v, receipt_no in zip(verdicts, receipts, strict=True)
                    if v.payload is not None
                ]
                record_ids = record_store.insert_records(
                    session,
                    kind=kind,
                    records=new,
                    at=now.isoformat(timespec="milliseconds"),
                    operator=operator,
                    device_id=f"{hall}-{window}",
                )
        except _RollBack:
            not_saved = problem("batch_not_saved", None)
            return [
                SaveOutcome(errors=v.errors) if not v.ok else SaveOutcome(errors=[not_saved], warnings=v.warnings)
                for v in verdicts
            ]
        return [
            SaveOutcome(warnings=v.warnings, record_id=record_id, version=1, receipt_no=saved.receipt_no)
            for v, saved, record_id in zip(verdicts, new, record_ids, strict=True)
        ]

    def check(self, kind: str, payload: object, *, exclude: str | None = None) -> SaveOutcome:
        """Validation and duplicate rules without saving: errors, or the warnings to confirm."""
        if kind not in RECORD_KINDS:
            return SaveOutcome(errors=[problem("unknown_kind", "kind", allowed=", ".join(RECORD_KINDS))])
        with self._db.read() as session:
            outcome, _ = self._check(session, kind, payload, exclude=exclude, confirm_duplicate=True)
            return outcome

    def check_many(self, kind: str, payloads: Sequence[object]) -> list[Checked]:
        """``check`` of each payload against the stored records (not against each other), in one read.

        Each verdict carries the normalised payload when the entry may be saved (warnings to confirm aside).
        """
        if kind not in RECORD_KINDS:
            refusal = problem("unknown_kind", "kind", allowed=", ".join(RECORD_KINDS))
            return [Checked([refusal], []) for _ in payloads]
        with collector.paused(), self._db.read() as session:
            return check_entries(session, kind, payloads, now=clock.now(), today=clock.today(), confirm_duplicate=True)

    def correct(
        self,
        record_id: str,
        payload: object,
        *,
        operator: str,
        reason: object = None,
        approval: Approval | None = None,
        confirm_duplicate: bool = False,
        from_card: Sequence[str] = (),
    ) -> SaveOutcome:
        """A new version with the reason for it (更正原因); a record the platform has accepted also needs
        a supervisor's approval (ID and password, checked here), recorded as ``approved_by``."""
        checked_reason = validate_change_reason(reason)
        if isinstance(checked_reason, Problem):
            return SaveOutcome(errors=[checked_reason])
        approver = self._approver(approval) if approval is not None else None
        if isinstance(approver, Problem):
            return SaveOutcome(errors=[approver])
        with self._db.write() as session:
            codes = operator_refusal(session, operator) or _window_codes(session)
            if isinstance(codes, Problem):
                return SaveOutcome(errors=[codes])
            hall, window = codes
            head = _changeable_head(session, record_id)
            if isinstance(head, SaveOutcome):
                return head
            if approver is None and _accepted(session, head):
                return SaveOutcome(errors=[problem("approval_required", None)])
            # A correction keeps the first version's day: it is judged as of the record's application day.
            checked, payload_dict = self._check(
                session, head.kind, payload, exclude=head.record_id, confirm_duplicate=confirm_duplicate,
                day=application_day(head.created_at),
            )
            if not checked.ok:
                return checked
            before = record_store.current_payload(session, head)
            changed = sorted(k for k in set(before) | set(payload_dict) if before.get(k) != payload_dict.get(k))
            if not changed:
                return SaveOutcome(errors=[problem("no_change", None)])
            version = record_store.append_version(
                session,
                head=head,
                op="upsert",
                payload=payload_dict,
                keys=_keys(head.kind, payload_dict),
                at=clock.now_text(),
                operator=operator,
                device_id=f"{hall}-{window}",
                action="correct",
                change_reason=checked_reason,
                approved_by=approver,
                audit_extra={"changed_fields": changed, **_confirmed(checked.warnings), **_card(from_card, payload_dict)},
            )
            return SaveOutcome(
                warnings=checked.warnings, record_id=head.record_id, version=version, receipt_no=head.receipt_no
            )

    def void(self, record_id: str, reason: object, *, operator: str, password: str) -> SaveOutcome:
        """A supervisor cancels a record: a new version with op ``void`` and the reason."""
        try:
            supervisor = self._operators.sign_in(operator, password)
        except OperatorRefused as refused:
            return SaveOutcome(errors=[refused.problem])
        if supervisor.role != "supervisor":
            return SaveOutcome(errors=[problem("not_supervisor", None)])
        operator = supervisor.operator_id
        checked_reason = validate_void_reason(reason)
        if isinstance(checked_reason, Problem):
            return SaveOutcome(errors=[checked_reason])
        with self._db.write() as session:
            codes = _window_codes(session)
            if isinstance(codes, Problem):
                return SaveOutcome(errors=[codes])
            hall, window = codes
            head = _changeable_head(session, record_id)
            if isinstance(head, SaveOutcome):
                return head
            payload_dict = record_store.current_payload(session, head)
            version = record_store.append_version(
                session,
                head=head,
                op="void",
                payload=payload_dict,
                keys=_keys(head.kind, payload_dict),
                at=clock.now_text(),
                operator=operator,
                device_id=f"{hall}-{window}",
                action="void",
                void_reason=checked_reason,
                change_reason=checked_reason,  # the contract: every version after the first says why
            )
            return SaveOutcome(record_id=head.record_id, version=version, receipt_no=head.receipt_no)

    def _approver(self, approval: Approval) -> str | Problem:
        """The approving supervisor's ID as registered, once their password is checked (wrong ones count)."""
        try:
            found = self._operators.sign_in(approval.supervisor, approval.password)
        except OperatorRefused as refused:
            return refused.problem
        if found.role != "supervisor":
            return problem("not_supervisor", None)
        return found.operator_id

    def _check(
        self, session: Session, kind: str, payload: object, *, exclude: str | None, confirm_duplicate: bool,
        day: date | None = None,
    ) -> tuple[SaveOutcome, dict[str, Any]]:
        """Validation and duplicate rules as of ``day`` (the application day; today for a new entry)."""
        (verdict,) = check_entries(
            session, kind, [payload], now=clock.now(), today=day or clock.today(), confirm_duplicate=confirm_duplicate,
            exclude=exclude,
        )
        if not verdict.ok or verdict.payload is None:
            return SaveOutcome(errors=verdict.errors), {}
        return SaveOutcome(warnings=verdict.warnings), verdict.payload

    # -- finding ---------------------------------------------------------------

    def get(self, key: str) -> RecordDetail | None:
        """A record by record_id or receipt number, with every version and its audit rows."""
        with self._db.read() as session:
            record = record_store.find_record(session, key.strip())
            if record is None:
                return None
            summary = RecordSummary(**record)
            audit_rows = [
                AuditInfo(a.seq, a.at, a.operator, a.action, a.version, json.loads(a.detail))
                for a in record_store.audit_rows_of(session, summary.record_id)
            ]
            from_card = {a.version: tuple(a.detail["from_card"]) for a in audit_rows if a.detail.get("from_card")}
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
                    change_reason=v.change_reason,
                    approved_by=v.approved_by,
                    resolved_at=o.resolved_at if o else None,
                    from_card=from_card.get(v.version, ()),
                )
                for v, o in record_store.versions_of(session, summary.record_id)
            ]
            return RecordDetail(summary, versions, audit_rows)

    def search(self, text: str, limit: int = 50) -> list[RecordSummary]:
        """By ID number, receipt number, certificate number, or the start of a name."""
        query = free_text(text)
        if not query:
            return []
        code = canonical_code(query)  # numbers are searched in the form they are stored and compared in
        with self._db.read() as session:
            if RECEIPT_NO.fullmatch(code):
                rows = record_store.by_receipt_no(session, code)
            else:
                parsed = parse_id_number(query, clock.today())
                if not isinstance(parsed, Problem):
                    # A qualification certificate number is in practice the holder's ID number.
                    rows = record_store.by_id_number_or_certificate(session, parsed.canonical, limit)
                else:
                    rows = record_store.by_certificate(session, code, limit)
                    if len(rows) < limit:
                        seen = {row["record_id"] for row in rows}
                        more = record_store.by_name_prefix(session, query, limit - len(rows))
                        rows += [row for row in more if row["record_id"] not in seen]
            return [RecordSummary(**row) for row in rows]

    def list(
        self, *, kind: str | None = None, state: str | None = None, offset: int = 0, limit: int = 200
    ) -> list[RecordSummary]:
        with self._db.read() as session:
            return [
                RecordSummary(**r) for r in record_store.page(session, kind=kind, state=state, offset=offset, limit=limit)
            ]

    def count(self, *, kind: str | None = None, state: str | None = None) -> int:
        with self._db.read() as session:
            return record_store.count(session, kind=kind, state=state)


def _changeable_head(session: Session, key: str) -> record_store.Head | SaveOutcome:
    """The record to correct or void, or the refusal if it is missing or already voided."""
    head = record_store.find_head(session, key.strip())
    if head is None:
        return SaveOutcome(errors=[problem("not_found", "record_id")])
    if head.voided:
        return SaveOutcome(errors=[problem("already_voided", "record_id")])
    return head


def _window_codes(session: Session) -> tuple[str, str] | Problem:
    """This window's hall and window codes, read in the saving transaction; refused while the hall is not set up.

    Receipt numbers carry them, so a record is never saved under a hall nobody set (the training file has its own).
    """
    values = settings_store.values_of(session, HALL_KEYS)
    missing = hall_missing(values)
    if missing:
        return problem("hall_not_set", None, missing="、".join(missing))
    return str(values["hall.code"]), str(values["window.code"])


def _accepted(session: Session, head: record_store.Head) -> bool:
    """Whether the platform may have accepted a version of this record (its correction then needs approval).

    A version still ``sending`` counts: its batch may have been committed by the platform with the answer lost
    on the way back, and a correction let through without approval would reach the platform as v2 unapproved.
    """
    record = record_store.find_record(session, head.record_id)
    return record is not None and (
        record["platform_ref"] is not None or record["upload_state"] in (State.ACCEPTED, State.SENDING)
    )


def _keys(kind: str, payload: dict[str, Any]) -> record_store.SearchKeys:
    return record_store.SearchKeys(
        id_number=payload["id_number"],
        name=payload["name"],
        cert_key=certificate_key(kind, payload),
        institution_code=payload.get("institution_code"),
    )


def _card(fields: Sequence[str], payload: Mapping[str, Any] | None) -> dict[str, Any]:
    """The fields of this version read from an ID card, as kept in its audit row (only those a card may fill)."""
    kept = sorted({f for f in fields if f in FILLED_FROM_CARD and (payload or {}).get(f)})
    return {"from_card": kept} if kept else {}


def _confirmed(warnings: list[Problem]) -> dict[str, Any]:
    return {"confirmed_warnings": [w.code for w in warnings]} if warnings else {}
