"""Today's entries at this window, beside the entry form: what was just saved, newest first.

A clerk often needs the entry of a minute ago (a reprint, a second look, a
correction): the list holds today's entries of this window's database with
receipt number, kind, name, masked ID number and state; Enter or a
double-click opens one in the record view. It is read off the GUI thread
whenever records change, so saving never waits for it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
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
from ui.record_model import UPLOAD_STATES, VOIDED, state_label
from ui.tasks import run_task
from ui.words import word

SHOWN = 200  # more than a window enters in a day
FULL_WIDTH = "\u3000"  # one full-width character's room (the ideographic space)
NAME_ROOM = 6  # characters of a name shown whole (欧阳·买买提; a longer one: its tool tip)
KIND_ROOM = 7  # characters of a kind shown whole (an English kind beyond it is shortened, whole in its tool tip)
PADDING = 14  # a cell's text margins and grid line


def _cells(s: RecordSummary) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A row's texts and their tool tips, made on the worker thread (translate() is thread-safe): the GUI thread
    only puts them in. A voided entry says 已作废 (its upload state in the tool tip), so the state column stays narrow."""
    tail = s.receipt_no.rsplit("-", 1)[-1] if s.receipt_no else ""
    state = word(VOIDED) if s.voided else state_label(s)
    texts = (tail, word(KIND_LABELS_ZH.get(s.kind, s.kind)), s.name, mask_id_number(s.id_number), state)
    return texts, (s.receipt_no, texts[1], s.name, texts[3], state_label(s))


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
        self._size_columns()
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.itemActivated.connect(lambda _item: self.open_current())
        layout.addWidget(self.table, 1)
        ctx.records_changed.connect(self.refresh)
        self.refresh()

    def _size_columns(self) -> None:
        """Columns as wide as the longest they can hold, measured once from what they can say (receipt tails, the
        kinds, a masked number, the states): never re-measured from the rows, and the name keeps the rest."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()

        def width(*texts: str) -> int:
            return max(metrics.horizontalAdvance(text) for text in texts) + PADDING

        headers = [self.table.horizontalHeaderItem(c).text() for c in range(self.table.columnCount())]  # type: ignore[union-attr]
        states = [word(label) for label in UPLOAD_STATES.values()] + [word(VOIDED)]
        kinds = [word(label) for label in KIND_LABELS_ZH.values()]
        widths = [
            width("0000", headers[0]),
            min(width(*kinds, headers[1]), metrics.horizontalAdvance(FULL_WIDTH * KIND_ROOM) + PADDING),
            width(FULL_WIDTH * NAME_ROOM, headers[2]),
            width(mask_id_number("22010219900101135X"), headers[3]),
            width(*states, headers[4]),
        ]
        for column, size in enumerate(widths):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(column, size)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # a long name gets whatever is left
        scroll = self.table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        full = sum(widths) + 2 * self.table.frameWidth() + scroll + 2
        # As wide as that; narrower only where the entry tabs need the room (a longer language), the name giving it.
        self.setMaximumWidth(full)
        self.setMinimumWidth(full - widths[2] + metrics.horizontalAdvance(FULL_WIDTH * 3) + PADDING)

    def sizeHint(self) -> QSize:
        return QSize(self.maximumWidth(), super().sizeHint().height())  # as wide as its columns, room permitting

    def refresh(self) -> None:
        today = clock.today().isoformat()

        def read() -> list[tuple[RecordSummary, tuple[tuple[str, ...], tuple[str, ...]]]]:
            # Newest first; today's are at the top, so one page holds them all.
            return [(s, _cells(s)) for s in self._ctx.records.list(limit=SHOWN) if s.created_at[:10] == today]

        run_task(read, self._show)

    def _show(self, read: list[tuple[RecordSummary, tuple[tuple[str, ...], tuple[str, ...]]]]) -> None:
        rows = [summary for summary, _cells in read]
        if rows == self.rows:
            return  # an upload changes records many times a second; most changes are not today's rows
        self.rows = rows
        self.title.setText(self.tr("今天本窗口录入（%1 条）").replace("%1", str(len(rows))))
        self.table.setUpdatesEnabled(False)
        self.table.setRowCount(len(rows))
        for row, (_summary, (texts, tips)) in enumerate(read):
            for column, text in enumerate(texts):
                item = self.table.item(row, column)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(row, column, item)
                if item.text() != text:  # an upload changes the state column; the rest stays as it is
                    item.setText(text)
                    item.setToolTip(tips[column])
                elif item.toolTip() != tips[column]:
                    item.setToolTip(tips[column])
        self.table.setUpdatesEnabled(True)

    def open_current(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            from ui.record_view import RecordDialog  # the record view holds entry forms, beside which this list sits

            RecordDialog(self._ctx, self.rows[row].record_id, self).exec()
            self.refresh()
