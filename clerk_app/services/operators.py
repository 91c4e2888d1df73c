"""The hall's clerks and supervisors known to this window, and the proof of who is acting.

Supervisors are local operators with the ``supervisor`` role; every operator
proves who they are with a password, stored only as a salted scrypt hash. The
window and the command line share the rules here:

- a new window's first act is registering the first supervisor (by themselves);
  until then nothing else may be written;
- every write is made by a registered, active operator (``operator_refusal``),
  and operators, institutions, filings, settings and restores by a supervisor
  (``supervisor_refusal``), checked in the writing transaction;
- ``sign_in`` checks a password: a wrong one is slowed down and counted in the
  audit trail, and ``MAX_WRONG_PASSWORDS`` in a row lock the operator out for
  ``LOCKOUT_MINUTES`` (audited);
- operator IDs compare case-insensitively;
- the training database (marked by ``SettingsService.mark_training``) is exempt.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from clerk_app import clock
from clerk_app.domain.operator_ids import operator_key, valid_new_id
from clerk_app.domain.problems import Problem, problem
from clerk_app.domain.text import free_text, has_control_characters
from local_db import audit, operator_store
from local_db.database import Database
from local_db.operator_store import OperatorInfo
from local_db.restore_checks import BackupRejected

__all__ = [
    "MIN_PASSWORD",
    "ROLES",
    "OperatorInfo",  # defined with its storage in local_db.operator_store; callers take it from here
    "OperatorRefused",
    "OperatorService",
    "hash_password",
    "operator_refusal",
    "password_matches",
    "restorer_check",
    "supervisor_refusal",
]

ROLES = ("clerk", "supervisor")
WRONG_PASSWORD_DELAY_S = 1.0  # each wrong password waits this long before the answer
MAX_WRONG_PASSWORDS = 5  # in a row, then the operator is locked out
LOCKOUT_MINUTES = 5
_FAILED, _LOCKED, _OK, _CLEARED = "login_failed", "operator_locked", "login_ok", "lockout_cleared"
_SIGN_IN_EVENTS = (_FAILED, _LOCKED, _OK, _CLEARED)
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
    """Why ``operator_id`` may not write here, read in the caller's transaction; None when it may."""
    gate = operator_store.gate(session, operator_id)
    if gate.training:
        return None
    if not gate.supervisors:
        return problem("no_supervisor_yet")
    if gate.role is None:
        return problem("unknown_operator", "operator")
    return None


def supervisor_refusal(session: Session, operator_id: str, action: tuple[str, str]) -> Problem | None:
    """Why ``operator_id`` may not do ``action`` (what, in Chinese and English) that only supervisors may; None when they may."""
    gate = operator_store.gate(session, operator_id)
    if gate.training:
        return None
    if not gate.supervisors:
        return problem("no_supervisor_yet")
    if gate.role != "supervisor":
        return problem("supervisor_only", None, action_zh=action[0], action_en=action[1])
    return None


def restorer_check(operator_id: str, password: str, *, key: bytes) -> Callable[[Path], None]:
    """A restore check: the file must hold ``operator_id`` as an active supervisor with this password.

    Otherwise restoring an old file (or one made elsewhere) would hand the window to
    whoever then registers "the first supervisor", or to operators nobody here knows.
    """

    def check(candidate: Path) -> None:
        if not password_matches(password, operator_store.supervisor_hash_in_file(candidate, operator_id, key=key)):
            refusal = problem("restore_without_supervisor", None, operator=operator_id)
            raise BackupRejected(refusal.message_zh.rstrip("。"), refusal.message_en.rstrip("."))

    return check


