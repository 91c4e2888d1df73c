"""The database's recovery code in the window: shown once at set-up (with its slip), and asked when the key is missing.

The data is encrypted with a key kept in this PC's keyring. The first
supervisor is shown the recovery code once, right after registering, and
prints the slip for the hall's safe (``RecoveryCodeDialog``); a supervisor of a
window converted from an older version is asked at login to issue one
(``remind``). When the keyring has no key for the data folder (a new PC, a
reinstalled system), ``UnlockDialog`` says exactly that and asks for the code.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.services.operators import OperatorInfo
from clerk_app.services.recovery import grouped, try_unlock
from ui.context import AppContext


class RecoveryCodeDialog(QDialog):
    """The new recovery code, shown once: large, in groups of four, with its slip to print or save."""

    def __init__(self, ctx: AppContext, code: str, acting: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._code, self._acting = ctx, code, acting
        self.setWindowTitle(self.tr("数据库恢复码"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "本窗口的数据在电脑上加密保存，密钥在本电脑的系统钥匙串中。换电脑、重装系统或钥匙串丢失后，"
                "只有下面的恢复码能再打开数据。它只显示这一次：请打印纸条（或工整抄写），放进大厅的保险柜。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        shown = grouped(code).split()
        self.code_label = QLabel("\n".join("   ".join(shown[i : i + 5]) for i in range(0, len(shown), 5)))
        # Large and monospaced, so that each group of four is read aloud and copied without a slip.
        self.code_label.setStyleSheet("font-family: monospace; font-size: 22pt; font-weight: bold; padding: 12px;")
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)  # not copied to a file
        self.code_label.setObjectName("recoveryCode")
        layout.addWidget(self.code_label)
        warning = QLabel(
            self.tr("没有密钥也没有恢复码时，数据和用同一密钥做的备份都无法读取，任何人都帮不了。生成新恢复码后旧的即作废。")
        )
        warning.setWordWrap(True)
        layout.addWidget(warning)
        self.print_button = QPushButton(self.tr("打印恢复码纸条(&P)…"))
        self.print_button.clicked.connect(self._print)
        layout.addWidget(self.print_button)
        self.kept = QCheckBox(self.tr("我已打印或抄下恢复码，会放进保险柜(&K)"))
        layout.addWidget(self.kept)
        buttons = QDialogButtonBox()
        self.done_button = buttons.addButton(self.tr("继续(&C)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.done_button.setEnabled(False)
        self.kept.toggled.connect(self.done_button.setEnabled)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def _print(self) -> None:
        from clerk_app.printing.service import PrintJob
        from ui import printing

        pdf = self._ctx.services.recovery.slip(self._code, self._acting)
        printing.show_preview(self, PrintJob(title=self.tr("数据库恢复码"), pdf=pdf, reprint_count=0, pages=1))

    def reject(self) -> None:  # Esc does not close it before the code is kept
        if self.kept.isChecked():
            super().reject()


def show_new_code(ctx: AppContext, operator: OperatorInfo, parent: QWidget | None = None) -> None:
    """Right after the first supervisor registered: issue the window's recovery code and show it once."""
    code = ctx.services.recovery.issue_first(operator.operator_id)
    if code is not None:
        RecoveryCodeDialog(ctx, code, operator.operator_id, parent).exec()


def remind(ctx: AppContext, operator: OperatorInfo, parent: QWidget | None = None) -> None:
    """A supervisor logging in to a window without a recovery code (converted from an older version) is asked to
    issue one now; a clerk is not asked (only a supervisor can)."""
    if operator.role != "supervisor" or not ctx.services.recovery.needs_code():
        return
    title = QCoreApplication.translate("recovery", "还没有数据库恢复码")
    text = QCoreApplication.translate(
        "recovery",
        "本窗口的数据已加密保存，但还没有生成数据库恢复码：本电脑的系统钥匙串一旦丢失，数据将无法读取。"
        "现在生成恢复码并打印纸条吗？",
    )
    answer = QMessageBox.question(parent, title, text)
    if answer == QMessageBox.StandardButton.Yes:
        code = ctx.services.recovery.replace(operator.operator_id)
        RecoveryCodeDialog(ctx, code, operator.operator_id, parent).exec()


class UnlockDialog(QDialog):
    """The key is not in this PC's keyring: say so, and take the recovery code to unlock the data folder."""

    def __init__(self, folder: Path, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._folder = folder
        self.setWindowTitle(self.tr("需要数据库恢复码"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        explanation = QLabel(message)
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        where = QLabel(self.tr("数据目录：%1").replace("%1", str(folder)))
        where.setWordWrap(True)
        layout.addWidget(where)
        label = QLabel(self.tr("恢复码（40 位数字，可带空格）(&R)"))
        self.code = QLineEdit()
        self.code.setEchoMode(QLineEdit.EchoMode.Password)
        label.setBuddy(self.code)
        layout.addWidget(label)
        layout.addWidget(self.code)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("解锁(&U)"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("退出"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        problem = try_unlock(self._folder, self.code.text(), "zh")
        if problem is not None:
            self.error.setText(problem)
            self.code.selectAll()
            return
        super().accept()
