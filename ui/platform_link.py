"""What the window asks of the provincial platform side: status, upload, registry refresh.

The one place the UI meets ``sync/`` (the upload engine, the platform client),
so the screens stay the same whichever way the link is made. Every function
here is slow (network, many rows) and is only ever called through
``ui.tasks.run_task``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ui.context import AppContext


@dataclass(frozen=True)
class Status:
    online: bool | None  # None: no platform configured
    pending: int
    sending: int
    rejected: int
    last_upload: str | None
    warnings: tuple[str, ...] = ()


def status(ctx: AppContext) -> Status:
    """Counts from the local outbox; online state once the upload engine provides it."""
    records = ctx.records
    return Status(
        online=None,
        pending=records.count(state="pending"),
        sending=records.count(state="sending"),
        rejected=records.count(state="rejected"),
        last_upload=None,
    )
