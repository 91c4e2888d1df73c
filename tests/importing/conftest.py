"""The import service over a fresh database whose registry holds the test driving school."""

from __future__ import annotations

import pytest

from clerk_app.importing.service import ImportService
from local_db.database import Database


@pytest.fixture
def importer(db: Database, records: object) -> ImportService:
    return ImportService(db)
