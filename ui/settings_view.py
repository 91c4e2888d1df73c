"""设置: every setting the window has, the window account's secret, printers, and the hall's operators.

Settings are declared once in ``clerk_app.services.settings.SPECS``; this
screen lists whatever is declared there, so a setting added by another part
of the program appears here without a change. Only a supervisor may change
anything. The window account's secret goes to the OS keyring, never into the
database or a file.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clerk_app.services.operators import MIN_PASSWORD, OperatorRefused
from clerk_app.services.platform import explain
from clerk_app.services.settings import SPECS, SettingRefused
from ui.context import AppContext
from ui.words import word


class _Choice(QComboBox):
    """A setting with a few fixed values, chosen instead of typed; reads and writes the setting's text like a line edit."""

    def __init__(self, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        for label, value in choices:
            self.addItem(label, value)

    def text(self) -> str:
        return str(self.currentData())

    def setText(self, value: str) -> None:  # the QLineEdit name, so both kinds are read alike
        self.setCurrentIndex(max(0, self.findData(value)))


def _editor(key: str, default: Any) -> QLineEdit | _Choice:
    if isinstance(default, bool):
        return _Choice([(QCoreApplication.translate("SettingsScreen", "开"), "on"),
                        (QCoreApplication.translate("SettingsScreen", "关"), "off")])
    if key == "ui.language":
        return _Choice([("中文（简体）", "zh_CN"), ("English", "en")])
    return QLineEdit()


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class SettingsScreen(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self._ctx = ctx
        inner = QWidget()
        column = QVBoxLayout(inner)

        settings_box = QGroupBox(self.tr("窗口设置"))
        form = QFormLayout(settings_box)
        self.edits: dict[str, QLineEdit | _Choice] = {}
        for key, spec in SPECS.items():
            edit = _editor(key, spec.default)
            edit.setToolTip(key)
            self.edits[key] = edit
            form.addRow(word(spec.label_zh), edit)
        self.save_button = QPushButton(self.tr("保存设置(&S)"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        form.addRow(self.save_button)
        form.addRow(self.message)
        column.addWidget(settings_box)

        account_box = QGroupBox(self.tr("窗口账号密钥（只保存在本机系统钥匙串中）"))
        account = QHBoxLayout(account_box)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText(self.tr("平台发放的窗口账号密钥"))
        self.secret_button = QPushButton(self.tr("保存密钥"))
        account.addWidget(self.secret, 1)
        account.addWidget(self.secret_button)
        column.addWidget(account_box)

        printer_box = QGroupBox(self.tr("打印机"))
        printer_row = QHBoxLayout(printer_box)
        self.calibrate_button = QPushButton(self.tr("套打校准…"))
        printer_row.addWidget(QLabel(self.tr("资格证等套打纸的打印位置偏移，按打印机分别校准。")), 1)
        printer_row.addWidget(self.calibrate_button)
        column.addWidget(printer_box)

        operators_box = QGroupBox(self.tr("添加操作员"))
        operators = QFormLayout(operators_box)
        self.new_id = QLineEdit()
        self.new_name = QLineEdit()
        self.new_role = QComboBox()
        self.new_role.addItem(self.tr("窗口工作人员"), "clerk")
        self.new_role.addItem(self.tr("负责人"), "supervisor")
        self.new_password = QLineEdit()
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password.setPlaceholderText(self.tr("至少 %1 位").replace("%1", str(MIN_PASSWORD)))
        self.add_operator_button = QPushButton(self.tr("添加"))
        operators.addRow(self.tr("工号"), self.new_id)
        operators.addRow(self.tr("姓名"), self.new_name)
        operators.addRow(self.tr("角色"), self.new_role)
        operators.addRow(self.tr("初始密码"), self.new_password)
        operators.addRow(self.add_operator_button)
        self.operators_list = QLabel()
        self.operators_list.setWordWrap(True)
        operators.addRow(self.tr("已有"), self.operators_list)
        column.addWidget(operators_box)
        column.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self.save_button.clicked.connect(self.save)
        self.secret_button.clicked.connect(self.save_secret)
        self.calibrate_button.clicked.connect(self.calibrate)
        self.add_operator_button.clicked.connect(self.add_operator)
        ctx.operator_changed.connect(self.reload)
        self.reload()

    def focus_first(self) -> None:
        self.reload()
        next(iter(self.edits.values())).setFocus()

    def reload(self) -> None:
        for key, value in self._ctx.settings.all().items():
            if key in self.edits:
                self.edits[key].setText(_text(value))
        supervisor = bool(self._ctx.operator and self._ctx.operator.role == "supervisor")
        for widget in (*self.edits.values(), self.save_button, self.secret, self.secret_button,
                       self.calibrate_button, self.add_operator_button):
            widget.setEnabled(supervisor)
        self.message.setText("" if supervisor else self.tr("只有负责人可以修改设置。"))
        entry = self.tr("%1（%2，%3）")
        self.operators_list.setText(
            "　".join(
                entry.replace("%1", o.name).replace("%2", o.operator_id)
                .replace("%3", self.tr("负责人") if o.role == "supervisor" else self.tr("窗口工作人员"))
                for o in self._ctx.operators.list()
            )
        )

    def save(self) -> None:
        current = {key: _text(value) for key, value in self._ctx.settings.all().items()}
        changed = [key for key, edit in self.edits.items() if edit.text().strip() != current.get(key)]
        problems = []
        for key in changed:
            try:
                self._ctx.settings.set(key, self.edits[key].text(), operator=self._ctx.operator_id)
            except SettingRefused as refused:
                problems.append(refused.problem.message(self._ctx.lang))
        if problems:
            self.message.setText("\n".join(problems))
        else:
            self.message.setText(self.tr("已保存 %1 项设置。").replace("%1", str(len(changed))))
            if "ui.language" in changed:
                self.message.setText(self.message.text() + self.tr("界面语言在下次启动时生效。"))
        self._ctx.settings_changed.emit()

    def save_secret(self) -> None:
        try:
            self._ctx.platform.store_secret(self.secret.text())
        except Exception as error:  # noqa: BLE001 - the keyring's own errors, explained to the clerk
            QMessageBox.warning(self, self.tr("保存密钥"), explain(error, self._ctx.lang))
            return
        self.secret.clear()
        self.message.setText(self.tr("密钥已保存到本机系统钥匙串。"))

    def calibrate(self) -> None:
        from ui import printing  # ReportLab and PDFium load when first needed, not at start-up

        printing.CalibrationDialog(self._ctx.db, self._ctx.operator_id, self).exec()

    def add_operator(self) -> None:
        if not self.new_password.text():
            self.message.setText(self.tr("请为新操作员设置初始密码（登录窗口需要密码）。"))
            return
        try:
            added = self._ctx.operators.add(
                self.new_id.text(), self.new_name.text(), self.new_role.currentData(), self.new_password.text() or None,
                acting=self._ctx.operator_id,
            )
        except OperatorRefused as refused:
            self.message.setText(refused.problem.message(self._ctx.lang))
            return
        for edit in (self.new_id, self.new_name, self.new_password):
            edit.clear()
        self.message.setText(self.tr("已添加操作员 %1。").replace("%1", added.name))
        self.reload()
