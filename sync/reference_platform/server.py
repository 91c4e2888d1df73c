"""``ReferencePlatform``: the platform's state, and waitress serving its Flask app.

Owning the state here (database, tokens, faults, the keys being processed)
lets tests and the training mode drive the platform in-process (inject a
fault, expire tokens, count accepted rows) while clients talk to it over real
HTTP on loopback.

waitress (a production WSGI server for Windows and Linux) reads every request
on one event loop and hands only whole requests to its worker threads, so a
slow or silent client holds a socket, never a worker. On top of its idle
timeout, each request must arrive within a time: its headers within
``header_timeout_s`` of its first byte, the whole request (body included)
within ``body_timeout_s``. A client that trickles a header line every 15 s is
cut; at most ``max_connections`` sockets are open at once, and a new client
takes the place of the one that has waited longest on its own client.
"""

from __future__ import annotations

import logging
import socket
import struct
import threading
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from waitress import wasyncore  # type: ignore[import-untyped]
from waitress.adjustments import Adjustments  # type: ignore[import-untyped]
from waitress.channel import HTTPChannel  # type: ignore[import-untyped]
from waitress.server import TcpWSGIServer  # type: ignore[import-untyped]
from waitress.task import ThreadedTaskDispatcher, WSGITask  # type: ignore[import-untyped]

from clerk_app import clock
from clerk_app.domain.certificates import Certificate
from clerk_app.domain.institutions import validate_institution
from sync.reference_platform.app import PREFIX, CutConnection, Refused, create_app
from sync.reference_platform.auth import Account, Session, Tokens
from sync.reference_platform.faults import Fault, FaultBoard
from sync.reference_platform.judge import Context, batch_digests, judge
from sync.reference_platform.registry_seed import seed_institutions
from sync.reference_platform.seed import Seed
from sync.reference_platform.store import Store

IN_PROGRESS_RETRY_AFTER_S = 1
# waitress warns whenever a request waits for a worker; with 50 windows uploading at once that is routine.
_QUEUE = logging.getLogger(__name__ + ".queue")
_QUEUE.setLevel(logging.ERROR)
MAX_CONNECTIONS = 128  # connections open at once (50 windows uploading at once fit); more wait in the listen backlog
WORKERS = 16  # threads running requests; the store serialises the writes anyway
IDLE_TIMEOUT_S = 30.0  # a connection with no request pending, silent this long (idle keep-alive, half-open), is closed
HEADER_TIMEOUT_S = 10.0  # a request's headers must arrive within this of its first byte
BODY_TIMEOUT_S = 60.0  # and the whole request (8 MiB at about 140 KB/s) within this


class _Task(WSGITask):  # type: ignore[misc]
    """waitress's task, able to end a request with no response: a reset (RST) or a plain close."""

    cut: CutConnection | None = None

    def execute(self) -> None:
        try:
            super().execute()
        except CutConnection as cut:
            self.cut, self.close_on_finish = cut, True
            if cut.reset:  # linger 0, then the close: the kernel answers with RST instead of FIN
                self.channel.socket.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    def finish(self) -> None:
        if self.cut is None:
            super().finish()


class _Channel(HTTPChannel):  # type: ignore[misc]
    """A connection; remembers when the request it is reading began (time.time, as waitress's own clock)."""

    task_class = _Task
    request_began = 0.0

    def received(self, data: bytes) -> bool:
        if self.request is None and data:
            self.request_began = time.time()
        return bool(super().received(data))

    def waiting_since(self) -> float | None:
        """Since when the connection waits on its client (a request arriving, or none yet); None while served."""
        if self.requests or self.will_close or self.close_when_flushed:
            return None
        return float(self.request_began if self.request is not None else self.last_activity)


class _Server(TcpWSGIServer):  # type: ignore[misc]
    """waitress's TCP server, also closing requests that arrive too slowly, and making room for a new connection.

    At ``connection_limit`` open connections waitress stops accepting, and a new client waits in the listen
    backlog behind every slow one. Here the new connection is accepted and the one that has waited longest on
    its own client (silent, idle or trickling) is closed instead; if every connection is being served, the new
    one is closed at once.
    """

    channel_class = _Channel
    next_channel_cleanup = 0.0
    header_timeout_s = HEADER_TIMEOUT_S
    body_timeout_s = BODY_TIMEOUT_S

    def maintenance(self, now: float) -> None:
        super().maintenance(now)
        for channel in list(self.active_channels.values()):
            reading = channel.request
            if reading is None or channel.requests:
                continue
            allowed = self.body_timeout_s if reading.headers_finished else self.header_timeout_s
            if now - channel.request_began > allowed:
                channel.will_close = True  # closed by the event loop, unanswered

    def readable(self) -> bool:
        now = time.time()
        if now >= self.next_channel_cleanup:
            self.next_channel_cleanup = now + self.adj.cleanup_interval
            self.maintenance(now)
        return bool(self.accepting)

    def handle_accept(self) -> None:
        if len(self.active_channels) >= self.adj.connection_limit:
            waiting = [(c.waiting_since(), c) for c in self.active_channels.values() if c.waiting_since() is not None]
            if not waiting:  # every connection is being served: this one is closed at once
                accepted = self.accept()
                if accepted is not None:
                    accepted[0].close()
                return
            min(waiting, key=lambda found: found[0])[1].handle_close()
        super().handle_accept()


