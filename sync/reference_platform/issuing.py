"""What only the platform can judge: the province's completions, certificates and CE hours behind a record.

A completion's certificate number belongs to one person; an application is
compared with the completion (first issue) or the certificate it names
(reissue, renewal), and a CE entry's typed 初次领证日期 with the certificate
on record. The rules are the domain's (``certificates``, ``licences``,
``ce_cycle``); this module only finds what they are applied to, in the
judging transaction, and words the outcome with the contract's codes. Numbers
arrive canonical (``validate_record`` made them so) and are stored so.
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from clerk_app.domain import certificates
from clerk_app.domain.ce_cycle import CeRule, category_sessions, renewal_ce_problem
from clerk_app.domain.certificates import Certificate
from clerk_app.domain.duplicates import RepeatedSession, repeated_sessions
from clerk_app.domain.licences import APPLICATION_LICENCE_CLASSES, covers
from clerk_app.domain.problems import Problem, problem
from sync.reference_platform.store import Transaction

if TYPE_CHECKING:
    from sync.reference_platform.judge import Context

FREIGHT = "freight"
# The platform judges renewals by DOMAIN.md's default CE rule (a window's own setting is its own business).
CE_RULE = CeRule()


class Judged(Exception):
    """Internal: the record's answer is decided (raised with its errors to leave the checks early)."""


def error(code: str, message: str, field: str | None = None) -> dict[str, str]:
    return {"code": code, "message": message} | ({"field": field} if field else {})


def _refuse(found: Problem) -> Judged:
    return Judged(error(found.code, found.message_zh, f"payload.{found.field}" if found.field else None))


def completion_rules(tx: Transaction, record: dict[str, Any], payload: dict[str, Any], ctx: Context) -> dict[str, Any] | None:
    holder = tx.certificate_holder(payload["certificate_no"], record["record_id"])
    if holder is not None:
        raise Judged(error(
            "duplicate_certificate_no",
            f"结业证书编号「{payload['certificate_no']}」已用在另一条已接收的结业记录上。同一证书只属于一个人，请对照证书核对编号。",
            "payload.certificate_no",
        ))
    return None


def _held(tx: Transaction, id_number: str) -> list[tuple[Certificate, dict[str, Any]]]:
    """The person's certificates, newest paper first, as rules see them and as stored."""
    return [(Certificate.from_dict(q), q) for q in tx.qualifications(id_number)]


def _named(tx: Transaction, id_number: str, number: str, category: str) -> Certificate | None:
    """The present paper of the person's certificate of ``category`` named by ``number``: as printed or by ID number."""
    return certificates.named((c for c, _ in _held(tx, id_number)), number, id_number, category)


