"""The red line under a field: as wide as the form, always readable whole, and still while the clerk types.

A problem appears and goes as each key is typed. The line sits under its field
and spans the form's width, so nearly every message fits on its one line, which
is kept even while empty: the fields below do not move as problems come and go.
A longer message (or two problems at once) wraps onto more lines rather than
being shortened: the clerk reads all of it without the mouse.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy


class FieldError(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setContentsMargins(0, 0, 0, 4)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self._keep_one_line()

    def _keep_one_line(self) -> None:
        # The style sheet may set the font after construction: the height of one line follows it.
        self.setMinimumHeight(self.fontMetrics().lineSpacing() + 4)

    def heightForWidth(self, width: int) -> int:
        # Empty or one line: exactly the line kept for it, so every empty line is as tall as every other.
        return max(self.minimumHeight(), super().heightForWidth(width)) if self.text() else self.minimumHeight()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._keep_one_line()
