"""Every fault the reference platform can throw ends the same way: each record accepted exactly once, none lost.

A real platform on loopback misbehaves on purpose (delay, 500, 503/429 with
Retry-After, connection reset, response dropped after the commit, broken
JSON, 413, tokens expiring mid-run); the window's engine runs against it
through real HTTP, and the platform's own rows are counted at the end.
"""

from __future__ import annotations

import dataclasses
import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from clerk_app.services.settings import SettingsService
from local_db import upload_store
from local_db.database import Database
from local_db.models import OutboxEntry, Record, UploadBatch
from sync.client import PlatformClient
from sync.credentials import SERVICE
from sync.engine import Progress, UploadEngine
from sync.reference_platform import Account, ReferencePlatform
from tests.sync.conftest import ACCOUNT, FAST, HALL, SECRET, add_records, engine


def assert_exactly_once(platform: ReferencePlatform, db: Database, record_ids: list[str]) -> None:
    rows = platform.accepted_rows()
    assert len(rows) == len(set(rows)), "the platform holds a record version twice"
    assert sorted(rows) == sorted((record_id, 1) for record_id in record_ids)
    with db.read() as session:
        counts = upload_store.outbox_counts(session)
        states = set(session.scalars(select(Record.upload_state)))
        refs = list(session.scalars(select(OutboxEntry.platform_ref)))
    assert counts == {"pending": 0, "sending": 0, "accepted": len(record_ids), "rejected": 0}
    assert states == {"accepted"}
    assert all(refs) and len(set(refs)) == len(refs)


def batches(db: Database) -> list[tuple[str, str, int]]:
    with db.read() as session:
        return [tuple(row) for row in session.execute(select(UploadBatch.batch_id, UploadBatch.state, UploadBatch.record_count))]


@pytest.fixture
def small_batches(window: Database) -> Database:
    SettingsService(window).set("upload.batch_size", "10", operator="tester")
    return window


@pytest.mark.parametrize(
    ("fault", "options"),
    [
        ("error_500", {"times": 2}),
        ("throttle_503", {"times": 2, "retry_after": 1}),
        ("throttle_429", {"times": 1, "retry_after": 1}),
        ("reset", {"times": 2}),
        ("drop_after_commit", {"times": 2}),
        ("malformed_json", {"times": 2}),
    ],
)
def test_a_fault_is_ridden_out_and_every_record_lands_exactly_once(
    small_batches: Database, platform: ReferencePlatform, fault: str, options: dict[str, Any]
) -> None:
    ids = add_records(small_batches, 25)
    platform.inject(fault, **options)
    summary = engine(small_batches).run()
    assert summary.stopped is None and summary.complete, summary
    assert (summary.accepted, summary.rejected, summary.unknown, summary.pending_left) == (25, 0, 0, 0)
    assert_exactly_once(platform, small_batches, ids)
    # Three batches, each made once: a retry never made a new batch (a new key) for the same records.
    assert sorted(count for _, state, count in batches(small_batches)) == [5, 10, 10]
    assert {state for _, state, _ in batches(small_batches)} == {"resolved"}


def test_retry_after_is_honoured(small_batches: Database, platform: ReferencePlatform) -> None:
    add_records(small_batches, 5)
    platform.inject("throttle_429", times=1, retry_after=1)
    begin = time.monotonic()
    summary = engine(small_batches).run()
    assert summary.complete
    assert time.monotonic() - begin >= 1.0, "the engine came back before the platform's Retry-After"


def test_a_slow_platform_times_out_then_409_in_progress_then_the_stored_result(
    window: Database, platform: ReferencePlatform
) -> None:
    ids = add_records(window, 8)
    platform.inject("delay", seconds=1.5)
    settings = SettingsService(window)
    client = PlatformClient(
        settings.get("platform.url"), settings.get("platform.account"), "220100-01", timeout=(2.0, 0.4)
    )
    answers: list[int] = []
    client.session.hooks["response"].append(lambda response, *_a, **_k: answers.append(response.status_code))
    summary = UploadEngine(window, client, operator="tester", retry=FAST).run()
    assert summary.complete, summary
    assert_exactly_once(platform, window, ids)
    assert len(batches(window)) == 1
    assert 409 in answers and 404 in answers, answers  # timed out, asked (not there yet), resent: in progress


def test_a_token_expiring_mid_run_gets_one_new_login(small_batches: Database, platform: ReferencePlatform) -> None:
    ids = add_records(small_batches, 30)

    def expire_after_first_batch(progress: Progress) -> None:
        if progress.phase == "sending" and progress.done == 10:
            platform.expire_tokens()

    summary = engine(small_batches).run(progress=expire_after_first_batch)
    assert summary.complete, summary
    assert_exactly_once(platform, small_batches, ids)


def test_a_wrong_secret_stops_the_run_asking_to_log_in_again(
    window: Database, platform: ReferencePlatform, memory_keyring: Any
) -> None:
    add_records(window, 3)
    memory_keyring.set_password(SERVICE, "win01", "not-the-secret")
    summary = engine(window).run()
    assert summary.stopped is not None and summary.stopped.code == "upload_login_failed"
    assert "clerk-app login --account win01" in summary.stopped.message_zh
    assert summary.environment_stop and summary.pending_left == 3 and summary.sent == 0
    assert platform.accepted_rows() == []


