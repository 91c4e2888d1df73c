"""The settings' storage: the only code that reads and writes ``settings``.

Each setting is one row, its value as JSON. Which keys exist, their defaults
and how typed text becomes a value are decided by ``clerk_app.services.settings``;
this module stores what it is given and writes the change's audit row (old and
new value) in the caller's transaction. Absent keys are simply left out of
what is returned, so the caller applies its defaults.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from local_db import audit
from local_db.errors import DatabaseProblem
from local_db.models import Setting, table_of

# Not a setting anyone types: marks the training database (``clerk-app --training``), where nobody must prove who they are.
TRAINING_KEY = "mode.training"
_SETTINGS = table_of(Setting)
_SOME = select(_SETTINGS.c.key, _SETTINGS.c.value).where(_SETTINGS.c.key.in_(bindparam("keys", expanding=True)))
_ALL = select(_SETTINGS.c.key, _SETTINGS.c.value)
_PUT = sqlite_insert(_SETTINGS)
_PUT = _PUT.on_conflict_do_update(index_elements=["key"], set_={"value": _PUT.excluded.value})


class SettingUnreadable(DatabaseProblem):
    """A stored setting that is not a value this program could have written: named, never an exit 70."""

    def __init__(self, key: str, hint_zh: str = "不是有效的值", hint_en: str = "it is not a valid value") -> None:
        super().__init__(
            "setting_unreadable",
            f"设置 {key} 在数据库中的值无法使用（{hint_zh}），可能被直接改动过。请负责人用 config set {key} … 重新设置，"
            "并运行 check 核对。",
            f"The stored value of setting {key} cannot be used ({hint_en}); it may have been changed in the file. "
            f"A supervisor sets it again with config set {key} …, then runs check.",
        )
        self.key = key


def _decoded(key: str, value: str) -> Any:
    try:
        return json.loads(value)
    except (ValueError, TypeError):
        raise SettingUnreadable(key, "不是 JSON", "it is not JSON") from None


def values_of(session: Session, keys: Sequence[str]) -> dict[str, Any]:
    """Stored values of ``keys`` (absent keys are left out), read in the caller's transaction.

    A value that is not JSON raises ``SettingUnreadable`` naming its key."""
    rows = session.connection().execute(_SOME, {"keys": list(keys)})
    return {key: _decoded(key, value) for key, value in rows}


def all_values(session: Session) -> dict[str, Any]:
    """Every stored setting (absent keys are left out); ``SettingUnreadable`` for one that is not JSON."""
    return {key: _decoded(key, value) for key, value in session.connection().execute(_ALL)}


def put(session: Session, key: str, value: Any, *, old: Any, at: str, operator: str) -> None:
    """Store ``value`` under ``key`` and audit the change from ``old``, in the caller's transaction."""
    session.connection().execute(_PUT, {"key": key, "value": json.dumps(value, ensure_ascii=False)})
    audit.append(
        session,
        at=at,
        operator=operator,
        action="settings_change",
        detail={"key": key, "old": old, "new": value},
    )
