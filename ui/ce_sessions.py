"""The sessions of one continuing-education entry: typed one by one, listed in a table below.

A clerk copies a study record line by line: course, hours, offline or online,
dates. Typing into a table's cells is awkward with an input method, so each
line is typed in ordinary boxes and added to the list (Alt+A, or Enter in the
last box); Delete removes the selected line. The hours of this entry are
summed under the list. Once the institution is known, the mode box starts at
its filed mode (a session must be in it: DOMAIN.md, "Continuing-education
filings").
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.kinds import SESSION_MODES
from ui import placeholders
from ui.entry_fields import date_text
from ui.words import word

COLUMNS = ("course", "hours", "mode", "start_date", "end_date")


def _hours(text: str) -> object:
    try:
        return float(text) if "." in text else int(text)
    except ValueError:
        return text  # validation explains what a number of hours looks like


class SessionsEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sessions: list[dict[str, Any]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        self.course = QLineEdit()
        self.hours = QLineEdit()
        self.mode = QComboBox()
        for code, label in SESSION_MODES.items():
            self.mode.addItem(word(label), code)
        self.start = QLineEdit()
        self.end = QLineEdit()
        for box, text in ((self.course, self.tr("课程名称")), (self.hours, self.tr("学时，如 4 或 2.5")),
                          (self.start, self.tr("开始日期")), (self.end, self.tr("结束日期"))):
            placeholders.hint(box, text)  # each box as wide as its hint: what to type is read whole
        self.add_button = QPushButton(self.tr("加入本条(&A)"))
        self.add_button.setAutoDefault(False)
        for column, widget in enumerate((self.course, self.hours, self.mode, self.start, self.end, self.add_button)):
            grid.addWidget(widget, 0, column)
        grid.setColumnStretch(0, 3)
        for column in (1, 3, 4):
            grid.setColumnStretch(column, 1)
        layout.addLayout(grid)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [self.tr("课程名称"), self.tr("学时"), self.tr("方式"), self.tr("开始日期"), self.tr("结束日期")]
        )
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(110)
        self.table.verticalHeader().setDefaultSectionSize(24)
        layout.addWidget(self.table)
        self.total = QLabel()
        self.total.setObjectName("derived")
        layout.addWidget(self.total)
        self.add_button.clicked.connect(self.add_typed)
        self.end.returnPressed.connect(self.add_typed)
        remove = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self.remove_selected)
        self._show_total()

    def set_filed_mode(self, mode: str | None) -> None:
        """Start the mode box at the institution's filed mode (offline or online), if known."""
        index = self.mode.findData(mode) if mode else -1
        if index >= 0:
            self.mode.setCurrentIndex(index)

    def typed(self) -> dict[str, Any] | None:
        """The line in the boxes, or None when they are empty."""
        if not any(w.text().strip() for w in (self.course, self.hours, self.start, self.end)):
            return None
        return {
            "course": self.course.text(),
            "hours": _hours(self.hours.text().strip()),
            "mode": self.mode.currentData(),
            "start_date": date_text(self.start.text()),
            "end_date": date_text(self.end.text()),
        }

    def add_typed(self) -> None:
        line = self.typed()
        if line is None:
            return
        self._sessions.append(line)
        for box in (self.course, self.hours, self.start, self.end):
            box.clear()
        self._refresh()
        self.course.setFocus()

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            del self._sessions[row]
        self._refresh()

    def sessions(self) -> list[dict[str, Any]]:
        """The listed lines plus a typed line not yet added, as the payload's ``sessions``."""
        typed = self.typed()
        return [*self._sessions, *([typed] if typed else [])]

    def set_sessions(self, sessions: list[dict[str, Any]]) -> None:
        self._sessions = [dict(s) for s in sessions]
        self._refresh()

    def clear(self) -> None:
        for box in (self.course, self.hours, self.start, self.end):
            box.clear()
        self.set_sessions([])

    def _refresh(self) -> None:
        self.table.setRowCount(len(self._sessions))
        for row, session in enumerate(self._sessions):
            for column, key in enumerate(COLUMNS):
                value = session.get(key)
                text = word(SESSION_MODES.get(str(value), str(value))) if key == "mode" else str(value)
                self.table.setItem(row, column, QTableWidgetItem(text))
        self._show_total()
        self.changed.emit()

    def _show_total(self) -> None:
        numbers = [s for s in self._sessions if isinstance(s.get("hours"), (int, float))]
        offline = sum(s["hours"] for s in numbers if s["mode"] == "offline")
        online = sum(s["hours"] for s in numbers if s["mode"] == "online")
        self.total.setText(
            self.tr("本次共 %1 条，%2 学时（面授 %3，网络 %4）")
            .replace("%1", str(len(self._sessions)))
            .replace("%2", f"{offline + online:g}")
            .replace("%3", f"{offline:g}")
            .replace("%4", f"{online:g}")
        )
