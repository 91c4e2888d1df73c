"""导入名单: a training school's completion list, previewed row by row, fixed or confirmed, imported in one go.

Reading and checking a list of thousands of rows takes seconds, so every
step (read, check, re-check an edited cell, import, export) runs through
``run_task`` with a progress bar while the window keeps answering. The
preview is one row per line of the file: its outcome in colour, the cell a
refusal comes from, the reason, then the school's own columns, which the
clerk may edit in place (the row is checked again at once).
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk_app.importing.headings import ColumnMap
from clerk_app.importing.reading import ImportRefused, Sheet
from clerk_app.importing.service import (
    ALREADY_THERE,
    IMPORTED,
    READY,
    REFUSED,
    WARNING,
    ImportRow,
    Preview,
)
from ui.context import AppContext
from ui.import_mapping import MappingDialog
from ui.tasks import run_task
from ui.words import outcome_label

log = logging.getLogger("ui.import")

COLOURS = {
    READY: "#e3f1e4",
    WARNING: "#fff4d6",
    REFUSED: "#fbe9e7",
    ALREADY_THERE: "#eceff3",
    IMPORTED: "#dcebf7",
}
# Rows are made as tall as their wrapped reason up to this many rows; beyond, measuring each would stall the window.
ROWS_SIZED_TO_CONTENT = 2000
FIXED_COLUMNS = 4  # row, outcome, cell, reason; the school's columns follow
Index = QModelIndex | QPersistentModelIndex


def shown(value: object) -> str:
    """A cell as the clerk saw it in Excel (dates without a time, long numbers as Excel writes them)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:.14G}"
    return str(value)


class PreviewModel(QAbstractTableModel):
    def __init__(self, screen: ImportScreen) -> None:
        super().__init__()
        self._screen = screen
        self.preview: Preview | None = None

    def set_preview(self, preview: Preview | None) -> None:
        self.beginResetModel()
        self.preview = preview
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() or self.preview is None else len(self.preview.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.preview is None else FIXED_COLUMNS + len(self.preview.columns.labels)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal or self.preview is None:
            return None
        fixed = (self.tr("行号"), self.tr("结果"), self.tr("单元格"), self.tr("原因"))
        return fixed[section] if section < FIXED_COLUMNS else self.preview.columns.labels[section - FIXED_COLUMNS]

    def row_at(self, index: Index) -> ImportRow | None:
        if self.preview is None or not index.isValid():
            return None
        return self.preview.rows[index.row()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(COLOURS[row.outcome])
        if role == Qt.ItemDataRole.ToolTipRole and column == 3:
            return row.receipt_no if row.outcome == IMPORTED else row.reason(self._screen.ctx.lang)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            if column >= FIXED_COLUMNS:
                return shown(row.cells[column - FIXED_COLUMNS])
            if column == 0:
                return str(row.number)
            if column == 1:
                return self._screen.outcome_label(row)
            if column == 2:
                return row.first_cell() or ""
            return row.receipt_no if row.outcome == IMPORTED else row.reason(self._screen.ctx.lang, short=True)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        row = self.row_at(index)
        if row is not None and index.column() >= FIXED_COLUMNS and row.outcome not in (IMPORTED, ALREADY_THERE):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.row_at(index)
        if row is None or role != Qt.ItemDataRole.EditRole or shown(row.cells[index.column() - FIXED_COLUMNS]) == value:
            return False
        self._screen.fix_cell(row, index.column() - FIXED_COLUMNS, str(value))
        return True

    def refresh(self) -> None:
        if self.preview is not None and self.preview.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.preview.rows) - 1, self.columnCount() - 1))