class ReferencePlatform:
    def __init__(
        self,
        db_path: Path,
        accounts: Sequence[Account],
        *,
        token_ttl_s: float = 1800.0,
        max_body_bytes: int = 8 * 1024 * 1024,
        seed_registry: bool = True,
        today: date | None = None,
        seed: Seed | None = None,
        max_connections: int = MAX_CONNECTIONS,
        idle_timeout_s: float = IDLE_TIMEOUT_S,
        header_timeout_s: float = HEADER_TIMEOUT_S,
        body_timeout_s: float = BODY_TIMEOUT_S,
    ) -> None:
        """``today``: a fixed day for judging (training, tests); ``seed``: registry, certificates and CE hours to hold."""
        self.store = Store(Path(db_path))
        self.fixed_today = today
        self.max_connections, self.idle_timeout_s = max_connections, idle_timeout_s
        self.header_timeout_s, self.body_timeout_s = header_timeout_s, body_timeout_s
        self.tokens = Tokens(accounts, token_ttl_s)
        self.faults = FaultBoard()
        self.max_body_bytes = max_body_bytes
        self.clock_offset_s = 0.0
        self._registry_lock = threading.Lock()
        self._registry = {i["code"]: i for i in self.store.institutions()}
        # A new platform starts with the made-up registry, unless the seed brings its own.
        if seed_registry and not self._registry and not (seed and seed.institutions):
            self.store.put_institutions(seed_institutions())
            self._registry = {i["code"]: i for i in self.store.institutions()}
        if seed is not None:
            self.store.put_institutions(seed.institutions)
            self.store.seed(seed.qualifications, seed.ce_entries, clock.now_text())
            self._registry = {i["code"]: i for i in self.store.institutions()}
        self._keys_lock = threading.Lock()
        self._in_progress: set[tuple[str, str]] = set()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._serving = threading.Event()
        self._app = create_app(self)

    # -- running -------------------------------------------------------------------
    def start(self, port: int = 0, host: str = "127.0.0.1") -> str:
        """Serve on background threads; the base URL of the API, e.g. http://127.0.0.1:41234/api/v1."""
        if self._server is None:
            # Bound here, so a taken port is an OSError for the caller.
            family = socket.AF_INET6 if ":" in host else socket.AF_INET
            listener = socket.create_server((host, port), family=family)
            try:
                adjustments = Adjustments(
                    sockets=[listener], connection_limit=self.max_connections, channel_timeout=self.idle_timeout_s,
                    cleanup_interval=max(0.1, min(self.idle_timeout_s, self.header_timeout_s) / 4),
                    asyncore_loop_timeout=0.1, max_request_body_size=max(self.max_body_bytes, 8 * 1024 * 1024) * 2,
                    ident="reference-platform", threads=min(WORKERS, self.max_connections),
                )
                workers = ThreadedTaskDispatcher()
                workers.queue_logger = _QUEUE
                workers.set_thread_count(adjustments.threads)
                server = _Server(
                    self._app, {}, True, listener, dispatcher=workers, adj=adjustments, bind_socket=False,
                    sockinfo=(listener.family, listener.type, listener.proto, listener.getsockname()),
                )
            except BaseException:
                listener.close()
                raise
            server.header_timeout_s, server.body_timeout_s = self.header_timeout_s, self.body_timeout_s
            self._server = server
            self._serving.set()
            self._thread = threading.Thread(target=self._loop, args=(server,), name="reference-platform", daemon=True)
            self._thread.start()
        return self.url

    def _loop(self, server: _Server) -> None:
        while self._serving.is_set():
            wasyncore.loop(timeout=0.1, map=server._map, use_poll=True, count=1)

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the reference platform is not running")
        host, port = self._server.socket.getsockname()[:2]
        return f"http://{f'[{host}]' if ':' in host else host}:{port}{PREFIX}"

    def stop(self) -> None:
        """Stop serving and release the port and the database file; ``start`` again serves the same data."""
        server, self._server = self._server, None
        if server is not None:
            self._serving.clear()
            server.pull_trigger()
            if self._thread is not None:
                self._thread.join()
            server.task_dispatcher.shutdown(cancel_pending=True, timeout=5)
            wasyncore.close_all(server._map)
        self.store.close()

    close = stop

    # -- what tests and the training mode drive ---------------------------------------
    def inject(self, fault: str, *, times: int = 1, path: str = "/batches", **options: Any) -> None:
        self.faults.inject(fault, times=times, path=path, **options)

    def clear_faults(self) -> None:
        self.faults.clear()

    def expire_tokens(self) -> None:
        self.tokens.expire_all()

    def accepted_rows(self) -> list[tuple[str, int]]:
        return self.store.accepted_rows()

    def set_institution(self, institution: dict[str, Any]) -> None:
        """Add or change one registry entry; its updated_at becomes now, so clients see the change.

        Contract 1.2: a new status without a ``status_since`` began today (the platform's day); an unchanged
        status keeps the day it began.
        """
        changed = dict(institution) | {"updated_at": clock.now_text()}
        if "status_since" not in changed:
            before = self._registry.get(str(changed.get("code")))
            same = before is not None and before.get("status") == changed.get("status") and before.get("status_since")
            changed["status_since"] = before["status_since"] if same and before is not None else self.today().isoformat()
        checked, problems = validate_institution(changed, from_platform=True)
        if problems:
            raise ValueError("; ".join(p.message_zh for p in problems))
        with self._registry_lock:
            self.store.put_institutions([checked])
            self._registry = self._registry | {checked["code"]: checked}

    def today(self) -> date:
        """The day judging goes by: the fixed one, or the calendar's."""
        return self.fixed_today or clock.today()

    def as_of_today(self, qualification: dict[str, Any]) -> dict[str, Any]:
        """A stored certificate as it stands today: a valid one past its ``valid_until`` is shown expired."""
        if qualification["status"] == "valid" and not Certificate.from_dict(qualification).valid_on(self.today()):
            return qualification | {"status": "expired"}
        return qualification

    # -- logging in and the work of POST /batches ------------------------------------------
    def log_in(self, account: str, secret: str, device_id: str) -> tuple[str, int, str]:
        """(token, seconds it lives, hall code); 401 for a wrong secret.

        A device ID is the account's own (its batches, records and audit heads are kept under the account), so
        another account naming the same ID neither sees this window's work nor locks it out.
        """
        hall = self.tokens.check(account, secret)
        if hall is None:
            raise Refused(401, "unauthorized", "账号或密码不正确。请核对后重新登录。")
        token, expires_in = self.tokens.issue(Session(account, device_id, hall))
        return token, expires_in, hall

    def process_batch(self, session: Session, key: str, body: dict[str, Any], records: list[dict[str, Any]], raw: bytes,
                      fault: Fault | None, base_url: str) -> dict[str, Any] | str:
        """The batch's result: the stored one for a replay, else judged and stored in one transaction.

        Keys are the account's own: another account's batch under the same key is judged as a batch of its own
        (answering it with the stored result would hand one window another's answers). The batch's device must be
        the token's, of the account's hall (a window id is HALL-WINDOW).
        """
        if body["device_id"] != session.device_id:
            raise Refused(
                422, "device_mismatch",
                f"批次的窗口编号（device_id）与登录时的「{session.device_id}」不同。请用本窗口自己的编号上传。",
            )
        hall, dash, _ = session.device_id.partition("-")
        if dash and hall and hall != session.hall:  # a window's id is HALL-WINDOW: no account posts as another hall's window
            raise Refused(
                422, "device_mismatch",
                f"窗口编号「{session.device_id}」属于大厅 {hall}，本账号属于大厅 {session.hall}。请核对本窗口的大厅代码。",
            )
        digests, body_hash = batch_digests(body, records, raw)
        scoped = (session.account, key)
        with self._keys_lock:
            if scoped in self._in_progress:
                raise Refused(409, "in_progress", "这个批次正在处理中，请稍后再查询结果。", retry_after=IN_PROGRESS_RETRY_AFTER_S)
            stored = self.store.batch(session.account, key)
            if stored is None:
                self._in_progress.add(scoped)
        if stored is not None:
            if stored[0] != body_hash:
                raise Refused(422, "idempotency_mismatch", "这个批次号已用于内容不同的另一个批次。新批次须使用新的批次号。")
            return stored[1]
        try:
            if fault is not None and fault.kind == "delay":
                time.sleep(fault.seconds)
            ctx = Context(self.today(), clock.now_text(), self._registry, base_url, session.account, session.device_id)
            with self.store.transaction() as tx:
                results = [judge(tx, r, d, ctx) for r, d in zip(records, digests, strict=True)]
                result = {"batch_id": key, "received_at": ctx.now_text, "results": results}
                head = body.get("audit_head")
                if head is not None:
                    tx.add_audit_head(session.account, session.device_id, head["seq"], head["hash"], ctx.now_text)
                tx.save_batch(session.account, key, body_hash, result)
            return result
        finally:
            with self._keys_lock:
                self._in_progress.discard(scoped)
