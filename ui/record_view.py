"""One record, all of it: every version side by side with what changed, upload answers, audit, prints.

Nothing about a record is ever overwritten, so this is where a clerk or a
supervisor sees its whole history and acts on it: 更正 (Ctrl+E) saves a new
version through the entry form, 作废 (Ctrl+D) needs a supervisor's password
and a reason, F9 prints the receipt (a reprint is marked and counted).
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.kinds import KIND_LABELS_ZH, SESSION_MODES
from clerk_app.domain.masking import mask_id_number
from clerk_app.domain.problems import FIELD_LABELS
from clerk_app.services.records import Approval, RecordDetail, VersionInfo
from ui import placeholders, print_actions
from ui.context import AppContext
from ui.entry_fields import FORMS
from ui.entry_form import EntryForm
from ui.record_model import UPLOAD_STATES, state_label
from ui.words import word

CHANGED = QBrush(QColor("#fff1b8"))
CHOICES = {spec.name: spec for specs in FORMS.values() for spec in specs if spec.choices}
AUDIT_ACTIONS = {
    "add": QT_TRANSLATE_NOOP("words", "录入"),
    "save": QT_TRANSLATE_NOOP("words", "录入"),
    "correct": QT_TRANSLATE_NOOP("words", "更正"),
    "void": QT_TRANSLATE_NOOP("words", "作废"),
    "print": QT_TRANSLATE_NOOP("words", "打印"),
    "upload": QT_TRANSLATE_NOOP("words", "上传"),
}


def _shown(name: str, value: Any, institutions: dict[str, str] | None = None) -> str:
    if value is None:
        return ""
    if name == "institution_code" and institutions and str(value) in institutions:
        return f"{value}　{institutions[str(value)]}"  # the code and the name a clerk knows it by
    if name == "sessions":
        hours = QCoreApplication.translate("words", "%1 学时")
        span = QCoreApplication.translate("words", "%1～%2")
        return "\n".join(
            f"{s.get('course')}　{hours.replace('%1', str(s.get('hours')))}"
            f"　{word(SESSION_MODES.get(s.get('mode'), str(s.get('mode'))))}"
            f"　{span.replace('%1', str(s.get('start_date'))).replace('%2', str(s.get('end_date')))}"
            for s in value
        )
    spec = CHOICES.get(name)
    return spec.choice_text(value) if spec is not None and value in spec.choices else str(value)


def _what(version: VersionInfo) -> str:
    """What a version was: 录入 (the first), 更正（reason） or 作废（reason）."""
    if version.op == "void":
        reason = version.void_reason or version.change_reason
        label = QCoreApplication.translate("RecordDialog", "作废")
    elif version.version == 1:
        return QCoreApplication.translate("RecordDialog", "录入")
    else:
        reason = version.change_reason
        label = QCoreApplication.translate("RecordDialog", "更正")
    return QCoreApplication.translate("RecordDialog", "%1（%2）").replace("%1", label).replace("%2", reason) if reason else label


def _document(token: str) -> str:
    """A printed paper by name (受理回执, 从业资格证 …), in the window's language."""
    from clerk_app.printing.service import DOCUMENTS  # ReportLab loads with it: only once a print is shown

    return word(DOCUMENTS.get(token, token))


