"""Each record is judged on its own with the contract's codes; neighbours of a bad record are still accepted."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest

from clerk_app import clock
from clerk_app.domain.dates import add_years
from sync.reference_platform import ReferencePlatform
from tests import factories
from tests.platform.conftest import Client, completion, record


def _rejected(client: Client, bad: dict[str, Any]) -> list[dict[str, Any]]:
    """Send ``bad`` between two good records; the bad one's errors (the neighbours must be accepted)."""
    before, after = completion(), record("transition_case")
    results = client.send(before, bad, after)
    assert [r["record_id"] for r in results] == [before["record_id"], bad["record_id"], after["record_id"]]
    assert results[0]["status"] == results[2]["status"] == "accepted", results
    assert results[1]["status"] == "rejected", results[1]
    errors: list[dict[str, Any]] = results[1]["errors"]
    assert all(e["message"] and any("\u4e00" <= ch <= "\u9fff" for ch in e["message"]) for e in errors), errors
    return errors


def _codes(client: Client, bad: dict[str, Any]) -> set[str]:
    return {e["code"] for e in _rejected(client, bad)}


def _tomorrow() -> str:
    return (clock.today() + timedelta(days=2)).isoformat()


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        (lambda: completion(name=None), "schema_violation"),
        (lambda: completion(vehicle_class="C1"), "schema_violation"),
        (lambda: record("transition_case", id_number="220102198503121231"), "invalid_id_number"),
        (lambda: completion(institution_code="JLDT9999"), "unknown_institution"),
        (lambda: completion(institution_code="JLDT0004"), "institution_not_qualified"),  # C1/C2 only
        (lambda: completion(institution_code="JLCE0001"), "institution_not_qualified"),  # not a driving school
        (lambda: record("ce_hours", institution_code="JLCE0008"), "institution_not_filed"),
        (lambda: record("ce_hours", institution_code="JLDT0001"), "institution_not_filed"),  # not a CE institution
        (lambda: completion(institution_code="JLDT0013"), "institution_revoked"),  # revoked
        (lambda: completion(institution_code="JLDT0009", vehicle_class="B2"), "institution_inactive"),  # suspended (1.2)
        (lambda: record("ce_hours", institution_code="JLCE0009"), "institution_inactive"),  # suspended (1.2)
        (lambda: completion(training_start=factories.days_ago(5), training_end=factories.days_ago(8)), "date_out_of_range"),
        (lambda: completion(assessment_date=_tomorrow()), "date_out_of_range"),
        (lambda: record("ce_hours", sessions=[{"course": "法规", "hours": 2, "mode": "offline",
                                               "start_date": _tomorrow(), "end_date": _tomorrow()}]), "date_out_of_range"),
        (lambda: record("ce_hours", sessions=[{"course": "法规", "hours": 25, "mode": "offline",
                                               "start_date": factories.days_ago(3), "end_date": factories.days_ago(3)}]),
         "hours_out_of_range"),
        (lambda: record("transition_case", op="void"), "not_found"),
        (lambda: record("qualification_application", completion_certificate_no="JL-NOPE-1"), "no_matching_completion"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_bad_record_gets_its_code_and_its_neighbours_are_accepted(client: Client, bad: Any, code: str) -> None:
    assert code in _codes(client, bad())


def test_a_completion_certificate_number_belongs_to_one_record(client: Client) -> None:
    first = completion(certificate_no="JL-B2-UNIQUE-1")
    assert client.send(first)[0]["status"] == "accepted"
    other_person = completion(certificate_no="JL-B2-UNIQUE-1", id_number=factories.id_number(seq=321))
    assert _codes(client, other_person) == {"duplicate_certificate_no"}
    # A correction of the same record keeps its own number.
    assert client.send(record("training_completion", record_id=first["record_id"], version=2,
                              certificate_no="JL-B2-UNIQUE-1", name="张叁"))[0]["status"] == "accepted"
    # Once that record is voided, the number is free again.
    void = record("training_completion", record_id=first["record_id"], version=3, op="void", certificate_no="JL-B2-UNIQUE-1")
    assert client.send(void)[0]["status"] == "accepted"
    assert client.send(other_person)[0]["status"] == "accepted"


def test_an_application_matching_a_completion_is_issued_a_six_year_certificate(client: Client, platform: ReferencePlatform) -> None:
    person = factories.id_number(seq=555)
    trained = completion(id_number=person, certificate_no="JL-A2-2026-0555", vehicle_class="A2")
    applied = record("qualification_application", id_number=person, licence_no=person, licence_class="A2",
                     completion_certificate_no="JL-A2-2026-0555")
    results = client.send(trained, applied)  # in one batch: judged in order, the completion first
    assert [r["status"] for r in results] == ["accepted", "accepted"]
    issued = results[1]["qualification"]
    today = clock.today()  # the platform judges in China Standard Time
    assert issued["certificate_no"] == issued["id_number"] == person
    assert issued["category"] == "freight" and issued["status"] == "valid" and issued["name"] == "张三"
    assert issued["issued_on"] == issued["first_issued_on"] == today.isoformat()
    assert issued["valid_until"] == add_years(today, 6).isoformat()
    assert issued["verify_url"].startswith(platform.url)
    page = client.session.get(issued["verify_url"], timeout=10)
    # 1.2: the link carries a random code; the page masks the name and the number; a link made from the number alone
    # (or with another code) reveals nothing (issue 23 item 18).
    assert page.status_code == 200 and "<td>张*</td>" in page.text and "张三" not in page.text and person not in page.text
    for guessed in (f"{platform.url}/verify/{person}", issued["verify_url"][:-3] + "abc"):
        answer = client.session.get(guessed, timeout=10)
        assert answer.status_code == 404 and "张" not in answer.text
    listed = client.get("/qualifications", id_number=person).json()["items"]
    assert listed == [issued]
    # A reissue (lost paper) is a new paper of the same certificate: listed newest first, validity kept.
    reissue = record("qualification_application", id_number=person, licence_no=person, licence_class="A2",
                     kind_of_request="reissue", previous_certificate_no=person.lower())
    again = client.send(reissue)[0]["qualification"]
    assert again["valid_until"] == issued["valid_until"] and again["first_issued_on"] == issued["first_issued_on"]
    assert again["valid_from"] == issued["valid_from"] == today.isoformat()
    assert (issued["paper_no"], again["paper_no"]) == (1, 2) and again["verify_url"] == issued["verify_url"]
    # One certificate, listed once with its present paper (1.2): the lost paper is no longer offered.
    assert client.get("/qualifications", id_number=person).json()["items"] == [again]
    assert client.get("/qualifications", certificate_no=person).json()["items"] == [again]
    # Years before expiry, a renewal is refused, saying when it may be made.
    renewal = dict(reissue, record_id=str(uuid.uuid4()), payload=dict(reissue["payload"], kind_of_request="renewal"))
    assert _codes(client, renewal) == {"renewal_out_of_window"}


def test_an_application_needs_the_licence_class_of_the_completion(client: Client) -> None:
    person = factories.id_number(seq=556)
    client.send(completion(id_number=person, certificate_no="JL-B2-2026-0556", vehicle_class="B2"))
    not_covering = record("qualification_application", id_number=person, licence_class="A1",
                          completion_certificate_no="jl-b2-2026-0556")
    assert client.send(not_covering)[0]["status"] == "accepted"  # an A1 licence covers B2, and numbers compare canonically
    person = factories.id_number(seq=558)
    client.send(completion(id_number=person, certificate_no="JL-A2-2026-0558", vehicle_class="A2"))
    wrong_class = record("qualification_application", id_number=person, licence_class="A1",
                         completion_certificate_no="JL-A2-2026-0558")
    refused = _rejected(client, wrong_class)
    assert [e["code"] for e in refused] == ["licence_mismatch"]
    assert "A1" in refused[0]["message"] and "A2" in refused[0]["message"]
    someone_else = record("qualification_application", id_number=factories.id_number(seq=557),
                          completion_certificate_no="JL-B2-2026-0556")
    assert _codes(client, someone_else) == {"no_matching_completion"}


def test_versions_duplicates_conflicts_and_voids(client: Client, platform: ReferencePlatform) -> None:
    first = completion()
    accepted = client.send(first)[0]
    assert accepted["status"] == "accepted" and accepted["platform_ref"]
    # The same version again, in another batch: duplicate, with the original reference.
    assert client.send(first)[0] == {"record_id": first["record_id"], "version": 1, "status": "duplicate",
                                     "platform_ref": accepted["platform_ref"]}
    # The same version with other content is a conflict; so is an older version.
    changed = dict(first, payload=dict(first["payload"], name="李四"))
    assert _codes(client, changed) == {"version_conflict"}
    second = dict(changed, version=2, change_reason="姓名录错")
    assert client.send(second)[0]["status"] == "accepted"
    assert _codes(client, dict(first, version=1, payload=dict(first["payload"], name="王五"))) == {"version_conflict"}
    assert client.get(f"/records/{first['record_id']}").json()["version"] == 2
    void = dict(second, version=3, op="void", void_reason="重复录入", change_reason="重复录入")
    assert client.send(void)[0]["status"] == "accepted"
    now = client.get(f"/records/{first['record_id']}").json()
    assert (now["version"], now["status"]) == (3, "void")
    assert [row for row in platform.accepted_rows() if row[0] == first["record_id"]] == [
        (first["record_id"], 1), (first["record_id"], 2), (first["record_id"], 3)]
    assert client.get("/records/6f1c1c8e-0000-4000-8000-000000000000").status_code == 404


def test_records_are_answered_in_order_and_one_batch_may_carry_two_versions(client: Client) -> None:
    first = completion()
    second = dict(first, version=2, payload=dict(first["payload"], name="张叁"), change_reason="姓名录错")
    results = client.send(first, second, first)
    assert [(r["version"], r["status"]) for r in results] == [(1, "accepted"), (2, "accepted"), (1, "duplicate")]


def test_a_void_needs_a_reason(client: Client) -> None:
    first = completion()
    client.send(first)
    no_reason = dict(first, version=2, op="void", change_reason="录入错误")
    no_reason.pop("void_reason", None)
    assert _codes(client, no_reason) == {"schema_violation"}


def test_a_correction_needs_its_reason(client: Client) -> None:
    first = completion()
    client.send(first)
    unexplained = dict(first, version=2, payload=dict(first["payload"], name="张叁"))
    errors = _rejected(client, unexplained)
    assert [e["code"] for e in errors] == ["change_reason_required"] and "更正原因" in errors[0]["message"]
    assert client.send(dict(unexplained, change_reason="姓名录错，据身份证更正"))[0]["status"] == "accepted"
