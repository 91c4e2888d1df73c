"""Contract 1.2 operations over real HTTP, through the window's own platform client where the window uses them:
audit heads at given chain sequence numbers (what ``check`` compares its chain with) and a certificate looked up
by its number as printed (what a scanned QR code gives)."""

from __future__ import annotations

from sync.client import PlatformClient
from sync.reference_platform import ReferencePlatform
from tests import factories
from tests.platform.conftest import ACCOUNT, DEVICE, Client, batch, completion, record


def test_audit_heads_are_answered_at_the_sequence_numbers_asked_however_many_came_later(
    client: Client, platform: ReferencePlatform
) -> None:
    for n in range(1, 131):  # 130 batches: the heads a window sent long ago are beyond the newest 100
        assert client.post(dict(batch([completion()]), audit_head={"seq": n * 2, "hash": f"{n:064x}"})).status_code == 200
    window = PlatformClient(platform.url, ACCOUNT.name, DEVICE, secret_source=lambda _account: ACCOUNT.secret)
    try:
        found = window.audit_heads_at([2, 4, 3, 260, 999, *range(10, 220, 2)])
    finally:
        window.close()
    by_seq = {item["seq"]: item["hash"] for item in found}
    assert by_seq[2] == f"{1:064x}" and by_seq[4] == f"{2:064x}" and by_seq[260] == f"{130:064x}"
    assert 3 not in by_seq and 999 not in by_seq  # never sent at these: absent, not made up
    assert len(found) == 3 + len(range(10, 220, 2))  # more than 100 numbers: asked in several calls
    assert client.get(f"/devices/{DEVICE}/audit-heads", seq=["0"]).status_code == 400


def test_a_certificate_is_found_by_its_number_as_printed_once_with_its_present_paper(
    client: Client, platform: ReferencePlatform
) -> None:
    person = factories.id_number(seq=912, birth="19800312")
    trained = completion(id_number=person, certificate_no="JL-A2-2026-0912", vehicle_class="A2")
    applied = record("qualification_application", id_number=person, licence_no=person, licence_class="A2",
                     completion_certificate_no="JL-A2-2026-0912")
    issued = client.send(trained, applied)[1]["qualification"]
    reissue = record("qualification_application", id_number=person, licence_no=person, licence_class="A2",
                     kind_of_request="reissue", previous_certificate_no=person)
    again = client.send(reissue)[0]["qualification"]
    for asked in ({"certificate_no": person}, {"certificate_no": person.lower()}, {"id_number": person}):
        assert client.get("/qualifications", **asked).json()["items"] == [again]
    assert (issued["paper_no"], again["paper_no"], again["valid_from"]) == (1, 2, issued["valid_from"])
    assert client.get("/qualifications", certificate_no="NO-SUCH-CERT").json()["items"] == []


def test_an_entered_at_at_the_ends_of_the_calendar_is_refused_on_its_own(client: Client) -> None:
    for moment in ("9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+14:00", "2000-01-01T10:00:00+08:00"):
        late = dict(completion(), entered_at=moment)
        [result, neighbour] = client.send(late, completion())
        assert [e["code"] for e in result["errors"]] == ["entered_at_out_of_range"], result
        assert neighbour["status"] == "accepted"
