"""Qualification certificates: what first issue, reissue and renewal make of them, and when each is allowed.

DOMAIN.md ("Qualification certificates: first issue, reissue, renewal"): a
certificate is valid for 6 years from the start of its validity (``valid_from``,
contract 1.2). Rulings, second set: what is issued is dated the day the
platform accepts it, while whether it may be issued is judged on the
application day; a certificate is named by its number as printed or by the
holder's ID number; a reissue or renewal is the next paper (``paper_no``) of
the same certificate.

- first issue (申领): a new certificate, ``first_issued_on`` = ``issued_on`` =
  the day, ``valid_until`` = the day + 6 years; refused while the person holds
  a valid certificate of the category (``already_certified``);
- reissue (补发, lost or damaged): the previous certificate must be a valid
  one of this person (``no_such_certificate``); the new paper keeps the
  number, ``first_issued_on`` and ``valid_until``, only ``issued_on`` changes;
- renewal (换发): from 90 days before ``valid_until`` until one year after it
  (``renewal_out_of_window``); the new validity runs 6 years from the old
  ``valid_until``; ``first_issued_on`` stays. That every CE cycle inside the
  ending validity is complete is ``ce_cycle.renewal_ce_problem``.

Pure rules on plain values: the platform finds the certificates, these say
what follows from them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from clerk_app.domain.dates import add_years
from clerk_app.domain.problems import Problem, problem
from clerk_app.domain.text import canonical_code

VALIDITY_YEARS = 6
RENEWAL_OPENS_DAYS_BEFORE = 90
RENEWAL_CLOSES_YEARS_AFTER = 1

REQUEST_FIELD = "previous_certificate_no"

# A reissue replaces a valid paper; a renewal may follow an expired one within its window.
_REISSUABLE = frozenset({"valid"})
_RENEWABLE = frozenset({"valid", "expired"})


@dataclass(frozen=True)
class Certificate:
    """A certificate with its present paper (contract 1.2: ``valid_from`` and ``paper_no``).

    ``valid_from`` is None only for a certificate from a 1.1 platform that sent
    none: the window never invents it (DOMAIN.md, "Validity on the paper").
    """

    certificate_no: str
    category: str
    first_issued_on: date
    issued_on: date
    valid_until: date
    status: str = "valid"
    valid_from: date | None = None
    paper_no: int = 1

    @classmethod
    def from_dict(cls, d: Mapping[str, object]) -> Certificate:
        """From the contract's Qualification object (dates as YYYY-MM-DD); a missing first_issued_on is issued_on."""
        issued_on = date.fromisoformat(str(d["issued_on"]))
        first = d.get("first_issued_on")
        valid_from = d.get("valid_from")
        paper_no = d.get("paper_no")
        return cls(
            certificate_no=str(d["certificate_no"]),
            category=str(d["category"]),
            first_issued_on=date.fromisoformat(str(first)) if first else issued_on,
            issued_on=issued_on,
            valid_until=date.fromisoformat(str(d["valid_until"])),
            status=str(d.get("status", "valid")),
            valid_from=date.fromisoformat(str(valid_from)) if valid_from else None,
            paper_no=paper_no if isinstance(paper_no, int) and not isinstance(paper_no, bool) and paper_no >= 1 else 1,
        )

    def as_dict(self) -> dict[str, str | int]:
        """The contract's Qualification fields this rule decides (dates as YYYY-MM-DD)."""
        made: dict[str, str | int] = {
            "certificate_no": self.certificate_no,
            "category": self.category,
            "first_issued_on": self.first_issued_on.isoformat(),
            "issued_on": self.issued_on.isoformat(),
            "valid_until": self.valid_until.isoformat(),
            "status": self.status,
            "paper_no": self.paper_no,
        }
        if self.valid_from:
            made["valid_from"] = self.valid_from.isoformat()
        return made

    def valid_on(self, day: date) -> bool:
        """Valid on ``day``: status valid and ``day`` not after ``valid_until``."""
        return self.status == "valid" and day <= self.valid_until

    @property
    def validity_start(self) -> date:
        """The first day of the validity ending on ``valid_until``: ``valid_from``, else 6 years before the end."""
        return self.valid_from or add_years(self.valid_until, -VALIDITY_YEARS)

    def named_by(self, number: str, holder_id_number: str) -> bool:
        """Whether ``number`` names this certificate: its number as printed, or its holder's ID number (canonical).

        DOMAIN.md, second rulings: a certificate is named by either number; a
        serial such as JLHY2021000123 and the holder's ID number find the same one.
        """
        wanted = canonical_code(number)
        return wanted in (canonical_code(self.certificate_no), canonical_code(holder_id_number))


