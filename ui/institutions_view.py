"""机构名录: the public listing of training and CE institutions, kept offline, and CE filings.

Clerks answer the public's questions from this list (name, person in charge,
address, scale, how to enrol, phones), so every listing field is shown. A
supervisor records a continuing-education institution's filing here and
prints its application form (备案申请表) for signature.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app import clock
from clerk_app.domain.institutions import filing_flag
from clerk_app.domain.kinds import FILING_LEVELS, FILING_MODES, INSTITUTION_KINDS, INSTITUTION_STATUSES
from clerk_app.domain.problems import Problem
from clerk_app.services.platform import explain
from ui import print_actions
from ui.context import AppContext
from ui.tasks import run_task
from ui.words import word

MIN_COLUMN = 90
COLUMNS = (
    ("code", QT_TRANSLATE_NOOP("words", "代码")),
    ("name", QT_TRANSLATE_NOOP("words", "名称")),
    ("kind", QT_TRANSLATE_NOOP("words", "类别")),
    ("status", QT_TRANSLATE_NOOP("words", "状态")),
    ("head", QT_TRANSLATE_NOOP("words", "负责人")),
    ("address", QT_TRANSLATE_NOOP("words", "地址")),
    ("training_scale", QT_TRANSLATE_NOOP("words", "培训规模")),
    ("enrollment_method", QT_TRANSLATE_NOOP("words", "报名方式")),
    ("phone", QT_TRANSLATE_NOOP("words", "联系电话")),
    ("supervision_phone", QT_TRANSLATE_NOOP("words", "监督电话")),
    ("vehicle_classes", QT_TRANSLATE_NOOP("words", "培训车型")),
    ("filing", QT_TRANSLATE_NOOP("words", "备案")),
)


def _cell(inst: dict[str, Any], key: str, lang: str) -> str:
    value = inst.get(key)
    if key == "kind":
        return word(INSTITUTION_KINDS.get(str(value), str(value)))
    if key == "status":
        return word(INSTITUTION_STATUSES.get(str(value), str(value)))
    if key == "vehicle_classes":
        return " ".join(value or [])
    if key == "filing":
        if not value:
            return ""
        level, mode = word(FILING_LEVELS.get(value.get("level"), "")), word(FILING_MODES.get(value.get("mode"), ""))
        shown = QCoreApplication.translate("InstitutionsScreen", "%1%2 %3")  # 市级线下 吉CE备…; "City · In person …"
        text = shown.replace("%1", level).replace("%2", mode).replace("%3", str(value.get("filing_no", "")))
        flag = filing_flag(inst)  # kept from the platform, but its level does not go with its mode
        return f"{text}　⚠ {flag.message(lang)}" if flag else text
    return "" if value is None else str(value)


class InstitutionsScreen(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self._ctx = ctx
        self.rows: list[dict[str, Any]] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("按名称、代码或地址筛选"))
        self.filter.setClearButtonEnabled(True)
        top.addWidget(self.filter, 1)
        self.refresh_button = QPushButton(self.tr("从平台更新(&U)"))
        self.filing_button = QPushButton(self.tr("登记继续教育机构备案(&N)"))
        self.print_button = QPushButton(self.tr("打印备案申请表(&P)"))
        for button in (self.refresh_button, self.filing_button, self.print_button):
            top.addWidget(button)
        layout.addLayout(top)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([word(title) for _, title in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        layout.addWidget(self.table, 1)
        self.table.viewport().installEventFilter(self)
        self.filter.textChanged.connect(self._show)
        self.refresh_button.clicked.connect(self.refresh_from_platform)
        self.filing_button.clicked.connect(self.new_filing)
        self.print_button.clicked.connect(self.print_filing)
        ctx.operator_changed.connect(self._permissions)
        ctx.institutions_changed.connect(self.reload)
        self._permissions()
        self.reload()

    def focus_first(self) -> None:
        self.filter.setFocus()

    def _permissions(self) -> None:
        supervisor = bool(self._ctx.operator and self._ctx.operator.role == "supervisor")
        self.filing_button.setEnabled(supervisor)
        self.filing_button.setToolTip("" if supervisor else self.tr("登记备案需要负责人登录"))

    def reload(self) -> None:
        self.rows = self._ctx.institutions.list()
        self._show()

    def _show(self) -> None:
        text = self.filter.text().strip().lower()
        shown = [r for r in self.rows if not text or any(text in _cell(r, k, self._ctx.lang).lower() for k in ("code", "name", "address"))]
        self.table.setRowCount(len(shown))
        for row, inst in enumerate(shown):
            for column, (key, _title) in enumerate(COLUMNS):
                value = _cell(inst, key, self._ctx.lang)
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
        self._fit_columns()
        self.message.setText(self.tr("共 %1 个机构").replace("%1", str(len(shown))))
        self._shown = shown

    def _fit_columns(self) -> None:
        """Columns as wide as their text, the widest narrowed until all fit; their text wraps onto more lines."""
        self.table.resizeColumnsToContents()
        widths = [self.table.columnWidth(column) for column in range(self.table.columnCount())]
        room = max(self.table.viewport().width(), 600)
        while sum(widths) > room:
            widest = max(range(len(widths)), key=widths.__getitem__)
            if widths[widest] <= MIN_COLUMN:
                break
            widths[widest] = max(MIN_COLUMN, widths[widest] - min(20, sum(widths) - room))
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
        self.table.resizeRowsToContents()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return False

    def selected(self) -> dict[str, Any] | None:
        row = self.table.currentRow()
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def refresh_from_platform(self) -> None:
        self.refresh_button.setEnabled(False)
        self.message.setText(self.tr("正在从平台更新机构名录…"))

        def done(count: int) -> None:
            self.refresh_button.setEnabled(True)
            self._ctx.institutions_changed.emit()
            self.message.setText(self.tr("已更新 %1 个机构。").replace("%1", str(count)))

        def failed(error: BaseException) -> None:
            self.refresh_button.setEnabled(True)
            self.message.setText(explain(error, self._ctx.lang))

        run_task(lambda: self._ctx.platform.refresh_registry(), done, failed)

    def new_filing(self) -> None:
        dialog = FilingDialog(self._ctx, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._ctx.institutions_changed.emit()

    def print_filing(self) -> None:
        inst = self.selected()
        if inst is None or inst.get("kind") != "continuing_education":
            self.message.setText(self.tr("请先在列表中选中一个继续教育机构。"))
            return
        print_actions.filing_form(self, self._ctx, inst["code"])


class FilingDialog(QDialog):
    """A continuing-education institution and its filing, as typed by a supervisor."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle(self.tr("登记继续教育机构备案"))
        self.setMinimumWidth(560)
        form = QFormLayout(self)
        self.fields: dict[str, QLineEdit] = {}
        for key, label in (
            ("code", QT_TRANSLATE_NOOP("words", "机构代码")), *COLUMNS[1:2], *COLUMNS[4:10],
            ("filing_no", QT_TRANSLATE_NOOP("words", "备案编号")),
        ):
            edit = QLineEdit()
            self.fields[key] = edit
            form.addRow(word(label), edit)
        self.level = QComboBox()
        for code, label in FILING_LEVELS.items():
            self.level.addItem(word(label), code)
        self.mode = QComboBox()
        for code, label in FILING_MODES.items():
            self.mode.addItem(word(label), code)
        self.filed_on = QDateEdit(QDate.currentDate())
        self.filed_on.setDisplayFormat("yyyy-MM-dd")
        form.addRow(self.tr("备案级别"), self.level)
        form.addRow(self.tr("备案方式"), self.mode)
        form.addRow(self.tr("备案日期"), self.filed_on)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        form.addRow(box)

    def payload(self) -> dict[str, Any]:
        values = {k: e.text().strip() for k, e in self.fields.items() if e.text().strip() and k != "filing_no"}
        return {
            **values,
            "kind": "continuing_education",
            "status": "active",
            "updated_at": clock.now_text(),
            "filing": {
                "level": self.level.currentData(),
                "mode": self.mode.currentData(),
                "filing_no": self.fields["filing_no"].text().strip(),
                "filed_on": self.filed_on.date().toString("yyyy-MM-dd"),
            },
        }

    def accept(self) -> None:
        _stored, problems = self._ctx.institutions.add(self.payload(), operator=self._ctx.operator_id)
        if problems:
            self.error.setText("\n".join(p.message(self._ctx.lang) for p in problems if isinstance(p, Problem)))
            return
        super().accept()
