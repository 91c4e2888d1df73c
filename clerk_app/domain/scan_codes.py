"""What a scanned code is: the window routes a scan by its content, never into the field that has the focus.

DOMAIN.md ("At the counter: cards, scans, lists"): the codes a window meets are
its own receipt numbers, the QR of a qualification certificate (the contract's
``verify_url``, ``…/verify/{certificate_no}/{code}``; the province's
e-certificate may follow another pattern, set by the supervisor), ID numbers,
and the completion certificate numbers schools print. ``classify`` says which,
in that order; anything else is ``UNKNOWN`` and goes nowhere.

A scanner types like a keyboard, so what tells a scan from typing is timing:
``SCAN_MIN_LENGTH`` characters or more, each less than ``SCAN_MAX_GAP_MS``
after the one before, ending with Enter (``is_scan_timing``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import unquote

from clerk_app.domain.id_number import IdNumber, parse_id_number
from clerk_app.domain.kinds import RECORD_LIMITS
from clerk_app.domain.text import canonical_code

SCAN_MIN_LENGTH = 8
SCAN_MAX_GAP_MS = 30

RECEIPT, CERTIFICATE, ID_NUMBER, COMPLETION, UNKNOWN = "receipt", "certificate", "id_number", "completion_certificate", "unknown"

# The window's own receipt numbers: hall-window-day-sequence.
RECEIPT_NO = re.compile(r"[0-9A-Z]{2,12}-[0-9A-Z]{1,8}-\d{8}-\d{4,}")
# The contract's verify_url (1.2): the certificate number, then the random code only the platform knows.
VERIFY_URL = re.compile(r"https?://[^\s/]+(?:/[^\s]*)?/verify/(?P<certificate_no>[^/?#\s]+)/(?P<code>[^/?#\s]+)/?")
# A completion certificate number as schools print it: letters, digits and dashes, with at least one digit.
COMPLETION_NO = re.compile(r"(?=.*\d)[0-9A-Z][0-9A-Z/-]*")


@dataclass(frozen=True)
class ScannedCode:
    kind: str  # RECEIPT, CERTIFICATE, ID_NUMBER, COMPLETION or UNKNOWN
    value: str  # the receipt number, certificate number, canonical ID number, completion number; the raw text if unknown
    code: str = ""  # a certificate QR's verification code


def pattern_refusal(pattern: str) -> tuple[str, str] | None:
    """Why a supervisor's e-certificate pattern cannot be used (Chinese, English), None when it can."""
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        return f"不是有效的正则表达式（{error}）", f"not a valid regular expression ({error})"
    if "certificate_no" not in compiled.groupindex:
        return "需要一个名为 certificate_no 的分组，如 (?P<certificate_no>[0-9A-Z]+)", "needs a group named certificate_no"
    return None


def classify(text: str, today: date, *, ecert_pattern: str = "") -> ScannedCode:
    """What the scanned ``text`` is (``ecert_pattern``: the supervisor's pattern of the province's e-certificate QR,
    a regular expression with a ``certificate_no`` group; empty when none is set)."""
    raw = text.strip()
    url = VERIFY_URL.fullmatch(raw)
    if url is not None:
        return ScannedCode(CERTIFICATE, canonical_code(unquote(url["certificate_no"])), unquote(url["code"]))
    if ecert_pattern and pattern_refusal(ecert_pattern) is None:
        matched = re.fullmatch(ecert_pattern, raw)
        if matched is not None and matched["certificate_no"]:
            return ScannedCode(CERTIFICATE, canonical_code(matched["certificate_no"]), _group(matched, "code"))
    value = canonical_code(raw)
    if RECEIPT_NO.fullmatch(value):
        return ScannedCode(RECEIPT, value)
    parsed = parse_id_number(value, today)
    if isinstance(parsed, IdNumber):
        return ScannedCode(ID_NUMBER, parsed.canonical)
    if len(value) <= RECORD_LIMITS["completion_certificate_no"] and COMPLETION_NO.fullmatch(value):
        return ScannedCode(COMPLETION, value)
    return ScannedCode(UNKNOWN, raw)


def _group(matched: re.Match[str], name: str) -> str:
    return (matched.groupdict().get(name) or "") if name in matched.re.groupindex else ""


def is_scan_timing(gaps_ms: Sequence[float], length: int) -> bool:
    """Whether keys arriving ``gaps_ms`` apart, ``length`` characters before Enter, were a scanner's."""
    return length >= SCAN_MIN_LENGTH and all(gap < SCAN_MAX_GAP_MS for gap in gaps_ms)
