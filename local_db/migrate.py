"""Bring a database file to the newest schema, safely.

Before the first step runs, the file is copied (SQLite backup API) next to the
daily backups, so a migration that goes wrong can be undone by ``restore``.
Each step commits together with its version bump; a step that fails rolls back
and leaves the file at the previous revision. A file written by a newer program
(a revision this program does not know) is refused, never "upgraded".

Every start asks whether the file is at the newest revision. That answer comes
from the migration files' names and one SELECT, so Alembic (and the Mako and
Pygments it pulls in) is imported only when there is something to migrate.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from local_db.backup import copy_database
from local_db.errors import DatabaseProblem

if TYPE_CHECKING:
    from alembic.config import Config

SCRIPT_LOCATION = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version"


class NewerSchemaError(DatabaseProblem):
    def __init__(self, revision: str) -> None:
        super().__init__(
            "db_newer_schema",
            f"此数据库由更新版本的窗口程序写入（架构版本 {revision}），本程序不能打开，以免损坏数据。请安装最新版本的窗口程序。",
            f"This database was written by a newer version of the program (schema {revision}); "
            "this version will not open it. Install the latest version.",
        )


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    return config


def head_revision() -> str:
    """The newest revision: migrations are ``NNNN_what.py`` with revision NNNN, each revising the one before
    (``tests/db/test_storage.py`` holds Alembic's own view of the head to this)."""
    return max(path.name.split("_", 1)[0] for path in (SCRIPT_LOCATION / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table(VERSION_TABLE):
            return None
        revision = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
        return str(revision) if revision is not None else None


def upgrade(engine: Engine, db_path: Path, backup_dir: Path, *, key: bytes | None, target: str = "head") -> Path | None:
    """Migrate to ``target``; returns the pre-migration copy made (keyed with ``key``, as the file), if any."""
    from alembic import command
    from alembic.script import ScriptDirectory

    current = current_revision(engine)
    script = ScriptDirectory.from_config(_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise NewerSchemaError(current)
    wanted = script.get_current_head() if target == "head" else target
    if current == wanted:
        return None
    copy = None
    if current is not None:
        copy = copy_database(db_path, backup_dir, f"pre-migration-{current}", key=key)
    config = _config()
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)
    return copy
