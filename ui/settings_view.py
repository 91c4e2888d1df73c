"""设置: the window's settings as a form, the CE rule in numbers and words, the account's secret, printers, operators.

Settings are declared once in ``clerk_app.services.settings.SPECS``; this
screen lists whatever is declared there (a setting added elsewhere appears
without a change here), each field as wide as its values. Two are not typed
as text: the CE rule (``ce.rule``) is a cycle-years choice and hour fields,
said in words beside them, and printer offsets are set only through the
calibration dialog. Values go to the settings service, which checks them
(one rule, one place) and refuses in Chinese. Only a supervisor may change
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

from clerk_app.domain.ce_cycle import MAX_CYCLE_YEARS, CeRule
from clerk_app.domain.problems import problem
from clerk_app.services.platform import explain
from clerk_app.services.settings import SPECS, SettingRefused
from ui.context import AppContext
from ui.operators_panel import OperatorsPanel
from ui.reader_settings import KEYS as READER_KEYS
from ui.reader_settings import ReaderPanel
from ui.words import word

CE_RULE, OFFSETS = "ce.rule", "printer.offsets"
# How many characters each field needs (the widest value it takes); others get DEFAULT_CHARS.
FIELD_CHARS = {
    "hall.code": 10, "window.code": 6, "hall.name": 26, "hall.authority": 26, "hall.phone": 26, "qualification.max_age": 4,
    "ui.idle_lock_minutes": 4, "upload.batch_size": 4, "platform.url": 40, "platform.account": 20,
    "platform.ca_bundle": 40,
}
DEFAULT_CHARS = 20
HOURS_CHARS = 5


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
    return _sized(QLineEdit(), FIELD_CHARS.get(key, DEFAULT_CHARS))


def _sized(edit: QLineEdit, characters: int) -> QLineEdit:
    """A line edit as wide as ``characters`` of its font (a two-digit value does not sit in an 840-px field)."""
    edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("0" * characters) + 18)
    return edit


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _hours(value: object) -> str:
    return "" if value is None else f"{value:g}" if isinstance(value, float | int) else str(value)


def _hours_value(text: str) -> object:
    """What was typed in an hours field, for the rule's own check: a number, None when empty, else the text."""
    text = text.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return text


class CeRuleForm(QGroupBox):
    """The CE rule as a supervisor sets it: years per cycle, hours, and the rule said in words beside them."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.setTitle(self.tr("继续教育学时规则"))
        self._lang = lang
        row = QHBoxLayout(self)
        form = QFormLayout()
        self.years = QComboBox()
        for years in range(1, MAX_CYCLE_YEARS + 1):
            self.years.addItem(self.tr("%1 年").replace("%1", str(years)), years)
        self.hours: dict[str, QLineEdit] = {}
        form.addRow(self.tr("周期年数"), self.years)
        labels = {
            "hours_required": self.tr("每周期应修学时"),
            "max_online_hours": self.tr("网络学时上限"),
            "min_offline_hours": self.tr("面授学时下限"),
        }
        for name, label in labels.items():
            edit = _sized(QLineEdit(), HOURS_CHARS)
            if name != "hours_required":
                edit.setPlaceholderText(self.tr("不限"))
            self.hours[name] = edit
            form.addRow(label, edit)
            edit.textChanged.connect(self._explain)
        self.years.currentIndexChanged.connect(self._explain)
        row.addLayout(form)
        self.words = QLabel()
        self.words.setWordWrap(True)
        self.words.setObjectName("derived")
        row.addWidget(self.words, 1)

    def widgets(self) -> list[QWidget]:
        return [self.years, *self.hours.values()]

    def values(self) -> dict[str, object]:
        return {"cycle_years": self.years.currentData(), **{k: _hours_value(e.text()) for k, e in self.hours.items()}}

    def text(self) -> str:
        """The rule as the setting's text (JSON); the settings service checks it."""
        return json.dumps(self.values(), ensure_ascii=False)

    def setText(self, value: str) -> None:  # read and written like the other fields
        rule = json.loads(value)
        self.years.setCurrentIndex(max(0, self.years.findData(rule.get("cycle_years"))))
        for name, edit in self.hours.items():
            edit.setText(_hours(rule.get(name)))
        self._explain()

    def _explain(self) -> None:
        try:
            text = CeRule.from_dict(self.values()).in_words(self._lang)
        except (ValueError, TypeError) as error:  # (zh, en) from the rule's check, told as the command line tells it
            hint_zh, hint_en = (*error.args, str(error))[:2]
            label = SPECS["ce.rule"].label_zh
            text = problem("invalid_setting", None, label=label, hint_zh=hint_zh, hint_en=hint_en).message(self._lang)
        self.words.setText(text)


