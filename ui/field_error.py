"""The red line beside a field: always two lines high, so the form does not jump while the clerk types.

A problem appears and goes as each key is typed; a label that grew with its
text would push every field below it down and back. This one keeps the
height of two lines whatever it says, shortens a longer message with "…" to
fit, and holds the whole message in its tool tip (the save's summary line
names every problem too).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy

LINES = 2


class FieldError(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._full = ""
        self.setFixedHeight(self.fontMetrics().lineSpacing() * LINES + 4)

    def text(self) -> str:
        """The whole message (what is painted may be shortened to two lines)."""
        return self._full

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        height = self.fontMetrics().lineSpacing() * LINES + 4  # the style sheet may set the font after construction
        if self.height() != height:
            self.setFixedHeight(height)
        one_line = " ".join(self._full.split("\n"))
        width = self.width() - 2
        if width <= 0 or self._fits(one_line, width):
            super().setText(one_line)
            return
        low, high = 0, len(one_line)  # the longest start of the message that fits with "…"
        while low < high:
            middle = (low + high + 1) // 2
            if self._fits(one_line[:middle] + "…", width):
                low = middle
            else:
                high = middle - 1
        super().setText(one_line[:low] + "…")

    def _fits(self, text: str, width: int) -> bool:
        flags = int(Qt.TextFlag.TextWordWrap.value) | int(Qt.AlignmentFlag.AlignLeft.value)
        return self.fontMetrics().boundingRect(0, 0, width, 10_000, flags, text).height() <= self.height()
