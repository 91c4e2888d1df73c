"""Tables of the window's local database.

Two tables are facts that never change once written: ``record_versions`` (what
was entered, version by version) and ``audit_log`` (who did what, hash-chained).
Triggers added by the migrations refuse UPDATE and DELETE on both.

The other tables are working state derived from those facts or needed to act
on them: ``records`` is the current view of each record (its newest version's
search keys and upload state, kept for fast lookups), ``outbox`` the upload
queue (one row per version), plus the institution registry, settings, local
operators and the receipt-number counters.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


def table_of(model: type[Base]) -> Table:
    """The Core table of a mapped class, typed as one (for prebuilt Core statements)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


class Record(Base):
    """One entry (a record_id) and the state of its newest version."""

    __tablename__ = "records"

    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    receipt_no: Mapped[str] = mapped_column(String(40), unique=True)
    created_at: Mapped[str] = mapped_column(String(32), index=True)
    created_by: Mapped[str] = mapped_column(String(64))
    current_version: Mapped[int] = mapped_column(Integer)
    voided: Mapped[bool] = mapped_column(default=False)
    upload_state: Mapped[str] = mapped_column(String(16), index=True)
    platform_ref: Mapped[str | None] = mapped_column(String(64))
    # Search keys of the newest version (see clerk_app.domain.duplicates.certificate_key).
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    name: Mapped[str] = mapped_column(String(50), index=True)
    cert_key: Mapped[str | None] = mapped_column(String(40), index=True)
    institution_code: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (Index("ix_records_kind_state", "kind", "upload_state"),)


class RecordVersion(Base):
    """One immutable version of a record: what the clerk entered, or a void."""

    __tablename__ = "record_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[str] = mapped_column(ForeignKey("records.record_id"))
    version: Mapped[int] = mapped_column(Integer)
    op: Mapped[str] = mapped_column(String(8))  # upsert | void
    void_reason: Mapped[str | None] = mapped_column(String(200))
    change_reason: Mapped[str | None] = mapped_column(String(200))  # every version after the first (更正原因)
    approved_by: Mapped[str | None] = mapped_column(String(64))  # supervisor approving a correction of an accepted record
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON of the contract payload
    entered_at: Mapped[str] = mapped_column(String(32))
    entered_by: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str] = mapped_column(String(64))

    __table_args__ = (UniqueConstraint("record_id", "version", name="uq_record_versions_record_version"),)


class OutboxEntry(Base):
    """A version waiting for, or done with, upload to the provincial platform."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer)
    queued_at: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16), index=True)  # pending | sending | accepted | rejected
    batch_id: Mapped[str | None] = mapped_column(String(36), index=True)
    platform_ref: Mapped[str | None] = mapped_column(String(64))
    errors: Mapped[str | None] = mapped_column(Text)  # JSON list of the platform's {field, code, message}
    resolved_at: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (
        UniqueConstraint("record_id", "version", name="uq_outbox_record_version"),
        Index("ix_outbox_state_id", "state", "id"),
        ForeignKeyConstraint(
            ["record_id", "version"],
            ["record_versions.record_id", "record_versions.version"],
            name="fk_outbox_record_version",
        ),
    )


class AuditEntry(Base):
    """One action, chained to the previous one by its hash."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[str] = mapped_column(String(32))
    operator: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str | None] = mapped_column(String(36), index=True)
    version: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text)  # canonical JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_audit_log_operator_action", "operator", "action"),)


class Institution(Base):
    """A training or continuing-education institution, as the contract describes it."""

    __tablename__ = "institutions"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(100), index=True)
    status: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[str] = mapped_column(String(32))
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON of the whole Institution object
    status_since: Mapped[str | None] = mapped_column(String(10))  # contract 1.2; NULL: its updated_at date stands


class ReceiptCounter(Base):
    """The last receipt sequence used by this window on a day."""

    __tablename__ = "receipt_counters"

    prefix: Mapped[str] = mapped_column(String(32), primary_key=True)  # hall + window + date
    last_seq: Mapped[int] = mapped_column(Integer)


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON


class Operator(Base):
    """A clerk or supervisor of this hall known to this window."""

    __tablename__ = "operators"

    operator_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    role: Mapped[str] = mapped_column(String(16))  # clerk | supervisor
    password_hash: Mapped[str | None] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[str] = mapped_column(String(32))


class AuditHead(Base):
    """The newest audit row's sequence number and hash (one row), so a cut-off tail is detected."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (CheckConstraint("id = 1", name="ck_audit_head_single_row"),)


class UploadBatch(Base):
    """A batch made for upload: recorded (with its exact body) before it is sent; its UUID is the Idempotency-Key."""

    __tablename__ = "upload_batches"

    batch_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[str] = mapped_column(String(32))
    created_by: Mapped[str] = mapped_column(String(64))
    record_count: Mapped[int] = mapped_column(Integer)
    body: Mapped[str | None] = mapped_column(Text)  # the JSON sent; cleared once the outcome is known
    state: Mapped[str] = mapped_column(String(16), index=True)  # sending | resolved | returned
    resolved_at: Mapped[str | None] = mapped_column(String(32))
    end_of_day: Mapped[bool] = mapped_column(default=False)


class Qualification(Base):
    """A qualification certificate the platform issued, kept for printing offline."""

    __tablename__ = "qualifications"

    certificate_no: Mapped[str] = mapped_column(String(40), primary_key=True)
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    issued_on: Mapped[str] = mapped_column(String(10))
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON of the contract's Qualification
    fetched_at: Mapped[str] = mapped_column(String(32))
    valid_from: Mapped[str | None] = mapped_column(String(10))  # contract 1.2; NULL: a 1.1 platform sent none
    paper_no: Mapped[int | None] = mapped_column(Integer)  # contract 1.2; NULL: a 1.1 platform sent none


class CeHoursCache(Base):
    """The CE entries the platform accepted for a person (``GET /ce-hours``, JSON list) and when they were read."""

    __tablename__ = "ce_hours_cache"

    id_number: Mapped[str] = mapped_column(String(18), primary_key=True)
    items: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[str] = mapped_column(String(32))


class UploadRun(Base):
    """One finished upload run (when, for whom, counts, how it ended), for the upload screen's history."""

    __tablename__ = "upload_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[str] = mapped_column(String(32))
    finished_at: Mapped[str] = mapped_column(String(32))
    operator: Mapped[str] = mapped_column(String(64))
    end_of_day: Mapped[bool] = mapped_column(default=False)
    sent: Mapped[int] = mapped_column(Integer)
    accepted: Mapped[int] = mapped_column(Integer)
    rejected: Mapped[int] = mapped_column(Integer)
    unknown: Mapped[int] = mapped_column(Integer)
    pending_left: Mapped[int] = mapped_column(Integer)
    held: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(64))  # "complete", "incomplete" or the code of the stop
    message_zh: Mapped[str | None] = mapped_column(Text)
    message_en: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer)  # runs that sent nothing and stopped alike, folded into this one


class SyncState(Base):
    """The upload engine's bookkeeping: last upload, registry cursor, clock offset (JSON values)."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ImportMapping(Base):
    """How one school's spreadsheet columns map onto record fields, remembered for next time."""

    __tablename__ = "import_mappings"

    source_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    mapping: Mapped[str] = mapped_column(Text)  # JSON {column heading: field}
    updated_at: Mapped[str] = mapped_column(String(32))
    updated_by: Mapped[str] = mapped_column(String(64))
