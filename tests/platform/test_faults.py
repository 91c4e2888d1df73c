"""Each switchable fault does what a real network or server does, and says truthfully whether the batch was kept."""

from __future__ import annotations

import json
import socket
import time
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests

from sync.reference_platform import ReferencePlatform
from tests.platform.conftest import Client, batch, completion


def _raw_post(platform: ReferencePlatform, client: Client, body: dict[str, Any]) -> socket.socket:
    """POST the batch over a bare socket, so the test sees exactly how the connection ends."""
    parts = urlsplit(platform.url)
    data = json.dumps(body).encode()
    head = (
        f"POST {parts.path}/batches HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer {client.token}\r\nIdempotency-Key: {body['batch_id']}\r\n"
        f"Content-Length: {len(data)}\r\n\r\n"
    ).encode()
    sock = socket.create_connection((parts.hostname, parts.port), timeout=10)
    sock.sendall(head + data)
    return sock


def test_reset_sends_rst_before_anything_is_processed(client: Client, platform: ReferencePlatform) -> None:
    platform.inject("reset")
    body = batch([completion()])
    with _raw_post(platform, client, body) as sock, pytest.raises(ConnectionResetError):
        while sock.recv(65536):
            pass
    assert platform.accepted_rows() == []
    assert client.get(f"/batches/{body['batch_id']}").status_code == 404
    assert client.post(body).json()["results"][0]["status"] == "accepted"  # used up: the resend goes through


def test_drop_after_commit_closes_without_an_answer_but_keeps_the_batch(client: Client, platform: ReferencePlatform) -> None:
    platform.inject("drop_after_commit")
    body = batch([completion()])
    with _raw_post(platform, client, body) as sock:
        assert sock.recv(65536) == b""  # closed, not one byte of response
    stored = client.get(f"/batches/{body['batch_id']}")
    assert stored.status_code == 200 and stored.json()["results"][0]["status"] == "accepted"
    assert len(platform.accepted_rows()) == 1
    assert client.post(body).json() == stored.json()  # the resend under the same key is a replay
    assert len(platform.accepted_rows()) == 1


def test_an_error_answer_does_not_use_up_a_fault_meant_for_a_committed_batch(client: Client, platform: ReferencePlatform) -> None:
    platform.inject("drop_after_commit")
    body = batch([completion()])
    platform.expire_tokens()
    assert client.post(body).status_code == 401  # answered: nothing was committed
    client.login()
    with pytest.raises(requests.ConnectionError):
        client.post(body)
    assert client.get(f"/batches/{body['batch_id']}").json()["results"][0]["status"] == "accepted"


def test_malformed_json_after_the_commit(client: Client, platform: ReferencePlatform) -> None:
    platform.inject("malformed_json")
    body = batch([completion()])
    broken = client.post(body)
    assert broken.status_code == 200
    with pytest.raises(ValueError):
        broken.json()
    assert client.get(f"/batches/{body['batch_id']}").json()["results"][0]["status"] == "accepted"


def test_error_500_processes_nothing(client: Client, platform: ReferencePlatform) -> None:
    platform.inject("error_500", times=2)
    body = batch([completion()])
    assert [client.post(body).status_code for _ in range(3)] == [500, 500, 200]
    assert len(platform.accepted_rows()) == 1


@pytest.mark.parametrize(("fault", "status", "code"), [("throttle_503", 503, "maintenance"), ("throttle_429", 429, "throttled")])
def test_throttling_carries_retry_after(client: Client, platform: ReferencePlatform, fault: str, status: int, code: str) -> None:
    platform.inject(fault, retry_after=7)
    body = batch([completion()])
    refused = client.post(body)
    assert refused.status_code == status and refused.headers["Retry-After"] == "7" and refused.json()["code"] == code
    assert platform.accepted_rows() == []
    assert client.post(body).status_code == 200


def test_a_fault_strikes_only_its_path_and_can_be_cleared(client: Client, platform: ReferencePlatform) -> None:
    platform.inject("throttle_503", path="/health")
    platform.inject("error_500", path="/batches", times=5)
    assert requests.get(f"{platform.url}/reference/institutions", headers=client.auth, timeout=10).status_code == 200
    health = requests.get(f"{platform.url}/health", timeout=10)
    assert health.status_code == 503 and health.headers["Retry-After"] == "1"
    assert requests.get(f"{platform.url}/health", timeout=10).status_code == 200
    platform.clear_faults()
    assert client.post(batch([completion()])).status_code == 200


def test_delay_holds_the_answer(client: Client, platform: ReferencePlatform) -> None:
    platform.inject("delay", seconds=0.5)
    with pytest.raises(requests.Timeout):
        client.session.post(f"{platform.url}/batches", json=(body := batch([completion()])),
                            headers=client.auth | {"Idempotency-Key": body["batch_id"]}, timeout=0.2)
    # Processed normally after the delay: the lost answer can be asked for.
    for _ in range(50):
        stored = client.get(f"/batches/{body['batch_id']}")
        if stored.status_code == 200:
            break
        time.sleep(0.05)
    assert stored.status_code == 200 and stored.json()["results"][0]["status"] == "accepted"


def test_an_unknown_fault_is_refused(platform: ReferencePlatform) -> None:
    with pytest.raises(ValueError):
        platform.inject("gremlins")
