"""Keys as the input system delivers them, with its timestamps: a scanner's burst, or a clerk typing.

Qt's test clicks carry no timestamp (0), which the window counts as typing; a device's keys carry the time they
were pressed. ``Keyboard`` sends key presses to the focused widget stamped with a clock it advances by the gap
asked (a clerk's 150 ms, without the test waiting for the clerk's pace; the event loop runs between keys), and a
scanner's burst is delivered whole with its timestamps 4 ms apart (``scan``), so the window's scan detection sees what
it would see from a real scanner or a real clerk.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

SCANNER_GAP_MS = 4
CLERK_GAP_MS = 150


class Keyboard:
    def __init__(self, start_ms: int = 5_000_000) -> None:
        self.now = start_ms
        self.presses = 0  # every key press sent, for counting a clerk's keystrokes

    def press(
        self, key: int, text: str = "", gap_ms: int = CLERK_GAP_MS, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self.now += gap_ms
        self.presses += 1
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            # Where the application delivers a key: an open popup (a completer's list) first, else the focus.
            target = QApplication.activePopupWidget() or QApplication.focusWidget() or QApplication.activeWindow()
            assert target is not None, "a widget has the focus"
            event = QKeyEvent(kind, key, modifiers, text)
            event.setTimestamp(self.now)
            QApplication.sendEvent(target, event)
        QApplication.processEvents()

    def type(self, text: str, gap_ms: int = CLERK_GAP_MS) -> None:
        for char in text:
            self.press(ord(char.upper()), char, gap_ms)

    def key(self, key: Qt.Key, gap_ms: int = CLERK_GAP_MS, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        text = "\r" if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) else "\t" if key == Qt.Key.Key_Tab else ""
        self.press(int(key.value), text, gap_ms, modifiers)

    def scan(self, code: str, gap_ms: int = SCANNER_GAP_MS) -> None:
        """A scanner's burst: the code, then Enter, stamped at the scanner's pace and delivered back to back, as the
        input system delivers a device's keys queued while the window was busy; then the wall clock catches up with
        the burst's length, the event loop running."""
        target = QApplication.activePopupWidget() or QApplication.focusWidget() or QApplication.activeWindow()
        assert target is not None, "a widget has the focus"
        keys = [(ord(char.upper()), char) for char in code] + [(int(Qt.Key.Key_Return.value), "\r")]
        began = time.monotonic()
        for n, (key, text) in enumerate(keys, start=1):  # delivered back to back: the window was busy meanwhile
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
                event.setTimestamp(self.now + n * gap_ms)
                QApplication.sendEvent(QApplication.activePopupWidget() or QApplication.focusWidget() or target, event)
        self.now += len(keys) * gap_ms
        self.presses += len(keys)
        QApplication.processEvents()
        while time.monotonic() - began < len(keys) * gap_ms / 1000:
            QApplication.processEvents()
            time.sleep(0.001)
        QApplication.processEvents()  # the code's route (queued after its Enter)

    def settle(self, ms: int = 120) -> None:
        """Let held keys go through (the clerk paused)."""
        deadline = time.monotonic() + ms / 1000
        while time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.005)
