"""Window accounts are kept apart: batches, records, idempotency keys, devices and audit heads are each one account's."""

from __future__ import annotations

from pathlib import Path

from sync.reference_platform import Account, ReferencePlatform
from tests.platform.conftest import ACCOUNT, DEVICE, Client, batch, completion

OTHER = Account("window-02", "another secret")
OTHER_DEVICE = "220100-W02"


def _other(platform: ReferencePlatform) -> Client:
    other = Client(platform.url)
    assert other.login(OTHER, OTHER_DEVICE).status_code == 200
    return other


def test_another_account_cannot_read_a_batch_or_a_record(client: Client, platform: ReferencePlatform) -> None:
    body = batch([completion()])
    assert client.post(body).status_code == 200
    record_id = body["records"][0]["record_id"]
    other = _other(platform)
    for path in (f"/batches/{body['batch_id']}", f"/records/{record_id}"):
        assert client.get(path).status_code == 200
        answer = other.get(path)
        assert answer.status_code == 404 and answer.json()["code"] == "not_found", path


def test_another_accounts_idempotency_key_is_a_batch_of_its_own(client: Client, platform: ReferencePlatform) -> None:
    """Keys are the account's own: replaying another's key never hands back its stored result or references."""
    body = batch([completion()])
    first = client.post(body).json()
    replayed = _other(platform).post(dict(body, device_id=OTHER_DEVICE))
    assert replayed.status_code == 200
    [result] = replayed.json()["results"]
    assert result["status"] == "rejected" and "platform_ref" not in result  # the record is window-01's
    assert result["errors"][0]["code"] == "version_conflict"
    assert first["results"][0]["platform_ref"] not in replayed.text
    assert client.post(body).json() == first  # window-01's own replay still gets its stored answer


def test_a_device_id_is_its_accounts_own_so_another_account_of_the_hall_cannot_lock_the_window_out(
    tmp_path: Path,
) -> None:
    """Issue 23 item 16: an account of the same hall naming a window's device ID first no longer takes it away."""
    neighbour = Account("window-03", "a neighbour's secret", ACCOUNT.hall)
    platform = ReferencePlatform(tmp_path / "platform.db", [ACCOUNT, neighbour])
    platform.start()
    try:
        squatter = Client(platform.url)
        assert squatter.login(neighbour, DEVICE).status_code == 200  # the same hall's account, this window's ID
        head = {"seq": 99, "hash": "f" * 64}
        assert squatter.post(dict(batch([completion()]), audit_head=head)).status_code == 200
        rightful = Client(platform.url)
        assert rightful.login(ACCOUNT, DEVICE).status_code == 200  # was 401 for ever
        mine = dict(batch([completion()]), audit_head={"seq": 1, "hash": "a" * 64})
        answer = rightful.post(mine)
        assert answer.status_code == 200 and answer.json()["results"][0]["status"] == "accepted"
        # Each account sees only the heads it sent under that ID: the squatter's never stand for this window.
        assert [h["seq"] for h in rightful.get(f"/devices/{DEVICE}/audit-heads").json()["items"]] == [1]
        assert [h["seq"] for h in squatter.get(f"/devices/{DEVICE}/audit-heads").json()["items"]] == [99]
        # Nor can a batch name another device than the one its token logged in from.
        posed = squatter.post(dict(batch([completion()]), device_id="220102-W09"))
        assert posed.status_code == 422 and posed.json()["code"] == "device_mismatch"
        assert len(platform.accepted_rows()) == 2
    finally:
        platform.close()


def test_no_account_posts_as_a_window_of_another_hall(client: Client, platform: ReferencePlatform) -> None:
    squatter = Client(platform.url)
    login = squatter.login(OTHER, "220102-W07")  # window-02 belongs to hall 220100
    assert login.status_code == 200 and login.json()["hall_code"] == "220100"  # the window learns its hall
    refused = squatter.post(dict(batch([completion()]), device_id="220102-W07"))
    assert refused.status_code == 422 and "220100" in refused.json()["message"]
    owner = Client(platform.url)  # the window was not taken from its own hall
    assert owner.login(ACCOUNT, "220102-W07").status_code == 200
    assert owner.post(dict(batch([completion()]), device_id="220102-W07")).status_code == 200


def test_audit_heads_are_kept_per_device_newest_first_and_shown_only_to_it(client: Client, platform: ReferencePlatform) -> None:
    first = dict(batch([completion()]), audit_head={"seq": 3, "hash": "a" * 64})
    second = dict(batch([completion()]), audit_head={"seq": 7, "hash": "b" * 64})
    for body in (first, second, first):  # the replay of the first adds nothing
        assert client.post(body).status_code == 200
    heads = client.get(f"/devices/{DEVICE}/audit-heads").json()["items"]
    assert [(h["seq"], h["hash"]) for h in heads] == [(7, "b" * 64), (3, "a" * 64)]
    assert heads[0]["received_at"] >= heads[1]["received_at"]
    assert [h["seq"] for h in client.get(f"/devices/{DEVICE}/audit-heads", limit=1).json()["items"]] == [7]
    # Another device, of this account or another, sees none of them.
    same_account = Client(platform.url)
    assert same_account.login(ACCOUNT, "220102-W03").status_code == 200
    for reader in (same_account, _other(platform)):
        refused = reader.get(f"/devices/{DEVICE}/audit-heads")
        assert refused.status_code == 403 and refused.json()["code"] == "forbidden"


def test_a_malformed_audit_head_refuses_the_batch(client: Client, platform: ReferencePlatform) -> None:
    body = dict(batch([completion()]), audit_head={"seq": -1, "hash": "x"})
    answer = client.post(body)
    assert answer.status_code == 400 and "audit_head" in answer.json()["message"]
    assert platform.accepted_rows() == []


def test_an_audit_head_beyond_64_bits_is_kept_exactly(client: Client) -> None:
    seq = 2**70 + 1  # the contract sets no upper bound
    assert client.post(dict(batch([completion()]), audit_head={"seq": seq, "hash": "c" * 64})).status_code == 200
    assert client.get(f"/devices/{DEVICE}/audit-heads").json()["items"][0]["seq"] == seq
