"""Today's entries at this window, beside the entry form: what was just saved, newest first.

A clerk often needs the entry of a minute ago (a reprint, a second look, a
correction): the list holds today's entries of this window's database with
receipt number, kind, name, masked ID number and state; Enter or a
double-click opens one in the record view. It is read off the GUI thread
whenever records change, so saving never waits for it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app import clock
from clerk_app.domain.kinds import KIND_LABELS_ZH
from clerk_app.domain.masking import mask_id_number
from clerk_app.services.records import RecordSummary
from ui.context import AppContext
from ui.record_model import state_label
from ui.tasks import run_task
from ui.words import word

SHOWN = 200  # more than a window enters in a day
WIDTH = 480  # the five columns at their widest; the form beside it takes the rest


class _Table(QTableWidget):
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self.itemActivated.emit(self.currentItem())
            return
        super().keyPressEvent(event)


class TodayList(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self._ctx = ctx
        self.rows: list[RecordSummary] = []
        self.setFixedWidth(WIDTH)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self.tr("今天本窗口录入"))
        self.title.setObjectName("who")
        layout.addWidget(self.title)
        self.table = _Table()
        headers = [self.tr("回执尾号"), self.tr("类别"), self.tr("姓名"), self.tr("身份证号"), self.tr("状态")]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # a long name is shortened, never the rest
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.itemActivated.connect(lambda _item: self.open_current())
        layout.addWidget(self.table, 1)
        ctx.records_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        today = clock.today().isoformat()

        def read() -> list[RecordSummary]:
            # Newest first; today's are at the top, so one page holds them all.
            return [s for s in self._ctx.records.list(limit=SHOWN) if s.created_at[:10] == today]

        run_task(read, self._show)

    def _show(self, rows: list[RecordSummary]) -> None:
        if rows == self.rows:
            return  # an upload changes records many times a second; most changes are not today's rows
        self.rows = rows
        self.title.setText(self.tr("今天本窗口录入（%1 条）").replace("%1", str(len(rows))))
        header = self.table.horizontalHeader()
        # Sized once after the fill: a column sized to its contents re-measures every row on every
        # setItem, and 200 rows x 5 columns of that held the GUI thread for seconds during an upload.
        self.table.setUpdatesEnabled(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setRowCount(len(rows))
        for row, s in enumerate(rows):
            cells = (
                s.receipt_no.rsplit("-", 1)[-1] if s.receipt_no else "",
                word(KIND_LABELS_ZH.get(s.kind, s.kind)),
                s.name,
                mask_id_number(s.id_number),
                state_label(s),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(s.receipt_no if column == 0 else text)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setUpdatesEnabled(True)

    def open_current(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            from ui.record_view import RecordDialog  # the record view holds entry forms, beside which this list sits

            RecordDialog(self._ctx, self.rows[row].record_id, self).exec()
            self.refresh()
