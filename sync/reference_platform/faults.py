"""Switchable faults, so that tests can make the platform misbehave the way real networks and servers do.

A fault is armed for the next ``times`` requests whose path (below
``/api/v1``) starts with ``path``; each such request uses one up. Faults that
strike before anything is processed (500, 503/429, reset, delay) and the ones
that strike a successful answer after the commit (dropped response, broken
JSON) are told apart here, so the app only asks "what happens to this request now?".
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

# Taken when a request arrives (a delay too: it holds the request before processing)...
BEFORE = frozenset({"error_500", "throttle_503", "throttle_429", "reset", "delay"})
# ...and when a successful answer is about to leave (an error answer does not use them up).
AFTER = frozenset({"drop_after_commit", "malformed_json"})
KINDS = BEFORE | AFTER


@dataclass
class Fault:
    kind: str
    path: str
    times: int
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def retry_after(self) -> int:
        return int(self.options.get("retry_after", 1))

    @property
    def seconds(self) -> float:
        return float(self.options.get("seconds", 1.0))


class FaultBoard:
    """The armed faults, oldest first; thread-safe because the server answers on many threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._armed: list[Fault] = []

    def inject(self, kind: str, *, times: int = 1, path: str = "/batches", **options: Any) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown fault {kind!r}; one of {sorted(KINDS)}")
        if times < 1:
            raise ValueError("times must be at least 1")
        with self._lock:
            self._armed.append(Fault(kind, path, times, dict(options)))

    def clear(self) -> None:
        with self._lock:
            self._armed.clear()

    def take(self, path: str, kinds: frozenset[str]) -> Fault | None:
        """The first armed fault of ``kinds`` for ``path``, one use of it spent; None when the request goes normally."""
        with self._lock:
            for fault in self._armed:
                if fault.kind in kinds and path.startswith(fault.path):
                    fault.times -= 1
                    if fault.times == 0:
                        self._armed.remove(fault)
                    return fault
        return None
