"""Scans anywhere: an application-wide key filter that tells a scanner's burst from typing.

A scanner is a keyboard typing a whole code in a burst ending with Enter
(DOMAIN.md; ``scan_codes.is_scan_timing``: at least 8 characters, each under
30 ms after the one before). Whatever has the focus, printable keys are held
back for a moment: the next key more than 30 ms later, a key that is no
character (Tab, arrows, Backspace), Enter after fewer than 8, or a short
silence (``HOLD_MS``) lets them through to the focused widget as typed, in
order; a burst of 8 or more ending with Enter never reaches a field: the code
goes to ``scanned`` and the window routes it by content. A password field
never takes part: its keys pass untouched. Timing is the input system's own
(the key event's timestamp), so a loaded machine does not turn typing into a
scan; a key event without a timestamp (0: made by a program, not by a device)
is typing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from clerk_app.domain.scan_codes import SCAN_MAX_GAP_MS, is_scan_timing

HOLD_MS = 60  # how long a held key waits for the next before it is let through as typed
NO_MODIFIERS = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.KeypadModifier)
ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


@dataclass(frozen=True)
class _Held:
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    at: int  # the event's timestamp, ms


class ScanWatch(QObject):
    scanned = Signal(str)

    def __init__(self, active: Callable[[], bool]) -> None:
        super().__init__()
        self._active = active
        self._held: list[_Held] = []
        self._last: tuple[int, int, str] | None = None  # the last key event seen (it travels up the parents)
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(HOLD_MS)
        self._timer.timeout.connect(self._quiet)
        app = QApplication.instance()
        assert app is not None, "the window's application exists first"
        app.installEventFilter(self)

    def stop(self) -> None:
        self.release()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        at = int(event.timestamp())
        seen = (at, event.key(), event.text())
        if at and seen == self._last:
            return False  # the same key, offered to a parent of the widget that did not take it
        self._last = seen
        if not at or not self._active() or _in_password_field():
            self.release()
            return False
        if event.key() in ENTER:
            if self._held and at - self._held[-1].at < SCAN_MAX_GAP_MS and is_scan_timing(self._gaps(), len(self._held)):
                code = "".join(held.text for held in self._held)
                self._held.clear()
                self._timer.stop()
                QTimer.singleShot(0, lambda: self.scanned.emit(code))  # routed after this key's delivery ends
                return True
            self.release()
            return False
        text = event.text()
        if len(text) == 1 and text.isascii() and text.isprintable() and event.modifiers() in NO_MODIFIERS:
            if self._held and at - self._held[-1].at >= SCAN_MAX_GAP_MS:
                self.release()  # a pause: what was held was typed
            self._held.append(_Held(event.key(), event.modifiers(), text, at))
            self._timer.start()
            return True
        self.release()
        return False

    def _gaps(self) -> list[float]:
        return [float(b.at - a.at) for a, b in zip(self._held, self._held[1:], strict=False)]

    def _quiet(self) -> None:
        """No key for HOLD_MS. If the window was busy meanwhile, a scanner's next keys may still be waiting in
        the queue: take them first, and let the held keys through only if none came."""
        held = len(self._held)
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeSocketNotifiers)
        if len(self._held) == held and self._held:
            self.release()

    def release(self) -> None:
        """Let the held keys through to the focused widget, as typed."""
        self._timer.stop()
        held, self._held = self._held, []
        target = QApplication.focusWidget()
        if not held or target is None:
            return
        self._replaying = True
        try:
            for key in held:
                QApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyPress, key.key, key.modifiers, key.text))
        finally:
            self._replaying = False


def _in_password_field() -> bool:
    focus = QApplication.focusWidget()
    return isinstance(focus, QLineEdit) and focus.echoMode() != QLineEdit.EchoMode.Normal
