"""Judging one record version the way the provincial platform does, with the contract's error codes.

The entry rules themselves (ID numbers, institutions, dates, hours, filings)
are the project's domain code, the same the window applies before saving; what
is added here is what only the platform can know: every window's accepted
records, so version conflicts, certificate numbers already used elsewhere and,
through ``issuing``, the completion or certificate an application refers to.
The domain's problem codes are mapped onto the contract's, with the domain's
Chinese messages.

A record the platform cannot even look at safely (a lone surrogate, which
cannot be written as UTF-8, or nesting far beyond any contract shape) is
rejected as ``schema_violation`` on its own, before anything hashes, stores or
echoes it; its neighbours are judged as usual.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, NamedTuple

from clerk_app.domain.dates import ENTERED_AT_MAX_DAYS_BEFORE, application_day, entered_day_in_range
from clerk_app.domain.kinds import RECORD_KINDS
from clerk_app.domain.problems import Problem, problem
from clerk_app.domain.registry import Registry
from clerk_app.domain.text import canonical_code
from clerk_app.domain.validation import validate_record, validate_void_reason
from sync.reference_platform.issuing import Judged, application_rules, ce_rules, completion_rules
from sync.reference_platform.issuing import error as _error
from sync.reference_platform.store import Transaction

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")

MAX_VERSION = 2**53  # far beyond any real correction count; keeps versions within SQLite's integers and JSON's exact numbers
MAX_DEPTH = 16  # the deepest contract shape (batch > records > record > payload > sessions > session) is 6
MAX_DIGITS = 4000  # an integer longer than this is no value of any field (Python reads at most 4300 digits)

# Domain problem code -> contract error code; anything not listed breaks the record's schema.
_CONTRACT_CODES = {
    "invalid_id_number": "invalid_id_number",
    "id_birth_date_future": "invalid_id_number",
    "unknown_institution": "unknown_institution",
    "institution_not_qualified": "institution_not_qualified",
    "institution_not_filed": "institution_not_filed",
    "institution_inactive": "institution_inactive",
    "date_in_future": "date_out_of_range",
    "date_out_of_range": "date_out_of_range",
    "date_order": "date_out_of_range",
    "hours_out_of_range": "hours_out_of_range",
    "age_out_of_range": "age_out_of_range",
    "mode_not_filed": "mode_not_filed",
    "date_before_filing": "date_before_filing",
    "licence_mismatch": "licence_mismatch",
    "certificate_mismatch": "certificate_mismatch",
}
# A registry entry of the wrong kind: for a completion it is no licensed driving school, for CE hours no filed CE institution.
_WRONG_KIND = {"training_completion": "institution_not_qualified", "ce_hours": "institution_not_filed"}


@dataclass
class Context:
    """What judging needs besides the database: the day, the time, the registry and where certificates are verified.

    ``today`` is the platform's day (what it issues is dated so); ``applied_on`` the record's application day,
    on which every judgement is taken (DOMAIN.md, second rulings); ``device_id`` the window that sent the batch.
    """

    today: date
    now_text: str
    registry: Mapping[str, dict[str, Any]]
    verify_base: str
    account: str
    device_id: str = ""
    applied_on: date | None = None

    @property
    def day(self) -> date:
        """The day judgements are taken on: the record's application day (the platform's day until it is known)."""
        return self.applied_on or self.today


def content_hash(record: object) -> str:
    """A digest of the canonical JSON: equal for equal content, whatever the key order or spacing."""
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.blake2b(canonical.encode(), digest_size=20).hexdigest()


_SURROGATE = "含有无法识别的字符（孤立的代理码位，不是有效的 Unicode 文字）"
_TOO_DEEP = f"嵌套超过 {MAX_DEPTH} 层，不是接口规定的结构"
_TOO_LONG = "含有一个 {digits} 位的数字，超出任何字段能存的长度"


@dataclass(frozen=True)
class LongNumber:
    """An integer of more than MAX_DIGITS digits in a batch: kept as its length, so the record holding it is
    rejected on its own instead of the whole body failing to parse (it is no text, so no text check takes it)."""

    digits: int


def read_int(text: str) -> int | LongNumber:
    """``parse_int`` for reading a batch: a whole number, or a mark for one too long for any field."""
    digits = len(text.lstrip("-"))
    return int(text) if digits <= MAX_DIGITS else LongNumber(digits)


class Digest(NamedTuple):
    """A record's content digest, and why the record cannot be judged at all (None: it can)."""

    value: str
    unreadable: str | None = None


