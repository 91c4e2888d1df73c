"""Printing fixtures: the print service on the test database, and a realistic issued certificate."""

from __future__ import annotations

from typing import Any

import pytest

from clerk_app.printing.service import PrintService
from clerk_app.services.records import RecordService
from local_db.database import Database
from tests import factories


@pytest.fixture
def printing(db: Database, records: RecordService, supervisor: tuple[str, str]) -> PrintService:
    """The print service on a window where clerk01, clerk02 and the supervisor boss are registered."""
    return PrintService(db)


def qualification(**overrides: Any) -> dict[str, Any]:
    """A certificate as the platform's ``Qualification`` (contract 1.2) describes it (fictitious): a first issue, so
    ``valid_from`` is its ``issued_on``."""
    number = overrides.pop("certificate_no", "JL2201202611000123")
    value = {
        "certificate_no": number,
        "category": "freight",
        "name": "张三",
        "id_number": factories.id_number(),
        "issued_on": "2026-11-20",
        "valid_from": "2026-11-20",
        "valid_until": "2032-11-19",
        "status": "valid",
        "verify_url": f"https://cyzg.jt.jl.example.cn/verify?no={number}",
    }
    value.update(overrides)
    return value
