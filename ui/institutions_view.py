"""机构名录: the public listing of training and CE institutions, kept offline, and CE filings.

Clerks answer the public's questions from this list (name, person in charge,
address, scale, how to enrol, phones), so every listing field is shown. A
supervisor records a continuing-education institution's filing here and
prints its application form (备案申请表) for signature.

Rows stay one line high (the whole text in each cell's tool tip); suspended
institutions are amber, revoked ones red; an entry whose public listing lacks
fields (``listing_gaps``) or whose filing breaks the level/mode rule
(``filing_flag``) is marked and can be filtered for, as by kind and status.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt
from PySide6.QtGui import QColor
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
from clerk_app.domain.institutions import filing_flag, listing_gaps
from clerk_app.domain.kinds import FILING_LEVELS, FILING_MODES, INSTITUTION_KINDS, INSTITUTION_STATUSES
from clerk_app.domain.problems import Problem
from clerk_app.services.platform import explain
from ui import placeholders, print_actions
from ui.context import AppContext
from ui.tasks import run_task
from ui.words import word

# (key, title, width in px): one line per row; the name and its address first, so both are on screen without scrolling
# sideways; the whole text is in each cell's tool tip. Columns holding a fixed set of words (kind, status, filing level
# and mode) are as wide as their longest word in the window's language (_fit_words), so no state is cut ("Suspe…").
COLUMNS = (
    ("code", QT_TRANSLATE_NOOP("words", "代码"), 90),
    ("name", QT_TRANSLATE_NOOP("words", "名称"), 310),
    ("address", QT_TRANSLATE_NOOP("words", "地址"), 250),
    ("kind", QT_TRANSLATE_NOOP("words", "类别"), 70),
    ("status", QT_TRANSLATE_NOOP("words", "状态"), 60),
    ("listing", QT_TRANSLATE_NOOP("words", "公示信息"), 150),
    ("filing_level", QT_TRANSLATE_NOOP("words", "备案级别"), 70),
    ("filing_mode", QT_TRANSLATE_NOOP("words", "备案方式"), 70),
    ("filed_on", QT_TRANSLATE_NOOP("words", "备案日期"), 95),
    ("filing_no", QT_TRANSLATE_NOOP("words", "备案编号"), 130),
    ("head", QT_TRANSLATE_NOOP("words", "负责人"), 70),
    ("training_scale", QT_TRANSLATE_NOOP("words", "培训规模"), 130),
    ("enrollment_method", QT_TRANSLATE_NOOP("words", "报名方式"), 160),
    ("phone", QT_TRANSLATE_NOOP("words", "联系电话"), 120),
    ("supervision_phone", QT_TRANSLATE_NOOP("words", "监督电话"), 120),
    ("vehicle_classes", QT_TRANSLATE_NOOP("words", "培训车型"), 90),
)
NOT_FILED = QT_TRANSLATE_NOOP("words", "未备案")
TITLES = {key: title for key, title, _width in COLUMNS}
SHORT_KINDS = {
    "driver_training": QT_TRANSLATE_NOOP("words", "驾培"),
    "continuing_education": QT_TRANSLATE_NOOP("words", "继续教育"),
}
# A suspended institution amber, a revoked one red (text, and the status cell's background).
STATUS_COLOURS = {
    "suspended": (QColor("#8a5a00"), QColor("#fff1c7")),
    "revoked": (QColor("#8c1d18"), QColor("#fbe9e7")),
}
WARNING = QColor("#fff1c7")  # a cell that needs a look: an incomplete listing, a filing against the rule
ROW_HEIGHT = 28


def _cell(inst: dict[str, Any], key: str) -> str:
    value = inst.get(key)
    filing = inst.get("filing") or {}
    if key == "kind":
        return word(SHORT_KINDS.get(str(value), INSTITUTION_KINDS.get(str(value), str(value))))
    if key == "status":
        return word(INSTITUTION_STATUSES.get(str(value), str(value)))
    if key == "vehicle_classes":
        return " ".join(value or [])
    if key == "listing":
        gaps = listing_gaps(inst)
        missing = QCoreApplication.translate("InstitutionsScreen", "、").join(word(TITLES[name]) for name in gaps)
        shown = QCoreApplication.translate("InstitutionsScreen", "⚠ 缺：%1").replace("%1", missing)
        return shown if gaps else QCoreApplication.translate("InstitutionsScreen", "完整")
    if key in ("filing_level", "filing_mode", "filed_on", "filing_no") and not filing:
        # A CE institution without a filing says so; a driving school files nothing here.
        return word(NOT_FILED) if inst.get("kind") == "continuing_education" and key == "filing_level" else ""
    if key == "filing_level":
        return word(FILING_LEVELS.get(str(filing.get("level")), ""))
    if key == "filing_mode":
        return word(FILING_MODES.get(str(filing.get("mode")), ""))
    if key in ("filed_on", "filing_no"):
        return str(filing.get(key) or "")
    return "" if value is None else str(value)


def _tip(inst: dict[str, Any], key: str, text: str, lang: str) -> str:
    """The cell's tool tip: what is missing, why a filing is flagged, or the whole text."""
    if key == "listing" and listing_gaps(inst):
        return QCoreApplication.translate("InstitutionsScreen", "公示信息不全。%1").replace("%1", text)
    if key in ("filing_level", "filing_mode"):
        flag = filing_flag(inst)
        if flag is not None:
            return flag.message(lang)
    return text


