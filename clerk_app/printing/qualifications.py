"""Issued qualification certificates as printing needs them: the contract's ``Qualification``, checked.

The platform issues certificates; the window keeps what it fetched in the
upload engine's local cache (``local_db.upload_store``). Data handed in as
JSON (``clerk-app print certificate --json``) gets the same check, so a
certificate is never printed with a field missing or a date malformed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from clerk_app.domain.id_number import parse_id_number
from clerk_app.domain.problems import Problem, problem
from local_db import platform_cache
from local_db.database import Database

REQUIRED = ("certificate_no", "category", "issued_on", "valid_until", "status", "name", "id_number", "verify_url")
CATEGORIES = ("freight", "passenger")
STATUS_LABELS = {"valid": "有效", "suspended": "暂扣", "revoked": "吊销", "expired": "过期"}


def checked(value: object, today: date) -> dict[str, Any] | Problem:
    """The qualification ready to print, or the Problem saying what is wrong with it."""
    if not isinstance(value, Mapping):
        return problem("print_certificate_incomplete", "json", detail="应为一个 JSON 对象")
    missing = [key for key in REQUIRED if not str(value.get(key) or "").strip()]
    if missing:
        return problem("print_certificate_incomplete", "json", detail="缺少 " + "、".join(missing))
    result = {key: str(value[key]).strip() for key in REQUIRED}
    if result["category"] not in CATEGORIES:
        return problem("print_certificate_incomplete", "json", detail=f"category 应为 {' 或 '.join(CATEGORIES)}")
    if result["status"] not in STATUS_LABELS:
        return problem("print_certificate_incomplete", "json", detail=f"status 应为 {'、'.join(STATUS_LABELS)} 之一")
    first = str(value.get("first_issued_on") or "").strip()  # contract 1.1; older data: the domain takes issued_on
    if first:
        result["first_issued_on"] = first
    for key in ("first_issued_on", "issued_on", "valid_until"):
        try:
            if key in result:
                date.fromisoformat(result[key])
        except ValueError:
            return problem("print_certificate_incomplete", "json", detail=f"{key} 应为 YYYY-MM-DD 格式的日期")
    parsed = parse_id_number(result["id_number"], today)
    if isinstance(parsed, Problem):
        return parsed
    result["id_number"] = parsed.canonical
    if result["status"] != "valid":
        return problem("print_certificate_not_valid", "status", status=STATUS_LABELS[result["status"]])
    return result


def by_certificate_no(db: Database, certificate_no: str) -> Mapping[str, Any] | None:
    """A certificate the upload engine or a look-up kept at this window, by its number."""
    with db.read() as session:
        return platform_cache.qualification_by_certificate_no(session, certificate_no)