def named(held: Iterable[Certificate], number: str, holder_id_number: str, category: str) -> Certificate | None:
    """The person's certificate of ``category`` named by ``number`` (as printed or by ID number); None if none."""
    for certificate in held:
        if certificate.category == category and certificate.named_by(number, holder_id_number):
            return certificate
    return None


def first_issue(certificate_no: str, category: str, day: date) -> Certificate:
    """The certificate a first issue accepted on ``day`` makes: valid from that day for 6 years, paper 1."""
    return Certificate(certificate_no, category, day, day, add_years(day, VALIDITY_YEARS), "valid", day, 1)


def reissue(previous: Certificate, day: date) -> Certificate:
    """The new paper of a reissue accepted on ``day``: everything kept but ``issued_on``; the next paper."""
    return replace(previous, issued_on=day, valid_from=previous.validity_start, paper_no=previous.paper_no + 1)


def renewal(previous: Certificate, day: date) -> Certificate:
    """The certificate a renewal accepted on ``day`` makes: valid from the old ``valid_until`` for 6 more years."""
    return replace(
        previous,
        issued_on=day,
        valid_from=previous.valid_until,
        valid_until=add_years(previous.valid_until, VALIDITY_YEARS),
        status="valid",
        paper_no=previous.paper_no + 1,
    )


def renewal_window(valid_until: date) -> tuple[date, date]:
    """First and last day a certificate ending on ``valid_until`` may be renewed."""
    return valid_until - timedelta(days=RENEWAL_OPENS_DAYS_BEFORE), add_years(valid_until, RENEWAL_CLOSES_YEARS_AFTER)


def first_issue_problem(held: Iterable[Certificate], category: str, day: date) -> Problem | None:
    """``already_certified`` if one of the person's certificates of ``category`` is valid on ``day``."""
    for certificate in held:
        if certificate.category == category and certificate.valid_on(day):
            return problem(
                "already_certified",
                "kind_of_request",
                certificate_no=certificate.certificate_no,
                valid_until=certificate.valid_until.isoformat(),
            )
    return None


def reissue_problem(previous: Certificate | None, day: date) -> Problem | None:
    """``no_such_certificate`` unless ``previous`` (the person's certificate so numbered) is valid on ``day``."""
    if previous is None or previous.status not in _REISSUABLE or not previous.valid_on(day):
        return problem("no_such_certificate", REQUEST_FIELD, variant="reissue")
    return None


def renewal_problem(previous: Certificate | None, day: date) -> Problem | None:
    """``no_such_certificate`` or ``renewal_out_of_window``; None when a renewal on ``day`` may go ahead (CE apart)."""
    if previous is None or previous.status not in _RENEWABLE:
        return problem("no_such_certificate", REQUEST_FIELD, variant="renewal")
    opens, closes = renewal_window(previous.valid_until)
    if not opens <= day <= closes:
        return problem(
            "renewal_out_of_window",
            REQUEST_FIELD,
            variant="early" if day < opens else "late",
            valid_until=previous.valid_until.isoformat(),
            opens=opens.isoformat(),
            closes=closes.isoformat(),
        )
    return None
