"""Many rows into one table through the driver's ``executemany``, without SQLAlchemy's per-row work.

An import writes tens of thousands of rows to four tables in one transaction.
Handed a list of dicts, SQLAlchemy processes every row's parameters in Python
before SQLite sees them, and that costs more than storing them; here the
statement text is built once per table and column list and the values go to
the driver as tuples, in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session


def insert_rows(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """INSERT every row (all with the same keys, which must be columns of ``table``), in order."""
    if not rows:
        return
    columns = tuple(rows[0])
    values = [tuple(row[column] for column in columns) for row in rows]
    session.connection().exec_driver_sql(_insert_sql(table, columns), values)


@cache
def _insert_sql(table: Table, columns: tuple[str, ...]) -> str:
    unknown = [column for column in columns if column not in table.c]
    if unknown:
        raise ValueError(f"{table.name} has no column {unknown}")
    return f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
