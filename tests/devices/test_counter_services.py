"""What the counter keeps: which fields came from a card (never the address or photo), and a certificate found by its QR."""

from __future__ import annotations

import json

from clerk_app.services.certificate_check import CertificateCheckService
from clerk_app.services.platform import PlatformService
from clerk_app.services.records import RecordService
from local_db import platform_cache
from local_db.database import Database
from tests import factories


def test_the_fields_read_from_a_card_are_kept_with_the_version_and_its_audit(records: RecordService) -> None:
    payload = factories.qualification_application()
    saved = records.add("qualification_application", payload, operator="clerk01", from_card=["name", "id_number", "licence_no", "address"])
    assert saved.ok, saved.errors
    detail = records.get(saved.receipt_no or "")
    assert detail is not None
    assert detail.versions[0].from_card == ("id_number", "licence_no", "name")  # what a card may fill, nothing else
    assert detail.audit[0].detail["from_card"] == ["id_number", "licence_no", "name"]
    assert "address" not in json.dumps(detail.as_dict(), ensure_ascii=False)
    corrected = records.correct(saved.record_id or "", payload | {"licence_class": "A2"}, operator="clerk01", reason="准驾车型录错")
    assert corrected.ok, corrected.errors
    detail = records.get(saved.record_id or "")
    assert detail is not None and detail.versions[1].from_card == ()  # typed by hand this time


def test_a_certificate_found_by_its_number_from_what_the_window_kept(db: Database, records: RecordService) -> None:
    holder = factories.id_number(seq=777)
    certificate = {
        "certificate_no": "JL2026000777", "category": "freight", "name": "赵持证", "id_number": holder,
        "first_issued_on": "2024-03-01", "issued_on": "2024-03-01", "valid_until": "2030-03-01", "status": "valid",
        "verify_url": "https://pt.example/verify/JL2026000777/Zq81xK",
    }
    with db.write() as session:
        platform_cache.save_qualifications(session, [certificate], at="2026-12-01T09:00:00+08:00")
    service = CertificateCheckService(db, PlatformService(db, operator="clerk01"))
    found = service.check("JL2026000777", "Zq81xK")
    assert found.certificate is not None and found.certificate["name"] == "赵持证"
    assert found.online is False and found.code_matches is True
    assert found.standing is not None and found.standing.first_issued_on is not None
    assert service.check("JL2026000777", "forged").code_matches is False
    assert service.check("JL0000000000").certificate is None
