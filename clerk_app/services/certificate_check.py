"""A certificate looked up from its scanned QR code: holder, validity, status and CE standing.

The QR carries the certificate number and a verification code only the
platform knows (contract 1.2, ``verify_url``). The certificate is asked of the
platform when it answers (``GET /qualifications`` for the holder, kept in
``local_db.platform_cache``), else read from what this window kept. Until the
platform client takes ``certificate_no`` (contract 1.2), the holder is found
through the certificate kept here, or from the number itself when it is an ID
number (mainland certificates are numbered by the holder's ID number). A code
that differs from the one in the kept ``verify_url`` is said: the paper may be
an old one or not genuine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from clerk_app import clock
from clerk_app.domain.id_number import IdNumber, parse_id_number
from clerk_app.domain.scan_codes import VERIFY_URL
from clerk_app.services.ce_standing import CeStanding, CeStandingService
from clerk_app.services.platform import PlatformService, PlatformStop
from clerk_app.services.settings import SettingsService
from local_db import platform_cache
from local_db.database import Database


@dataclass(frozen=True)
class CertificateCheck:
    certificate_no: str
    certificate: Mapping[str, Any] | None  # the contract's Qualification; None: neither the platform nor this window knows it
    standing: CeStanding | None  # the holder's CE cycle for the certificate's category
    online: bool  # the platform was asked just now
    offline_reason: str | None  # why the platform could not be asked (None: it answered, or none is set)
    code_matches: bool | None  # the QR's code against the kept verify_url (None: nothing to compare)


class CertificateCheckService:
    def __init__(self, db: Database, platform: PlatformService, *, lang: str = "zh") -> None:
        self._db = db
        self._platform = platform
        self._lang = lang

    def check(self, certificate_no: str, code: str = "") -> CertificateCheck:
        """Look the certificate up (network: call it off the GUI thread)."""
        holder = self._holder(certificate_no)
        online, reason = False, None
        if holder and SettingsService(self._db).get("platform.url"):
            try:
                self._platform.look_up_person(holder)
                online = True
            except PlatformStop as stop:
                reason = stop.problem.message(self._lang)
        with self._db.read() as session:
            certificate = platform_cache.qualification_by_certificate_no(session, certificate_no)
        if certificate is None:
            return CertificateCheck(certificate_no, None, None, online, reason, None)
        standing = CeStandingService(self._db).standing(
            str(certificate.get("id_number")), category=str(certificate.get("category") or "freight"), online=online
        )
        return CertificateCheck(certificate_no, certificate, standing, online, reason, _code_matches(certificate, code))

    def _holder(self, certificate_no: str) -> str:
        with self._db.read() as session:
            kept = platform_cache.qualification_by_certificate_no(session, certificate_no)
        if kept is not None:
            return str(kept.get("id_number") or "")
        parsed = parse_id_number(certificate_no, clock.today())
        return parsed.canonical if isinstance(parsed, IdNumber) else ""


def _code_matches(certificate: Mapping[str, Any], code: str) -> bool | None:
    kept = VERIFY_URL.fullmatch(str(certificate.get("verify_url") or ""))
    if kept is None or not code:
        return None
    return kept["code"] == code
