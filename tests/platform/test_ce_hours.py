"""``GET /ce-hours``: a person's accepted CE entries across the province, as the counter needs them for the cycle total."""

from __future__ import annotations

from typing import Any

from tests import factories
from tests.platform.conftest import Client, record


def _session(day: str, hours: float = 4) -> dict[str, Any]:
    return {"course": "道路运输安全法规", "hours": hours, "mode": "offline", "start_date": day, "end_date": day}


def test_only_the_newest_accepted_version_of_each_entry_counts_oldest_session_first(client: Client) -> None:
    person = factories.id_number(seq=640)
    entry: dict[str, Any] = {"id_number": person, "qualification_cert_no": person}
    later = record("ce_hours", sessions=[_session(factories.days_ago(10))], **entry)
    corrected = record("ce_hours", sessions=[_session(factories.days_ago(40))], **entry)
    voided = record("ce_hours", sessions=[_session(factories.days_ago(20))], **entry)
    passenger = record("ce_hours", category="passenger", sessions=[_session(factories.days_ago(30))], **entry)
    assert {r["status"] for r in client.send(later, corrected, voided, passenger)} == {"accepted"}
    fixed = record("ce_hours", record_id=corrected["record_id"], version=2, sessions=[_session(factories.days_ago(50), 6)], **entry)
    gone = record("ce_hours", record_id=voided["record_id"], version=2, op="void", **entry)
    assert {r["status"] for r in client.send(fixed, gone)} == {"accepted"}

    items = client.get("/ce-hours", id_number=person).json()["items"]
    assert [(i["record_id"], i["category"]) for i in items] == [
        (corrected["record_id"], "freight"), (passenger["record_id"], "passenger"), (later["record_id"], "freight")]
    assert items[0]["sessions"] == fixed["payload"]["sessions"]  # the correction, not version 1
    assert all(i["institution_code"] == "JLCE0001" and i["accepted_at"] for i in items)
    freight = client.get("/ce-hours", id_number=person, category="freight").json()["items"]
    assert [i["record_id"] for i in freight] == [corrected["record_id"], later["record_id"]]
    assert client.get("/ce-hours", id_number=factories.id_number(seq=641)).json() == {"items": []}
    assert client.get("/ce-hours", id_number="12345").status_code == 400
