"""The reference platform's own SQLite database: registry, accepted record versions, batch results, certificates.

It is a separate file from any window's database, as the real platform is a
separate system. One writer connection behind a lock serialises every change
(a batch is judged and its result stored in ONE transaction, so a crash
leaves all of it or none); reads open their own short-lived connections, which
WAL lets run beside the writer.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import uuid
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from clerk_app.domain.certificates import VALIDITY_YEARS
from clerk_app.domain.dates import add_years
from clerk_app.domain.text import canonical_code

SCHEMA = """
CREATE TABLE IF NOT EXISTS institutions (
    code TEXT PRIMARY KEY,
    changed_utc TEXT NOT NULL,      -- updated_at as UTC ISO text: sorts as time does
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS institutions_by_change ON institutions (changed_utc, code);
-- One row per accepted record version (a void is a version too); never updated.
CREATE TABLE IF NOT EXISTS accepted (
    seq INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    kind TEXT NOT NULL,
    op TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    platform_ref TEXT NOT NULL,
    accepted_at TEXT NOT NULL,
    id_number TEXT,
    certificate_no TEXT,            -- a training completion's certificate number, canonical
    vehicle_class TEXT,
    qualification TEXT,             -- JSON of the certificate issued for this version, if any
    account TEXT,                   -- the window account that sent it (NULL: accepted before accounts were kept)
    applied_on TEXT,                -- the record's application day, YYYY-MM-DD (NULL: accepted before 1.2)
    UNIQUE (record_id, version)
);
CREATE INDEX IF NOT EXISTS accepted_by_certificate ON accepted (certificate_no) WHERE certificate_no IS NOT NULL;
-- A batch's key is the account's own: another account's batch under the same key is another batch.
CREATE TABLE IF NOT EXISTS account_batches (
    account TEXT NOT NULL,
    batch_id TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    result TEXT NOT NULL,
    PRIMARY KEY (account, batch_id)
);
CREATE TABLE IF NOT EXISTS qualifications (
    seq INTEGER PRIMARY KEY,
    id_number TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS qualifications_by_person ON qualifications (id_number, seq);
-- Continuing-education entries as accepted (or seeded); the newest version of a record counts.
CREATE TABLE IF NOT EXISTS ce_entries (
    record_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    id_number TEXT NOT NULL,
    category TEXT NOT NULL,
    institution_code TEXT NOT NULL,
    sessions TEXT NOT NULL,
    first_session TEXT NOT NULL,
    accepted_at TEXT NOT NULL,
    device_id TEXT,                 -- the window that entered it (NULL: seeded, or accepted before 1.2)
    applied_on TEXT,                -- its application day (NULL: seeded, or accepted before 1.2)
    PRIMARY KEY (record_id, version)
);
CREATE INDEX IF NOT EXISTS ce_entries_by_person ON ce_entries (id_number, first_session);
-- A device ID is its account's own: another account naming the same ID speaks of another device.
CREATE TABLE IF NOT EXISTS audit_heads (
    seq INTEGER PRIMARY KEY,
    device_id TEXT NOT NULL,
    head_seq TEXT NOT NULL,         -- decimal: the contract sets no upper bound, SQLite's integers have one
    hash TEXT NOT NULL,
    received_at TEXT NOT NULL,
    account TEXT                    -- the account that sent it (NULL: sent before devices were scoped, owner unknown)
);
CREATE INDEX IF NOT EXISTS audit_heads_by_account_device ON audit_heads (account, device_id, seq);
-- The random code of each certificate's verify link (contract 1.2): a link cannot be made from an ID number.
CREATE TABLE IF NOT EXISTS verify_codes (
    code TEXT PRIMARY KEY,
    certificate_no TEXT NOT NULL,
    id_number TEXT NOT NULL,
    category TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS verify_codes_by_certificate ON verify_codes (id_number, category, certificate_no);
"""
# A database made before accounts were kept: its records get an owner column (NULL for the old rows).
_ADD_OWNER = "ALTER TABLE accepted ADD COLUMN account TEXT"
# A database made before contract 1.2: the application day and the entering window are kept from now on.
_ADD_12_COLUMNS = (
    ("accepted", "applied_on", "ALTER TABLE accepted ADD COLUMN applied_on TEXT"),
    ("ce_entries", "device_id", "ALTER TABLE ce_entries ADD COLUMN device_id TEXT"),
    ("ce_entries", "applied_on", "ALTER TABLE ce_entries ADD COLUMN applied_on TEXT"),
)
# A database made when a device belonged to the first account that used it: heads get that account.
_SCOPE_HEADS = (
    "ALTER TABLE audit_heads ADD COLUMN account TEXT",
    "UPDATE audit_heads SET account = (SELECT d.account FROM devices d WHERE d.device_id = audit_heads.device_id)",
    "DROP TABLE devices",
)
_CANONICAL_KEYS = 1  # user_version from which certificate numbers are kept in canonical form

_EARLIEST, _LATEST = "0000-00-00T00:00:00.000000Z", "9999-99-99T99:99:99.999999Z"
_NEWEST = (
    "SELECT version, op, content_hash, platform_ref, qualification, kind FROM accepted"
    " WHERE record_id = ? ORDER BY version DESC LIMIT 1"
)
_VERSION = "SELECT content_hash, platform_ref, qualification FROM accepted WHERE record_id = ? AND version = ?"
# A row counts only while it is its record's newest version and not a void.
_CURRENT = "a.op = 'upsert' AND a.version = (SELECT MAX(version) FROM accepted WHERE record_id = a.record_id)"
_CERTIFICATE_HOLDER = f"SELECT a.record_id FROM accepted a WHERE a.certificate_no = ? AND a.record_id <> ? AND {_CURRENT} LIMIT 1"
_COMPLETION = (
    "SELECT a.vehicle_class, a.id_number FROM accepted a "
    f"WHERE a.kind = 'training_completion' AND a.certificate_no = ? AND {_CURRENT}"
)


def utc_key(timestamp: str) -> str:
    """An RFC 3339 time as fixed-width UTC text, so that text order is time order whatever the offset.

    Raises ValueError for text that is no date-time. A leap second counts as the second before it.
    """
    text = re.sub(r"(T[0-9]{2}:[0-9]{2}):60", r"\1:59", timestamp.upper())
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        moment = moment.astimezone(UTC)
    except OverflowError:  # year 1 east of Greenwich, or year 9999 west of it
        return _EARLIEST if text[:4] == "0001" else _LATEST
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA busy_timeout = 30000")
    return connection


class Transaction:
    """What judging a batch may ask and write, inside the writer's open transaction (it sees its own writes)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        row = connection.execute("SELECT COALESCE(MAX(seq), 0) FROM accepted").fetchone()
        self._seq = int(row[0])

    def newest(self, record_id: str) -> tuple[int, str, str, str, dict[str, Any] | None, str] | None:
        """(version, op, content hash, platform_ref, qualification, kind) of the record's newest accepted version."""
        row = self._db.execute(_NEWEST, (record_id,)).fetchone()
        if row is None:
            return None
        return row[0], row[1], row[2], row[3], json.loads(row[4]) if row[4] else None, row[5]

    def version(self, record_id: str, version: int) -> tuple[str, str, dict[str, Any] | None] | None:
        row = self._db.execute(_VERSION, (record_id, version)).fetchone()
        if row is None:
            return None
        return row[0], row[1], json.loads(row[2]) if row[2] else None

    def owner(self, record_id: str) -> str | None:
        """The account whose version 1 (or oldest version) of the record was accepted; None if unknown."""
        row = self._db.execute("SELECT account FROM accepted WHERE record_id = ? ORDER BY version LIMIT 1", (record_id,)).fetchone()
        return None if row is None else row[0]

    def certificate_holder(self, certificate_no: str, record_id: str) -> str | None:
        """Another record whose current completion carries this certificate number."""
        row = self._db.execute(_CERTIFICATE_HOLDER, (canonical_code(certificate_no), record_id)).fetchone()
        return None if row is None else str(row[0])

    def completions(self, certificate_no: str) -> list[tuple[str, str]]:
        """(vehicle class, ID number) of each current completion with this certificate number."""
        return [(str(r[0]), str(r[1])) for r in self._db.execute(_COMPLETION, (canonical_code(certificate_no),))]

    def qualifications(self, id_number: str) -> list[dict[str, Any]]:
        """The person's certificates, newest paper first."""
        return _qualifications(self._db, id_number)

    def ce_entries(self, id_number: str, category: str | None = None) -> list[dict[str, Any]]:
        """The person's counted CE entries as ``GET /ce-hours`` lists them (this transaction's own included)."""
        return _ce_entries(self._db, id_number, category)

    def next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def accept(self, seq: int, record: dict[str, Any], content_hash: str, platform_ref: str, accepted_at: str,
               qualification: dict[str, Any] | None, account: str, *, device_id: str | None = None,
               applied_on: str | None = None) -> None:
        """Keep an accepted version (its payload already canonical), its application day and what it issued."""
        payload = record.get("payload") or {}
        upsert = record["op"] == "upsert"
        completion = record["kind"] == "training_completion" and upsert
        self._db.execute(
            "INSERT INTO accepted (seq, record_id, version, kind, op, content_hash, platform_ref, accepted_at,"
            " id_number, certificate_no, vehicle_class, qualification, account, applied_on)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                seq,
                record["record_id"],
                record["version"],
                record["kind"],
                record["op"],
                content_hash,
                platform_ref,
                accepted_at,
                payload.get("id_number"),
                canonical_code(payload["certificate_no"]) if completion else None,
                payload.get("vehicle_class") if completion else None,
                json.dumps(qualification, ensure_ascii=False) if qualification else None,
                account,
                applied_on,
            ),
        )
        if qualification:
            self.add_qualification(qualification)
        if record["kind"] == "ce_hours" and upsert:
            self.add_ce_entry(record["record_id"], record["version"], payload, accepted_at, device_id, applied_on)

    def applied_on(self, record_id: str) -> str | None:
        """The application day kept with the earliest version held of the record (None: none held, or pre-1.2)."""
        row = self._db.execute(
            "SELECT applied_on, accepted_at FROM accepted WHERE record_id = ? ORDER BY version LIMIT 1", (record_id,)
        ).fetchone()
        return None if row is None else str(row[0] or row[1][:10])

    def ce_sessions_held(self, id_number: str, category: str) -> list[dict[str, Any]]:
        """The person's counted CE entries of ``category`` with the window and day each was entered (for duplicates)."""
        return _ce_entries(self._db, id_number, category, with_origin=True)

    def verify_code(self, qualification: dict[str, Any], code: str) -> str:
        """The verify code of the qualification's certificate: the one it has, else ``code`` kept as its own."""
        key = (qualification["id_number"], qualification["category"], canonical_code(qualification["certificate_no"]))
        row = self._db.execute(
            "SELECT code FROM verify_codes WHERE id_number = ? AND category = ? AND certificate_no = ?", key
        ).fetchone()
        if row is not None:
            return str(row[0])
        self._db.execute(
            "INSERT INTO verify_codes (code, id_number, category, certificate_no) VALUES (?, ?, ?, ?)", (code, *key)
        )
        return code

    def add_qualification(self, qualification: dict[str, Any]) -> None:
        self._db.execute(
            "INSERT INTO qualifications (id_number, body) VALUES (?, ?)",
            (qualification["id_number"], json.dumps(qualification, ensure_ascii=False)),
        )

    def add_ce_entry(self, record_id: str, version: int, payload: Mapping[str, Any], accepted_at: str,
                     device_id: str | None = None, applied_on: str | None = None) -> None:
        sessions = payload["sessions"]
        self._db.execute(
            "INSERT OR IGNORE INTO ce_entries (record_id, version, id_number, category, institution_code, sessions,"
            " first_session, accepted_at, device_id, applied_on) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (record_id, version, payload["id_number"], payload["category"], payload["institution_code"],
             json.dumps(sessions, ensure_ascii=False), min(str(s["start_date"]) for s in sessions), accepted_at,
             device_id, applied_on),
        )

    def add_audit_head(self, account: str, device_id: str, head_seq: int, head_hash: str, received_at: str) -> None:
        self._db.execute(
            "INSERT INTO audit_heads (account, device_id, head_seq, hash, received_at) VALUES (?, ?, ?, ?, ?)",
            (account, device_id, str(head_seq), head_hash, received_at),
        )

    def executemany(self, sql: str, rows: list[tuple[object, ...]]) -> None:
        self._db.executemany(sql, rows)

    def save_batch(self, account: str, batch_id: str, body_hash: str, result: dict[str, Any]) -> None:
        self._db.execute(
            "INSERT INTO account_batches (account, batch_id, body_hash, result) VALUES (?, ?, ?, ?)",
            (account, batch_id, body_hash, json.dumps(result, ensure_ascii=False)),
        )


class Store:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._writer: sqlite3.Connection | None = None
        with self._lock:
            writer = self._writing()
            columns = {row[1] for row in writer.execute("PRAGMA table_info(accepted)")}
            if columns and "account" not in columns:
                writer.execute(_ADD_OWNER)
            for table, column, statement in _ADD_12_COLUMNS:
                present = {row[1] for row in writer.execute(f"PRAGMA table_info({table})")}
                if present and column not in present:
                    writer.execute(statement)
            head_columns = {row[1] for row in writer.execute("PRAGMA table_info(audit_heads)")}
            if head_columns and "account" not in head_columns:
                for statement in _SCOPE_HEADS:
                    writer.execute(statement)
            writer.executescript(SCHEMA)
            if writer.execute("PRAGMA user_version").fetchone()[0] < _CANONICAL_KEYS:
                _canonical_keys(writer)
                writer.execute(f"PRAGMA user_version = {_CANONICAL_KEYS}")

    def _writing(self) -> sqlite3.Connection:
        """The one writer connection (call with the lock held), opened again if the store was closed."""
        if self._writer is None:
            self._writer = _connect(self.path)
            self._writer.execute("PRAGMA journal_mode = WAL")
            self._writer.execute("PRAGMA synchronous = FULL")
        return self._writer

    def close(self) -> None:
        """Release the file (Windows cannot remove an open one); the next write opens it again."""
        with self._lock:
            if self._writer is not None:
                self._writer.close()
                self._writer = None

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """One write transaction, committed when the block ends normally, rolled back otherwise."""
        with self._lock:
            writer = self._writing()
            writer.execute("BEGIN IMMEDIATE")
            try:
                yield Transaction(writer)
            except BaseException:
                writer.execute("ROLLBACK")
                raise
            writer.execute("COMMIT")

    @contextmanager
    def _reader(self) -> Iterator[sqlite3.Connection]:
        with closing(_connect(self.path)) as connection:
            yield connection

    # -- the institution registry ------------------------------------------------
    def put_institutions(self, institutions: list[dict[str, Any]]) -> None:
        """Add or replace registry entries, all in one transaction."""
        with self.transaction() as tx:
            tx.executemany(
                "INSERT INTO institutions (code, changed_utc, body) VALUES (?, ?, ?) ON CONFLICT (code)"
                " DO UPDATE SET changed_utc = excluded.changed_utc, body = excluded.body",
                [(i["code"], utc_key(i["updated_at"]), json.dumps(i, ensure_ascii=False)) for i in institutions],
            )

    def seed(self, qualifications: list[dict[str, Any]], ce_entries: list[dict[str, Any]], at: str) -> None:
        """Certificates and CE entries the province held before; what the platform already holds is kept as it is.

        A certificate number the person already holds is not seeded again; a CE entry is known by its place in
        the seed and its person, category and institution, so seeding again (even with other dates) adds nothing.
        """
        with self.transaction() as tx:
            people = {q["id_number"] for q in qualifications}
            held = {(person, q["certificate_no"]) for person in people for q in tx.qualifications(person)}
            for qualification in qualifications:
                if (qualification["id_number"], qualification["certificate_no"]) not in held:
                    tx.add_qualification(qualification)
            for n, entry in enumerate(ce_entries):
                place = f"seed:{n}:{entry['id_number']}:{entry['category']}:{entry['institution_code']}"
                tx.add_ce_entry(str(uuid.uuid5(uuid.NAMESPACE_URL, place)), 1, entry, at)

    def institutions(self) -> list[dict[str, Any]]:
        with self._reader() as db:
            return [json.loads(r[0]) for r in db.execute("SELECT body FROM institutions")]

    def institution_page(self, since: str | None, after: str | None, limit: int) -> list[tuple[str, dict[str, Any]]]:
        """Up to ``limit`` (position, institution), oldest change first, changed at or after ``since``, past ``after``.

        A position is "changed_utc|code"; as changed_utc is fixed-width, its text order is the change order.
        """
        sql = "SELECT changed_utc || '|' || code AS position, body FROM institutions WHERE 1"
        args: list[object] = []
        if since is not None:
            sql += " AND changed_utc >= ?"
            args.append(since)
        if after is not None:
            sql += " AND position > ?"
            args.append(after)
        sql += " ORDER BY position LIMIT ?"
        args.append(limit)
        with self._reader() as db:
            return [(str(r[0]), json.loads(r[1])) for r in db.execute(sql, args)]

    # -- batches, records, certificates ---------------------------------------------
    def batch(self, account: str, batch_id: str) -> tuple[str, str] | None:
        """(body hash, stored result JSON) of a batch this account sent."""
        with self._reader() as db:
            row = db.execute(
                "SELECT body_hash, result FROM account_batches WHERE account = ? AND batch_id = ?", (account, batch_id)
            ).fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    def record(self, account: str, record_id: str) -> dict[str, Any] | None:
        """The newest accepted version of a record this account sent (or one of unknown owner)."""
        with self._reader() as db:
            row = db.execute(
                "SELECT version, op, platform_ref, accepted_at FROM accepted WHERE record_id = ?"
                " ORDER BY version DESC LIMIT 1",
                (record_id,),
            ).fetchone()
            owner = db.execute("SELECT account FROM accepted WHERE record_id = ? ORDER BY version LIMIT 1", (record_id,)).fetchone()
        if row is None or owner[0] not in (None, account):
            return None
        status = "void" if row[1] == "void" else "accepted"
        return {"record_id": record_id, "version": row[0], "status": status, "platform_ref": row[2], "accepted_at": row[3]}

    def qualifications(self, id_number: str) -> list[dict[str, Any]]:
        with self._reader() as db:
            return _qualifications(db, id_number)

    def ce_entries(self, id_number: str, category: str | None = None) -> list[dict[str, Any]]:
        with self._reader() as db:
            return _ce_entries(db, id_number, category)

    def audit_heads(self, device_id: str, limit: int, *, account: str, seqs: list[int] | None = None) -> list[dict[str, Any]]:
        """The heads the account's device sent, newest first; with ``seqs`` (1.2) only those sent at these sequence numbers."""
        sql = "SELECT head_seq, hash, received_at FROM audit_heads WHERE account = ? AND device_id = ?"
        args: list[object] = [account, device_id]
        if seqs is not None:
            sql += f" AND head_seq IN ({','.join('?' * len(seqs))})"
            args.extend(str(n) for n in seqs)
        sql += " ORDER BY seq DESC LIMIT ?"
        args.append(limit)
        with self._reader() as db:
            return [{"seq": int(r[0]), "hash": r[1], "received_at": r[2]} for r in db.execute(sql, args)]

    def qualifications_numbered(self, number: str) -> list[dict[str, Any]]:
        """Certificates whose number as printed is ``number``, or held by the person with that ID number (1.2)."""
        wanted = canonical_code(number)
        with self._reader() as db:
            people = [
                str(r[0])
                for r in db.execute(
                    "SELECT DISTINCT id_number FROM qualifications WHERE id_number = ?"
                    " OR json_extract(body, '$.certificate_no') = ?",
                    (wanted, wanted),
                )
            ]
            held = [q for person in people for q in _qualifications(db, person)]
        return [q for q in held if wanted in (canonical_code(str(q["certificate_no"])), q["id_number"])]

    def verified(self, certificate_no: str, code: str) -> dict[str, Any] | None:
        """The certificate a verify link names, if its code is the certificate's own (else None: nothing revealed)."""
        with self._reader() as db:
            row = db.execute("SELECT id_number, category, certificate_no FROM verify_codes WHERE code = ?", (code,)).fetchone()
            if row is None or row[2] != canonical_code(certificate_no):
                return None
            for qualification in _qualifications(db, str(row[0])):
                if qualification["category"] == row[1] and canonical_code(str(qualification["certificate_no"])) == row[2]:
                    return qualification
        return None

    def accepted_rows(self) -> list[tuple[str, int]]:
        with self._reader() as db:
            return [(str(r[0]), int(r[1])) for r in db.execute("SELECT record_id, version FROM accepted ORDER BY seq")]


def _canonical_keys(db: sqlite3.Connection) -> None:
    """Certificate numbers kept before they were compared canonically get their canonical key (the versions stay as sent)."""
    rows = db.execute("SELECT seq, certificate_no FROM accepted WHERE certificate_no IS NOT NULL").fetchall()
    changed = [(canonical_code(number), seq) for seq, number in rows if canonical_code(number) != number]
    if changed:
        db.executemany("UPDATE accepted SET certificate_no = ? WHERE seq = ?", changed)


def _qualifications(db: sqlite3.Connection, id_number: str) -> list[dict[str, Any]]:
    """The person's certificates, each once with its present paper, newest first (contract 1.2).

    Every paper issued is kept (a reissue or renewal is the next paper of the same certificate); only the newest
    of a certificate is listed: earlier papers are no longer valid. A certificate stored before 1.1 had no
    first_issued_on (its issue date was the first); before 1.2 no valid_from (its validity began 6 years before
    its end, the platform's own rule) and no paper_no (its papers are counted).
    """
    rows = db.execute("SELECT body FROM qualifications WHERE id_number = ? ORDER BY seq", (id_number,))
    papers: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        paper = json.loads(row[0])
        papers.setdefault((str(paper["category"]), canonical_code(str(paper["certificate_no"]))), []).append(paper)
    listed = []
    for all_papers in papers.values():
        present = all_papers[-1]
        listed.append(
            {
                "first_issued_on": present["issued_on"],
                "valid_from": add_years(date.fromisoformat(present["valid_until"]), -VALIDITY_YEARS).isoformat(),
                "paper_no": len(all_papers),
            }
            | present
        )
    return sorted(listed, key=lambda q: (q["issued_on"], q.get("paper_no", 1)), reverse=True)


def _ce_entries(db: sqlite3.Connection, id_number: str, category: str | None, *, with_origin: bool = False) -> list[dict[str, Any]]:
    """Entries whose record has no newer accepted version (an upsert or a void), oldest session first.

    ``with_origin``: each also says which window entered it and its application day (``device_id``, ``applied_on``).
    """
    sql = (
        "SELECT e.record_id, e.category, e.institution_code, e.sessions, e.accepted_at, e.device_id, e.applied_on"
        " FROM ce_entries e"
        " WHERE e.id_number = ? AND NOT EXISTS (SELECT 1 FROM accepted a WHERE a.record_id = e.record_id"
        " AND a.version > e.version)"
    )
    args: list[object] = [id_number]
    if category is not None:
        sql += " AND e.category = ?"
        args.append(category)
    sql += " ORDER BY e.first_session, e.accepted_at, e.record_id"
    return [
        {"record_id": r[0], "category": r[1], "institution_code": r[2], "sessions": json.loads(r[3]), "accepted_at": r[4]}
        | ({"device_id": r[5], "applied_on": r[6]} if with_origin else {})
        for r in db.execute(sql, args)
    ]
