"""The hall's operators on the settings screen: the whole list, and for a supervisor adding, disabling and new passwords.

Who may do what is the operator service's rule (supervisors only, never the
last active supervisor disabled); this panel only asks and shows the answer.
The list is a table sized to its rows, inside the settings screen's scroll
area, so every operator is seen however many there are.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from clerk_app.services.operators import MIN_PASSWORD, OperatorInfo, OperatorRefused
from ui import placeholders
from ui.context import AppContext

ROW_HEIGHT = 28


def _narrow(edit: QLineEdit, characters: int) -> QLineEdit:
    edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("M" * characters) + 16)
    return edit


class OperatorsPanel(QGroupBox):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(self.tr("操作员"))
        self._ctx = ctx
        self.operators: list[OperatorInfo] = []
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("工号"), self.tr("姓名"), self.tr("角色"), self.tr("状态")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)

        selected = QHBoxLayout()
        self.reset_password = _narrow(QLineEdit(), 10)
        self.reset_password.setEchoMode(QLineEdit.EchoMode.Password)
        placeholders.hint(self.reset_password, self.tr("新密码，至少 %1 位").replace("%1", str(MIN_PASSWORD)))
        self.reset_button = QPushButton(self.tr("重设所选操作员的密码"))
        self.toggle_button = QPushButton(self.tr("停用所选操作员"))
        selected.addWidget(self.reset_password)
        selected.addWidget(self.reset_button)
        selected.addWidget(self.toggle_button)
        selected.addStretch(1)
        layout.addLayout(selected)

        add_box = QGroupBox(self.tr("添加操作员"))
        add = QFormLayout(add_box)
        add.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.new_id = _narrow(QLineEdit(), 12)
        self.new_name = _narrow(QLineEdit(), 12)
        self.new_role = QComboBox()
        self.new_role.addItem(self.tr("窗口工作人员"), "clerk")
        self.new_role.addItem(self.tr("负责人"), "supervisor")
        self.new_password = _narrow(QLineEdit(), 14)
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        placeholders.hint(self.new_password, self.tr("至少 %1 位").replace("%1", str(MIN_PASSWORD)))
        self.add_button = QPushButton(self.tr("添加"))
        add.addRow(self.tr("工号"), self.new_id)
        add.addRow(self.tr("姓名"), self.new_name)
        add.addRow(self.tr("角色"), self.new_role)
        add.addRow(self.tr("初始密码"), self.new_password)
        add.addRow("", self.add_button)
        layout.addWidget(add_box)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addWidget(self.error)

        self.add_button.clicked.connect(self.add)
        self.reset_button.clicked.connect(self.reset)
        self.toggle_button.clicked.connect(self.toggle)
        self.table.itemSelectionChanged.connect(self._selection)

    def reload(self, *, supervisor: bool) -> None:
        self.operators = self._ctx.operators.list()
        self.table.setRowCount(len(self.operators))
        for row, operator in enumerate(self.operators):
            role = self.tr("负责人") if operator.role == "supervisor" else self.tr("窗口工作人员")
            state = self.tr("在用") if operator.active else self.tr("已停用")
            for column, text in enumerate((operator.operator_id, operator.name, role, state)):
                item = QTableWidgetItem(text)
                if not operator.active:
                    item.setForeground(QColor("#7a7a7a"))
                self.table.setItem(row, column, item)
        # Every row shown: the table is as tall as its rows; the screen scrolls, not the table.
        self.table.setFixedHeight(self.table.horizontalHeader().height() + ROW_HEIGHT * max(1, len(self.operators)) + 4)
        for widget in (self.new_id, self.new_name, self.new_role, self.new_password, self.add_button,
                       self.reset_password, self.reset_button, self.toggle_button):
            widget.setEnabled(supervisor)
        self._selection()

    def selected(self) -> OperatorInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.operators[rows[0].row()] if rows and rows[0].row() < len(self.operators) else None

    def _selection(self) -> None:
        operator = self.selected()
        self.toggle_button.setText(
            self.tr("启用所选操作员") if operator is not None and not operator.active else self.tr("停用所选操作员")
        )

    def _refused(self, refused: OperatorRefused) -> None:
        self.message.clear()
        self.error.setText(refused.problem.message(self._ctx.lang))

    def _said(self, text: str) -> None:
        self.error.clear()
        self.message.setText(text)

    def add(self) -> None:
        try:
            added = self._ctx.operators.add(
                self.new_id.text(), self.new_name.text(), self.new_role.currentData(), self.new_password.text(),
                acting=self._ctx.operator_id,
            )
        except OperatorRefused as refused:
            self._refused(refused)
            return
        for edit in (self.new_id, self.new_name, self.new_password):
            edit.clear()
        self.reload(supervisor=True)
        self._said(self.tr("已添加操作员 %1。").replace("%1", added.name))

    def reset(self) -> None:
        operator = self.selected()
        if operator is None:
            self._said(self.tr("请先在列表中选中一位操作员。"))
            return
        try:
            self._ctx.operators.reset_password(operator.operator_id, self.reset_password.text(), acting=self._ctx.operator_id)
        except OperatorRefused as refused:
            self._refused(refused)
            return
        self.reset_password.clear()
        self._said(self.tr("已为 %1 设置新密码，请当面告诉本人。").replace("%1", operator.name))

    def toggle(self) -> None:
        operator = self.selected()
        if operator is None:
            self._said(self.tr("请先在列表中选中一位操作员。"))
            return
        row = self.table.currentRow()
        try:
            changed = self._ctx.operators.set_active(operator.operator_id, not operator.active, acting=self._ctx.operator_id)
        except OperatorRefused as refused:
            self._refused(refused)
            return
        self.reload(supervisor=True)
        self.table.selectRow(row)
        done = self.tr("已启用 %1。") if changed.active else self.tr("已停用 %1，此工号不能再登录。")
        self._said(done.replace("%1", changed.name))