class OperatorService:
    def __init__(self, db: Database, *, wrong_password_delay_s: float | None = None) -> None:
        self._db = db
        self._delay_s = WRONG_PASSWORD_DELAY_S if wrong_password_delay_s is None else wrong_password_delay_s

    def list(self) -> list[OperatorInfo]:
        with self._db.read() as session:
            return operator_store.all_operators(session)

    def get(self, operator_id: str) -> OperatorInfo | None:
        with self._db.read() as session:
            return operator_store.get(session, operator_id)

    def any_registered(self) -> bool:
        with self._db.read() as session:
            return operator_store.count(session) > 0

    def any_supervisor(self) -> bool:
        """Whether the first supervisor is registered (until then only that may be done)."""
        with self._db.read() as session:
            return operator_store.active_supervisor_count(session) > 0

    def exempt(self) -> bool:
        """Whether this is the training database, where nobody needs to prove who they are."""
        with self._db.read() as session:
            return operator_store.gate(session, "").training

    def add(self, operator_id: str, name: str, role: str, password: str | None, *, acting: str) -> OperatorInfo:
        """Register an operator: the first supervisor by themselves, everyone else by a supervisor."""
        operator_id = operator_id.strip()
        name = free_text(name)
        if not valid_new_id(operator_id):
            raise OperatorRefused(problem("invalid_operator_id", "operator_id"))
        if not name or len(name) > 50 or has_control_characters(name):
            raise OperatorRefused(problem("invalid_operator_name", "name"))
        if role not in ROLES:
            raise OperatorRefused(problem("invalid_choice", "role", allowed=", ".join(ROLES)))
        if not password:
            raise OperatorRefused(problem("password_required", "password"))
        if len(password) < MIN_PASSWORD:
            raise OperatorRefused(problem("password_too_short", "password", minimum=MIN_PASSWORD))
        with self._db.write() as session:
            gate = operator_store.gate(session, acting)
            first = not gate.supervisors and not gate.training
            if first and (role != "supervisor" or operator_key(acting) != operator_key(operator_id)):
                raise OperatorRefused(problem("no_supervisor_yet"))
            if not first:
                refusal = supervisor_refusal(session, acting, ("添加操作员", "add operators"))
                if refusal:
                    raise OperatorRefused(refusal)
            if operator_store.get(session, operator_id) is not None:
                raise OperatorRefused(problem("operator_exists", "operator_id"))
            return operator_store.add(
                session,
                operator_id,
                name,
                role,
                hash_password(password),
                at=clock.now_text(),
                acting=operator_id if first else _registered_id(session, acting),
            )

    def names(self) -> dict[str, str]:
        """Every operator's name by ID (the ID case-folded: IDs compare case-insensitively), for lists."""
        return {o.operator_id.casefold(): o.name for o in self.list()}

    def set_active(self, operator_id: str, active: bool, *, acting: str) -> OperatorInfo:
        """Enable or disable an operator (a supervisor only); the last active supervisor stays enabled."""
        with self._db.write() as session:
            info = _operator_to_change(session, operator_id, acting, ("启用或停用操作员", "enable or disable operators"))
            if info.active == active:
                return info
            if not active and info.role == "supervisor" and operator_store.active_supervisor_count(session) <= 1:
                raise OperatorRefused(problem("last_supervisor", "operator_id", operator=info.operator_id))
            operator_store.set_active(session, info.operator_id, active, at=clock.now_text(), acting=_registered_id(session, acting))
            return OperatorInfo(info.operator_id, info.name, info.role, active, info.has_password)

    def reset_password(self, operator_id: str, password: str, *, acting: str) -> None:
        """A supervisor gives an operator a new password (a forgotten one); audited without the hash."""
        if len(password) < MIN_PASSWORD:
            raise OperatorRefused(problem("password_too_short", "password", minimum=MIN_PASSWORD))
        with self._db.write() as session:
            info = _operator_to_change(session, operator_id, acting, ("重设操作员密码", "reset passwords"))
            operator_store.set_password_hash(
                session, info.operator_id, hash_password(password), at=clock.now_text(), acting=_registered_id(session, acting)
            )
            locked_until, failures = _lockout(session, info.operator_id)
            if failures or locked_until > clock.now():
                # The new password ends the run of wrong ones: a locked-out clerk whose supervisor gave them a
                # new password can sign in with it at once.
                _audit(session, clock.now(), info.operator_id, _CLEARED, {"by": _registered_id(session, acting)})

    def sign_in(self, operator_id: str, password: str) -> OperatorInfo:
        """The operator (as registered) if the password is right; raises OperatorRefused otherwise.

        A wrong password is audited and answered only after a fixed delay;
        ``MAX_WRONG_PASSWORDS`` since the last successful sign-in lock the operator out for
        ``LOCKOUT_MINUTES``. Only a successful sign-in (or a supervisor's new password) resets
        the count; a lock ends after its time with the count at zero, so one more wrong
        password afterwards is one, not a new lock.
        """
        refusal = problem("wrong_password")
        with self._db.write() as session:
            info = operator_store.get(session, operator_id)
            now = clock.now()
            if info is None or not info.active:
                _audit(session, now, operator_key(operator_id)[:64], _FAILED, {"reason": "unknown_operator"})
            else:
                locked_until, failures = _lockout(session, info.operator_id)
                if locked_until > now:
                    raise OperatorRefused(
                        problem("operator_locked", operator=info.operator_id, attempts=MAX_WRONG_PASSWORDS, minutes=LOCKOUT_MINUTES)
                    )
                if password_matches(password, operator_store.password_hash_of(session, info.operator_id)):
                    if failures:  # a success ends the run of wrong passwords
                        _audit(session, now, info.operator_id, _OK, {})
                    return info
                _audit(session, now, info.operator_id, _FAILED, {"reason": "wrong_password"})
                failures += 1
                if failures >= MAX_WRONG_PASSWORDS:
                    _audit(session, now, info.operator_id, _LOCKED, {"failures": failures, "minutes": LOCKOUT_MINUTES})
                    refusal = problem(
                        "operator_locked", operator=info.operator_id, attempts=failures, minutes=LOCKOUT_MINUTES
                    )
        time.sleep(self._delay_s)
        raise OperatorRefused(refusal)

    def authenticate(self, operator_id: str, password: str) -> OperatorInfo | None:
        """``sign_in`` for callers that only need yes or no: the operator, or None."""
        try:
            return self.sign_in(operator_id, password)
        except OperatorRefused:
            return None


