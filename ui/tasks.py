"""The one way the window does slow work: on a thread pool, answers back on the GUI thread.

Saving a record is a few milliseconds, but a page of a million-row list, a
platform call, an upload, a print or the start-up integrity check can take
seconds; none of that may freeze the window. ``run_task`` runs a plain function
on ``QThreadPool`` and delivers its result, its error or its progress reports
to callbacks on the GUI thread (through queued signals of a QObject that lives
there). Only plain data crosses threads: the services already return frozen
dataclasses and dicts, never ORM objects.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger("ui.tasks")

_running: set[_Relay] = set()


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from the worker are queued to it."""

    done = Signal(object)
    failed = Signal(object)
    progress = Signal(object)

    def __init__(
        self,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        on_progress: Callable[[Any], None] | None,
    ) -> None:
        super().__init__()
        # The widget whose methods take the answer: a closed screen's answer is dropped, not
        # delivered into a deleted widget (a slow count may outlive the window that asked).
        owners = (getattr(callback, "__self__", None) for callback in (on_done, on_error, on_progress))
        self._owner = next((owner for owner in owners if isinstance(owner, QObject)), None)
        self._on_done = on_done
        self._on_error = on_error
        self._on_progress = on_progress
        self.done.connect(self._deliver_done)
        self.failed.connect(self._deliver_error)
        self.progress.connect(self._deliver_progress)

    def _owner_gone(self) -> bool:
        return self._owner is not None and not shiboken6.isValid(self._owner)

    @Slot(object)
    def _deliver_done(self, value: Any) -> None:
        _running.discard(self)
        if self._owner_gone():
            return
        if self._on_done is not None:
            self._on_done(value)

    @Slot(object)
    def _deliver_error(self, error: BaseException) -> None:
        _running.discard(self)
        if self._owner_gone():
            log.info("answer for a closed screen dropped: %s", type(error).__name__)
            return
        if self._on_error is not None:
            self._on_error(error)
        else:
            log.error("background task failed", exc_info=error)

    @Slot(object)
    def _deliver_progress(self, value: Any) -> None:
        if self._on_progress is not None and not self._owner_gone():
            self._on_progress(value)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[..., Any], relay: _Relay, with_progress: bool) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay
        self._with_progress = with_progress

    def run(self) -> None:
        try:
            value = self._fn(self._relay.progress.emit) if self._with_progress else self._fn()
        except BaseException as error:  # noqa: BLE001 - every failure must reach the GUI
            self._relay.failed.emit(error)
        else:
            self._relay.done.emit(value)


def run_task(
    fn: Callable[..., Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[Any], None] | None = None,
) -> None:
    """Run ``fn()`` (or ``fn(report)`` when ``on_progress`` is given) off the GUI thread."""
    relay = _Relay(on_done, on_error, on_progress)
    _running.add(relay)
    QThreadPool.globalInstance().start(_Runnable(fn, relay, on_progress is not None))


def busy() -> bool:
    """True while any task's answer has not yet reached the GUI thread (tests wait on it)."""
    return bool(_running)


def wait_all(timeout_ms: int = 30000) -> None:
    """Let running jobs finish (at exit, so no thread writes after the database closes)."""
    QThreadPool.globalInstance().waitForDone(timeout_ms)