def _audit_text(detail: dict[str, Any]) -> str:
    """An audit row's content in words: the reason, the fields changed, the paper printed; the rest as stored."""
    said: list[str] = []
    translate = QCoreApplication.translate
    if detail.get("change_reason"):
        said.append(translate("RecordDialog", "原因：%1").replace("%1", str(detail["change_reason"])))
    if detail.get("changed_fields"):
        labels = [word(FIELD_LABELS[f][0]) if f in FIELD_LABELS else str(f) for f in detail["changed_fields"]]
        said.append(translate("RecordDialog", "改了：%1").replace("%1", translate("RecordDialog", "、").join(labels)))
    if detail.get("approved_by"):
        said.append(translate("RecordDialog", "批准：%1").replace("%1", str(detail["approved_by"])))
    if detail.get("confirmed_warnings"):
        said.append(translate("RecordDialog", "已确认疑似重复"))
    if detail.get("from_card"):
        said.append(translate("RecordDialog", "读自身份证：%1").replace("%1", _labels(detail["from_card"])))
    if "document" in detail:
        paper = _document(str(detail["document"]))
        reprint = translate("RecordDialog", "%1，第 %2 次补打").replace("%1", paper).replace("%2", str(detail.get("reprint")))
        said.append(reprint if detail.get("reprint") else paper)
    if detail.get("receipt_no"):
        said.append(translate("RecordDialog", "回执号 %1").replace("%1", str(detail["receipt_no"])))
    rest = {k: v for k, v in detail.items() if k not in _AUDIT_SAID}
    return "　".join(said + ([json.dumps(rest, ensure_ascii=False)] if rest else []))


def _labels(fields: list[str] | tuple[str, ...]) -> str:
    """Field names as the form labels them, joined as a clerk lists them."""
    labels = [word(FIELD_LABELS[f][0]) if f in FIELD_LABELS else str(f) for f in fields]
    return QCoreApplication.translate("RecordDialog", "、").join(labels)


# Keys said in words above, or (payload hash, kind, op, key) of use only to the integrity check.
_AUDIT_SAID = frozenset(
    {"change_reason", "changed_fields", "approved_by", "confirmed_warnings", "document", "reprint", "receipt_no", "from_card",
     "payload_sha256", "kind", "op", "key", "void_reason"}
)


def _platform_answer(version: VersionInfo) -> str:
    if version.platform_errors:
        return "\n".join(str(e.get("message") or e.get("code")) for e in version.platform_errors)
    return version.platform_ref or ""


