"""Judging one record version the way the provincial platform does, with the contract's error codes.

The entry rules themselves (ID numbers, institutions, dates, hours) are the
project's domain code, the same the window applies before saving; what is
added here is what only the platform can know: every window's accepted
records, so version conflicts, certificate numbers already used elsewhere and
the completion a qualification application must match. The domain's problem
codes are mapped onto the contract's, with the domain's Chinese messages.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from clerk_app.domain.institutions import to_info
from clerk_app.domain.kinds import RECORD_KINDS
from clerk_app.domain.problems import Problem
from clerk_app.domain.validation import InstitutionInfo, validate_record, validate_void_reason
from sync.reference_platform.store import Transaction

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")

MAX_VERSION = 2**53  # far beyond any real correction count; keeps versions within SQLite's integers and JSON's exact numbers

# Domain problem code -> contract error code; anything not listed breaks the record's schema.
_CONTRACT_CODES = {
    "invalid_id_number": "invalid_id_number",
    "id_birth_date_future": "invalid_id_number",
    "unknown_institution": "unknown_institution",
    "institution_not_qualified": "institution_not_qualified",
    "institution_not_filed": "institution_not_filed",
    "institution_inactive": "institution_revoked",
    "date_in_future": "date_out_of_range",
    "date_order": "date_out_of_range",
    "hours_out_of_range": "hours_out_of_range",
}
# A registry entry of the wrong kind: for a completion it is no licensed driving school, for CE hours no filed CE institution.
_WRONG_KIND = {"training_completion": "institution_not_qualified", "ce_hours": "institution_not_filed"}


class Judged(Exception):
    """Internal: the record's answer is decided (raised to leave the checks early)."""


@dataclass
class Context:
    """What judging needs besides the database: the day, the time, the registry and where certificates are verified."""

    today: date
    now_text: str
    registry: Mapping[str, dict]
    verify_base: str

    def institution(self, code: str) -> InstitutionInfo | None:
        found = self.registry.get(code)
        return None if found is None else to_info(found)


def content_hash(record: Mapping[str, Any]) -> str:
    """A digest of the canonical JSON: equal for equal content, whatever the key order or spacing."""
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.blake2b(canonical.encode(), digest_size=20).hexdigest()


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


def _error(code: str, message: str, field: str | None = None) -> dict[str, str]:
    return {"code": code, "message": message} | ({"field": field} if field else {})


def _from_problem(kind: str, found: Problem) -> dict[str, str]:
    code = _CONTRACT_CODES.get(found.code, "schema_violation")
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


def _envelope_errors(record: dict) -> list[dict[str, str]]:
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
    return errors


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def _qualification(payload: dict, ctx: Context) -> dict[str, str]:
    """The freight certificate the platform issues; its number is the holder's ID number, as in practice."""
    number = payload["id_number"]
    return {
        "certificate_no": number,
        "category": "freight",
        "name": payload["name"],
        "id_number": number,
        "issued_on": ctx.today.isoformat(),
        "valid_until": _add_years(ctx.today, 6).isoformat(),
        "status": "valid",
        "verify_url": f"{ctx.verify_base}/verify/{number}",
    }


def _completion_rules(tx: Transaction, record: dict, payload: dict, ctx: Context) -> dict | None:
    holder = tx.certificate_holder(payload["certificate_no"], record["record_id"])
    if holder is not None:
        raise Judged(_error(
            "duplicate_certificate_no",
            f"结业证书编号「{payload['certificate_no']}」已用在另一条已接收的结业记录上。同一证书只属于一个人，请对照证书核对编号。",
            "payload.certificate_no",
        ))
    return None


def _application_rules(tx: Transaction, record: dict, payload: dict, ctx: Context) -> dict | None:
    number = payload["completion_certificate_no"]
    classes = [vehicle_class for vehicle_class, person in tx.completions(number) if person == payload["id_number"]]
    if not classes:
        raise Judged(_error(
            "no_matching_completion",
            f"省平台没有此人持结业证书「{number}」的结业记录。请核对结业证书编号和身份证号；如培训机构尚未上传结业信息，请待其上传后再申领。",
            "payload.completion_certificate_no",
        ))
    if payload["licence_class"] not in classes:
        raise Judged(_error(
            "licence_mismatch",
            f"驾驶证准驾车型（{payload['licence_class']}）与结业记录的培训车型（{'、'.join(classes)}）不一致。请核对驾驶证。",
            "payload.licence_class",
        ))
    return _qualification(payload, ctx)


_RULES: dict[str, Callable[[Transaction, dict, dict, Context], dict | None]] = {
    "training_completion": _completion_rules,
    "qualification_application": _application_rules,
}


def judge(tx: Transaction, record: dict, digest: str, ctx: Context) -> dict[str, Any]:
    """The contract's RecordResult for one answerable record (``digest``: its content_hash); an accepted version is written in ``tx``."""
    answer: dict[str, Any] = {"record_id": record["record_id"], "version": record["version"]}
    try:
        return answer | _judge(tx, record, digest, ctx)
    except Judged as refusal:
        return answer | {"status": "rejected", "errors": list(refusal.args)}


def _judge(tx: Transaction, record: dict, digest: str, ctx: Context) -> dict[str, Any]:
    errors = _envelope_errors(record)
    if errors:
        raise Judged(*errors)
    record_id, version, kind = record["record_id"], record["version"], record["kind"]
    newest = tx.newest(record_id)
    if newest is not None and version <= newest[0]:
        same = newest[2:5] if version == newest[0] else tx.version(record_id, version)
        if same is None:
            raise Judged(_error("version_conflict", f"省平台已接收此记录的第 {newest[0]} 版，本次第 {version} 版不是更新的版本。", "version"))
        if same[0] != digest:
            raise Judged(_error("version_conflict", f"第 {version} 版已被接收，内容与本次不同。更正须作为新版本提交。", "version"))
        return {"status": "duplicate", "platform_ref": same[1]} | ({"qualification": same[2]} if same[2] else {})
    if newest is not None and kind != newest[5]:
        raise Judged(_error("version_conflict", "同一记录的新版本不能改变登记类别。", "kind"))
    payload = record["payload"]
    qualification = None
    if record["op"] == "void":
        if newest is None:
            raise Judged(_error("not_found", "省平台没有接收过这条记录，无需作废。", "record_id"))
    else:
        validated = validate_record(kind, payload, ctx)
        if validated.errors:
            raise Judged(*(_from_problem(kind, p) for p in validated.errors))
        payload = validated.payload
        rules = _RULES.get(kind)
        qualification = rules(tx, record, payload, ctx) if rules else None
    seq = tx.next_seq()
    platform_ref = f"JL{ctx.today:%Y%m%d}{seq:010d}"
    tx.accept(seq, record | {"payload": payload}, digest, platform_ref, ctx.now_text, qualification)
    return {"status": "accepted", "platform_ref": platform_ref} | ({"qualification": qualification} if qualification else {})
