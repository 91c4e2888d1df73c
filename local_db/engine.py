"""The SQLAlchemy engine for the window's SQLite file, set up so that a save is durable.

Connections are SQLCipher ones made by ``sqlite_files.connect`` (``creator=``):
the key is given first thing on each connection and never sits in a URL.
Every connection runs in WAL mode with ``synchronous=FULL`` (a committed save
survives a power cut) and foreign keys on. pysqlite's own transaction handling
is switched off and we emit ``BEGIN`` ourselves, so that a transaction really
covers everything in it, DDL included (Alembic migrations rely on this), and
writers take the write lock up front (``BEGIN IMMEDIATE``) instead of failing
half-way with "database is locked".
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event

from local_db import sqlite_files
from local_db.sqlite_files import engine_url

BUSY_TIMEOUT_MS = 5000


def make_engine(db_path: Path | str, *, key: bytes | None, write: bool = True) -> Engine:
    """An engine on ``db_path`` keyed with ``key``; ``write=False`` gives a reader that never blocks the writer."""
    path = Path(db_path)

    def creator() -> sqlite_files.Connection:
        return sqlite_files.connect(path, key=key, check_same_thread=False)

    # The URL (an object: "#" or "?" in the path cannot cut it) only picks the dialect and a file's pool.
    engine = create_engine(engine_url(path), module=sqlite_files.dbapi, creator=creator)
    begin_sql = "BEGIN IMMEDIATE" if write else "BEGIN"

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite_files.Connection, _record: object) -> None:
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
