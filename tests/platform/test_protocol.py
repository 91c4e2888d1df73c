"""Idempotency, tokens, the registry's pages, the size limit and a restart, over real HTTP on loopback."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import requests

from sync.reference_platform import ReferencePlatform
from tests.platform.conftest import ACCOUNT, Client, batch, completion, record, start


def test_health_needs_no_login_and_shows_the_shifted_clock(platform: ReferencePlatform) -> None:
    answer = requests.get(f"{platform.url}/health", timeout=10).json()
    assert answer["status"] == "ok" and answer["api_version"] == "1.2"
    assert answer["server_time"].endswith("+08:00")
    assert abs(datetime.fromisoformat(answer["server_time"]) - datetime.now().astimezone()) < timedelta(seconds=5)
    platform.clock_offset_s = 600
    shifted = datetime.fromisoformat(requests.get(f"{platform.url}/health", timeout=10).json()["server_time"])
    assert timedelta(seconds=595) < shifted - datetime.now().astimezone() < timedelta(seconds=605)


def test_a_replay_returns_the_stored_result_and_changes_nothing(client: Client, platform: ReferencePlatform) -> None:
    body = batch([completion(), record("transition_case")])
    first = client.post(body)
    assert first.status_code == 200
    rows = platform.accepted_rows()
    replay = client.post(body)
    assert replay.status_code == 200 and replay.json() == first.json()
    assert platform.accepted_rows() == rows
    assert client.get(f"/batches/{body['batch_id']}").json() == first.json()
    assert client.get(f"/batches/{uuid.uuid4()}").json()["code"] == "not_found"


def test_the_same_key_with_another_body_is_refused(client: Client, platform: ReferencePlatform) -> None:
    body = batch([completion()])
    assert client.post(body).status_code == 200
    rows = platform.accepted_rows()
    other = dict(body, records=[completion()])
    refused = client.post(other)
    assert refused.status_code == 422 and refused.json()["code"] == "idempotency_mismatch"
    assert platform.accepted_rows() == rows


def test_a_key_being_processed_is_answered_409_with_retry_after(client: Client, platform: ReferencePlatform) -> None:
    platform.inject("delay", seconds=1.0)
    body = batch([completion()])
    answers: list[requests.Response] = []
    slow = threading.Thread(target=lambda: answers.append(client.post(body)))
    slow.start()
    time.sleep(0.3)
    answers.append(Client(platform.url, token=client.token).post(body))
    slow.join()
    # Whichever arrived first was delayed and processed; the other found its key in progress.
    busy, done = sorted(answers, key=lambda a: a.status_code, reverse=True)
    assert busy.status_code == 409 and busy.json()["code"] == "in_progress"
    assert int(busy.headers["Retry-After"]) >= 1
    assert done.status_code == 200 and done.json()["results"][0]["status"] == "accepted"
    assert len(platform.accepted_rows()) == 1


def test_malformed_batches_are_refused_whole(client: Client, platform: ReferencePlatform) -> None:
    good = batch([completion()])
    cases = [
        (client.post(good, key=str(uuid.uuid4())), "batch_id"),  # key differs from batch_id
        (client.post(b"{not json", key=str(uuid.uuid4())), "JSON"),
        (client.post(dict(good, records=[])), "records"),
        (client.post(dict(good, records=[completion()] * 501)), "records"),
        (client.post(dict(good, records=[dict(completion(), record_id="not-a-uuid")])), "record_id"),
        (client.post(dict(good, created_at="yesterday")), "created_at"),
    ]
    for response, named in cases:
        assert response.status_code == 400, response.text
        assert response.json()["code"] == "malformed" and named in response.json()["message"]
    assert platform.accepted_rows() == []


def test_tokens_are_checked_and_expire(client: Client, platform: ReferencePlatform) -> None:
    wrong = Client(platform.url).session.post(
        f"{platform.url}/auth/token", json={"account": ACCOUNT.name, "secret": "wrong", "device_id": "x"}, timeout=10)
    assert wrong.status_code == 401 and wrong.json()["code"] == "unauthorized"
    assert client.login().json()["hall_code"] == "220102"
    assert Client(platform.url).post(batch([completion()])).status_code == 401
    assert Client(platform.url, token="made-up").get("/reference/institutions").status_code == 401
    assert client.get("/reference/institutions").status_code == 200
    platform.expire_tokens()
    expired = client.post(batch([completion()]))
    assert expired.status_code == 401 and expired.json()["code"] == "unauthorized"
    assert platform.accepted_rows() == []
    assert client.login().status_code == 200 and client.get("/reference/institutions").status_code == 200


def test_a_token_lives_as_long_as_configured(tmp_path: Path) -> None:
    platform = start(tmp_path / "platform.db", token_ttl_s=1.5)
    try:
        client = Client(platform.url)
        assert client.login().json()["expires_in"] == 1
        assert client.get("/records/6f1c1c8e-0000-4000-8000-000000000000").status_code == 404
        time.sleep(1.6)
        assert client.get("/records/6f1c1c8e-0000-4000-8000-000000000000").status_code == 401
    finally:
        platform.close()


def test_a_body_over_the_limit_is_413_and_nothing_is_kept(client: Client, platform: ReferencePlatform) -> None:
    body = batch([completion() for _ in range(20)])
    platform.max_body_bytes = 2000
    refused = client.post(body)
    assert refused.status_code == 413 and refused.json()["code"] == "too_large"
    assert client.get(f"/batches/{body['batch_id']}").status_code == 404
    platform.max_body_bytes = 1_000_000
    assert client.post(body).status_code == 200


def test_the_registry_pages_through_every_institution_once_oldest_change_first(client: Client, platform: ReferencePlatform) -> None:
    everything = client.get("/reference/institutions", limit=1000).json()
    assert everything["next_cursor"] is None
    codes = [i["code"] for i in everything["items"]]
    assert {"JLDT0001", "JLCE0001"} <= set(codes) and 25 <= len(codes) <= 40
    paged, cursor = [], None
    while True:
        page = client.get("/reference/institutions", limit=7, **({"cursor": cursor} if cursor else {})).json()
        assert len(page["items"]) <= 7
        paged += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert paged == everything["items"]
    times = [datetime.fromisoformat(i["updated_at"]) for i in paged]
    assert times == sorted(times)
    assert {i["status"] for i in paged} == {"active", "suspended", "revoked"}


def test_a_revoked_institution_shows_up_as_changed_and_is_refused_from_then_on(client: Client, platform: ReferencePlatform) -> None:
    latest = client.get("/reference/institutions", limit=1000).json()["items"][-1]["updated_at"]
    before = datetime.now().astimezone().isoformat()
    school = next(i for i in client.get("/reference/institutions", limit=1000).json()["items"] if i["code"] == "JLDT0002")
    platform.set_institution(dict(school, status="revoked"))
    changed = client.get("/reference/institutions", updated_since=before).json()["items"]
    assert [(i["code"], i["status"]) for i in changed] == [("JLDT0002", "revoked")]
    assert datetime.fromisoformat(changed[0]["updated_at"]) > datetime.fromisoformat(latest)
    results = client.send(completion(institution_code="JLDT0002"))
    assert results[0]["errors"][0]["code"] == "institution_revoked"


def test_everything_survives_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "platform.db"
    platform = start(db)
    client = Client(platform.url)
    client.login()
    body = batch([completion(), record("transition_case")])
    first = client.post(body).json()
    school = next(i for i in client.get("/reference/institutions", limit=1000).json()["items"] if i["code"] == "JLDT0003")
    platform.set_institution(dict(school, status="suspended"))
    rows = platform.accepted_rows()
    platform.close()

    again = start(db)
    try:
        client = Client(again.url)
        client.login()  # tokens live in memory: a restart logs windows out
        assert again.accepted_rows() == rows
        assert client.post(body).json() == first
        assert again.accepted_rows() == rows
        assert client.get(f"/records/{body['records'][0]['record_id']}").json()["version"] == 1
        items = client.get("/reference/institutions", limit=1000).json()["items"]
        assert next(i for i in items if i["code"] == "JLDT0003")["status"] == "suspended"
        assert len(items) == len({i["code"] for i in items})  # the seed was not added twice
    finally:
        again.close()


def test_secrets_are_not_written_to_the_platform_database(tmp_path: Path) -> None:
    platform = start(tmp_path / "platform.db")
    Client(platform.url).login()
    platform.close()
    for path in tmp_path.iterdir():
        assert ACCOUNT.secret.encode() not in path.read_bytes()


def test_a_taken_port_is_an_error_for_the_caller_not_an_exit(platform: ReferencePlatform, tmp_path: Path) -> None:
    second = ReferencePlatform(tmp_path / "second.db", [ACCOUNT])
    try:
        with pytest.raises(OSError):
            second.start(port=int(platform.url.split(":")[2].split("/")[0]))
    finally:
        second.close()


def test_stop_then_start_serves_the_same_data(client: Client, platform: ReferencePlatform) -> None:
    body = batch([completion()])
    first = client.post(body).json()
    platform.stop()
    platform.stop()  # idempotent
    with pytest.raises(requests.ConnectionError):
        client.get("/reference/institutions")
    again = Client(platform.start())
    again.login()
    assert again.post(body).json() == first
    assert again.send(completion())[0]["status"] == "accepted"
    assert len(platform.accepted_rows()) == 2
