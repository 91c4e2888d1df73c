"""The upload engine: sends the outbox to the platform so that no entry is ever lost or sent twice.

The rules, in the order a run follows them:
1. Is the platform there (``/health`` with back-off)? Note the clock offset.
2. Log in with the keyring's secret; refresh the institution registry; hold
   back (and report) pending records whose institution is now suspended or
   revoked, before anything is sent.
3. Resolve every batch still ``sending`` from an earlier run (crash, timeout,
   lost answer) by asking the platform for it: a stored result is applied,
   404 means the very same body is sent again under the very same key.
4. Send pending versions in queue order, in batches of at most 500 and at
   most the platform's size, each recorded locally (UUID and exact body) and
   committed before it is sent.
A transient failure is retried with exponential back-off and jitter (the
platform's Retry-After honoured, capped) and resolved by asking before
anything is sent again; a 401 gets one new login; a blocking answer (a second
401, 413, 400, 422) stops the run instead of failing records one by one.
Cancelling is checked between batches and during waits; a batch in flight
then simply stays ``sending`` and is resolved next time.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, NoReturn

from clerk_app import clock
from clerk_app.domain.dates import application_day
from clerk_app.domain.institutions import to_info
from clerk_app.domain.lifecycle import State
from clerk_app.domain.problems import Problem, problem
from local_db import audit, settings_store, upload_history, upload_store
from local_db.canonical import canonical_json
from local_db.database import Database
from sync.client import (
    InProgress,
    NotConfigured,
    PlatformClient,
    PlatformError,
    Refused,
    Throttled,
    TooLarge,
    Transient,
    Unauthorized,
)
from sync.credentials import KeyringUnavailable
from sync.online import backoff_delay, clock_warning, probe
from sync.reasons import explain
from sync.recheck import refused_by_rules
from sync.registry import RegistryEntryRefused, refresh_registry

log = logging.getLogger("sync.engine")

MAX_RECORDS = 500  # the contract's maxItems
DEFAULT_MAX_BYTES = 4 * 1024 * 1024
MIN_BYTES = 2048
MAX_BYTES_KEY, LAST_UPLOAD_KEY, CLOCK_KEY = "upload.max_batch_bytes", "last_upload", "clock_offset_s"
PLATFORM_HALL_KEY = "platform_hall_code"  # the hall code the platform's last login answer named
# Stops that mean nothing could be tried at all: the environment, not the data (exit code 3).
ENVIRONMENT_STOPS = frozenset(
    {"upload_not_configured", "upload_offline", "upload_address_refused", "keyring_unavailable", "upload_no_secret",
     "tls_verify_failed", "tls_ca_unusable",
     "upload_login_failed", "hall_mismatch"}
)
STATUS_WORDS = {"suspended": ("暂停", "suspended"), "revoked": ("撤销", "revoked")}


@dataclass(frozen=True)
class RetryPolicy:
    """How patient a run is; tests make the delays tiny, never the rules."""

    base_s: float = 0.5
    cap_s: float = 30.0
    retry_after_cap_s: float = 60.0
    attempts: int = 6  # transient failures of one batch before the run stops
    in_progress_waits: int = 30
    health_attempts: int = 3


@dataclass(frozen=True)
class Progress:
    phase: str  # token | sending | results | done
    done: int
    total: int


def hall_mismatch(platform_hall: str | None, local_hall: str | None) -> dict[str, str] | None:
    """The two hall codes when the platform's login named another hall than this window's (uploads wait)."""
    if platform_hall and local_hall and platform_hall != local_hall:
        return {"platform": platform_hall, "local": local_hall}
    return None


@dataclass
class UploadSummary:
    sent: int = 0
    accepted: int = 0
    rejected: int = 0
    unknown: int = 0
    pending_left: int = 0
    flagged: list[dict[str, Any]] = field(default_factory=list)
    stopped: Problem | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Nothing pending, sending or unresolved is left."""
        return self.pending_left == 0 and self.unknown == 0 and self.stopped is None

    @property
    def environment_stop(self) -> bool:
        return self.stopped is not None and self.stopped.code in ENVIRONMENT_STOPS

    def as_json(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "sent": self.sent,
            "accepted": self.accepted,
            "rejected": self.rejected,
            "unknown": self.unknown,
            "pending_left": self.pending_left,
            "flagged": self.flagged,
            "stopped": self.stopped.as_dict(lang) if self.stopped else None,
            "warnings": self.warnings,
        }


