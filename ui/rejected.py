"""被退回 work list: entries the platform refused, with its reasons in Chinese, to fix and resend.

A refused version stays refused; the fix is a correction (a new version),
which goes into the upload queue by itself. So Enter opens the record, and
更正 (Ctrl+E) corrects the selected one here or in the record; once saved it
leaves this list. Each row says when it came back, whose entry it was (by
name) and the ID number masked, as every list does.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.kinds import KIND_LABELS_ZH
from clerk_app.domain.masking import mask_id_number
from ui.context import AppContext
from ui.record_model import REJECTED_BACKGROUND
from ui.record_view import CorrectDialog, RecordDialog
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
    id_number: str = ""
    clerk: str = ""  # the name of who entered the refused version
    returned_at: str = ""  # when the platform's answer came


def load(ctx: AppContext) -> list[Rejected]:
    found = []
    names = ctx.operators.names()
    for summary in ctx.records.list(state="rejected", limit=LIMIT):
        detail = ctx.records.get(summary.record_id)
        if detail is None:
            continue
        refused = [v for v in detail.versions if v.upload_state == "rejected"]
        version = refused[-1] if refused else detail.versions[-1]
        reasons = QCoreApplication.translate("rejected", "；").join(
            str(e.get("message") or e.get("code")) for e in version.platform_errors
        )
        found.append(
            Rejected(
                summary.record_id, summary.receipt_no, summary.kind, summary.name, version.version, reasons,
                id_number=summary.id_number, clerk=names.get(version.entered_by.casefold(), version.entered_by),
                returned_at=(version.resolved_at or "")[:16].replace("T", " "),
            )
        )
    return found


HEADERS = (
    QT_TRANSLATE_NOOP("words", "退回时间"), QT_TRANSLATE_NOOP("words", "回执号"), QT_TRANSLATE_NOOP("words", "类别"),
    QT_TRANSLATE_NOOP("words", "姓名"), QT_TRANSLATE_NOOP("words", "身份证号"), QT_TRANSLATE_NOOP("words", "录入人"),
    QT_TRANSLATE_NOOP("words", "版本"), QT_TRANSLATE_NOOP("words", "平台退回原因"),
)


def cells(item: Rejected) -> tuple[str, ...]:
    """A row as the list shows it (the ID number masked)."""
    return (
        item.returned_at, item.receipt_no, word(KIND_LABELS_ZH.get(item.kind, item.kind)), item.name,
        mask_id_number(item.id_number), item.clerk, str(item.version), item.reasons,
    )


class RejectedScreen(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self._ctx = ctx
        self.rows: list[Rejected] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.correct_button = QPushButton(self.tr("更正（Ctrl+E）"))
        self.open_button = QPushButton(self.tr("打开（Enter）"))
        top.addWidget(self.message, 1)
        top.addWidget(self.open_button)
        top.addWidget(self.correct_button)
        layout.addLayout(top)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([word(title) for title in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(len(HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((130, 210, 110, 80, 170, 80, 50)):
            self.table.setColumnWidth(column, width)
        layout.addWidget(self.table, 1)
        self.table.activated.connect(lambda index: self.open_row(index.row()))
        self.open_button.clicked.connect(lambda: self.open_row(self.table.currentRow()))
        self.correct_button.clicked.connect(lambda: self.correct_row(self.table.currentRow()))
        QShortcut(QKeySequence("Ctrl+E"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut).activated.connect(
            lambda: self.correct_row(self.table.currentRow())
        )
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
            for column, text in enumerate(cells(item)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                cell.setBackground(REJECTED_BACKGROUND)
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()
        self.correct_button.setEnabled(bool(rows))
        self.open_button.setEnabled(bool(rows))
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
            self.dialog: QDialog = dialog

    def correct_row(self, row: int) -> None:
        """The correction dialog for the selected record, straight from the list."""
        if not 0 <= row < len(self.rows):
            return
        detail = self._ctx.records.get(self.rows[row].record_id)
        if detail is None or detail.summary.voided:
            return
        dialog = CorrectDialog(self._ctx, detail, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self._ctx.records_changed.emit())
        dialog.open()
        self.dialog = dialog
