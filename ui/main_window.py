"""The main window: the screens on the left (F2 … F8), who is working on top, the status line below.

Every screen sits under the same header (operator, lock, training banner)
and above the same status line, so "who is working" and "is it uploaded" are
always in sight. The window locks itself after ``ui.idle_lock_minutes``
without a key or a click, hiding the screens until a password is typed.
Only 录入 is built at start (the first keystroke waits for nothing else);
each other screen, and its module, the first time it is shown or asked for.
"""

from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clerk_app import __version__
from ui import login, training
from ui.context import AppContext
from ui.counter import Counter
from ui.entry_screen import EntryScreen
from ui.status_panel import StatusPanel
from ui.upload_view import AutoUpload

USER_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.Wheel,
    QEvent.Type.InputMethod,
}


class IdleWatch(QObject):
    """Restarts a timer on every key or click anywhere in the application."""

    def __init__(self, minutes: int, on_idle: object) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(on_idle)
        self.set_minutes(minutes)
        app = QApplication.instance()
        assert app is not None, "the window's application exists first"
        app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes
        if minutes > 0:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in USER_INPUT and self.minutes > 0:
            self.timer.start(self.minutes * 60_000)
        return False


class _Screen:
    """A screen of the window, built (and its module imported) the first time it is shown or asked for."""

    def __init__(self, module: str, name: str) -> None:
        self._module = module
        self._name = name

    def __set_name__(self, owner: type, attribute: str) -> None:
        self.attribute = attribute

    def __get__(self, window: MainWindow | None, owner: type) -> Any:
        if window is None:
            return self
        screen = getattr(importlib.import_module(self._module), self._name)(window.ctx)
        window.__dict__[self.attribute] = screen  # from now on the attribute itself, without this
        window.place(self.attribute, screen)
        return screen


