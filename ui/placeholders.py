"""Boxes at least as wide as the hint they show while empty, so a placeholder is never cut."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QStyle

MARGIN = 4  # QLineEdit's own two pixels each side of the text


def hint(edit: QLineEdit, text: str) -> None:
    """Show ``text`` in the empty box and keep the box wide enough for it (in the window's font and style)."""
    edit.setPlaceholderText(text)
    frame = edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, edit)
    margins = edit.textMargins()
    needed = edit.fontMetrics().horizontalAdvance(text) + 2 * frame + MARGIN + margins.left() + margins.right() + 2
    edit.setMinimumWidth(max(edit.minimumWidth(), needed))