class RecordDialog(QDialog):
    def __init__(self, ctx: AppContext, record_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._key = record_key
        self.detail: RecordDetail | None = None
        self.setWindowTitle(self.tr("记录详情"))
        self.resize(1200, 680)
        layout = QVBoxLayout(self)
        self.header = QLabel()
        self.header.setObjectName("title")
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.header)
        self.state = QLabel()
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        self.tabs = QTabWidget()
        self.versions = self._table()
        self.audit = self._table()
        self.prints = self._table()
        self.tabs.addTab(self.versions, self.tr("各版本对照"))
        self.tabs.addTab(self.audit, self.tr("审计记录"))
        self.tabs.addTab(self.prints, self.tr("打印记录"))
        layout.addWidget(self.tabs, 1)
        buttons = QHBoxLayout()
        self.correct_button = QPushButton(self.tr("更正（Ctrl+E）"))
        self.void_button = QPushButton(self.tr("作废（Ctrl+D）"))
        self.print_button = QPushButton(self.tr("打印回执（F9）"))
        # The documents of the record's kind: an accepted application's certificate, a CE entry's statement.
        self.certificate_button = QPushButton(self.tr("打印从业资格证"))
        self.statement_button = QPushButton(self.tr("打印学时证明"))
        close = QPushButton(self.tr("关闭（Esc）"))
        for button in (self.correct_button, self.void_button, self.print_button, self.certificate_button, self.statement_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.correct_button.clicked.connect(self.correct)
        self.void_button.clicked.connect(self.void)
        self.print_button.clicked.connect(self.print_receipt)
        self.certificate_button.clicked.connect(self.print_certificate)
        self.statement_button.clicked.connect(self.print_statement)
        close.clicked.connect(self.reject)
        for keys, slot in (("Ctrl+E", self.correct), ("Ctrl+D", self.void), ("F9", self.print_receipt)):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        self._names: dict[str, str] = {}  # operators by case-folded ID, read with the record
        self.reload()

    @staticmethod
    def _table() -> QTableWidget:
        table = QTableWidget()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def reload(self) -> None:
        self.detail = self._ctx.records.get(self._key)
        self._names = self._ctx.operators.names()  # once: every version, audit and print row names its operator
        if self.detail is None:
            self.header.setText(self.tr("找不到这条记录。"))
            for button in (self.correct_button, self.void_button, self.print_button, self.certificate_button, self.statement_button):
                button.setEnabled(False)
            return
        s = self.detail.summary
        receipt = self.tr("回执号 %1").replace("%1", s.receipt_no)
        self.header.setText(f"{word(KIND_LABELS_ZH.get(s.kind, s.kind))}　{s.name}　{s.id_number}　{receipt}")
        self.state.setText(
            self.tr("当前第 %1 版　状态：%2　录入：%3 %4")
            .replace("%1", str(s.current_version))
            .replace("%2", state_label(s))
            .replace("%3", self._who(s.created_by))
            .replace("%4", s.created_at[:19].replace("T", " "))
        )
        self.correct_button.setEnabled(not s.voided)
        self.void_button.setEnabled(not s.voided)
        self.certificate_button.setVisible(s.kind == "qualification_application")
        self.certificate_button.setEnabled(s.upload_state == "accepted" and not s.voided)
        self.statement_button.setVisible(s.kind == "ce_hours")
        self.statement_button.setEnabled(not s.voided)
        self._fill_versions(self.detail)
        self._fill_audit(self.detail)

    def _fill_versions(self, detail: RecordDetail) -> None:
        names = [spec.name for spec in FORMS[detail.summary.kind]]
        for version in detail.versions:
            names += [k for k in version.payload if k not in names]
        meta = [
            (self.tr("操作"), _what),  # 录入, 更正（reason）, 作废（reason）: no empty reason rows
            *([(self.tr("批准人"), lambda v: self._who(v.approved_by or ""))] if any(v.approved_by for v in detail.versions) else []),
            (self.tr("录入时间"), lambda v: v.entered_at[:19].replace("T", " ")),
            (self.tr("录入人"), lambda v: self._who(v.entered_by)),
            *([(self.tr("读自身份证"), lambda v: _labels(v.from_card))] if any(v.from_card for v in detail.versions) else []),
            (self.tr("上传状态"), lambda v: word(UPLOAD_STATES.get(v.upload_state or "", v.upload_state or ""))),
            (self.tr("平台答复"), _platform_answer),
        ]
        rows = [(word(FIELD_LABELS[n][0]) if n in FIELD_LABELS else n, n) for n in names]
        table = self.versions
        table.clear()
        table.setRowCount(len(rows) + len(meta))
        table.setColumnCount(len(detail.versions))
        table.setHorizontalHeaderLabels([self.tr("第 %1 版").replace("%1", str(v.version)) for v in detail.versions])
        table.setVerticalHeaderLabels([label for label, _ in rows] + [label for label, _ in meta])
        bold = QFont()
        bold.setBold(True)
        codes = {str(v.payload["institution_code"]) for v in detail.versions if v.payload.get("institution_code")}
        institutions = {code: str((self._ctx.institutions.get(code) or {}).get("name") or "") for code in codes}
        for column, version in enumerate(detail.versions):
            before = detail.versions[column - 1].payload if column else None
            for row, (_label, name) in enumerate(rows):
                value = version.payload.get(name)
                item = QTableWidgetItem(_shown(name, value, institutions))
                if before is not None and before.get(name) != value:
                    item.setBackground(CHANGED)
                    item.setFont(bold)
                    item.setToolTip(self.tr("与上一版不同"))
                table.setItem(row, column, item)
            for offset, (_label, read) in enumerate(meta):
                table.setItem(len(rows) + offset, column, QTableWidgetItem(read(version)))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()

    def _who(self, operator_id: str) -> str:
        """An operator as people know them: 李窗口（clerk01）."""
        name = self._names.get(operator_id.casefold()) if operator_id else None
        return self.tr("%1（%2）").replace("%1", name).replace("%2", operator_id) if name is not None else operator_id

    def _fill_audit(self, detail: RecordDetail) -> None:
        headers = [self.tr("时间"), self.tr("操作员"), self.tr("操作"), self.tr("版本"), self.tr("内容")]
        self.audit.clear()
        self.audit.setColumnCount(len(headers))
        self.audit.setHorizontalHeaderLabels(headers)
        self.audit.setRowCount(len(detail.audit))
        prints = [a for a in detail.audit if a.action == "print"]
        for row, entry in enumerate(detail.audit):
            values = (
                entry.at[:19].replace("T", " "),
                self._who(entry.operator),
                word(AUDIT_ACTIONS.get(entry.action, entry.action)),
                str(entry.version or ""),
                _audit_text(entry.detail),
            )
            for column, text in enumerate(values):
                self.audit.setItem(row, column, QTableWidgetItem(text))
        self.audit.resizeColumnsToContents()
        headers = [self.tr("时间"), self.tr("操作员"), self.tr("文件"), self.tr("补打次数")]
        self.prints.clear()
        self.prints.setColumnCount(len(headers))
        self.prints.setHorizontalHeaderLabels(headers)
        self.prints.setRowCount(len(prints))
        for row, entry in enumerate(prints):
            cells = (
                entry.at[:19].replace("T", " "),
                self._who(entry.operator),
                _document(str(entry.detail.get("document", ""))),
                str(entry.detail.get("reprint", 0)),
            )
            for column, text in enumerate(cells):
                self.prints.setItem(row, column, QTableWidgetItem(text))
        self.prints.resizeColumnsToContents()
        self.tabs.setTabText(2, self.tr("打印记录（%1）").replace("%1", str(len(prints))))

    # -- actions --------------------------------------------------------------------

    def correct(self) -> None:
        if self.detail is None or self.detail.summary.voided:
            return
        dialog = CorrectDialog(self._ctx, self.detail, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def void(self) -> None:
        if self.detail is None or self.detail.summary.voided:
            return
        if VoidDialog(self._ctx, self.detail, self).exec() == QDialog.DialogCode.Accepted:
            self._ctx.records_changed.emit()
            self.reload()

    def print_receipt(self) -> None:
        if self.detail is not None:
            print_actions.receipt(self, self._ctx, self.detail.summary.record_id)

    def print_certificate(self) -> None:
        if self.detail is not None and self.certificate_button.isEnabled():
            print_actions.certificate(self, self._ctx, self.detail.summary.id_number)

    def print_statement(self) -> None:
        if self.detail is not None and self.statement_button.isEnabled():
            payload = self.detail.versions[-1].payload
            category = str(payload.get("category") or "") or None
            print_actions.ce_statement(self, self._ctx, self.detail.summary.id_number, category=category)


class CorrectDialog(QDialog):
    """The entry form filled with the current version, the reason for the correction (更正原因, required) and,
    for a record the platform has accepted, the approving supervisor's ID and password; saving makes the next
    version. The records service judges all three: this dialog only asks."""

    def __init__(self, ctx: AppContext, detail: RecordDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("更正记录"))
        self.resize(1100, 700)
        self.form = EntryForm(ctx, detail.summary.kind, correcting=detail)
        layout = QVBoxLayout(self)
        sent_back = _platform_answer(detail.versions[-1]) if detail.versions[-1].platform_errors else ""
        if sent_back:  # corrected from 被退回: what the platform said stays in sight while correcting
            said = QLabel(self.tr("平台退回的原因：%1").replace("%1", sent_back))
            said.setObjectName("resultBad")
            said.setWordWrap(True)
            layout.addWidget(said)
        layout.addWidget(self.form)
        # Form, then the reason, then the approval, then the form's buttons at the bottom: what saving needs comes
        # before the button that saves.
        why_box = QWidget()
        why = QFormLayout(why_box)
        why.setContentsMargins(0, 6, 0, 0)
        self.reason = QLineEdit()
        placeholders.hint(self.reason, self.tr("必填，例如：身份证号录错一位，已核对身份证原件"))
        why.addRow(self.tr("更正原因(&W)"), self.reason)
        self.platform_accepted = detail.summary.platform_ref is not None or detail.summary.upload_state == "accepted"
        self.approver = QLineEdit()
        self.approver_password = QLineEdit()
        self.approver_password.setEchoMode(QLineEdit.EchoMode.Password)
        if self.platform_accepted:
            note = QLabel(self.tr("省平台已接收这条记录：更正须经负责人批准，请负责人输入工号和密码。"))
            note.setObjectName("fieldError")
            note.setWordWrap(True)
            why.addRow(note)
            if ctx.operator and ctx.operator.role == "supervisor":
                self.approver.setText(ctx.operator.operator_id)
            why.addRow(self.tr("批准负责人工号(&A)"), self.approver)
            why.addRow(self.tr("负责人密码(&K)"), self.approver_password)
        column = self.form.label_column()
        for row in range(why.rowCount()):  # the labels in the form's label column: the boxes line up with its fields
            item = why.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if label is not None:
                label.setMinimumWidth(column - why.horizontalSpacing())
        self.form.add_above_buttons(why_box)
        self.resize(1100, min(700, self.sizeHint().height()))  # no gap under the buttons
        self.form.why = self._why
        self.form.saved.connect(lambda _outcome: self.accept())
        self.form.cancelled.connect(self.reject)
        self.form.first_field().setFocus()


    def _why(self) -> tuple[str, Approval | None]:
        if not self.platform_accepted or not self.approver.text().strip():
            return self.reason.text(), None  # the service says when an approval is needed
        approval = Approval(self.approver.text().strip(), self.approver_password.text())
        self.approver_password.clear()  # asked again if the save is refused
        return self.reason.text(), approval


class VoidDialog(QDialog):
    """作废: a supervisor types their ID, their password and the reason."""

    def __init__(self, ctx: AppContext, detail: RecordDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._detail = detail
        self.setWindowTitle(self.tr("作废记录"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        s = detail.summary
        which = QLabel(
            self.tr("作废：%1　%2　%3")
            .replace("%1", word(KIND_LABELS_ZH.get(s.kind, s.kind)))
            .replace("%2", s.name)
            .replace("%3", mask_id_number(s.id_number))
        )
        which.setObjectName("title")
        layout.addWidget(which)
        layout.addWidget(QLabel(self.tr("回执号 %1").replace("%1", s.receipt_no)))
        warning = QLabel(
            self.tr("作废后这条记录不再有效（仍保留全部历史），并会上报平台。需要负责人确认。")
        )
        warning.setWordWrap(True)
        layout.addWidget(warning)
        form = QFormLayout()
        self.supervisor = QLineEdit()
        if ctx.operator and ctx.operator.role == "supervisor":
            self.supervisor.setText(ctx.operator.operator_id)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.reason = QLineEdit()
        placeholders.hint(self.reason, self.tr("例如：重复录入；证书编号录错且已另行录入"))
        form.addRow(self.tr("负责人工号(&S)"), self.supervisor)
        form.addRow(self.tr("负责人密码(&P)"), self.password)
        form.addRow(self.tr("作废原因(&R)"), self.reason)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        box = QDialogButtonBox()
        ok = box.addButton(self.tr("确认作废"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        box.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        (self.password if self.supervisor.text() else self.supervisor).setFocus()

    def accept(self) -> None:
        outcome = self._ctx.records.void(
            self._detail.summary.record_id,
            self.reason.text(),
            operator=self.supervisor.text().strip(),
            password=self.password.text(),
        )
        if not outcome.ok:
            self.error.setText("\n".join(p.message(self._ctx.lang) for p in outcome.errors))
            self.password.clear()
            return
        super().accept()
