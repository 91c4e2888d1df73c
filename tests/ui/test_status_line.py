"""The status line counts a save at once, even while the platform hangs without answering."""

from __future__ import annotations

import socket

from tests import factories
from ui.context import AppContext
from ui.main_window import MainWindow


def test_a_save_is_counted_at_once_while_the_platform_hangs(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    # A platform that takes the connection and never answers: its /health holds the status check for 10 s.
    hung = socket.socket()
    hung.bind(("127.0.0.1", 0))
    hung.listen(8)
    try:
        settings = ctx.settings
        settings.set("platform.url", f"http://127.0.0.1:{hung.getsockname()[1]}/api/v1", operator="boss")
        settings.set("platform.account", "win01", operator="boss")
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        ctx.records.add("transition_case", factories.transition_case(), operator="clerk01")
        ctx.records_changed.emit()
        qtbot.waitUntil(lambda: counts(window) == ("待上传 1　上传中 0", "被退回 0"), timeout=3000)
    finally:
        hung.close()  # the waiting status check is refused now, so the test ends without its timeout


def counts(window: MainWindow) -> tuple[str, str]:
    """The status line's queue counts and its (highlightable) 被退回 count."""
    return window.status.counts.text(), window.status.rejected.text()
