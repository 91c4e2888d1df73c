"""The window's operators' storage: the only code that reads and writes ``operators``.

Who may do what (roles, the first supervisor, password length) is decided by
``clerk_app.services.operators``; this module keeps the rows, hands them back
as plain ``OperatorInfo`` values and writes the audit row of each change in the
caller's transaction, with the SHA-256 of the password hash (never the hash), so
``check`` can replay the operators from the trail (``local_db.verification``). The password hash leaves this module only through
``password_hash_of``, so no listing or JSON can carry it by accident.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Row, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from clerk_app.domain.operator_ids import operator_key
from local_db import audit
from local_db.models import Operator, Setting, table_of
from local_db.settings_store import TRAINING_KEY
from local_db.sqlite_files import connect_read_only
from local_db.verification import password_digest


@dataclass(frozen=True)
class OperatorInfo:
    operator_id: str
    name: str
    role: str
    active: bool
    has_password: bool


_OPERATORS = table_of(Operator)
_INFO_COLUMNS = select(
    _OPERATORS.c.operator_id,
    _OPERATORS.c.name,
    _OPERATORS.c.role,
    _OPERATORS.c.active,
    _OPERATORS.c.password_hash.is_not(None),
)
# Operator IDs compare by ``operator_key`` everywhere (``Boss``, "boss " and ``ｂｏｓｓ`` are the supervisor ``boss``):
# a typed ID is first resolved to the ID as registered (``registered_id``), then matched exactly.
_SAME_ID = _OPERATORS.c.operator_id == bindparam("operator_id")
_SAME_KEY = _OPERATORS.c.operator_id == bindparam("key")  # in UPDATEs (column names are taken)
_IDS = select(_OPERATORS.c.operator_id)
_ONE = _INFO_COLUMNS.where(_SAME_ID)
_ALL = _INFO_COLUMNS.order_by(_OPERATORS.c.operator_id)
_COUNT = select(func.count()).select_from(_OPERATORS)
_ACTIVE_SUPERVISORS = _COUNT.where(_OPERATORS.c.role == "supervisor", _OPERATORS.c.active)
_PASSWORD_HASH = select(_OPERATORS.c.password_hash).where(_SAME_ID)
_INSERT = insert(_OPERATORS)
# (active supervisors, this operator's role if active, the training marker): the write gate of every service.
_SETTINGS = table_of(Setting)
_GATE = select(
    _ACTIVE_SUPERVISORS.scalar_subquery(),
    select(_OPERATORS.c.role).where(_SAME_ID, _OPERATORS.c.active).scalar_subquery(),
    select(_SETTINGS.c.value).where(_SETTINGS.c.key == TRAINING_KEY).scalar_subquery(),
)


@dataclass(frozen=True)
class Gate:
    """What the services ask before any write: is there a supervisor yet, who is this, is this the training file."""

    supervisors: int
    role: str | None  # None: unknown or disabled
    training: bool


def registered_id(session: Session, typed: str) -> str | None:
    """The ID as registered of the operator ``typed`` names (compared by ``operator_key``), or None."""
    key = operator_key(typed)
    for (stored,) in session.connection().execute(_IDS):
        if operator_key(stored) == key:
            return str(stored)
    return None


def get(session: Session, operator_id: str) -> OperatorInfo | None:
    stored = registered_id(session, operator_id)
    row = session.connection().execute(_ONE, {"operator_id": stored}).first() if stored is not None else None
    return _info(row) if row else None


def all_operators(session: Session) -> list[OperatorInfo]:
    """Every operator, ordered by ID."""
    return [_info(row) for row in session.connection().execute(_ALL)]


def count(session: Session) -> int:
    return int(session.connection().execute(_COUNT).scalar_one())


def active_supervisor_count(session: Session) -> int:
    return int(session.connection().execute(_ACTIVE_SUPERVISORS).scalar_one())


def password_hash_of(session: Session, operator_id: str) -> str | None:
    """The stored scrypt hash of an operator (None without a password or without the operator)."""
    stored = registered_id(session, operator_id)
    if stored is None:
        return None
    value: str | None = session.connection().execute(_PASSWORD_HASH, {"operator_id": stored}).scalar()
    return value


def gate(session: Session, operator_id: str) -> Gate:
    """The write gate for ``operator_id``, in one query in the caller's transaction."""
    stored = registered_id(session, operator_id) if operator_id else None
    supervisors, role, training = session.connection().execute(_GATE, {"operator_id": stored}).one()
    return Gate(int(supervisors), None if role is None else str(role), training == "true")


def supervisor_hash_in_file(path: Path, operator_id: str, *, key: bytes) -> str | None:
    """The password hash of ``operator_id`` if an active supervisor of the database FILE at ``path`` (a restore's candidate)."""
    connection = connect_read_only(path, key=key)
    try:
        rows = connection.execute(
            "SELECT operator_id, password_hash FROM operators WHERE role = 'supervisor' AND active"
        ).fetchall()
    finally:
        connection.close()
    wanted = operator_key(operator_id)
    found = [digest for stored, digest in rows if operator_key(str(stored)) == wanted and digest]
    return str(found[0]) if found else None


def add(
    session: Session,
    operator_id: str,
    name: str,
    role: str,
    password_hash: str | None,
    *,
    at: str,
    acting: str,
) -> OperatorInfo:
    """Store a new, active operator (the caller has checked it) with its audit row."""
    session.connection().execute(
        _INSERT,
        {
            "operator_id": operator_id,
            "name": name,
            "role": role,
            "password_hash": password_hash,
            "active": True,
            "created_at": at,
        },
    )
    audit.append(
        session,
        at=at,
        operator=acting,
        action="operator_add",
        detail={"operator_id": operator_id, "name": name, "role": role, "password_sha256": password_digest(password_hash)},
    )
    return OperatorInfo(operator_id, name, role, True, password_hash is not None)


def set_active(session: Session, operator_id: str, active: bool, *, at: str, acting: str) -> None:
    """Enable or disable an operator (the caller has checked it may), with its audit row."""
    session.connection().execute(update(_OPERATORS).where(_SAME_KEY).values(active=active), {"key": operator_id})
    audit.append(
        session, at=at, operator=acting, action="operator_enable" if active else "operator_disable",
        detail={"operator_id": operator_id},
    )


def set_password_hash(session: Session, operator_id: str, password_hash: str, *, at: str, acting: str) -> None:
    """Replace an operator's password hash (a supervisor's reset), with its audit row (which never holds the hash)."""
    session.connection().execute(
        update(_OPERATORS).where(_SAME_KEY).values(password_hash=password_hash), {"key": operator_id}
    )
    detail = {"operator_id": operator_id, "password_sha256": password_digest(password_hash)}  # a digest, never the hash
    audit.append(session, at=at, operator=acting, action="operator_password_reset", detail=detail)


def _info(row: Row[str, str, str, bool, bool]) -> OperatorInfo:
    operator_id, name, role, active, has_password = row
    return OperatorInfo(operator_id, name, role, bool(active), bool(has_password))
