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

from datetime import date
from typing import TYPE_CHECKING, Any

from clerk_app.domain import certificates
from clerk_app.domain.ce_cycle import CeRule, category_sessions, renewal_ce_problem
from clerk_app.domain.certificates import Certificate
from clerk_app.domain.licences import APPLICATION_LICENCE_CLASSES, covers
from clerk_app.domain.problems import Problem, problem
from clerk_app.domain.text import canonical_code
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
    """The newest paper of the person's certificate ``number`` of ``category``, compared canonically."""
    wanted = canonical_code(number)
    for certificate, _ in _held(tx, id_number):
        if certificate.category == category and canonical_code(certificate.certificate_no) == wanted:
            return certificate
    return None


def _issued(certificate: Certificate, payload: dict[str, Any], ctx: Context) -> dict[str, str]:
    """The contract's Qualification for a paper issued now; the QR code leads to the verify page."""
    return certificate.as_dict() | {
        "name": payload["name"],
        "id_number": payload["id_number"],
        "verify_url": f"{ctx.verify_base}/verify/{certificate.certificate_no}",
    }


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
    refusal = certificates.first_issue_problem(held, FREIGHT, ctx.today)
    if refusal is not None:
        raise _refuse(refusal)
    # The freight certificate's number is the holder's ID number, as in practice.
    return certificates.first_issue(payload["id_number"], FREIGHT, ctx.today)


def _reissue(tx: Transaction, payload: dict[str, Any], ctx: Context) -> Certificate:
    previous = _named(tx, payload["id_number"], payload["previous_certificate_no"], FREIGHT)
    refusal = certificates.reissue_problem(previous, ctx.today)
    if refusal is not None or previous is None:
        raise _refuse(refusal or problem("no_such_certificate", "previous_certificate_no", variant="reissue"))
    return certificates.reissue(previous, ctx.today)


def _renewal(tx: Transaction, payload: dict[str, Any], ctx: Context) -> Certificate:
    previous = _named(tx, payload["id_number"], payload["previous_certificate_no"], FREIGHT)
    refusal = certificates.renewal_problem(previous, ctx.today)
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
    return _issued(made, payload, ctx)


def ce_rules(tx: Transaction, record: dict[str, Any], payload: dict[str, Any], ctx: Context) -> dict[str, Any] | None:
    """A typed 初次领证日期 must agree with the certificate the platform holds under that number (if it holds one)."""
    typed = payload.get("qualification_first_issued_on")
    if typed is None:
        return None
    held = _named(tx, payload["id_number"], payload["qualification_cert_no"], payload["category"])
    if held is not None and held.first_issued_on != date.fromisoformat(str(typed)):
        raise _refuse(problem("certificate_mismatch", "qualification_first_issued_on"))
    return None
