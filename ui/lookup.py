"""The 查询 screen: one box for an ID number, a name, a certificate or receipt number, or a scanned barcode.

With the box empty the screen lists every record (newest first, filterable by
kind and upload state) through the lazily paged model. A complete receipt
number opens the record at once; a scanned one is routed there by the
window wherever the focus is (``ui.counter``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk_app import clock
from clerk_app.domain.id_number import parse_id_number
from clerk_app.domain.kinds import KIND_LABELS_ZH
from clerk_app.domain.problems import Problem
from clerk_app.domain.scan_codes import RECEIPT_NO
from clerk_app.services.records import RecordSummary
from ui import placeholders, print_actions
from ui.context import AppContext
from ui.record_model import COLUMNS, UPLOAD_STATES, RecordListModel, cell, highlight
from ui.record_view import RecordDialog
from ui.tasks import run_task
from ui.words import word


class ResultsModel(QAbstractTableModel):
    """Search results: at most a page, held whole."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[RecordSummary] = []
        self._names: Mapping[str, str] = {}
        self._headers = [word(title) for _, title in COLUMNS]

    def set_rows(self, rows: list[RecordSummary], names: Mapping[str, str]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._names = names
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell(self.rows[index.row()], COLUMNS[index.column()][0], self._names)
        return highlight(self.rows[index.row()], role)

    def summary_at(self, row: int) -> RecordSummary | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None


class LookupScreen(QWidget):
    opened = Signal(str)  # record_id of a record shown (tests listen)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self._ctx = ctx
        layout = QVBoxLayout(self)
        self.box = QLineEdit()
        placeholders.hint(self.box, self.tr("身份证号、姓名、证书编号或回执号，按 Enter 查找"))
        self.box.setToolTip(self.tr("扫描回执条码直接打开记录"))
        self.box.setClearButtonEnabled(True)
        filters = QHBoxLayout()
        find = QLabel(self.tr("查找(&F)"))
        find.setBuddy(self.box)
        filters.addWidget(find, 0)
        filters.addWidget(self.box, 1)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("全部类别"), None)
        for code, label in KIND_LABELS_ZH.items():
            self.kind.addItem(word(label), code)
        self.state = QComboBox()
        self.state.addItem(self.tr("全部状态"), None)
        for code, state in UPLOAD_STATES.items():
            self.state.addItem(word(state), code)
        self.state.addItem(self.tr("已作废"), "voided")
        filters.addWidget(self.kind)
        filters.addWidget(self.state)
        # A driver's papers by ID number (the selected record's, or the one typed): certificate and CE statement.
        self.certificate_button = QPushButton(self.tr("打印从业资格证"))
        self.statement_button = QPushButton(self.tr("打印学时证明"))
        for button in (self.certificate_button, self.statement_button):
            button.setAutoDefault(False)
            filters.addWidget(button)
        self.certificate_button.clicked.connect(self.print_certificate)
        self.statement_button.clicked.connect(self.print_statement)
        layout.addLayout(filters)
        message_row = QHBoxLayout()
        self.message = QLabel()
        self.reveal_button = QPushButton(self.tr("显示完整身份证号(&I)"))
        self.reveal_button.setToolTip(self.tr("列表中的身份证号只显示前后四位；选中一条后按此显示完整号码"))
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.reveal_button)
        layout.addLayout(message_row)
        self.table = QTableView()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.all_records = RecordListModel(ctx)
        self.results = ResultsModel()
        self._show_model(self.all_records)
        # The kind column as wide as the longest kind in the window's language (English ones are longer).
        kind_width = max(self.table.fontMetrics().horizontalAdvance(word(k)) for k in KIND_LABELS_ZH.values()) + 16
        for column, width in enumerate((200, max(120, kind_width), 90, 180, 180, 110, 140)):
            self.table.setColumnWidth(column, width)
        self.all_records.loaded.connect(self._show_count)
        self.box.returnPressed.connect(self.search)
        self.box.textChanged.connect(lambda text: self._show_model(self.all_records) if not text.strip() else None)
        self.kind.currentIndexChanged.connect(self._filter)
        self.state.currentIndexChanged.connect(self._filter)
        self.table.activated.connect(lambda index: self._open_row(index.row()))
        self.reveal_button.clicked.connect(self.reveal)
        ctx.records_changed.connect(self.all_records.refresh)
        self.all_records.refresh()

    def focus_box(self) -> None:
        self.box.setFocus()
        self.box.selectAll()
        if self.table.model() is self.all_records:
            self.all_records.refresh()  # entries may have come from elsewhere (import, upload, the CLI)

    def _show_model(self, model: QAbstractTableModel) -> None:
        if self.table.model() is not model:
            self.table.setModel(model)
        if model is self.all_records:
            self._show_count()

    def _show_count(self) -> None:
        if self.table.model() is self.all_records:
            self.message.setText(self.tr("共 %1 条记录（最新的在前）").replace("%1", f"{self.all_records.rowCount():,}"))

    def _filter(self) -> None:
        self.all_records.kind = self.kind.currentData()
        self.all_records.state = self.state.currentData()
        self.box.clear()
        self._show_model(self.all_records)
        self.all_records.refresh()

    def search(self) -> None:
        text = self.box.text().strip()
        if not text:
            return
        direct = bool(RECEIPT_NO.fullmatch(text.upper()))  # a receipt number opens its record (a scanned one: ui.counter)
        self.message.setText(self.tr("正在查找…"))
        records, operators = self._ctx.records, self._ctx.operators
        run_task(lambda: (records.search(text), operators.names()), lambda found: self._found(found[0], found[1], direct))

    def _found(self, rows: list[RecordSummary], names: Mapping[str, str], direct: bool) -> None:
        self.results.set_rows(rows, names)
        self._show_model(self.results)
        if not rows:
            self.message.setText(self.tr("没有找到。请核对输入；姓名可只输入前几个字。"))
            return
        self.message.setText(self.tr("找到 %1 条。选中后按 Enter 查看详情。").replace("%1", str(len(rows))))
        self.table.selectRow(0)
        if direct and len(rows) == 1:
            self.box.clear()
            self.open_record(rows[0].record_id)

    def _summary(self, row: int) -> RecordSummary | None:
        model = self.table.model()
        return model.summary_at(row) if isinstance(model, (RecordListModel, ResultsModel)) else None

    def _open_row(self, row: int) -> None:
        summary = self._summary(row)
        if summary is not None:
            self.open_record(summary.record_id)

    def reveal(self) -> None:
        """The selected person's whole ID number, on demand (lists show it masked)."""
        chosen = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        summary = self._summary(chosen[0].row() if chosen else self.table.currentIndex().row())
        if summary is None:
            self.message.setText(self.tr("请先选中一条记录。"))
            return
        self.message.setText(
            self.tr("%1 的身份证号：%2").replace("%1", summary.name).replace("%2", summary.id_number)
        )

    def person(self) -> str | None:
        """The ID number the papers are for: the selected record's, else the one typed in the box; None (and
        the clerk told) when there is neither."""
        model = self.table.model()
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        summary = model.summary_at(rows[0].row()) if rows and isinstance(model, (RecordListModel, ResultsModel)) else None
        if summary is not None:
            return summary.id_number
        parsed = parse_id_number(self.box.text(), clock.today())
        if isinstance(parsed, Problem):
            self.message.setText(self.tr("请先选中一条记录，或在查找框输入身份证号。"))
            return None
        return parsed.canonical

    def print_certificate(self) -> None:
        person = self.person()
        if person:
            print_actions.certificate(self, self._ctx, person)

    def print_statement(self) -> None:
        person = self.person()
        if person:
            print_actions.ce_statement(self, self._ctx, person)

    def open_record(self, record_id: str) -> None:
        dialog = RecordDialog(self._ctx, record_id, self)
        dialog.setModal(True)
        dialog.show()
        self.opened.emit(record_id)
        dialog.finished.connect(lambda _result: self.box.setFocus())
        self.dialog = dialog