class ImportScreen(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.service = ctx.services.importing()
        self.sheet: Sheet | None = None
        self.confirmed: set[int] = set()
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("选择名单文件…（Ctrl+O）"))
        self.mapping_button = QPushButton(self.tr("列对应…"))
        self.confirm_button = QPushButton(self.tr("确认选中的疑似重复"))
        self.import_button = QPushButton(self.tr("导入"))
        self.export_button = QPushButton(self.tr("导出不能导入的行…"))
        for button in (self.open_button, self.mapping_button, self.confirm_button, self.import_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.file_label = QLabel(self.tr("请选择培训机构交来的结业名单（Excel .xlsx / .xls、WPS 或 LibreOffice .ods，或 CSV）。"))
        self.file_label.setWordWrap(True)
        layout.addWidget(self.file_label)
        self.progress = QProgressBar()
        self.progress.hide()
        layout.addWidget(self.progress)
        self.counts = QLabel()
        self.counts.setObjectName("who")
        layout.addWidget(self.counts)
        self.model = PreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.table.setWordWrap(True)
        layout.addWidget(self.table, 1)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setObjectName("fieldError")
        self.detail.setMinimumHeight(48)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.detail)
        self.open_button.clicked.connect(self.choose_file)
        self.mapping_button.clicked.connect(lambda: self.edit_mapping())
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.import_button.clicked.connect(self.import_ready)
        self.export_button.clicked.connect(self.choose_export)
        QShortcut(QKeySequence("Ctrl+O"), self).activated.connect(self.choose_file)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show_detail(current))
        self._set_busy(False)

    # -- what the clerk sees -------------------------------------------------------

    @property
    def preview(self) -> Preview | None:
        return self.model.preview

    def focus_first(self) -> None:
        (self.table if self.preview else self.open_button).setFocus()

    def outcome_label(self, row: ImportRow) -> str:
        if row.outcome == WARNING and row.number in self.confirmed:
            return self.tr("疑似重复（已确认）")
        return outcome_label(row.outcome)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
            self.progress.setFormat(text + " %v / %m")
            self.file_label.setText(text)
        has = self.preview is not None
        counts = self.preview.counts() if self.preview else {}
        self.open_button.setEnabled(not busy)
        self.mapping_button.setEnabled(not busy and self.sheet is not None)
        self.confirm_button.setEnabled(not busy and counts.get(WARNING, 0) > 0)
        ready = counts.get(READY, 0) + len(self._confirmed_warnings())
        self.import_button.setEnabled(not busy and ready > 0)
        self.import_button.setText(self.tr("导入可导入的 %1 行").replace("%1", str(ready)))
        self.export_button.setEnabled(not busy and counts.get(REFUSED, 0) > 0)
        self.table.setEnabled(not busy and has)

    def _progress(self, value: tuple[int, int]) -> None:
        done, total = value
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _confirmed_warnings(self) -> list[int]:
        if self.preview is None:
            return []
        return [r.number for r in self.preview.rows if r.outcome == WARNING and r.number in self.confirmed]

    def _show(self, preview: Preview | None, message: str) -> None:
        if preview is not self.model.preview:
            self.model.set_preview(preview)
            self._size_columns()
        else:
            self.model.refresh()
        if preview is not None and len(preview.rows) <= ROWS_SIZED_TO_CONTENT:
            self.table.resizeRowsToContents()
        self._set_busy(False)
        self.file_label.setText(message)
        if preview is not None:
            parts = [f"{outcome_label(k)} {v}" for k, v in preview.counts().items() if v]
            self.counts.setText(self.tr("共 %1 行：").replace("%1", str(len(preview.rows))) + self.tr("，").join(parts))
        self._show_detail(self.table.currentIndex())

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The reason wraps, so it need not be wide: the school's columns get the room, each as wide as its
        # contents within limits, and the table scrolls sideways (Shift+wheel, arrow keys) to the last one.
        for column, width in enumerate((48, 124, 56, 340)):
            self.table.setColumnWidth(column, width)
        for column in range(FIXED_COLUMNS, self.model.columnCount()):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, min(max(self.table.columnWidth(column), 60), 240))

    def _show_detail(self, index: QModelIndex) -> None:
        row = self.model.row_at(index)
        if row is not None and row.outcome == IMPORTED:
            # Saved: its earlier question (a possible duplicate, confirmed) is answered and no longer shown.
            self.detail.setText(
                self.tr("第 %1 行：已导入，受理回执号 %2。").replace("%1", str(row.number)).replace("%2", row.receipt_no or "")
            )
            return
        if row is None or not (row.errors or row.warnings):
            self.detail.setText(
                self.tr("双击单元格可以直接改正，改完立即重新检查；不能导入的行也可以导出退给培训机构。") if self.preview else ""
            )
            return
        self.detail.setText(self.tr("第 %1 行：%2").replace("%1", str(row.number)).replace("%2", row.reason(self.ctx.lang)))

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, ImportRefused):
            self.file_label.setText("\n".join(p.message(self.ctx.lang) for p in error.problems))
        else:
            log.error("import step failed", exc_info=error)
            text = self.tr("导入没有完成（%1）。已保存的数据没有丢失；详细信息已写入日志。")
            self.file_label.setText(text.replace("%1", type(error).__name__))

    # -- steps -----------------------------------------------------------------------

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择结业名单"), "", self.tr("结业名单 (*.xlsx *.xlsm *.xls *.ods *.csv);;所有文件 (*)")
        )
        if path:
            self.load(path)

    def load(self, path: str) -> None:
        """Read the file; map unknown columns if needed (asked once per school), then check every row."""
        self.confirmed.clear()
        self.model.set_preview(None)
        self.sheet = None
        self._set_busy(True, self.tr("正在读取…"))

        def read() -> tuple[Sheet, ColumnMap]:
            sheet = self.service.read(path)
            return sheet, self.service.columns_for(sheet)

        run_task(read, lambda found: self._read(*found), self._failed)

    def _read(self, sheet: Sheet, columns: ColumnMap) -> None:
        self.sheet = sheet
        if columns.missing:
            self._set_busy(False)
            self.edit_mapping(columns)
            return
        self._check(columns)

    def edit_mapping(self, columns: ColumnMap | None = None) -> None:
        if self.sheet is None:
            return
        sheet = self.sheet
        dialog = MappingDialog(columns or (self.preview.columns if self.preview else self.service.columns_for(sheet)), self)
        if not dialog.exec():
            self.file_label.setText(self.tr("没有指定列对应，名单未检查。可点“列对应…”重新指定。"))
            self._set_busy(False)
            return
        chosen = self.service.columns_for(sheet, dialog.mapping())
        self._set_busy(True, self.tr("正在保存列对应…"))
        run_task(lambda: self.service.remember(sheet, chosen, operator=self.ctx.operator_id), lambda _: self._check(chosen), self._failed)

    def _check(self, columns: ColumnMap) -> None:
        sheet = self.sheet
        assert sheet is not None
        self._set_busy(True, self.tr("正在检查"))
        run_task(
            lambda report: self.service.preview(sheet, columns, lambda done, total: report((done, total))),
            lambda preview: self._show(preview, self._describe(sheet, preview)),
            self._failed,
            self._progress,
        )

    def _describe(self, sheet: Sheet, preview: Preview) -> str:
        name = Path(sheet.path).name
        if sheet.encoding:
            how = self.tr("编码 %1").replace("%1", sheet.encoding)
        else:
            how = self.tr("工作表「%1」").replace("%1", sheet.sheet_name or "")
        text = self.tr("文件：%1（%2，表头在第 %3 行）").replace("%1", name).replace("%2", how).replace("%3", str(sheet.header_row))
        if preview.columns.ignored:
            text += self.tr("；不导入的列：%1").replace("%1", self.tr("、").join(preview.columns.ignored))
        return text

    def fix_cell(self, row: ImportRow, column: int, value: str) -> None:
        preview = self.preview
        assert preview is not None
        self._set_busy(True, self.tr("正在重新检查"))
        run_task(
            lambda: self.service.set_cell(preview, row, column, value),
            lambda _: self._show(preview, self.tr("已改正第 %1 行并重新检查。").replace("%1", str(row.number))),
            self._failed,
        )

    def confirm_selected(self) -> None:
        if self.preview is None:
            return
        for index in self.table.selectionModel().selectedRows():
            row = self.preview.rows[index.row()]
            if row.outcome == WARNING:
                self.confirmed.symmetric_difference_update({row.number})
        self._show(self.preview, self.tr("已确认的疑似重复行会与可导入的行一起导入。"))

    def import_ready(self) -> None:
        preview = self.preview
        if preview is None:
            return
        confirmed = self._confirmed_warnings()
        self._set_busy(True, self.tr("正在导入（一次保存，要么全部保存，要么都不保存）"))
        run_task(
            lambda report: self.service.import_rows(
                preview, operator=self.ctx.operator_id, confirmed=confirmed, progress=lambda d, t: report((d, t))
            ),
            lambda saved: self._imported(preview, len(saved)),
            self._failed,
            self._progress,
        )

    def _imported(self, preview: Preview, count: int) -> None:
        self._show(preview, self.tr("已导入 %1 行，每行都有受理回执号。").replace("%1", str(count)))
        if count:
            self.ctx.records_changed.emit()

    def choose_export(self) -> None:
        if self.preview is None:
            return
        source = Path(self.preview.sheet.path)
        suggested = str(source.with_name(self.tr("%1-未导入.xlsx").replace("%1", source.stem)))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出不能导入的行"), suggested, self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.export(path)

    def export(self, path: str) -> None:
        preview = self.preview
        assert preview is not None
        self._set_busy(True, self.tr("正在导出…"))
        run_task(
            lambda: self.service.export_refused(preview, path, self.ctx.lang),
            lambda count: self._show(
                preview, self.tr("已把 %1 行不能导入的行连同原因导出到 %2。").replace("%1", str(count)).replace("%2", path)
            ),
            self._failed,
        )
