"""Whether a database file is exactly one of ours: the checks a restore runs on its quarantined copy.

A restore used to accept any SQLite file with three familiar table names. A
file made elsewhere can carry its own triggers (copying every saved payload
into a hidden table), lack our append-only triggers, or miss columns, and once
it replaced the database every later command failed or obeyed that file. So a
candidate must pass ``PRAGMA integrity_check``, be at a schema revision this
program knows, and carry exactly the schema our migrations make at that
revision: its ``sqlite_master`` (tables, columns, indexes, triggers, views,
with their SQL, compared without layout differences) is compared with that of
a fresh file migrated to the same revision, and anything extra or missing
refuses it. After the checks the
triggers are dropped and made again from that reference.
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from local_db.errors import DatabaseProblem
from local_db.sqlite_files import DB_DATABASE_ERRORS, Connection, connect, connect_read_only

SchemaRow = tuple[str, str, str, str | None]  # type, name, tbl_name, sql


class BackupRejected(DatabaseProblem):
    def __init__(self, reason_zh: str, reason_en: str) -> None:
        super().__init__(
            "backup_rejected",
            f"该备份文件不能用于恢复：{reason_zh}。现有数据库没有被改动。",
            f"This backup cannot be restored: {reason_en}. The current database was not touched.",
        )


def integrity_problems(path: Path, *, key: bytes | None) -> list[str]:
    """The full PRAGMA integrity_check of the file at ``path`` (keyed with ``key``); [] means sound."""
    try:
        connection = connect_read_only(path, key=key)
        try:
            rows = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
        finally:
            connection.close()
    except DB_DATABASE_ERRORS as error:
        return [str(error)]
    return [] if rows == ["ok"] else rows


def check_candidate(path: Path, *, key: bytes | None) -> str:
    """Raise BackupRejected unless the (quarantined) file at ``path`` is ours; returns its schema revision."""
    if integrity_problems(path, key=key):
        raise BackupRejected("完整性检查未通过，或无法读取", "it fails the integrity check or cannot be read")
    try:
        connection = connect_read_only(path, key=key)
        try:
            schema = _schema(connection)
            names = {row[1] for row in schema if row[0] == "table"}
            revision = None
            if "alembic_version" in names:
                found = connection.execute("SELECT version_num FROM alembic_version").fetchall()
                revision = str(found[0][0]) if len(found) == 1 else None
        finally:
            connection.close()
    except DB_DATABASE_ERRORS as error:
        raise BackupRejected(f"无法读取（{error}）", f"it cannot be read ({error})") from error
    if revision is None:
        raise BackupRejected("不是本程序的数据库", "it is not this program's database")
    if revision not in _known_revisions():
        raise BackupRejected(
            f"其架构版本 {revision} 不是本程序认识的版本", f"its schema revision {revision} is not one this program knows"
        )
    extra, missing = _differences(schema, revision)
    if extra or missing:
        zh = "；".join(part for part in (_listed("多出", extra), _listed("缺少", missing)) if part)
        en = "; ".join(part for part in (_listed("extra", extra), _listed("missing", missing)) if part)
        raise BackupRejected(f"结构与本程序的数据库不一致（{zh}）", f"its structure differs from this program's ({en})")
    return revision


def _differences(schema: frozenset[SchemaRow], revision: str) -> tuple[list[str], list[str]]:
    reference = reference_schema(revision)
    extra = sorted(f"{row[0]} {row[1]}" for row in schema - reference)
    missing = sorted(f"{row[0]} {row[1]}" for row in reference - schema)
    return extra, missing


def schema_differences(path: Path, revision: str, *, key: bytes | None) -> tuple[list[str], list[str]]:
    """(extra, missing) tables, columns, indexes, triggers and views of the file at ``path`` against a fresh file
    migrated to ``revision``: a trigger dropped (or one added) in the live database is found by ``check``."""
    connection = connect_read_only(path, key=key)
    try:
        schema = _schema(connection)
    finally:
        connection.close()
    return _differences(schema, revision)


def _listed(label: str, items: list[str]) -> str:
    if not items:
        return ""
    shown = ", ".join(items[:5]) + (f" … (+{len(items) - 5})" if len(items) > 5 else "")
    return f"{label}: {shown}"


def rebuild_triggers(path: Path, revision: str, *, key: bytes | None) -> None:
    """Drop every trigger in the file at ``path`` and create ours for ``revision`` again, in one transaction."""
    ours = _reference_trigger_sql(revision)
    connection = connect(path, key=key)
    connection.isolation_level = None
    try:
        connection.execute("BEGIN IMMEDIATE")
        try:
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
                connection.execute(f'DROP TRIGGER "{name.replace(chr(34), chr(34) * 2)}"')
            for sql in ours:
                connection.execute(sql)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    finally:
        connection.close()


_references: dict[str, frozenset[SchemaRow]] = {}
_trigger_sql: dict[str, list[str]] = {}


def reference_schema(revision: str) -> frozenset[SchemaRow]:
    """``sqlite_master`` of a fresh file migrated to ``revision`` by our migrations (made once per process)."""
    if revision not in _references:
        from local_db import migrate
        from local_db.engine import make_engine

        with tempfile.TemporaryDirectory(prefix="clerk-reference-") as folder:
            path = Path(folder) / "reference.sqlite3"
            engine = make_engine(path, key=None)  # the schema alone, no personal data: a plaintext scratch file
            try:
                migrate.upgrade(engine, path, Path(folder) / "backups", key=None, target=revision)
            finally:
                engine.dispose()
            connection = connect_read_only(path, key=None)
            try:
                _references[revision] = _schema(connection)
                _trigger_sql[revision] = [
                    str(row[0])
                    for row in connection.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
                ]
            finally:
                connection.close()
    return _references[revision]


def _reference_trigger_sql(revision: str) -> list[str]:
    """Our triggers' CREATE statements at ``revision``, exactly as the migrations wrote them."""
    reference_schema(revision)
    return _trigger_sql[revision]


