"""The hall's clerks and supervisors known to this window, and their passwords.

Supervisors are local operators with the ``supervisor`` role. A supervisor
always has a password, stored only as a salted scrypt hash; voiding a record
needs the supervisor's password. The first supervisor of a fresh window can be
added by anyone (somebody has to be first); after that only a supervisor adds
operators.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from sqlalchemy.orm import Session

from clerk_app import clock
from clerk_app.domain.problems import Problem, problem
from clerk_app.domain.text import has_control_characters, normalize_text
from local_db import operator_store
from local_db.database import Database
from local_db.operator_store import OperatorInfo

__all__ = [
    "MIN_PASSWORD",
    "ROLES",
    "OperatorInfo",  # defined with its storage in local_db.operator_store; callers take it from here
    "OperatorRefused",
    "OperatorService",
    "hash_password",
    "operator_refusal",
    "password_matches",
]

ROLES = ("clerk", "supervisor")
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
MIN_PASSWORD = 6


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)
    return "scrypt${n}${r}${p}${salt}${digest}".format(
        **_SCRYPT,
        salt=base64.b64encode(salt).decode(),
        digest=base64.b64encode(digest).decode(),
    )


def password_matches(password: str, stored: str | None) -> bool:
    if not stored:
        return False
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    candidate = hashlib.scrypt(
        password.encode("utf-8"), salt=base64.b64decode(salt), dklen=32, n=int(n), r=int(r), p=int(p)
    )
    return hmac.compare_digest(candidate, base64.b64decode(digest))


class OperatorRefused(Exception):
    def __init__(self, refusal: Problem) -> None:
        super().__init__(refusal.message_en)
        self.problem = refusal


def operator_refusal(session: Session, operator_id: str) -> Problem | None:
    """Why ``operator_id`` may not save here, read in the caller's transaction; None when it may.

    Any operator ID is accepted until the window has registered operators.
    """
    registered, active = operator_store.save_state(session, operator_id)
    if operator_id and (active or not registered):
        return None
    return problem("unknown_operator", "operator")


class OperatorService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def list(self) -> list[OperatorInfo]:
        with self._db.read() as session:
            return operator_store.all_operators(session)

    def get(self, operator_id: str) -> OperatorInfo | None:
        with self._db.read() as session:
            return operator_store.get(session, operator_id)

    def any_registered(self) -> bool:
        with self._db.read() as session:
            return operator_store.count(session) > 0

    def add(self, operator_id: str, name: str, role: str, password: str | None, *, acting: str) -> OperatorInfo:
        operator_id = normalize_text(operator_id)
        name = normalize_text(name)
        if not operator_id or len(operator_id) > 64 or has_control_characters(operator_id):
            raise OperatorRefused(problem("invalid_operator_id", "operator_id"))
        if not name or len(name) > 50 or has_control_characters(name):
            raise OperatorRefused(problem("invalid_operator_name", "name"))
        if role not in ROLES:
            raise OperatorRefused(problem("invalid_choice", "role", allowed=", ".join(ROLES)))
        if role == "supervisor" and not password:
            raise OperatorRefused(problem("password_required", "password"))
        if password is not None and len(password) < MIN_PASSWORD:
            raise OperatorRefused(problem("password_too_short", "password", minimum=MIN_PASSWORD))
        with self._db.write() as session:
            acting_info = operator_store.get(session, acting)
            acting_is_supervisor = acting_info is not None and acting_info.role == "supervisor" and acting_info.active
            if operator_store.active_supervisor_count(session) and not acting_is_supervisor:
                raise OperatorRefused(problem("not_supervisor", None))
            if operator_store.get(session, operator_id) is not None:
                raise OperatorRefused(problem("operator_exists", "operator_id"))
            return operator_store.add(
                session,
                operator_id,
                name,
                role,
                hash_password(password) if password else None,
                at=clock.now_text(),
                acting=acting,
            )

    def authenticate(self, operator_id: str, password: str) -> OperatorInfo | None:
        """The operator if the password is right (and they are active), else None."""
        with self._db.read() as session:
            info = operator_store.get(session, operator_id)
            if info is None or not info.active:
                return None
            if not password_matches(password, operator_store.password_hash_of(session, operator_id)):
                return None
            return info