class _Stop(Exception):
    def __init__(self, found: Problem) -> None:
        super().__init__(found.code)
        self.problem = found


@dataclass(frozen=True)
class _Batch:
    batch_id: str
    body: str
    count: int


class UploadEngine:
    def __init__(
        self,
        db: Database,
        client: PlatformClient,
        *,
        operator: str,
        retry: RetryPolicy | None = None,
        lang: str = "zh",
    ) -> None:
        self._db = db
        self._client = client
        self._operator = operator or "system"
        self._retry = retry or RetryPolicy()
        self._lang = lang

    def run(
        self,
        end_of_day: bool = False,
        progress: Callable[[Progress], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> UploadSummary:
        """One upload run; never raises for the platform's behaviour: how it ended is in the summary."""
        self._cancel = cancel or threading.Event()
        self._report = progress or (lambda _p: None)
        self._end_of_day = end_of_day
        self._summary = UploadSummary()
        self._started_at = clock.now_text()
        self._done = 0
        self._total = 0
        self._held: set[str] = set()
        self._phase = "token"
        try:
            self._run()
        except _Stop as stop:
            self._summary.stopped = stop.problem
        except (PlatformError, KeyringUnavailable) as error:
            self._summary.stopped = error.problem
        finally:
            self._finish()
        return self._summary

    # -- the run ------------------------------------------------------------------------

    def _run(self) -> None:
        if not self._client.configured:
            raise NotConfigured(problem("upload_not_configured"))
        self._report(Progress("token", 0, 0))
        health = probe(
            self._client, attempts=self._retry.health_attempts, base_s=self._retry.base_s, cap_s=self._retry.cap_s,
            cancel=self._cancel,
        )
        if health is None or health.status != "ok":
            reason = ("没有答复", "no answer") if health is None else ("平台维护中", "the platform is under maintenance")
            raise _Stop(problem("upload_offline", reason=reason))
        if health.clock_offset_s is not None:
            with self._db.write() as session:
                upload_store.set_state(session, CLOCK_KEY, health.clock_offset_s)
        warning = clock_warning(health.clock_offset_s, self._lang)
        if warning:
            self._summary.warnings.append(warning)
        self._client.ensure_token()
        self._check_hall()
        try:
            refresh_registry(self._db, self._client, operator=self._operator)
        except (Transient, Unauthorized) as error:  # the local registry is still a fair check; the platform judges anyway
            log.warning("registry refresh failed before upload: %s", error)
        except RegistryEntryRefused as stopped:  # said to the clerk; nothing skipped, the next refresh resumes there
            self._summary.warnings.append(stopped.problem.message(self._lang))
        held = self._flag_held_back()
        with self._db.read() as session:
            unresolved = upload_store.unresolved_batches(session)
            self._total = upload_store.outbox_counts(session)[State.PENDING] - held + sum(
                b.record_count for b in unresolved
            )
        self._phase = "results"
        if unresolved:
            self._report(Progress(self._phase, 0, self._total))
        for stored in unresolved:
            self._check_cancel()
            self._deliver(_Batch(stored.batch_id, stored.body, stored.record_count), ask_first=True)
        self._send_pending()

    def _check_hall(self) -> None:
        """Receipt numbers carry the hall: nothing goes while the platform's login names another hall."""
        with self._db.write() as session:
            if self._client.hall_code:
                upload_store.set_state(session, PLATFORM_HALL_KEY, self._client.hall_code)
            said = upload_store.get_state(session, PLATFORM_HALL_KEY)
            local = settings_store.values_of(session, ("hall.code",)).get("hall.code")
        mismatch = hall_mismatch(said, local)
        if mismatch:
            raise _Stop(problem("hall_mismatch", **mismatch))

    def _flag_held_back(self) -> int:
        """Report pending records of institutions now suspended or revoked; returns how many versions wait."""
        with self._db.read() as session:
            # Entries whose application day is before the institution's status began stand (second rulings).
            found = [h for h in upload_store.held_back(session) if _inactive_for(h)]
            refused = refused_by_rules(session)
            self._held = {h.record_id for h in found} | {r.record_id for r in refused}
            waiting = upload_store.pending_count_of(session, self._held)
        for queued in refused:
            reasons = "；".join(p.message_zh for p in queued.problems), " ".join(p.message_en for p in queued.problems)
            message = problem("upload_rules_refused", receipt_no=queued.receipt_no, reasons=reasons)
            self._summary.flagged.append(
                {
                    "receipt_no": queued.receipt_no,
                    "record_id": queued.record_id,
                    "codes": [p.code for p in queued.problems],
                    "message": message.message(self._lang),
                }
            )
        for held in found:
            status = STATUS_WORDS.get(held.status, (held.status, held.status))
            message = problem(
                "upload_institution_inactive", receipt_no=held.receipt_no, name=held.institution_name,
                institution_code=held.institution_code, status=status,
            )
            self._summary.flagged.append(
                {
                    "receipt_no": held.receipt_no,
                    "record_id": held.record_id,
                    "institution_code": held.institution_code,
                    "status": held.status,
                    "message": message.message(self._lang),
                }
            )
        return waiting

    def _send_pending(self) -> None:
        """Batches go one after another, each only once the one before has its answer, so versions keep
        their order; but the next batch is recorded, and the last answer applied, while a batch is on the
        wire, so the window's own work hides behind the platform's."""
        with self._db.read() as session:
            size = int(settings_store.values_of(session, ["upload.batch_size"]).get("upload.batch_size", MAX_RECORDS))
            max_bytes = int(upload_store.get_state(session, MAX_BYTES_KEY) or DEFAULT_MAX_BYTES)
        size = max(1, min(size, MAX_RECORDS))
        self._phase = "sending"
        self._report(Progress(self._phase, self._done, self._total))
        self._check_cancel()
        batch, after = self._make_batch(0, size, max_bytes)
        if batch is None:
            return
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="upload-send") as wire:
            on_the_wire = self._send(wire, batch)
            while batch is not None:
                try:
                    self._check_cancel()
                    upcoming, after = self._make_batch(after, size, max_bytes)
                except BaseException:
                    self._settle(batch, on_the_wire)
                    raise
                try:
                    results = on_the_wire.result()
                except BaseException:
                    if upcoming is not None:  # recorded, never sent: back to the queue, certainly unprocessed
                        self._return_unsent(upcoming)
                    raise
                if upcoming is not None:
                    on_the_wire = self._send(wire, upcoming)
                try:
                    self._apply(batch, results)
                except BaseException:
                    wait([on_the_wire])  # its answer stays unknown locally and is asked for next time
                    raise
                batch = upcoming

    def _send(self, wire: ThreadPoolExecutor, batch: _Batch) -> Future[list[Mapping[str, Any]]]:
        self._summary.sent += batch.count
        return wire.submit(self._exchange, batch, ask_first=False)

    def _settle(self, batch: _Batch, on_the_wire: Future[list[Mapping[str, Any]]]) -> None:
        """The run is ending (cancelled, or the next batch could not be made): the batch in flight is
        still seen through, as between batches; if it fails too, it is asked about next time."""
        try:
            results = on_the_wire.result()
        except Exception:  # noqa: BLE001 - the reason the run ends is the one to report
            log.warning("batch %s left unresolved as the run ended", batch.batch_id)
            return
        self._apply(batch, results)

    def _return_unsent(self, batch: _Batch) -> None:
        with self._db.write() as session:
            upload_store.return_batch(session, batch_id=batch.batch_id, at=clock.now_text())

    def _make_batch(self, after: int, size: int, max_bytes: int) -> tuple[_Batch | None, int]:
        """The next batch, recorded and committed before it is sent; and where the queue scan stands."""
        batch_id = str(uuid.uuid4())
        created_at = clock.now_text()
        with self._db.write() as session:
            chain_seq, chain_hash = audit.head(session)  # the platform keeps it: a rebuilt chain is found later
            upload_store.remember_head_sent(session, chain_seq)  # check asks for the heads at these numbers
            head = canonical_json(
                {
                    "batch_id": batch_id, "device_id": self._client.device_id, "operator_id": self._operator,
                    "created_at": created_at, "audit_head": {"seq": chain_seq, "hash": chain_hash},
                }
            )[:-1] + ',"records":['
            chosen: list[upload_store.QueuedVersion] = []
            pieces: list[str] = []
            used = len(head.encode("utf-8")) + 2
            seen: set[str] = set()
            full = False
            while not full:
                candidates = upload_store.pending_versions(session, after=after, limit=size)
                if not candidates:
                    break
                for queued in candidates:
                    if queued.record_id in self._held:
                        after = queued.outbox_id
                        continue
                    piece = _record_json(queued)
                    piece_bytes = len(piece.encode("utf-8")) + 1
                    # One version of a record per batch: version 2 goes only once version 1's answer is in.
                    full = queued.record_id in seen or len(chosen) >= size or (bool(chosen) and used + piece_bytes > max_bytes)
                    if full:
                        break
                    chosen.append(queued)
                    pieces.append(piece)
                    seen.add(queued.record_id)
                    used += piece_bytes
                    after = queued.outbox_id
            if not chosen:
                return None, after
            body = head + ",".join(pieces) + "]}"
            upload_store.record_batch(
                session, batch_id=batch_id, body=body, versions=chosen, created_at=created_at,
                created_by=self._operator, end_of_day=self._end_of_day,
            )
        return _Batch(batch_id, body, len(chosen)), after

    # -- one batch until its outcome is known -----------------------------------------------

    def _deliver(self, batch: _Batch, *, ask_first: bool) -> None:
        """Send (or first ask about) one batch until its result is applied; raises _Stop to end the run."""
        self._apply(batch, self._exchange(batch, ask_first=ask_first))

    def _exchange(self, batch: _Batch, *, ask_first: bool) -> list[Mapping[str, Any]]:
        """Send (or first ask about) one batch until the platform's results for it are in; raises _Stop."""
        renewed = False
        failures = 0
        waits = 0
        while True:
            try:
                if ask_first:
                    answer = self._client.get_batch(batch.batch_id)
                    if answer is None:  # never processed: the same body, under the same key
                        ask_first = False
                        self._summary.sent += batch.count
                        continue
                else:
                    answer = self._client.post_batch(batch.batch_id, batch.body)
                results = _results_of(answer)
            except Unauthorized:
                if renewed:
                    raise _Stop(problem("upload_token_refused", account=self._client.account)) from None
                renewed = True
                self._client.login()
                continue
            except InProgress as busy:
                waits += 1
                if waits > self._retry.in_progress_waits:
                    raise _Stop(problem("upload_gave_up", reason="平台一直在处理这一批")) from None
                self._wait(min(busy.retry_after, self._retry.retry_after_cap_s))
                ask_first = False  # asking again under the same key returns the stored result once done
                continue
            except Throttled as busy:
                failures += 1
                self._give_up_after(failures, "平台繁忙")
                self._wait(min(busy.retry_after, self._retry.retry_after_cap_s))
                continue
            except Transient as error:
                failures += 1
                self._give_up_after(failures, str(error))
                self._wait(backoff_delay(failures, self._retry.base_s, self._retry.cap_s))
                ask_first = True  # the platform may have it: ask before sending anything again
                continue
            except TooLarge:
                self._too_large(batch)
            except Refused as refused:
                self._refused(batch, refused, asked=ask_first)
            return results

    def _apply(self, batch: _Batch, results: Sequence[Mapping[str, Any]]) -> None:
        explained = [
            {**result, "errors": explain(result.get("errors"))} if result.get("status") == "rejected" else result
            for result in results
        ]
        with self._db.write() as session:
            applied = upload_store.apply_results(session, batch_id=batch.batch_id, results=explained, at=clock.now_text())
        self._summary.accepted += applied.accepted
        self._summary.rejected += applied.rejected
        self._done += applied.accepted + applied.rejected
        self._report(Progress(self._phase, self._done, self._total))

    def _too_large(self, batch: _Batch) -> NoReturn:
        size = len(batch.body.encode("utf-8"))
        limit = max(MIN_BYTES, size // 2)
        with self._db.write() as session:
            upload_store.return_batch(session, batch_id=batch.batch_id, at=clock.now_text())
            upload_store.set_state(session, MAX_BYTES_KEY, limit)
        self._summary.sent -= batch.count
        raise _Stop(problem("upload_too_large", count=batch.count, size=size, limit=limit))

    def _refused(self, batch: _Batch, refused: Refused, *, asked: bool) -> NoReturn:
        detail = refused.message or str(refused.status)
        if asked or refused.code == "idempotency_mismatch":
            # The platform may hold something under this key: keep the batch unresolved, never resend it blindly.
            raise _Stop(problem("upload_unresolved", code=refused.code, detail=detail))
        with self._db.write() as session:
            upload_store.return_batch(session, batch_id=batch.batch_id, at=clock.now_text())
        self._summary.sent -= batch.count
        raise _Stop(problem("upload_refused", code=refused.code, detail=detail))

    def _give_up_after(self, failures: int, reason: str) -> None:
        if failures > self._retry.attempts:
            raise _Stop(problem("upload_gave_up", reason=reason))

    def _wait(self, seconds: float) -> None:
        if self._cancel.wait(max(0.0, seconds)):
            raise _Stop(problem("upload_cancelled"))

    def _check_cancel(self) -> None:
        if self._cancel.is_set():
            raise _Stop(problem("upload_cancelled"))

    def _finish(self) -> None:
        with self._db.read() as session:
            counts = upload_store.outbox_counts(session)
        self._summary.pending_left = counts[State.PENDING]
        self._summary.unknown = counts[State.SENDING]
        summary, stopped = self._summary, self._summary.stopped
        run = upload_history.RunRow(
            self._started_at, clock.now_text(), self._operator, self._end_of_day, summary.sent, summary.accepted,
            summary.rejected, summary.unknown, summary.pending_left, len(summary.flagged),
            stopped.code if stopped else ("complete" if summary.complete else "incomplete"),
            stopped.message_zh if stopped else None, stopped.message_en if stopped else None,
        )
        try:
            with self._db.write() as session:
                upload_history.record_run(session, run)  # the upload screen's history
                if summary.accepted or summary.rejected:
                    upload_store.set_state(session, LAST_UPLOAD_KEY, run.finished_at)
        except Exception:
            log.exception("could not note how the upload run ended")
        self._report(Progress("done", self._done, self._total))


def _inactive_for(held: upload_store.HeldBack) -> bool:
    """Whether the institution's status stands against the record on its application day (the first entered_at's date)."""
    if held.institution is None or not held.created_at:
        return True
    return to_info(held.institution).inactive_on(application_day(held.created_at))


def _record_json(queued: upload_store.QueuedVersion) -> str:
    """The contract's Record, with the stored canonical payload spliced in unchanged, and its application day (1.2)."""
    envelope: dict[str, Any] = {
        "record_id": queued.record_id,
        "version": queued.version,
        "kind": queued.kind,
        "op": queued.op,
        "entered_at": queued.entered_at,
        "entered_by": queued.entered_by,
        "applied_on": application_day(queued.created_at or queued.entered_at).isoformat(),
    }
    if queued.op == "void":
        envelope["void_reason"] = queued.void_reason or ""
    if queued.change_reason:
        envelope["change_reason"] = queued.change_reason
    if queued.approved_by:
        envelope["approved_by"] = queued.approved_by
    return canonical_json(envelope)[:-1] + ',"payload":' + queued.payload_json + "}"


def _results_of(answer: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    results = answer.get("results")
    if not isinstance(results, list) or not all(
        isinstance(r, Mapping) and "record_id" in r and "version" in r and "status" in r for r in results
    ):
        incomplete = problem("upload_offline", reason=("平台的答复不完整", "the platform's answer was incomplete"))
        raise Transient(incomplete, "BatchResult without results")
    return results