class InstitutionsScreen(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self._ctx = ctx
        self.rows: list[dict[str, Any]] = []
        self._shown: list[dict[str, Any]] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.filter = QLineEdit()
        placeholders.hint(self.filter, self.tr("按名称、代码或地址筛选"))
        self.filter.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("全部类别"), None)
        for code, label in INSTITUTION_KINDS.items():
            self.kind.addItem(word(label), code)
        self.status = QComboBox()
        self.status.addItem(self.tr("全部状态"), None)
        for code, label in INSTITUTION_STATUSES.items():
            self.status.addItem(word(label), code)
        self.status.addItem(self.tr("需要核对（公示不全或备案不符）"), "flagged")
        top.addWidget(self.filter, 1)
        top.addWidget(self.kind)
        top.addWidget(self.status)
        self.refresh_button = QPushButton(self.tr("从平台更新(&U)"))
        self.filing_button = QPushButton(self.tr("登记继续教育机构备案(&N)"))
        self.print_button = QPushButton(self.tr("打印备案申请表(&P)"))
        layout.addLayout(top)
        # What the list shows and when it was refreshed, with the actions beside it: the filters' row keeps its room
        # (in English, all of it on one row was wider than the screen).
        second = QHBoxLayout()
        self.message = QLabel()
        self.message.setWordWrap(True)
        second.addWidget(self.message, 1)
        for button in (self.refresh_button, self.filing_button, self.print_button):
            second.addWidget(button)
        layout.addLayout(second)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([word(title) for _key, title, _width in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, (_key, _title, width) in enumerate(COLUMNS):
            self.table.setColumnWidth(column, width)
        self._fit_words()
        layout.addWidget(self.table, 1)
        self.refreshed_at: str | None = None
        self.note = ""  # what the last refresh from the platform did
        self.filter.textChanged.connect(self._show)
        self.kind.currentIndexChanged.connect(self._show)
        self.status.currentIndexChanged.connect(self._show)
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
        run_task(self._ctx.platform.registry_refreshed_at, self._refreshed)

    def _refreshed(self, at: str | None) -> None:
        self.refreshed_at = at
        self._say_count()

    def _wanted(self, inst: dict[str, Any]) -> bool:
        text = self.filter.text().strip().lower()
        kind, status = self.kind.currentData(), self.status.currentData()
        if kind and inst.get("kind") != kind:
            return False
        if status == "flagged":
            if not listing_gaps(inst) and filing_flag(inst) is None:
                return False
        elif status and inst.get("status") != status:
            return False
        return not text or any(text in _cell(inst, key).lower() for key in ("code", "name", "address"))

    def _fit_words(self) -> None:
        """Columns of fixed words as wide as their longest word or title, in the window's language and font."""
        metrics = self.table.fontMetrics()
        words = {
            "kind": [word(label) for label in SHORT_KINDS.values()],
            "status": [word(label) for label in INSTITUTION_STATUSES.values()],
            "filing_level": [word(label) for label in FILING_LEVELS.values()] + [word(NOT_FILED)],
            "filing_mode": [word(label) for label in FILING_MODES.values()],
        }
        for column, (key, title, width) in enumerate(COLUMNS):
            # A filing against the rule is shown with "⚠ " before its word; every title is read whole.
            needed = max(metrics.horizontalAdvance(f"⚠ {text}") for text in [*words.get(key, []), word(title)]) + 16
            self.table.setColumnWidth(column, max(width, needed))

    def _show(self) -> None:
        shown = [inst for inst in self.rows if self._wanted(inst)]
        self.table.setRowCount(len(shown))
        for row, inst in enumerate(shown):
            colours = STATUS_COLOURS.get(str(inst.get("status")))
            flagged = filing_flag(inst) is not None
            for column, (key, _title, _width) in enumerate(COLUMNS):
                text = _cell(inst, key)
                if flagged and key in ("filing_level", "filing_mode"):
                    text = f"⚠ {text}"
                item = QTableWidgetItem(text)
                item.setToolTip(_tip(inst, key, text, self._ctx.lang))
                if colours is not None:
                    item.setForeground(colours[0])
                    if key == "status":
                        item.setBackground(colours[1])
                if (key == "listing" and listing_gaps(inst)) or (flagged and key in ("filing_level", "filing_mode")):
                    item.setBackground(WARNING)
                self.table.setItem(row, column, item)
        self._shown = shown
        self._say_count()

    def _say_count(self) -> None:
        count = self.tr("共 %1 个机构").replace("%1", str(len(self._shown)))
        if len(self._shown) != len(self.rows):
            count = self.tr("显示 %1 个（共 %2 个）").replace("%1", str(len(self._shown))).replace("%2", str(len(self.rows)))
        when = (
            self.tr("名录 %1 从平台更新").replace("%1", self.refreshed_at[:16].replace("T", " "))
            if self.refreshed_at else self.tr("名录还没有从平台更新过")
        )
        self.message.setText("　".join(part for part in (count, when, self.note) if part))

    def selected(self) -> dict[str, Any] | None:
        row = self.table.currentRow()
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def refresh_from_platform(self) -> None:
        self.refresh_button.setEnabled(False)
        self.message.setText(self.tr("正在从平台更新机构名录…"))

        def done(count: int) -> None:
            self.refresh_button.setEnabled(True)
            self.note = self.tr("本次更新了 %1 个机构。").replace("%1", str(count))
            self._ctx.institutions_changed.emit()

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
        listing = ("name", "head", "address", "training_scale", "enrollment_method", "phone", "supervision_phone")
        for key, label in (
            ("code", QT_TRANSLATE_NOOP("words", "机构代码")), *((k, TITLES[k]) for k in listing),
            ("filing_no", TITLES["filing_no"]),
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