def _operator_to_change(session: Session, operator_id: str, acting: str, action: tuple[str, str]) -> OperatorInfo:
    """The operator a supervisor is about to change; refused for anyone but a supervisor, or an unknown ID."""
    refusal = supervisor_refusal(session, acting, action)
    if refusal:
        raise OperatorRefused(refusal)
    info = operator_store.get(session, operator_id)
    if info is None:
        raise OperatorRefused(problem("operator_not_found", "operator_id", operator=operator_id))
    return info


def _registered_id(session: Session, operator_id: str) -> str:
    info = operator_store.get(session, operator_id)
    return info.operator_id if info else operator_id


def _audit(session: Session, at: datetime, operator: str, action: str, detail: dict[str, object]) -> None:
    audit.append(session, at=at.isoformat(timespec="milliseconds"), operator=operator, action=action, detail=detail)


_NEVER = datetime.min.replace(tzinfo=clock.CST)


def _lockout(session: Session, operator_id: str) -> tuple[datetime, int]:
    """(until when the operator is locked out, wrong passwords counted since the last success or the last lock).

    Only sign-in events count: rows of other actions in the operator's name (a backup, a print) end nothing.
    """
    failures = 0
    for action, at in audit.newest_of(session, operator_id, _SIGN_IN_EVENTS, limit=MAX_WRONG_PASSWORDS + 1):
        if action == _LOCKED:
            return datetime.fromisoformat(at) + timedelta(minutes=LOCKOUT_MINUTES), failures
        if action != _FAILED:
            break
        failures += 1
    return _NEVER, failures
