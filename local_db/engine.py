"""The SQLAlchemy engine for the window's SQLite file, set up so that a save is durable.

Every connection runs in WAL mode with ``synchronous=FULL`` (a committed save
survives a power cut) and foreign keys on. pysqlite's own transaction handling
is switched off and we emit ``BEGIN`` ourselves, so that a transaction really
covers everything in it, DDL included (Alembic migrations rely on this), and
writers take the write lock up front (``BEGIN IMMEDIATE``) instead of failing
half-way with "database is locked".
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event

from local_db.sqlite_files import engine_url

BUSY_TIMEOUT_MS = 5000


def make_engine(db_path: Path | str, *, write: bool = True) -> Engine:
    """An engine on ``db_path``; ``write=False`` gives a reader that never blocks the writer."""
    engine = create_engine(engine_url(Path(db_path)))  # never a URL string: "#" or "?" in the path would cut it
    begin_sql = "BEGIN IMMEDIATE" if write else "BEGIN"

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if write:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql(begin_sql)

    return engine