class SettingsScreen(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self._ctx = ctx
        inner = QWidget()
        columns = QHBoxLayout(inner)
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)

        settings_box = QGroupBox(self.tr("窗口设置"))
        form = QFormLayout(settings_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a long (English) label puts its field below
        self.edits: dict[str, QLineEdit | _Choice | CeRuleForm] = {}
        for key, spec in SPECS.items():
            if key in (CE_RULE, OFFSETS) or key in READER_KEYS:  # the reader's settings have their own box
                continue
            edit = _editor(key, spec.default)
            edit.setToolTip(key)
            self.edits[key] = edit
            form.addRow(word(spec.label_zh), edit)
        left.addWidget(settings_box)
        self.ce_rule = CeRuleForm(ctx.lang)
        self.edits[CE_RULE] = self.ce_rule
        left.addWidget(self.ce_rule)
        save_row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存设置(&S)"))
        save_row.addWidget(self.save_button)
        save_row.addStretch(1)
        left.addLayout(save_row)
        self.message = QLabel()
        self.message.setWordWrap(True)
        left.addWidget(self.message)
        left.addStretch(1)

        account_box = QGroupBox(self.tr("窗口账号密钥（只保存在本机系统钥匙串中）"))
        account = QHBoxLayout(account_box)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText(self.tr("平台发放的窗口账号密钥"))
        self.secret_button = QPushButton(self.tr("保存密钥"))
        account.addWidget(self.secret, 1)
        account.addWidget(self.secret_button)
        right.addWidget(account_box)

        printer_box = QGroupBox(self.tr("打印机"))
        printer_row = QHBoxLayout(printer_box)
        self.calibrate_button = QPushButton(self.tr("套打校准…"))
        printer_note = QLabel(self.tr("资格证等套打纸的打印位置偏移，按打印机分别校准。"))
        printer_note.setWordWrap(True)
        printer_row.addWidget(printer_note, 1)
        printer_row.addWidget(self.calibrate_button)
        right.addWidget(printer_box)

        self.reader = ReaderPanel()
        self.reader.set_language(ctx.lang)
        self.edits.update(self.reader.edits)
        right.addWidget(self.reader)

        self.operators = OperatorsPanel(ctx)
        right.addWidget(self.operators)
        right.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self.save_button.clicked.connect(self.save)
        self.secret_button.clicked.connect(self.save_secret)
        self.calibrate_button.clicked.connect(self.calibrate)
        ctx.operator_changed.connect(self.reload)
        self.reload()

    def focus_first(self) -> None:
        self.reload()
        next(iter(self.edits.values())).setFocus()

    def _supervisor(self) -> bool:
        return bool(self._ctx.operator and self._ctx.operator.role == "supervisor")

    def reload(self) -> None:
        for key, value in self._ctx.settings.all().items():
            if key in self.edits:
                self.edits[key].setText(_text(value))
        supervisor = self._supervisor()
        for widget in (*self.edits.values(), *self.ce_rule.widgets(), self.save_button, self.secret,
                       self.secret_button, self.calibrate_button, self.reader.test_button):
            widget.setEnabled(supervisor)
        self.message.setText("" if supervisor else self.tr("只有负责人可以修改设置。"))
        self.operators.reload(supervisor=supervisor)

    def save(self) -> None:
        stored = self._ctx.settings.all()
        current = {key: _text(value) for key, value in stored.items()}
        changed = [key for key, edit in self.edits.items() if self._changed(key, edit.text(), current, stored)]
        problems = []
        saved = 0
        for key in changed:
            try:
                self._ctx.settings.set(key, self.edits[key].text(), operator=self._ctx.operator_id)
                saved += 1
            except SettingRefused as refused:
                problems.append(refused.problem.message(self._ctx.lang))
        if problems:
            self.message.setText("\n".join(problems))
        else:
            self.message.setText(self.tr("已保存 %1 项设置。").replace("%1", str(saved)))
            if "ui.language" in changed:
                self.message.setText(self.message.text() + self.tr("界面语言在下次启动时生效。"))
        self._ctx.settings_changed.emit()

    @staticmethod
    def _changed(key: str, text: str, current: dict[str, str], stored: dict[str, Any]) -> bool:
        if key == CE_RULE:  # compared as values: 24 and 24.0 are the same rule
            try:
                return json.loads(text) != stored[key]
            except ValueError:
                return True
        return text.strip() != current.get(key)

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

        printing.CalibrationDialog(self._ctx, self).exec()
