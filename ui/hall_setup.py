"""首次使用：设置本服务大厅 — the hall code, the hall's name, the issuing authority and the window number.

Receipt numbers carry the hall and window codes and official papers name the
hall and the issuing authority, so none of them has a default: the records
service saves nothing until a supervisor has set all four. The window asks
once, right after login, while any is unset; the settings service decides
who may set them (a supervisor) and whether what was typed is valid.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from clerk_app.services.settings import HALL_KEYS, SPECS, SettingRefused
from ui.context import AppContext
from ui.words import word

# Examples of what to type: Chinese names in the Chinese window, their English in the English one.
EXAMPLES = {
    "hall.code": "220102",
    "hall.name": QT_TRANSLATE_NOOP("HallSetupDialog", "长春市南关区政务服务中心"),
    "hall.authority": QT_TRANSLATE_NOOP("HallSetupDialog", "长春市道路运输管理局"),
    "window.code": "03",
}


class HallSetupDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle(self.tr("首次使用：设置本服务大厅"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "录入第一条记录之前，请负责人设置本大厅。回执号带有大厅代码和窗口编号，"
                "证件和证明上印有大厅名称和发证机关；设置后可在“设置”中修改。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        current = ctx.settings.all()
        self.edits: dict[str, QLineEdit] = {}
        for key in HALL_KEYS:
            edit = QLineEdit(str(current.get(key) or ""))
            edit.setPlaceholderText(self.tr("例如 %1").replace("%1", self.tr(str(EXAMPLES[key]))))
            self.edits[key] = edit
            form.addRow(word(SPECS[key].label_zh), edit)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        box = QDialogButtonBox()
        ok = box.addButton(self.tr("保存"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        box.addButton(self.tr("以后再说"), QDialogButtonBox.ButtonRole.RejectRole)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)

    def accept(self) -> None:
        for key, edit in self.edits.items():
            try:
                self._ctx.settings.set(key, edit.text(), operator=self._ctx.operator_id)
            except SettingRefused as refused:
                self.error.setText(refused.problem.message(self._ctx.lang))
                edit.setFocus()
                return
        self._ctx.settings_changed.emit()
        super().accept()


def ensure_hall(ctx: AppContext, parent: QWidget | None = None) -> bool:
    """Ask for the hall once while it is not set up; True when it is (or this is training)."""
    if ctx.training is not None or not ctx.settings.hall_missing():
        return True
    dialog = HallSetupDialog(ctx, parent)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    return dialog.exec() == QDialog.DialogCode.Accepted
