"""The ID-card reader in the window: polled on its own thread, its state in the status line, each card placed told once.

The device service (``clerk_app.devices``) does the reading; this module only
runs it off the GUI thread (a ``QThread`` whose timer asks the reader every
``POLL_MS``), so a slow reader or driver never stalls the window, and turns
what it finds into signals on the GUI thread: ``state`` (就绪 / 未连接 / 模拟,
with the reason when not connected) and ``card`` (a ``CardRead``, once per
card laid on the reader: the same card counts again only after the reader has
been empty for two polls). A reader that cannot be opened is tried again every
``RETRY_MS``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from clerk_app.devices.reader import SIMULATOR, CardReader, ReaderUnavailable

POLL_MS = 250
RETRY_MS = 3000
EMPTY_POLLS_BEFORE_AGAIN = 2

READY, DISCONNECTED, SIMULATED, OFF = "ready", "disconnected", "simulated", "off"


class _Poller(QObject):
    """Lives on the reader's thread: opens the reader, asks it for a card, reports changes."""

    state = Signal(str, str)  # READY / DISCONNECTED / SIMULATED, reason
    card = Signal(object)  # CardRead

    def __init__(self, reader: CardReader, lang: str) -> None:
        super().__init__()
        self._reader = reader
        self._lang = lang
        self._open = False
        self._last: str | None = None
        self._empty = 0
        self._timer: QTimer | None = None

    @Slot()
    def start(self) -> None:
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.poll)
        self.poll()
        self._timer.start(POLL_MS)

    @Slot()
    def poll(self) -> None:
        try:
            if not self._open:
                self._reader.open()
                self._open = True
                self.state.emit(SIMULATED if self._reader.kind == SIMULATOR else READY, "")
                if self._timer is not None:
                    self._timer.setInterval(POLL_MS)
            read = self._reader.read()
        except ReaderUnavailable as unavailable:
            self._open = False
            self.state.emit(DISCONNECTED, unavailable.problem.message(self._lang))
            if self._timer is not None:
                self._timer.setInterval(RETRY_MS)
            return
        if read is None:
            self._empty += 1
            if self._empty >= EMPTY_POLLS_BEFORE_AGAIN:
                self._last = None
            return
        self._empty = 0
        seen = read.card.id_number if read.card is not None else (read.refusal.code if read.refusal else "")
        if seen != self._last:
            self._last = seen
            self.card.emit(read)

    @Slot()
    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self._open:
            self._reader.close()
            self._open = False


class ReaderWatch(QObject):
    """The reader of this window (None: none set) polled on its own thread."""

    state = Signal(str, str)
    card = Signal(object)  # CardRead
    _start = Signal()
    _stop = Signal()

    def __init__(self, reader: CardReader | None, lang: str) -> None:
        super().__init__()
        self.reader = reader
        self.current = OFF
        self.reason = ""
        self._thread: QThread | None = None
        if reader is None:
            return
        self._thread = QThread()
        self._thread.setObjectName("card-reader")
        self._poller = _Poller(reader, lang)
        self._poller.moveToThread(self._thread)
        self._start.connect(self._poller.start)
        self._stop.connect(self._poller.stop)
        self._poller.state.connect(self._state)
        self._poller.card.connect(self.card)
        self._thread.start()
        self._start.emit()

    def _state(self, state: str, reason: str) -> None:
        self.current, self.reason = state, reason
        self.state.emit(state, reason)

    def stop(self) -> None:
        """Close the reader and end its thread (at the window's close)."""
        if self._thread is None:
            return
        self._stop.emit()
        self._thread.quit()
        self._thread.wait(3000)
        self._thread = None

