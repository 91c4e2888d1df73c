"""Is the platform there, and how far is this computer's clock from it: ``GET /health``, with back-off.

The engine asks a few times before deciding the window is offline (a hall's
network often drops for a second); the status line asks once. The clock
offset is measured against the midpoint of the request, so a slow network
does not read as a wrong clock.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass
from datetime import datetime

from clerk_app.domain.problems import problem
from sync.client import PlatformClient, Transient

CLOCK_WARNING_S = 300.0


@dataclass(frozen=True)
class Health:
    status: str
    clock_offset_s: float | None  # platform time minus local time


def backoff_delay(attempt: int, base_s: float, cap_s: float) -> float:
    """Exponential back-off with full jitter: many windows coming back online do not all knock at once."""
    return random.uniform(0.0, min(cap_s, base_s * (2 ** attempt)))


def probe(
    client: PlatformClient,
    *,
    attempts: int = 1,
    base_s: float = 0.5,
    cap_s: float = 10.0,
    cancel: threading.Event | None = None,
) -> Health | None:
    """The platform's health, or None when it did not answer properly ``attempts`` times."""
    for attempt in range(attempts):
        if attempt and (cancel or threading.Event()).wait(backoff_delay(attempt, base_s, cap_s)):
            return None
        started = time.time()
        try:
            answer = client.health()
        except Transient:
            continue
        ended = time.time()
        return Health(str(answer.get("status", "ok")), _offset(answer.get("server_time"), (started + ended) / 2))
    return None


def _offset(server_time: object, local_epoch: float) -> float | None:
    try:
        server = datetime.fromisoformat(str(server_time))
    except ValueError:
        return None
    if server.tzinfo is None:
        return None
    return server.timestamp() - local_epoch


def clock_warning(offset_s: float | None, lang: str = "zh") -> str | None:
    if offset_s is None or abs(offset_s) <= CLOCK_WARNING_S:
        return None
    return problem("upload_clock_skew", minutes=round(abs(offset_s) / 60)).message(lang)
