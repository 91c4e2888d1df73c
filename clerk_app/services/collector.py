"""Python's cyclic garbage collector paused around bulk work (an import's check and save).

Checking and saving 20,000 rows allocates a few hundred thousand small
objects that stay alive until the end; the collector, triggered by the
allocations, walks them again and again, which cost a third of the work.
None of them form cycles that need collecting meanwhile, so the collector
is paused for the duration and runs as usual afterwards. Pauses may nest and
overlap across threads: the collector runs again when the last one ends,
and only if it was running before the first.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextmanager
def paused() -> Iterator[None]:
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
