"""Who is working: the login at start and after the idle lock, and the first supervisor of a fresh window.

Every save, correction and void is recorded under the operator who logged in
here, so the window never works without one. Passwords are checked by
``OperatorService`` (salted scrypt hashes); nothing here stores them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clerk_app.services.operators import MIN_PASSWORD, OperatorInfo, OperatorRefused
from ui.context import AppContext


def _buttons(dialog: QDialog, ok_text: str, cancel_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox()
    ok = box.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    ok.setDefault(True)
    box.addButton(cancel_text, QDialogButtonBox.ButtonRole.RejectRole)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class LoginDialog(QDialog):
    """Operator ID and password; ``operator`` holds who logged in after ``accept``."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, locked: bool = False, idle: bool = False) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.operator: OperatorInfo | None = None
        self.setWindowTitle(self.tr("窗口已锁定") if locked else self.tr("登录"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("道路运输从业资格窗口客户端"))
        title.setObjectName("title")
        layout.addWidget(title)
        if ctx.training:
            banner = QLabel(self.tr("培训模式：练习用数据库，不影响正式数据"))
            banner.setObjectName("banner")
            layout.addWidget(banner)
        if locked:  # by the idle timer, or by hand (Ctrl+L)
            self.why_locked = QLabel(
                self.tr("长时间无操作，窗口已锁定。请重新输入密码，或换人登录。")
                if idle
                else self.tr("窗口已锁定。请重新输入密码，或换人登录。")
            )
            layout.addWidget(self.why_locked)
        form = QFormLayout()
        self.operator_id = QLineEdit()
        self.operator_id.setPlaceholderText(self.tr("例如 clerk01"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("工号(&U)"), self.operator_id)
        form.addRow(self.tr("密码(&P)"), self.password)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        box = _buttons(self, self.tr("登录"), self.tr("退出") if not locked else self.tr("关闭程序"))
        layout.addWidget(box)
        if locked and ctx.operator:
            self.operator_id.setText(ctx.operator.operator_id)
            self.password.setFocus()

    def accept(self) -> None:
        operator_id = self.operator_id.text().strip()
        if not operator_id or not self.password.text():
            self.error.setText(self.tr("请输入工号和密码。"))
            return
        try:  # a wrong password is slowed down, counted and, repeated, locks the ID out (the service decides)
            found = self._ctx.operators.sign_in(operator_id, self.password.text())
        except OperatorRefused as refused:
            if refused.problem.code == "wrong_password":
                self.error.setText(self.tr("工号或密码不正确，请重新输入。忘记密码请找负责人。"))
            else:  # locked out after repeated wrong passwords
                self.error.setText(refused.problem.message(self._ctx.lang))
            self.password.clear()
            self.password.setFocus()
            return
        self.operator = found
        super().accept()


class FirstSupervisorDialog(QDialog):
    """A fresh window has nobody: the first person sets up the supervisor account."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.operator: OperatorInfo | None = None
        self.setWindowTitle(self.tr("首次使用：设置负责人"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "这台电脑的窗口还没有任何操作员。请先设置负责人账号；"
                "负责人登录后可在“设置”中添加窗口工作人员。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.operator_id = QLineEdit()
        self.name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("工号(&U)"), self.operator_id)
        form.addRow(self.tr("姓名(&N)"), self.name)
        form.addRow(self.tr("密码(&P)"), self.password)
        form.addRow(self.tr("再输一次密码(&R)"), self.repeat)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, self.tr("创建并登录"), self.tr("退出")))

    def accept(self) -> None:
        if len(self.password.text()) < MIN_PASSWORD:
            self.error.setText(self.tr("密码至少 %n 位。", "", MIN_PASSWORD))
            return
        if self.password.text() != self.repeat.text():
            self.error.setText(self.tr("两次输入的密码不一样，请重新输入。"))
            self.repeat.clear()
            return
        operator_id = self.operator_id.text().strip()
        try:
            self.operator = self._ctx.operators.add(
                operator_id, self.name.text(), "supervisor", self.password.text(), acting=operator_id
            )
        except OperatorRefused as refused:
            self.error.setText(refused.problem.message(self._ctx.lang))
            return
        super().accept()


def log_in(
    ctx: AppContext, parent: QWidget | None = None, *, locked: bool = False, idle: bool = False
) -> OperatorInfo | None:
    """Ask who is working (creating the first supervisor when there is nobody); None if they quit."""
    dialog: LoginDialog | FirstSupervisorDialog
    if not ctx.operators.any_registered():
        dialog = FirstSupervisorDialog(ctx, parent)
    else:
        dialog = LoginDialog(ctx, parent, locked=locked, idle=idle)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.operator is None:
        return None
    from ui import recovery

    if isinstance(dialog, FirstSupervisorDialog):  # the window's recovery code, shown once, its slip printed
        recovery.show_new_code(ctx, dialog.operator, parent)
    elif not locked and not idle:
        recovery.remind(ctx, dialog.operator, parent)
    return dialog.operator