def _issued(tx: Transaction, certificate: Certificate, payload: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """The contract's Qualification for a paper issued now; its QR code leads to the verify page by a random code.

    The code is the certificate's own (kept by the platform, the same for every paper), so a verify link cannot
    be made from an ID number (contract 1.2; issue 23 item 18).
    """
    issued: dict[str, Any] = certificate.as_dict() | {"name": payload["name"], "id_number": payload["id_number"]}
    code = tx.verify_code(issued, secrets.token_urlsafe(16))
    return issued | {"verify_url": f"{ctx.verify_base}/verify/{quote(certificate.certificate_no, safe='')}/{code}"}


def _first_issue(tx: Transaction, payload: dict[str, Any], ctx: Context) -> Certificate:
    number = payload["completion_certificate_no"]
    classes = [vehicle_class for vehicle_class, person in tx.completions(number) if person == payload["id_number"]]
    if not classes:
        raise Judged(error(
            "no_matching_completion",
            f"省平台没有此人持结业证书「{number}」的结业记录。请核对结业证书编号和身份证号；如培训机构尚未上传结业信息，请待其上传后再申领。",
            "payload.completion_certificate_no",
        ))
    licence = payload["licence_class"]
    if not any(covers(licence, trained) for trained in classes):
        trained = classes[0]
        needed = [c for c in APPLICATION_LICENCE_CLASSES if covers(c, trained)]
        either = (f"{'、'.join(needed[:-1])} 或 {needed[-1]}", f"{', '.join(needed[:-1])} or {needed[-1]}") if len(needed) > 1 \
            else (needed[0], needed[0])
        raise _refuse(problem("licence_mismatch", "licence_class", licence_class=licence, trained_class=trained, needed=either))
    held = [certificate for certificate, _ in _held(tx, payload["id_number"])]
    refusal = certificates.first_issue_problem(held, FREIGHT, ctx.day)
    if refusal is not None:
        raise _refuse(refusal)
    # The freight certificate's number is the holder's ID number, as in practice; dated the day of acceptance.
    return certificates.first_issue(payload["id_number"], FREIGHT, ctx.today)


def _reissue(tx: Transaction, payload: dict[str, Any], ctx: Context) -> Certificate:
    previous = _named(tx, payload["id_number"], payload["previous_certificate_no"], FREIGHT)
    refusal = certificates.reissue_problem(previous, ctx.day)
    if refusal is not None or previous is None:
        raise _refuse(refusal or problem("no_such_certificate", "previous_certificate_no", variant="reissue"))
    return certificates.reissue(previous, ctx.today)


def _renewal(tx: Transaction, payload: dict[str, Any], ctx: Context) -> Certificate:
    previous = _named(tx, payload["id_number"], payload["previous_certificate_no"], FREIGHT)
    refusal = certificates.renewal_problem(previous, ctx.day)
    if refusal is not None or previous is None:
        raise _refuse(refusal or problem("no_such_certificate", "previous_certificate_no", variant="renewal"))
    sessions = category_sessions(tx.ce_entries(payload["id_number"], FREIGHT), FREIGHT)
    missing = renewal_ce_problem(sessions, previous.first_issued_on, previous.validity_start, previous.valid_until, CE_RULE)
    if missing is not None:
        raise _refuse(missing)
    return certificates.renewal(previous, ctx.today)


_REQUESTS = {"first_issue": _first_issue, "reissue": _reissue, "renewal": _renewal}


def application_rules(tx: Transaction, record: dict[str, Any], payload: dict[str, Any], ctx: Context) -> dict[str, Any] | None:
    """The certificate the application issues, or a refusal naming what stands in the way."""
    made = _REQUESTS[payload.get("kind_of_request") or "first_issue"](tx, payload, ctx)
    return _issued(tx, made, payload, ctx)


def ce_rules(tx: Transaction, record: dict[str, Any], payload: dict[str, Any], ctx: Context) -> dict[str, Any] | None:
    """A session already counted in another record is refused; a typed 初次领证日期 must agree with the certificate
    the platform holds under that number, as printed or by ID number (if it holds one)."""
    others = [e for e in tx.ce_sessions_held(payload["id_number"], payload["category"]) if e["record_id"] != record["record_id"]]
    repeated = repeated_sessions(payload, others)
    if repeated:
        raise Judged(*(_repeated(found, others) for found in repeated))
    typed = payload.get("qualification_first_issued_on")
    if typed is None:
        return None
    held = _named(tx, payload["id_number"], payload["qualification_cert_no"], payload["category"])
    if held is not None and held.first_issued_on != date.fromisoformat(str(typed)):
        raise _refuse(problem("certificate_mismatch", "qualification_first_issued_on"))
    return None


def _repeated(found: RepeatedSession, others: list[dict[str, Any]]) -> dict[str, str]:
    """``duplicate_ce_session``: the message names the session, the window that entered it and its day."""
    entry = next(e for e in others if e["record_id"] == found.other)
    session = found.session
    window = f"窗口 {entry['device_id']}" if entry.get("device_id") else "省平台原有记录"
    day = entry.get("applied_on") or str(entry.get("accepted_at", ""))[:10]
    return error(
        "duplicate_ce_session",
        f"学习「{session['course']}」（{session['start_date']} 至 {session['end_date']}，{session['hours']} 学时）"
        f"已由{window}于 {day} 录入并被省平台接收，同一学时只计一次。请勿重复录入；如原记录有误，请更正原记录。",
        "payload.sessions",
    )
