"""Hostile requests are judged or refused, never a 500: lone surrogates, absurd nesting, a flood of silent connections."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
import requests

from tests.platform.conftest import Client, batch, completion, record, start

T = TypeVar("T")


def _raw(body: dict[str, object], bad_name: str) -> bytes:
    """The batch as JSON text in which the second record's name is replaced by ``bad_name`` (raw JSON)."""
    text = json.dumps(body, ensure_ascii=False)
    marker = json.dumps(body["records"][1]["payload"]["name"], ensure_ascii=False)  # type: ignore[index]
    return text.replace(marker, bad_name, 1).encode()


def _judged(client: Client, bad_name: str) -> list[dict[str, Any]]:
    body = batch([completion(), completion(name="待替换的名字"), record("transition_case")])
    answer = client.post(_raw(body, bad_name), key=body["batch_id"], **{"Content-Type": "application/json"})
    assert answer.status_code == 200, answer.text
    results: list[dict[str, Any]] = answer.json()["results"]
    assert [r["status"] for r in results] == ["accepted", "rejected", "accepted"], results
    return results


def test_a_lone_surrogate_rejects_its_record_and_its_neighbours_are_accepted(client: Client) -> None:
    results = _judged(client, '"\\ud800"')
    [error] = results[1]["errors"]
    assert error["code"] == "schema_violation" and "代理" in error["message"]


def test_a_deeply_nested_record_is_rejected_alone(client: Client) -> None:
    results = _judged(client, "[" * 200 + "]" * 200)
    [error] = results[1]["errors"]
    assert error["code"] == "schema_violation" and "嵌套" in error["message"]


def test_a_number_of_5000_digits_rejects_its_record_not_the_batch(client: Client) -> None:
    """Issue 23 item 17: Python reads no integer of over 4,300 digits, and the whole batch was a 400."""
    results = _judged(client, "1" * 5000)
    [error] = results[1]["errors"]
    assert error["code"] == "schema_violation" and "5000 位的数字" in error["message"]
    body = batch([completion(), completion(name="待替换的名字")])
    marker = json.dumps(body["records"][1]["payload"]["certificate_no"])
    raw = json.dumps(body).replace(marker, "-" + "9" * 6000, 1).encode()
    answer = client.post(raw, key=body["batch_id"], **{"Content-Type": "application/json"})
    assert [r["status"] for r in answer.json()["results"]] == ["accepted", "rejected"]
    again = client.post(raw, key=body["batch_id"], **{"Content-Type": "application/json"})
    assert again.json() == answer.json()  # the replay gets the stored answer


def test_a_body_nested_beyond_reading_is_a_400_not_a_500(client: Client) -> None:
    body = batch([completion()])
    text = json.dumps(body)
    deep = text[:-1] + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    answer = client.post(deep.encode(), key=body["batch_id"], **{"Content-Type": "application/json"})
    assert answer.status_code == 400 and answer.json()["code"] == "malformed"


def test_silent_connections_hold_a_bounded_number_of_threads_and_are_closed(tmp_path: Path) -> None:
    platform = start(tmp_path / "platform.db", max_connections=4, idle_timeout_s=1.0)
    host, port = platform.url.split("//")[1].split("/")[0].split(":")
    before = threading.active_count()
    silent = [socket.create_connection((host, int(port))) for _ in range(60)]  # connect, then say nothing
    try:
        time.sleep(0.5)
        assert threading.active_count() - before <= 4
        # Silent connections are cut after the idle timeout, so a real request is answered soon after.
        started = time.monotonic()
        assert requests.get(f"{platform.url}/health", timeout=30).status_code == 200
        assert time.monotonic() - started < 20
    finally:
        for connection in silent:
            connection.close()
        platform.close()


def _trickle(host: str, port: int, stop: threading.Event, every_s: float) -> None:
    """A slow client: a request line, then one header line every ``every_s`` seconds, never the blank line."""
    try:
        with socket.create_connection((host, port), timeout=30) as connection:
            connection.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")
            n = 0
            while not stop.wait(every_s):
                n += 1
                connection.sendall(f"X-Slow-{n}: {n}\r\n".encode())
    except OSError:  # the platform cut it: that is the point
        return


def _with_retries(call: Callable[[], T]) -> T:
    """A request as a window makes it: a connection the server closed to make room is tried again (the upload
    engine retries such transient failures), at most three times; a starved server times out all three."""
    for attempt in range(3):
        try:
            return call()
        except requests.ConnectionError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


@pytest.mark.parametrize("slow", [4, 12])
def test_slow_clients_trickling_headers_do_not_starve_legitimate_requests(tmp_path: Path, slow: int) -> None:
    """Issue 23 item 15: four clients sending a header line every 15 s made every legitimate request time out.

    Scaled down in time (a line every 0.5 s, 2 s allowed for headers), with 4 connections allowed: as many slow
    clients as that, then three times as many.
    """
    platform = start(tmp_path / "platform.db", max_connections=4, idle_timeout_s=5.0, header_timeout_s=2.0)
    host, port = platform.url.split("//")[1].split("/")[0].split(":")
    stop = threading.Event()
    slow_clients = [threading.Thread(target=_trickle, args=(host, int(port), stop, 0.5)) for _ in range(slow)]
    try:
        for thread in slow_clients:
            thread.start()
        time.sleep(0.5)
        for _ in range(3):
            started = time.monotonic()
            answer = _with_retries(lambda: requests.get(f"{platform.url}/health", timeout=20))
            assert answer.status_code == 200 and answer.json()["status"] == "ok"
            assert time.monotonic() - started < 10
        client = Client(platform.url)
        assert _with_retries(client.login).status_code == 200
        assert _with_retries(lambda: client.send(completion()))[0]["status"] == "accepted"
    finally:
        stop.set()
        for thread in slow_clients:
            thread.join(timeout=10)
        platform.close()


def test_a_hostile_login_is_refused_not_a_500(client: Client) -> None:
    for body in (b"[" * 100_000 + b"]" * 100_000, b'{"account": "window-01", "secret": "\\ud800", "device_id": "w"}'):
        answer = client.session.post(f"{client.url}/auth/token", data=body, headers={"Content-Type": "application/json"},
                                     timeout=10)
        assert answer.status_code == 401 and answer.json()["code"] == "unauthorized"