def test_413_stops_the_run_returns_the_batch_and_the_next_runs_use_smaller_batches(
    window: Database, platform: ReferencePlatform
) -> None:
    ids = add_records(window, 40)
    platform.max_body_bytes = 10_000
    first = engine(window).run()
    assert first.stopped is not None and first.stopped.code == "upload_too_large"
    assert "超过了平台允许的大小" in first.stopped.message_zh
    assert (first.sent, first.accepted, first.pending_left, first.unknown) == (0, 0, 40, 0)
    assert [state for _, state, _ in batches(window)] == ["returned"]
    assert platform.accepted_rows() == []
    for _ in range(6):
        summary = engine(window).run()
        if summary.complete:
            break
        assert summary.stopped is not None and summary.stopped.code == "upload_too_large"
    assert summary.complete
    assert_exactly_once(platform, window, ids)


def test_a_batch_made_ahead_but_never_sent_goes_back_to_the_queue_when_the_run_stops(
    small_batches: Database, platform: ReferencePlatform
) -> None:
    """The next batch is recorded while one is on the wire; a 413 on that one stops the run: neither is left unknown."""
    ids = add_records(small_batches, 30)
    platform.max_body_bytes = 2_000
    first = engine(small_batches).run()
    assert first.stopped is not None and first.stopped.code == "upload_too_large"
    assert (first.sent, first.accepted, first.pending_left, first.unknown) == (0, 0, 30, 0)
    assert [state for _, state, _ in batches(small_batches)] == ["returned", "returned"]
    platform.max_body_bytes = 8 * 1024 * 1024
    assert engine(small_batches).run().complete
    assert_exactly_once(platform, small_batches, ids)


def test_a_batch_left_sending_by_a_crash_is_asked_about_not_resent(
    small_batches: Database, platform: ReferencePlatform
) -> None:
    """The response is lost and the run gives up at once (as if killed): next run asks, GET returns the stored result."""
    ids = add_records(small_batches, 10)
    platform.inject("drop_after_commit", times=1)
    impatient = dataclasses.replace(FAST, attempts=0)
    first = engine(small_batches, retry=impatient).run()
    assert first.stopped is not None and first.stopped.code == "upload_gave_up"
    assert first.unknown == 10 and not first.complete
    assert len(platform.accepted_rows()) == 10  # the platform did commit it
    second = engine(small_batches).run()
    assert second.complete and second.sent == 0 and second.accepted == 10
    assert_exactly_once(platform, small_batches, ids)
    assert len(batches(small_batches)) == 1


def test_a_batch_never_processed_is_resent_with_the_same_key_and_body(
    small_batches: Database, platform: ReferencePlatform
) -> None:
    ids = add_records(small_batches, 10)
    platform.inject("reset", times=1)
    first = engine(small_batches, retry=dataclasses.replace(FAST, attempts=0)).run()
    assert first.unknown == 10 and platform.accepted_rows() == []
    with small_batches.read() as session:
        (stored,) = upload_store.unresolved_batches(session)
    second = engine(small_batches).run()
    assert second.complete and second.sent == 10
    assert_exactly_once(platform, small_batches, ids)
    assert [batch_id for batch_id, _, _ in batches(small_batches)] == [stored.batch_id]
    assert json.loads(stored.body)["batch_id"] == stored.batch_id


def test_cancelling_between_batches_leaves_nothing_half_done(small_batches: Database, platform: ReferencePlatform) -> None:
    ids = add_records(small_batches, 30)
    cancel = threading.Event()

    def cancel_after_first(progress: Progress) -> None:
        if progress.phase == "sending" and progress.done >= 10:
            cancel.set()

    first = engine(small_batches).run(progress=cancel_after_first, cancel=cancel)
    assert first.stopped is not None and first.stopped.code == "upload_cancelled"
    # Whole batches only: the one answered, and the one already on the wire when the clerk cancelled.
    assert first.unknown == 0 and first.accepted in (10, 20) and first.accepted + first.pending_left == 30
    second = engine(small_batches).run()
    assert second.complete
    assert_exactly_once(platform, small_batches, ids)


def test_progress_reports_phases_and_counts(small_batches: Database, platform: ReferencePlatform) -> None:
    add_records(small_batches, 25)
    seen: list[Progress] = []
    engine(small_batches).run(progress=seen.append)
    assert seen[0].phase == "token" and seen[-1] == Progress("done", 25, 25)
    assert [p.done for p in seen if p.phase == "sending"] == [0, 10, 20, 25]


def test_a_second_401_after_a_new_login_stops_the_run_and_asks_the_clerk_to_log_in(
    window: Database, tmp_path: Path
) -> None:
    """Tokens that die at once: the engine logs in again one time, then stops instead of looping."""
    instant = ReferencePlatform(tmp_path / "instant.sqlite3", [Account(ACCOUNT, SECRET, HALL)], token_ttl_s=0.001)
    url = instant.start(port=0)
    try:
        SettingsService(window).set("platform.url", url, operator="tester")
        add_records(window, 3)
        summary = engine(window).run()
    finally:
        instant.close()
    assert summary.stopped is not None and summary.stopped.code == "upload_token_refused"
    assert "重新登录" in summary.stopped.message_zh and not summary.environment_stop
    assert summary.unknown == 3 and summary.pending_left == 0  # asked about first next time, never resent blindly