def _unjudgeable(value: dict[str, object] | list[object]) -> str | None:
    """Why a value cannot be judged: nesting beyond MAX_DEPTH (measured without recursion, so thousands deep is
    no crash) or a number too long for any field; None if neither."""
    pending: list[tuple[dict[str, object] | list[object], int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if depth > MAX_DEPTH:
            return _TOO_DEEP
        children = list(item.values() if isinstance(item, dict) else item)
        long = next((child for child in children if isinstance(child, LongNumber)), None)
        if long is not None:
            return _TOO_LONG.format(digits=long.digits)
        pending.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return None


def _digest(value: object, raw: bytes) -> Digest:
    """``content_hash`` of a value; one that cannot be hashed is told apart by the request's own bytes, with the reason.

    Hashing is the check: the canonical JSON of a lone surrogate cannot be encoded as UTF-8.
    """
    why = _unjudgeable(value) if isinstance(value, (dict, list)) else None
    if isinstance(value, LongNumber):
        why = _TOO_LONG.format(digits=value.digits)
    if why is None:
        try:
            return Digest(content_hash(value))
        except UnicodeEncodeError:
            why = _SURROGATE
        except RecursionError:
            why = _TOO_DEEP
    return Digest("unreadable-" + hashlib.blake2b(raw, digest_size=20).hexdigest(), why)


def unreadable(value: object) -> str | None:
    """Why ``value`` cannot be hashed, stored or echoed safely (a lone surrogate, nesting too deep), or None."""
    return _digest(value, b"").unreadable


def batch_digests(body: Mapping[str, Any], records: list[dict[str, Any]], raw: bytes) -> tuple[list[Digest], str]:
    """Each record's digest (judging needs them) and the batch body's, made of them: one pass of hashing."""
    digests = [_digest(r, raw) for r in records]
    rest = {k: v for k, v in body.items() if k != "records"} | {"records": [d.value for d in digests]}
    return digests, _digest(rest, raw).value


def is_uuid(value: object) -> bool:
    return isinstance(value, str) and _UUID.fullmatch(value) is not None


def answerable(record: object) -> bool:
    """Whether a record can be answered on its own: an object with a UUID record_id and a whole version number.

    JSON Schema counts 3.0 as an integer, so such a version is made the int 3 here, once, before anything
    compares or hashes the record.
    """
    if not isinstance(record, dict) or not is_uuid(record.get("record_id")):
        return False
    version = record.get("version")
    if isinstance(version, float) and version.is_integer():
        record["version"] = version = int(version)
    return isinstance(version, int) and not isinstance(version, bool)


def _from_problem(kind: str, found: Problem, *, revoked: bool = False) -> dict[str, str]:
    code = _CONTRACT_CODES.get(found.code, "schema_violation")
    if found.code == "institution_inactive" and revoked:
        code = "institution_revoked"  # contract 1.2: institution_inactive for a suspension, institution_revoked for a revocation
    if found.code == "institution_wrong_kind":
        code = _WRONG_KIND.get(kind, "schema_violation")
    message = found.message_zh
    if found.code == "unknown_institution":  # the domain's wording speaks of the window's own registry
        message = message.replace("本机机构名录中", "省平台机构名录中").replace("请先更新机构名录或请负责人登记", "请先更新机构名录")
    field = f"payload.{found.field}" if found.field else None
    return _error(code, message, field)


def is_timestamp(value: object) -> bool:
    if not isinstance(value, str) or len(value) < 20 or value[10] not in "Tt":
        return False
    try:
        return datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def _envelope_errors(record: dict[str, Any]) -> list[dict[str, str]]:
    """What is wrong with the record's own fields (not its payload), worded for a clerk."""
    errors = []
    if record.get("kind") not in RECORD_KINDS:
        errors.append(_error("schema_violation", "登记类别（kind）不正确，应为四类登记之一。", "kind"))
    if record.get("op") not in ("upsert", "void"):
        errors.append(_error("schema_violation", "操作（op）应为 upsert（登记或更正）或 void（作废）。", "op"))
    if not 1 <= record["version"] <= MAX_VERSION:
        errors.append(_error("schema_violation", f"版本号（version）应为 1 到 {MAX_VERSION} 之间的整数。", "version"))
    if not is_timestamp(record.get("entered_at")):
        errors.append(_error("schema_violation", "录入时间（entered_at）应为带时区的时间，如 2026-01-05T09:00:00+08:00。", "entered_at"))
    entered_by = record.get("entered_by")
    if not isinstance(entered_by, str) or len(entered_by) > 64:
        errors.append(_error("schema_violation", "录入人（entered_by）应为不超过 64 个字符的文字。", "entered_by"))
    if not isinstance(record.get("payload"), dict):
        errors.append(_error("schema_violation", "登记内容（payload）缺失或不是 JSON 对象。", "payload"))
    if record.get("op") == "void":
        reason = validate_void_reason(record.get("void_reason"))
        if isinstance(reason, Problem):
            errors.append(_error("schema_violation", reason.message_zh, "void_reason"))
    elif "void_reason" in record and (not isinstance(record["void_reason"], str) or len(record["void_reason"]) > 200):
        errors.append(_error("schema_violation", "作废原因（void_reason）应为不超过 200 字的文字。", "void_reason"))
    change_reason = record.get("change_reason")
    if change_reason is not None and (not isinstance(change_reason, str) or len(change_reason) > 200):
        errors.append(_error("schema_violation", "更正原因（change_reason）应为不超过 200 字的文字。", "change_reason"))
    elif isinstance(record.get("version"), int) and record["version"] > 1 and not (change_reason or "").strip():
        errors.append(_error("change_reason_required", problem("change_reason_required", "change_reason").message_zh, "change_reason"))
    approver = record.get("approved_by")
    if approver is not None and (not isinstance(approver, str) or len(approver) > 64):
        errors.append(_error("schema_violation", "批准人（approved_by）应为不超过 64 个字符的文字。", "approved_by"))
    applied_on = record.get("applied_on")
    if applied_on is not None and _a_day(applied_on) is None:
        errors.append(_error("schema_violation", "申请日期（applied_on）应为 YYYY-MM-DD 日期。", "applied_on"))
    return errors


def _a_day(value: object) -> date | None:
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _application_day(tx: Transaction, record: dict[str, Any], ctx: Context) -> date:
    """The day the record is judged on: ``applied_on`` as sent, else the earliest version held, else this version's.

    Refused (``entered_at_out_of_range``) when this version's entered_at date is after the platform's day or more
    than 60 days before it, or when the application day given is after it (version 1: not that very day).
    """
    try:
        entered_on = application_day(record["entered_at"])
    except OverflowError:  # year 9999 west of Greenwich, or year 1 east of it: no day the platform can judge on
        raise Judged(_error("entered_at_out_of_range", "录入时间（entered_at）超出可用的日期范围，请核对窗口电脑的日期和时间。",
                            "entered_at")) from None
    if not entered_day_in_range(entered_on, ctx.today):
        today = ctx.today.isoformat()
        why = (f"晚于省平台今天（{today}），请核对窗口电脑的日期和时间。" if entered_on > ctx.today
               else f"早于省平台今天（{today}）{ENTERED_AT_MAX_DAYS_BEFORE} 天以上。离线过久的记录须由负责人作废并注明原因后重新录入。")
        raise Judged(_error("entered_at_out_of_range", f"录入时间（entered_at）为 {entered_on.isoformat()}，{why}", "entered_at"))
    given = _a_day(record.get("applied_on"))
    if given is not None and (given > entered_on or (record["version"] == 1 and given != entered_on)):
        raise Judged(_error(
            "entered_at_out_of_range",
            f"申请日期（applied_on）{given.isoformat()} 与录入时间 {entered_on.isoformat()} 不符：申请日期是第 1 版录入的日期。",
            "applied_on",
        ))
    if given is not None:
        return given
    held = tx.applied_on(record["record_id"])
    return _a_day(held) or entered_on


_RULES: dict[str, Callable[[Transaction, dict[str, Any], dict[str, Any], Context], dict[str, Any] | None]] = {
    "training_completion": completion_rules,
    "qualification_application": application_rules,
    "ce_hours": ce_rules,
}


def judge(tx: Transaction, record: dict[str, Any], digest: Digest, ctx: Context) -> dict[str, Any]:
    """The contract's RecordResult for one answerable record (``digest``: from batch_digests); an accepted version is written in ``tx``."""
    answer: dict[str, Any] = {"record_id": record["record_id"], "version": record["version"]}
    try:
        return answer | _judge(tx, record, digest, ctx)
    except Judged as refusal:
        return answer | {"status": "rejected", "errors": list(refusal.args)}


def _judge(tx: Transaction, record: dict[str, Any], digest: Digest, ctx: Context) -> dict[str, Any]:
    if digest.unreadable is not None:
        raise Judged(_error("schema_violation", f"这条记录{digest.unreadable}。请核对录入内容后重新上传。"))
    errors = _envelope_errors(record)
    if errors:
        raise Judged(*errors)
    record_id, version, kind = record["record_id"], record["version"], record["kind"]
    if tx.owner(record_id) not in (None, ctx.account):
        raise Judged(_error("version_conflict", "记录编号（record_id）已被另一个窗口账号使用，本账号不能为它提交版本。", "record_id"))
    newest = tx.newest(record_id)
    if newest is not None and version <= newest[0]:
        same = newest[2:5] if version == newest[0] else tx.version(record_id, version)
        if same is None:
            message = f"省平台已接收此记录的第 {newest[0]} 版，本次第 {version} 版不是更新的版本。"
            raise Judged(_error("version_conflict", message, "version"))
        if same[0] != digest.value:
            raise Judged(_error("version_conflict", f"第 {version} 版已被接收，内容与本次不同。更正须作为新版本提交。", "version"))
        return {"status": "duplicate", "platform_ref": same[1]} | ({"qualification": same[2]} if same[2] else {})
    if newest is not None and kind != newest[5]:
        raise Judged(_error("version_conflict", "同一记录的新版本不能改变登记类别。", "kind"))
    ctx = replace(ctx, applied_on=_application_day(tx, record, ctx))
    payload = record["payload"]
    qualification = None
    if record["op"] == "void":
        if newest is None:
            raise Judged(_error("not_found", "省平台没有接收过这条记录，无需作废。", "record_id"))
    else:
        validated = validate_record(kind, payload, Registry.of(ctx.registry, ctx.day))
        if validated.errors:
            code = canonical_code(str(payload.get("institution_code") or "")) if isinstance(payload, dict) else ""
            revoked = (ctx.registry.get(code) or {}).get("status") == "revoked"
            raise Judged(*(_from_problem(kind, p, revoked=revoked) for p in validated.errors))
        payload = validated.payload
        rules = _RULES.get(kind)
        qualification = rules(tx, record, payload, ctx) if rules else None
    seq = tx.next_seq()
    platform_ref = f"JL{ctx.today:%Y%m%d}{seq:010d}"
    tx.accept(seq, record | {"payload": payload}, digest.value, platform_ref, ctx.now_text, qualification, ctx.account,
              device_id=ctx.device_id or None, applied_on=ctx.day.isoformat())
    return {"status": "accepted", "platform_ref": platform_ref} | ({"qualification": qualification} if qualification else {})
