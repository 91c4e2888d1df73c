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
from clerk_app.printing.wording import date_text, span_text
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
    valid_from = str(value.get("valid_from") or "").strip()  # contract 1.2; a 1.1 platform sends none: never invented
    if valid_from:
        result["valid_from"] = valid_from
    for key in ("first_issued_on", "issued_on", "valid_from", "valid_until"):
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


def validity_text(qualification: Mapping[str, Any]) -> str:
    """有效期限 as the paper prints it: ``valid_from`` 至 ``valid_until`` exactly as the platform sent them.

    DOMAIN.md, "Validity on the paper": never derived from ``issued_on`` (a renewal's or a reissue's paper is dated
    later than its validity begins). A 1.1 platform sends no ``valid_from``: the paper then says only what it knows
    (至 the end); ``validity_note`` tells the clerk why.
    """
    until = str(qualification["valid_until"])
    start = qualification.get("valid_from")
    return span_text(str(start), until) if start else f"至{date_text(until)}"


def validity_note(qualification: Mapping[str, Any]) -> Problem | None:
    """What the clerk is told when the paper cannot print the start of the validity (a 1.1 platform sent none)."""
    if qualification.get("valid_from"):
        return None
    return problem("print_validity_start_unknown", None, certificate_no=str(qualification.get("certificate_no", "")))


def by_certificate_no(db: Database, certificate_no: str) -> Mapping[str, Any] | None:
    """A certificate the upload engine or a look-up kept at this window, by its number."""
    with db.read() as session:
        return platform_cache.qualification_by_certificate_no(session, certificate_no)

