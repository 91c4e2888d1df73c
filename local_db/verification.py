"""Everything ``check`` can derive, recomputed and compared with what the tables hold.

The audit chain (``audit.verify``) proves the trail itself; this module proves
the tables against it:

- ``records`` and ``outbox`` are projections of ``record_versions``: every
  record's kind, receipt number, creator, current version, voided flag and
  search keys (ID number, name, certificate key, institution) are recomputed
  from its versions and their audit rows, every version has its one outbox row,
  the record's upload state is its current version's outbox state and its
  platform reference one the outbox holds;
- each version's own fields (op, reasons, approver, who and when) are compared
  with the audit row written with it;
- operators (IDs, names, roles, active, the digest of each password hash) and
  settings are replayed from their chained events (``operator_add``,
  ``operator_enable``/``operator_disable``, ``operator_password_reset``,
  ``settings_change``; ``state_baseline`` where a database from before these
  events began) and compared with their tables;
- the certificates cached from the platform are compared with the digests
  recorded when they arrived (``certificates_cached``).

What cannot be proven here: the baseline itself (the state a database had
when it was first migrated to keep these events), and a change made together
to a table and to a chain rebuilt from scratch (the platform's anchor finds
that for whatever was uploaded).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from clerk_app.domain.duplicates import certificate_key
from clerk_app.domain.text import canonical_code
from local_db.audit import VERSION_ACTIONS, ChainProblem
from local_db.canonical import sha256_text

BASELINE = "state_baseline"
CERTIFICATES_CACHED = "certificates_cached"
STATE_ACTIONS = (
    "operator_add",
    "operator_enable",
    "operator_disable",
    "operator_password_reset",
    "settings_change",
    BASELINE,
    CERTIFICATES_CACHED,
)
SHOWN_PER_CODE = 20


def password_digest(password_hash: str | None) -> str | None:
    """What the audit trail keeps of a password hash: its SHA-256 (never the hash, never the password)."""
    return sha256_text(password_hash) if password_hash else None


def verify_tables(session: Session) -> list[ChainProblem]:
    """Every difference between the tables and what the versions and the audit trail say they must hold."""
    found: list[ChainProblem] = []
    found += _records(session)
    found += _state(session)
    return _shortened(found)


def _shortened(found: list[ChainProblem]) -> list[ChainProblem]:
    """At most ``SHOWN_PER_CODE`` problems of each kind, then one line saying how many more."""
    shown: list[ChainProblem] = []
    counts: dict[str, int] = {}
    for problem in found:
        counts[problem.code] = counts.get(problem.code, 0) + 1
        if counts[problem.code] <= SHOWN_PER_CODE:
            shown.append(problem)
    for code, count in counts.items():
        if count > SHOWN_PER_CODE:
            more = count - SHOWN_PER_CODE
            shown.append(ChainProblem(None, code, f"……同类问题另有 {more} 处。", f"... and {more} more of the same kind."))
    return shown


def _problem(code: str, zh: str, en: str, seq: int | None = None) -> ChainProblem:
    return ChainProblem(seq, code, zh, en)


# -- records, versions and the outbox ------------------------------------------------

_VERSIONS = text(
    "SELECT rv.record_id, rv.version, rv.op, rv.payload, rv.entered_at, rv.entered_by, rv.void_reason, "
    "rv.change_reason, rv.approved_by, a.operator, a.at, a.detail, o.id AS n, o.state, o.platform_ref "
    "FROM record_versions rv "
    "LEFT JOIN audit_log a ON a.record_id = rv.record_id AND a.version = rv.version "
    f"AND a.action IN ({','.join(repr(action) for action in VERSION_ACTIONS)}) "
    "LEFT JOIN outbox o ON o.record_id = rv.record_id AND o.version = rv.version "  # unique: one row at most
    "ORDER BY rv.record_id, rv.version"
)
_RECORDS = text(
    "SELECT record_id, kind, receipt_no, created_at, created_by, current_version, voided, upload_state, platform_ref, "
    "id_number, name, cert_key, institution_code FROM records ORDER BY record_id"
)
_ORPHAN_OUTBOX = text(
    "SELECT o.record_id, o.version FROM outbox o LEFT JOIN record_versions rv "
    "ON rv.record_id = o.record_id AND rv.version = o.version WHERE rv.id IS NULL"
)


def _by_record(session: Session) -> Iterator[tuple[str, list[Any]]]:
    rows = session.execute(_VERSIONS.execution_options(yield_per=5000))
    current: str | None = None
    group: list[Any] = []
    for row in rows:
        if row.record_id != current:
            if current is not None:
                yield current, group
            current, group = row.record_id, []
        group.append(row)
    if current is not None:
        yield current, group


def _records(session: Session) -> list[ChainProblem]:
    found: list[ChainProblem] = []
    versions = _by_record(session)
    pending = next(versions, None)
    for record in session.execute(_RECORDS.execution_options(yield_per=5000)):
        while pending is not None and pending[0] < record.record_id:
            found.append(_problem(
                "record_missing", f"记录 {pending[0]} 有版本，却不在记录表中（被删除）。",
                f"Record {pending[0]} has versions but no row in the records table (it was removed).",
            ))
            pending = next(versions, None)
        if pending is None or pending[0] != record.record_id:
            found.append(_problem(
                "record_without_versions", f"记录 {record.record_id} 没有任何版本（不是本程序保存的）。",
                f"Record {record.record_id} has no versions (it was not saved by this program).",
            ))
            continue
        found += _one_record(record, pending[1])
        pending = next(versions, None)
    while pending is not None:
        found.append(_problem(
            "record_missing", f"记录 {pending[0]} 有版本，却不在记录表中（被删除）。",
            f"Record {pending[0]} has versions but no row in the records table (it was removed).",
        ))
        pending = next(versions, None)
    for record_id, version in session.execute(_ORPHAN_OUTBOX):
        found.append(_problem(
            "outbox_orphan", f"上传队列中记录 {record_id} 第 {version} 版并不存在。",
            f"The upload queue holds record {record_id} version {version}, which does not exist.",
        ))
    return found


def _one_record(record: Any, versions: list[Any]) -> list[ChainProblem]:
    found: list[ChainProblem] = []
    rid = record.record_id
    first, newest = versions[0], versions[-1]
    first_detail = _detail(first.detail)
    for v in versions:
        found += _one_version(rid, v)
    try:
        payload = json.loads(newest.payload)
    except ValueError:
        payload = {}
    expected = {
        "kind": first_detail.get("kind", record.kind),
        "receipt_no": first_detail.get("receipt_no", record.receipt_no),
        "created_at": first.entered_at,
        "created_by": first.entered_by,
        "current_version": newest.version,
        "voided": newest.op == "void",
        "upload_state": newest.state,
        "id_number": canonical_code(str(payload.get("id_number", ""))),
        "name": payload.get("name"),
        "cert_key": certificate_key(str(first_detail.get("kind", record.kind)), payload),
        "institution_code": _code_or_none(payload.get("institution_code")),
    }
    held = {
        "kind": record.kind,
        "receipt_no": record.receipt_no,
        "created_at": record.created_at,
        "created_by": record.created_by,
        "current_version": record.current_version,
        "voided": bool(record.voided),
        "upload_state": record.upload_state,
        "id_number": canonical_code(str(record.id_number or "")),
        "name": record.name,
        "cert_key": record.cert_key,
        "institution_code": _code_or_none(record.institution_code),
    }
    columns = _differing(expected, held)
    if columns:
        found.append(_problem(
            "record_changed",
            f"记录 {rid}（回执 {record.receipt_no}）的 {columns} 与其版本和审计记录推算的不一致（记录表被改动过）。",
            f"Record {rid} (receipt {record.receipt_no}): {columns} differ from what its versions and audit rows give "
            "(the records table was changed).",
        ))
    refs = {v.platform_ref for v in versions if v.platform_ref}
    if record.platform_ref is not None and record.platform_ref not in refs:
        found.append(_problem(
            "record_changed", f"记录 {rid} 的省平台编号不是上传结果中的任何一个（被改动过）。",
            f"Record {rid}'s platform reference is none the upload results gave (it was changed).",
        ))
    return found


def _differing(expected: dict[str, Any], held: dict[str, Any]) -> str:
    """The names of the columns whose stored value is not the derived one, joined for a message ('' when none)."""
    return ", ".join(sorted(name for name in expected if expected[name] != held[name]))


def _one_version(rid: str, v: Any) -> list[ChainProblem]:
    found: list[ChainProblem] = []
    if v.n is None:
        found.append(_problem(
            "outbox_missing",
            f"记录 {rid} 第 {v.version} 版不在上传队列中（队列被删改）：它将永远不会上传。",
            f"Record {rid} version {v.version} is missing from the upload queue (it was removed): it would never be uploaded.",
        ))
    if v.detail is None:
        return found  # audit.verify reports the missing audit row
    detail = _detail(v.detail)
    expected = {
        "op": detail.get("op", v.op),
        "entered_by": v.operator,
        "entered_at": v.at,
        "void_reason": detail.get("void_reason"),
        "change_reason": detail.get("change_reason"),
        "approved_by": detail.get("approved_by"),
    }
    held = {
        "op": v.op, "entered_by": v.entered_by, "entered_at": v.entered_at, "void_reason": v.void_reason,
        "change_reason": v.change_reason, "approved_by": v.approved_by,
    }
    columns = _differing(expected, held)
    if columns:
        found.append(_problem(
            "version_changed",
            f"记录 {rid} 第 {v.version} 版的 {columns} 与保存时的审计记录不一致（被改动过）。",
            f"Record {rid} version {v.version}: {columns} differ from its audit row (it was changed).",
        ))
    return found


def _detail(value: str | None) -> dict[str, Any]:
    try:
        found = json.loads(value) if value else {}
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _code_or_none(value: object) -> str | None:
    return canonical_code(value) or None if isinstance(value, str) else None


# -- operators, settings and the certificate cache -----------------------------------

_STATE_EVENTS = text(
    "SELECT seq, action, detail FROM audit_log WHERE action IN "
    f"({','.join(repr(action) for action in STATE_ACTIONS)}) ORDER BY seq"
)


def expected_state(session: Session) -> tuple[dict[str, dict[str, Any]], dict[str, Any], dict[str, str], bool]:
    """(operators by ID, settings, certificate digests, whether a baseline or the first event was seen): the state
    the chained events say the tables hold."""
    operators: dict[str, dict[str, Any]] = {}
    settings: dict[str, Any] = {}
    certificates: dict[str, str] = {}
    anchored = False
    for _seq, action, raw in session.execute(_STATE_EVENTS):
        detail = _detail(raw)
        if action == BASELINE:
            anchored = True
            operators = {o["operator_id"]: dict(o) for o in detail.get("operators", [])}
            settings = dict(detail.get("settings", {}))
            certificates = dict(detail.get("certificates", {}))
        elif action == "operator_add":
            operators[detail["operator_id"]] = {
                "operator_id": detail["operator_id"], "name": detail.get("name"), "role": detail.get("role"),
                "active": True, "password_sha256": detail.get("password_sha256"),
            }
        elif action in ("operator_enable", "operator_disable") and detail.get("operator_id") in operators:
            operators[detail["operator_id"]]["active"] = action == "operator_enable"
        elif action == "operator_password_reset" and detail.get("operator_id") in operators:
            operators[detail["operator_id"]]["password_sha256"] = detail.get("password_sha256")
        elif action == "settings_change":
            settings[detail["key"]] = detail.get("new")
        elif action == CERTIFICATES_CACHED:
            certificates.update(detail.get("sha256", {}))
    return operators, settings, certificates, anchored


def _state(session: Session) -> list[ChainProblem]:
    operators, settings, certificates, anchored = expected_state(session)
    if not anchored:
        return [_problem(
            "state_unanchored", "审计记录中没有操作员和设置的基线，无法核对操作员、角色、密码和设置。",
            "The audit trail holds no baseline of operators and settings, so they cannot be compared.",
        )]
    found: list[ChainProblem] = []
    held_operators = {
        row.operator_id: {
            "operator_id": row.operator_id, "name": row.name, "role": row.role, "active": bool(row.active),
            "password_sha256": password_digest(row.password_hash),
        }
        for row in session.execute(text("SELECT operator_id, name, role, active, password_hash FROM operators"))
    }
    for operator_id in sorted(set(operators) | set(held_operators)):
        want, have = operators.get(operator_id), held_operators.get(operator_id)
        if want == have:
            continue
        if have is None:
            what_zh, what_en = "被删除", "was removed"
        elif want is None:
            what_zh, what_en = "不是由负责人添加的", "was not added by a supervisor"
        else:
            columns = ", ".join(sorted(k for k in want if want.get(k) != have.get(k)))
            what_zh, what_en = f"的 {columns} 被改动过", f": {columns} changed"
        found.append(_problem(
            "operator_changed", f"操作员 {operator_id} {what_zh}（与审计记录不一致）。",
            f"Operator {operator_id} {what_en} (it differs from the audit trail).",
        ))
    held_settings: dict[str, Any] = {}
    for key, value in session.execute(text("SELECT key, value FROM settings")):
        try:
            held_settings[key] = json.loads(value)
        except ValueError:
            held_settings[key] = ["unreadable", value]
    for key in sorted(set(settings) | set(held_settings)):
        if settings.get(key, _ABSENT) != held_settings.get(key, _ABSENT):
            found.append(_problem(
                "setting_changed", f"设置 {key} 与审计记录中最后一次修改不一致（被改动过）。",
                f"Setting {key} differs from its last recorded change (it was changed).",
            ))
    for certificate_no, payload in session.execute(text("SELECT certificate_no, payload FROM qualifications")):
        if certificates.get(certificate_no) != sha256_text(payload):
            found.append(_problem(
                "certificate_cache_changed",
                f"本机缓存的资格证 {certificate_no} 与省平台发来的不一致（被改动过），不能据此打印。",
                f"The cached certificate {certificate_no} differs from what the platform sent (it was changed).",
            ))
    return found


_ABSENT = object()
