"""``ReferencePlatform``: the platform's state, and Werkzeug's threaded server running its Flask app.

Owning the state here (database, tokens, faults, the keys being processed)
lets tests and the training mode drive the platform in-process (inject a
fault, expire tokens, count accepted rows) while clients talk to it over real
HTTP on loopback.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from werkzeug.serving import BaseWSGIServer, ThreadedWSGIServer, WSGIRequestHandler

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
MAX_CONNECTIONS = 128  # connections served at once (50 windows uploading at once fit); more wait in the listen backlog
IDLE_TIMEOUT_S = 30.0  # a connection silent this long (half-open, or idle keep-alive) is closed


class _Handler(WSGIRequestHandler):
    """Werkzeug's handler, able to end a request with no response: a reset (RST) or a plain close."""

    _reset = False

    def connection_dropped(self, error: BaseException, environ: Any = None) -> None:
        if isinstance(error, CutConnection):
            self.close_connection = True
            self._reset = error.reset

    def finish(self) -> None:
        super().finish()
        if self._reset:
            # Linger 0, then the last close: the kernel answers with RST instead of FIN.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Requests are not logged one by one (50 windows upload at once); errors still are."""

    def log_error(self, format: str, *args: Any) -> None:
        """A connection closed for silence (an idle keep-alive, a half-open socket) is routine, not an error."""
        if not format.startswith("Request timed out"):
            super().log_error(format, *args)


class _BoundedServer(ThreadedWSGIServer):
    """A thread per connection, but at most ``slots`` connections at once, each closed after ``timeout`` s of silence.

    Without the bound, every half-open connection held a thread: 800 of them made 805 threads.
    A connection that waits longer than the idle timeout for a slot is closed unanswered.
    """

    def __init__(self, host: str, port: int, app: Any, fd: int, slots: int, timeout: float) -> None:
        super().__init__(host, port, app, _Handler, fd=fd)
        self._slots = threading.BoundedSemaphore(slots)
        self._idle_timeout = timeout

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(timeout=self._idle_timeout):
            self.shutdown_request(request)
            return
        request.settimeout(self._idle_timeout)
        try:
            super().process_request(request, client_address)
        except BaseException:  # no thread started: the slot is free again
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


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
    ) -> None:
        """``today``: a fixed day for judging (training, tests); ``seed``: registry, certificates and CE hours to hold."""
        self.store = Store(Path(db_path))
        self.fixed_today = today
        self.max_connections, self.idle_timeout_s = max_connections, idle_timeout_s
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
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None
        self._app = create_app(self)

    # -- running -------------------------------------------------------------------
    def start(self, port: int = 0, host: str = "127.0.0.1") -> str:
        """Serve on background threads; the base URL of the API, e.g. http://127.0.0.1:41234/api/v1."""
        if self._server is None:
            # Bound here rather than by make_server, which on a taken port prints and exits the process:
            # a caller gets the OSError instead.
            family = socket.AF_INET6 if ":" in host else socket.AF_INET
            with socket.create_server((host, port), family=family) as listener:
                self._server = _BoundedServer(
                    host, port, self._app, listener.fileno(), self.max_connections, self.idle_timeout_s
                )
            self._thread = threading.Thread(
                target=self._server.serve_forever, kwargs={"poll_interval": 0.1}, name="reference-platform", daemon=True
            )
            self._thread.start()
        return self.url

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
            server.shutdown()
            server.server_close()
            if self._thread is not None:
                self._thread.join()
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
        """Add or change one registry entry; its updated_at becomes now, so clients see the change."""
        checked, problems = validate_institution(dict(institution) | {"updated_at": clock.now_text()}, from_platform=True)
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
