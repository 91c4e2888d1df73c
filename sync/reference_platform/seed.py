"""What a reference platform may be started holding (``--seed FILE``): registry, certificates, CE hours.

The file is one JSON object ``{"institutions": [...], "qualifications": [...],
"ce_hours": [...]}`` (every key optional): institutions in the contract's
shape (1.2: with ``status_since``); qualifications in the contract's shape
(1.2: with ``valid_from`` and ``paper_no``) plus the holder's ``id_number`` and
``name``; CE entries as ``{"id_number", "category", "institution_code",
"sessions"}`` with sessions in the contract's shape. It stands for what the
province already knew before the first window uploaded, so tests and training
can practise reissue, renewal and the CE cycle. A seed that names
institutions is the whole registry of a new platform (the made-up registry is
then left out). Anything not so shaped is refused with a message naming the
entry, before the platform starts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from clerk_app.domain.institutions import validate_institution
from clerk_app.domain.text import canonical_code

_CATEGORIES = ("freight", "passenger")
_STATUSES = ("valid", "suspended", "revoked", "expired")
_MODES = ("offline", "online")


@dataclass(frozen=True)
class Seed:
    institutions: list[dict[str, Any]] = field(default_factory=list)
    qualifications: list[dict[str, Any]] = field(default_factory=list)
    ce_entries: list[dict[str, Any]] = field(default_factory=list)


def _text(entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}：缺少 {key}（文字）")
    return value


def _day(entry: Mapping[str, Any], key: str, where: str) -> str:
    try:
        return date.fromisoformat(_text(entry, key, where)).isoformat()
    except ValueError:
        raise ValueError(f"{where}：{key} 应为 YYYY-MM-DD 日期") from None


def _one_of(entry: Mapping[str, Any], key: str, allowed: tuple[str, ...], where: str) -> str:
    value = entry.get(key)
    if value not in allowed:
        raise ValueError(f"{where}：{key} 应为 {'、'.join(allowed)} 之一")
    return str(value)


def _qualification(entry: object, where: str) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise ValueError(f"{where}：应为 JSON 对象")
    issued_on = _day(entry, "issued_on", where)
    return {
        "certificate_no": canonical_code(_text(entry, "certificate_no", where)),
        "category": _one_of(entry, "category", _CATEGORIES, where),
        "name": _text(entry, "name", where).strip(),
        "id_number": canonical_code(_text(entry, "id_number", where)),
        "first_issued_on": _day(entry, "first_issued_on", where) if "first_issued_on" in entry else issued_on,
        "issued_on": issued_on,
        "valid_until": _day(entry, "valid_until", where),
        "status": _one_of(entry, "status", _STATUSES, where) if "status" in entry else "valid",
    } | ({"valid_from": _day(entry, "valid_from", where)} if "valid_from" in entry else {}) \
      | ({"paper_no": _paper_no(entry, where)} if "paper_no" in entry else {}) \
      | ({"verify_url": str(entry["verify_url"])} if "verify_url" in entry else {})


def _paper_no(entry: Mapping[str, Any], where: str) -> int:
    value = entry.get("paper_no")
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{where}：paper_no 应为从 1 起的整数")
    return value


def _session(session: object, where: str) -> dict[str, Any]:
    if not isinstance(session, dict):
        raise ValueError(f"{where}：应为 JSON 对象")
    hours = session.get("hours")
    if isinstance(hours, bool) or not isinstance(hours, (int, float)) or not 0 < hours <= 24:
        raise ValueError(f"{where}：hours 应为 0 到 24 之间的学时数")
    return {
        "course": _text(session, "course", where),
        "hours": hours,
        "mode": _one_of(session, "mode", _MODES, where),
        "start_date": _day(session, "start_date", where),
        "end_date": _day(session, "end_date", where),
    }


def _ce_entry(entry: object, where: str) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise ValueError(f"{where}：应为 JSON 对象")
    sessions = entry.get("sessions")
    if not isinstance(sessions, list) or not sessions:
        raise ValueError(f"{where}：sessions 应为至少一次学习的列表")
    return {
        "id_number": canonical_code(_text(entry, "id_number", where)),
        "category": _one_of(entry, "category", _CATEGORIES, where),
        "institution_code": canonical_code(_text(entry, "institution_code", where)),
        "sessions": [_session(s, f"{where} sessions 第 {n} 项") for n, s in enumerate(sessions, start=1)],
    }


def _list(value: object, key: str) -> list[object]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{key} 应为列表")
    return value


def parse_seed(value: object) -> Seed:
    """A Seed from the decoded file; ValueError (Chinese, naming the entry) for anything else."""
    if not isinstance(value, dict):
        raise ValueError("种子文件应为 JSON 对象：{\"institutions\": [...], \"qualifications\": [...], \"ce_hours\": [...]}")
    unknown = set(value) - {"institutions", "qualifications", "ce_hours"}
    if unknown:
        raise ValueError(f"种子文件有未知的键：{'、'.join(sorted(map(str, unknown)))}")
    institutions = []
    for n, entry in enumerate(_list(value.get("institutions"), "institutions"), start=1):
        checked, problems = validate_institution(entry, from_platform=True)
        if problems:
            raise ValueError(f"institutions 第 {n} 项：" + "；".join(p.message_zh for p in problems))
        institutions.append(checked)
    qualifications = [
        _qualification(q, f"qualifications 第 {n} 项") for n, q in enumerate(_list(value.get("qualifications"), "qualifications"), start=1)
    ]
    ce_entries = [_ce_entry(e, f"ce_hours 第 {n} 项") for n, e in enumerate(_list(value.get("ce_hours"), "ce_hours"), start=1)]
    return Seed(institutions, qualifications, ce_entries)


def load_seed(path: Path) -> Seed:
    """The seed in a UTF-8 JSON file; OSError if it cannot be read, ValueError if it is no seed."""
    text = Path(path).read_text(encoding="utf-8")
    try:
        decoded = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ValueError(f"种子文件不是有效的 JSON：{error}") from None
    return parse_seed(decoded)