def _known_revisions() -> set[str]:
    from local_db.migrate import SCRIPT_LOCATION

    return {path.name.split("_", 1)[0] for path in (SCRIPT_LOCATION / "versions").glob("[0-9][0-9][0-9][0-9]_*.py")}


def _schema(connection: Connection) -> frozenset[SchemaRow]:
    rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return frozenset((str(t), str(n), str(tb), None if s is None else _normalised(str(s))) for t, n, tb, s in rows)


def _normalised(sql: str) -> str:
    """The SQL without differences of layout only (spacing, quotes around one-word names), which
    another SQLAlchemy release may render differently for the same migration; every word and symbol stays."""
    sql = re.sub(r"\s+", " ", re.sub(r'"(\w+)"|`(\w+)`', lambda m: m.group(1) or m.group(2), sql)).strip()
    return re.sub(r" ?([(),;]) ?", r"\1", sql)


BASELINE_REVISION = "0010"  # from this revision on, operators and settings are chained events (local_db.verification)


@dataclass(frozen=True)
class CandidateState:
    """What a restore shows about a quarantined candidate: its operators and settings, and whether it is verified."""

    revision: str
    verified: bool  # False: written before operators and settings were chained; shown for confirmation instead
    training: bool
    operators: list[dict[str, object]]
    settings: dict[str, object]


def verify_candidate(path: Path, revision: str, *, key: bytes | None) -> CandidateState:
    """The same proof ``check`` makes, on a restore's quarantined candidate (at ``revision``, already structurally
    ours): from the baseline revision on, its audit chain and every table derived from it must hold, else
    BackupRejected. Older files cannot be proven: their operators and settings are returned to be shown."""
    from sqlalchemy.orm import Session

    from local_db import audit, verification
    from local_db.engine import make_engine

    engine = make_engine(path, key=key, write=False)
    try:
        with Session(engine) as session:
            operators = [
                {"operator_id": row.operator_id, "name": row.name, "role": row.role, "active": bool(row.active)}
                for row in session.execute(text("SELECT operator_id, name, role, active FROM operators ORDER BY operator_id"))
            ]
            settings = {str(k): _shown_value(str(v)) for k, v in session.execute(text("SELECT key, value FROM settings"))}
            verified = revision >= BASELINE_REVISION
            if verified:
                found = audit.verify(session) + verification.verify_tables(session)
                if found:
                    shown = "; ".join(problem.message("en") for problem in found[:3])
                    shown_zh = "；".join(problem.message("zh") for problem in found[:3])
                    raise BackupRejected(f"它的内容与其审计记录不一致（{shown_zh}）", f"its contents differ from its audit trail ({shown})")
    finally:
        engine.dispose()
    training = settings.get("mode.training") is True
    return CandidateState(revision, verified, training, operators, settings)


def _shown_value(value: str) -> object:
    try:
        return json.loads(value)
    except ValueError:
        return value
