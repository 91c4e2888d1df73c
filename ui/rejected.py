"""被退回 work list: entries the platform refused, with its reasons in Chinese, to fix and resend.

A refused version stays refused; the fix is a correction (a new version),
which goes into the upload queue by itself. So Enter opens the record, and
Ctrl+E there corrects it; once saved it leaves this list.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.kinds import KIND_LABELS_ZH
from ui.context import AppContext
from ui.record_view import RecordDialog
from ui.tasks import run_task
from ui.words import word

LIMIT = 500


@dataclass(frozen=True)
class Rejected:
    record_id: str
    receipt_no: str
    kind: str
    name: str
    version: int
    reasons: str


def load(ctx: AppContext) -> list[Rejected]:
    found = []
    for summary in ctx.records.list(state="rejected", limit=LIMIT):
        detail = ctx.records.get(summary.record_id)
        if detail is None:
            continue
        refused = [v for v in detail.versions if v.upload_state == "rejected"]
        version = refused[-1] if refused else detail.versions[-1]
        reasons = QCoreApplication.translate("rejected", "；").join(
            str(e.get("message") or e.get("code")) for e in version.platform_errors
        )
        found.append(Rejected(summary.record_id, summary.receipt_no, summary.kind, summary.name, version.version, reasons))
    return found


class RejectedScreen(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self._ctx = ctx
        self.rows: list[Rejected] = []
        layout = QVBoxLayout(self)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("回执号"), self.tr("类别"), self.tr("姓名"), self.tr("版本"), self.tr("平台退回原因")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((230, 120, 100, 50)):
            self.table.setColumnWidth(column, width)
        layout.addWidget(self.table, 1)
        self.table.activated.connect(lambda index: self.open_row(index.row()))
        ctx.records_changed.connect(self.refresh)

    def focus_first(self) -> None:
        self.refresh()
        self.table.setFocus()

    def refresh(self) -> None:
        self.message.setText(self.tr("正在读取…"))
        run_task(lambda: load(self._ctx), self._show)

    def _show(self, rows: list[Rejected]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for row, item in enumerate(rows):
            values = (item.receipt_no, word(KIND_LABELS_ZH.get(item.kind, item.kind)), item.name, str(item.version), item.reasons)
            for column, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()
        if rows:
            self.message.setText(
                self.tr("共 %1 条被平台退回。选中后按 Enter 打开，按 Ctrl+E 更正；保存更正后会自动重新上传。")
                .replace("%1", str(len(rows)))
            )
            self.table.selectRow(0)
        else:
            self.message.setText(self.tr("没有被退回的记录。"))

    def open_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            dialog = RecordDialog(self._ctx, self.rows[row].record_id, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.finished.connect(lambda _r: self.refresh())
            dialog.open()
            self.dialog = dialog