class MainWindow(QMainWindow):
    lookup = _Screen("ui.lookup", "LookupScreen")
    rejected = _Screen("ui.rejected", "RejectedScreen")
    upload = _Screen("ui.upload_view", "UploadScreen")
    institutions = _Screen("ui.institutions_view", "InstitutionsScreen")
    settings = _Screen("ui.settings_view", "SettingsScreen")
    importer = _Screen("ui.import_view", "ImportScreen")

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.locked = False
        title = self.tr("道路运输从业资格窗口客户端")
        self._title = f"{title} {__version__}"
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        # Whenever the practice hall or platform is in use, not only in training mode proper.
        self.banner = QLabel(self.tr("培训模式：练习用数据库和练习平台，录入的内容不是正式数据，不会上报"))
        self.banner.setObjectName("banner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.banner)
        header = QHBoxLayout()
        header.setContentsMargins(10, 6, 10, 6)
        self.who = QLabel()
        self.who.setObjectName("who")
        header.addWidget(self.who, 1)
        help_button = QPushButton(self.tr("快捷键（F1）"))
        lock_button = QPushButton(self.tr("锁定（Ctrl+L）"))
        for button in (help_button, lock_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            header.addWidget(button)
        outer.addLayout(header)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(150)
        self.nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.stack = QStackedWidget()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)
        self._central = central  # hidden while the window is locked
        self.status = StatusPanel(ctx)
        self.setStatusBar(self.status)

        self.entry = EntryScreen(ctx)
        self.screens: list[tuple[str, str, str]] = [  # title, key, attribute
            (self.tr("录入"), "F2", "entry"),
            (self.tr("查询"), "F3", "lookup"),
            (self.tr("被退回"), "F4", "rejected"),
            (self.tr("上传"), "F5", "upload"),
            (self.tr("机构名录"), "F6", "institutions"),
            (self.tr("设置"), "F7", "settings"),
            (self.tr("导入名单"), "F8", "importer"),
        ]
        for name, key, attribute in self.screens:
            self.nav.addItem(f"{name}　{key}")
            self.stack.addWidget(self.__dict__.get(attribute) or QWidget())  # a stand-in until built
            QShortcut(QKeySequence(key), self).activated.connect(lambda a=attribute: self.show_screen(getattr(self, a)))
        self.nav.currentRowChanged.connect(lambda row: self.show_screen(getattr(self, self.screens[row][2])))
        QShortcut(QKeySequence("F1"), self).activated.connect(self.show_help)
        QShortcut(QKeySequence("Ctrl+L"), self).activated.connect(self.lock)
        QShortcut(QKeySequence("Ctrl+U"), self).activated.connect(lambda: self.upload.upload(end_of_day=False))
        QShortcut(QKeySequence("Ctrl+Shift+U"), self).activated.connect(lambda: self.upload.upload(end_of_day=True))
        self.auto_upload = AutoUpload(ctx, self)
        help_button.clicked.connect(self.show_help)
        lock_button.clicked.connect(lambda: self.lock())
        ctx.operator_changed.connect(self._show_who)
        self._show_who()
        self.idle = IdleWatch(int(ctx.settings.get("ui.idle_lock_minutes")), lambda: self.lock(idle=True))
        ctx.settings_changed.connect(lambda: self.idle.set_minutes(int(ctx.settings.get("ui.idle_lock_minutes"))))
        self.counter = Counter(self)  # the ID-card reader and scans anywhere (ui/counter.py)
        ctx.settings_changed.connect(self._show_practice)
        self._show_practice()
        self.show_screen(self.entry)

    def _show_practice(self) -> None:
        practising = training.in_use(self.ctx)
        self.banner.setVisible(practising)
        self.status.training.setVisible(practising)
        self.setWindowTitle(self._title + (self.tr("【培训模式】") if practising else ""))

    def _show_who(self) -> None:
        op = self.ctx.operator
        if op is None:
            self.who.setText("")
            return
        role = self.tr("负责人") if op.role == "supervisor" else self.tr("窗口工作人员")
        self.who.setText(self.tr("当前操作员：%1（工号 %2，%3）").replace("%1", op.name).replace("%2", op.operator_id).replace("%3", role))

    def place(self, attribute: str, screen: QWidget) -> None:
        """Put a screen just built where its stand-in was."""
        row = next(row for row, (_name, _key, name) in enumerate(self.screens) if name == attribute)
        stand_in = self.stack.widget(row)
        self.stack.insertWidget(row, screen)
        if stand_in is not None:
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()

    def show_screen(self, screen: QWidget) -> None:
        index = self.stack.indexOf(screen)
        self.stack.setCurrentIndex(index)
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)
        focus = getattr(screen, "focus_first", None) or getattr(screen, "focus_box", None)
        if focus is not None:
            focus()

    def show_help(self) -> None:
        lines = [f"{key}　{name}" for name, key, _ in self.screens]
        lines += [
            self.tr("Ctrl+1 … Ctrl+4　录入时切换登记类别"),
            self.tr("Enter　保存；Esc　取消"),
            self.tr("Alt+A　继续教育：加入一条学时；Delete　删除选中的学时"),
            self.tr("F9　打印回执"),
            self.tr("Ctrl+E　更正记录；Ctrl+D　作废记录（需负责人）"),
            self.tr("Ctrl+U　立即上传；Ctrl+Shift+U　日终上传"),
            self.tr("Ctrl+L　锁定窗口"),
        ]
        QMessageBox.information(self, self.tr("快捷键"), "\n".join(lines))

    def lock(self, *, idle: bool = False) -> None:
        """Hide the screens until a password is typed; ``idle``: locked by the idle timer, not by hand."""
        if self.locked:
            return
        self.locked = True
        self._central.hide()
        operator = login.log_in(self.ctx, self, locked=True, idle=idle)
        self.locked = False
        if operator is None:
            self.close()
            return
        if operator != self.ctx.operator:
            self.ctx.set_operator(operator)
        self._central.show()
        self.idle.set_minutes(self.idle.minutes)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.idle.timer.stop()
        self.auto_upload.timer.stop()
        self.counter.stop()
        super().closeEvent(event)
