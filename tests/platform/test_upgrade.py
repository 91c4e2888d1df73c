"""A platform database made before contract 1.1 opens, and what it holds is compared canonically and kept apart."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests import factories
from tests.platform.conftest import Client, completion, start

# The tables as the platform made them before accounts and canonical keys were kept.
_BEFORE = """
CREATE TABLE accepted (seq INTEGER PRIMARY KEY, record_id TEXT NOT NULL, version INTEGER NOT NULL, kind TEXT NOT NULL,
    op TEXT NOT NULL, content_hash TEXT NOT NULL, platform_ref TEXT NOT NULL, accepted_at TEXT NOT NULL, id_number TEXT,
    certificate_no TEXT, vehicle_class TEXT, qualification TEXT, UNIQUE (record_id, version));
CREATE TABLE batches (batch_id TEXT PRIMARY KEY, body_hash TEXT NOT NULL, result TEXT NOT NULL);
CREATE TABLE qualifications (seq INTEGER PRIMARY KEY, id_number TEXT NOT NULL, body TEXT NOT NULL);
"""


def test_an_old_lower_case_certificate_number_still_belongs_to_its_holder(tmp_path: Path) -> None:
    db = tmp_path / "platform.db"
    holder = factories.id_number(seq=700)
    with sqlite3.connect(db) as old:
        old.executescript(_BEFORE)
        old.execute(
            "INSERT INTO accepted VALUES (1, '0b6f1c1c-0000-4000-8000-000000000001', 1, 'training_completion', 'upsert',"
            " 'hash', 'JL202601010000000001', '2026-01-01T09:00:00.000+08:00', ?, 'jl-b2-old-1', 'B2', NULL)",
            (holder,),
        )
        old.execute(
            "INSERT INTO qualifications (id_number, body) VALUES (?, ?)",
            (holder, f'{{"certificate_no": "{holder}", "category": "freight", "id_number": "{holder}", "name": "张三",'
                     ' "issued_on": "2024-03-01", "valid_until": "2030-03-01", "status": "valid"}'),
        )
    platform = start(db)
    try:
        client = Client(platform.url)
        assert client.login().status_code == 200
        someone_else = completion(certificate_no="JL-B2-OLD-1", id_number=factories.id_number(seq=701))
        [result] = client.send(someone_else)
        assert [e["code"] for e in result["errors"]] == ["duplicate_certificate_no"]
        [held] = client.get("/qualifications", id_number=holder).json()["items"]
        assert held["first_issued_on"] == "2024-03-01"  # a certificate from before 1.1: its issue date was the first
        # A record of unknown owner stays readable, as it was before accounts were kept.
        assert client.get("/records/0b6f1c1c-0000-4000-8000-000000000001").status_code == 200
    finally:
        platform.close()
