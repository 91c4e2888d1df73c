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
from pathlib import Path
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from clerk_app import clock
from clerk_app.domain.institutions import validate_institution
from sync.reference_platform.app import PREFIX, CutConnection, Refused, create_app
from sync.reference_platform.auth import Account, Tokens
from sync.reference_platform.faults import Fault, FaultBoard
from sync.reference_platform.judge import Context, content_hash, judge
from sync.reference_platform.registry_seed import seed_institutions
from sync.reference_platform.store import Store

IN_PROGRESS_RETRY_AFTER_S = 1


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


class ReferencePlatform:
    def __init__(
        self,
        db_path: Path,
        accounts: Sequence[Account],
        *,
        token_ttl_s: float = 1800.0,
        max_body_bytes: int = 8 * 1024 * 1024,
        seed_registry: bool = True,
    ) -> None:
        self.store = Store(Path(db_path))
        self.tokens = Tokens(accounts, token_ttl_s)
        self.faults = FaultBoard()
        self.max_body_bytes = max_body_bytes
        self.clock_offset_s = 0.0
        self._registry_lock = threading.Lock()
        self._registry = {i["code"]: i for i in self.store.institutions()}
        if seed_registry and not self._registry:
            self.store.put_institutions(seed_institutions())
            self._registry = {i["code"]: i for i in self.store.institutions()}
        self._keys_lock = threading.Lock()
        self._in_progress: set[str] = set()
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
                self._server = make_server(
                    host, port, self._app, threaded=True, request_handler=_Handler, fd=listener.fileno()
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

    def set_institution(self, institution: dict) -> None:
        """Add or change one registry entry; its updated_at becomes now, so clients see the change."""
        checked, problems = validate_institution(dict(institution) | {"updated_at": clock.now_text()})
        if problems:
            raise ValueError("; ".join(p.message_zh for p in problems))
        with self._registry_lock:
            self.store.put_institutions([checked])
            self._registry = self._registry | {checked["code"]: checked}

    # -- the work of POST /batches ----------------------------------------------------
    def process_batch(self, key: str, body: dict, records: list[dict], fault: Fault | None, base_url: str) -> dict | str:
        """The batch's result: the stored one for a replay, else judged and stored in one transaction."""
        # The body's digest is made of the records' own, which judging needs anyway: one pass of hashing.
        digests = [content_hash(r) for r in records]
        body_hash = content_hash({k: v for k, v in body.items() if k != "records"} | {"records": digests})
        with self._keys_lock:
            if key in self._in_progress:
                raise Refused(409, "in_progress", "这个批次正在处理中，请稍后再查询结果。", retry_after=IN_PROGRESS_RETRY_AFTER_S)
            stored = self.store.batch(key)
            if stored is None:
                self._in_progress.add(key)
        if stored is not None:
            if stored[0] != body_hash:
                raise Refused(422, "idempotency_mismatch", "这个批次号已用于内容不同的另一个批次。新批次须使用新的批次号。")
            return stored[1]
        try:
            if fault is not None and fault.kind == "delay":
                time.sleep(fault.seconds)
            ctx = Context(clock.today(), clock.now_text(), self._registry, base_url)
            with self.store.transaction() as tx:
                results = [judge(tx, r, d, ctx) for r, d in zip(records, digests, strict=True)]
                result = {"batch_id": key, "received_at": ctx.now_text, "results": results}
                tx.save_batch(key, body_hash, result)
            return result
        finally:
            with self._keys_lock:
                self._in_progress.discard(key)
