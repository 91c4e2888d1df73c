"""Training mode's practice drivers: reissue and renewal can be practised, each with the outcome its driver is set up for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from clerk_app import clock
from clerk_app.domain.dates import add_years
from sync.reference_platform.practice_seed import practice_seed
from tests.platform.conftest import Client, record, start


def _application(qualification: dict[str, Any], kind_of_request: str) -> dict[str, Any]:
    return record("qualification_application", id_number=qualification["id_number"], name=qualification["name"],
                  licence_no="220100000001", licence_class="A2", completion_certificate_no=None,
                  kind_of_request=kind_of_request, previous_certificate_no=qualification["certificate_no"])


def test_practice_drivers_can_be_reissued_and_renewed_and_seeding_again_adds_nothing(tmp_path: Path) -> None:
    seed = practice_seed(clock.today())
    reissue, renewal, short = seed.qualifications
    platform = start(tmp_path / "platform.db", seed=seed)
    try:
        client = Client(platform.url)
        assert client.login().status_code == 200
        results = client.send(_application(reissue, "reissue"), _application(reissue, "renewal"),
                              _application(renewal, "renewal"), _application(short, "renewal"))
        assert [r["status"] for r in results] == ["accepted", "rejected", "accepted", "rejected"], results
        assert results[0]["qualification"]["valid_until"] == reissue["valid_until"]
        assert [e["code"] for e in results[1]["errors"]] == ["renewal_out_of_window"]
        assert results[2]["qualification"]["first_issued_on"] == renewal["first_issued_on"]
        assert results[2]["qualification"]["valid_until"] > renewal["valid_until"]
        [missing] = results[3]["errors"]
        assert missing["code"] == "ce_incomplete" and "学时" in missing["message"]
    finally:
        platform.close()
    again = start(tmp_path / "platform.db", seed=practice_seed(clock.today()))
    try:
        client = Client(again.url)
        assert client.login().status_code == 200
        assert len(client.get("/qualifications", id_number=short["id_number"]).json()["items"]) == 1
        assert len(client.get("/ce-hours", id_number=short["id_number"]).json()["items"]) == 1
    finally:
        again.close()


def test_a_certificate_past_its_validity_is_shown_expired(tmp_path: Path) -> None:
    today = clock.today()
    reissue = practice_seed(today).qualifications[0]
    later = start(tmp_path / "platform.db", seed=practice_seed(today), today=add_years(today, 4))
    try:
        client = Client(later.url)
        assert client.login().status_code == 200
        [shown] = client.get("/qualifications", id_number=reissue["id_number"]).json()["items"]
        assert shown["status"] == "expired" and shown["valid_until"] == reissue["valid_until"]
        assert (shown["valid_from"], shown["paper_no"]) == (reissue["valid_from"], 1)  # contract 1.2 fields
        # The practice certificates carry no verify link (seeded); a number alone reveals nothing (1.2).
        assert client.session.get(f"{later.url}/verify/{reissue['id_number']}", timeout=10).status_code == 404
    finally:
        later.close()
