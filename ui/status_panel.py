"""The status line at the bottom of every screen: who works, online or not, what waits to be uploaded.

Counted on a worker thread every few seconds and after every save, so the
clerk always sees how many entries are pending, being sent or were sent back.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStatusBar

from ui import platform_link
from ui.platform_link import Status
from ui.context import AppContext
from ui.tasks import run_task

REFRESH_MS = 10_000


class StatusPanel(QStatusBar):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self._ctx = ctx
        self.who = QLabel()
        self.online = QLabel()
        self.counts = QLabel()
        self.last = QLabel()
        self.training = QLabel(self.tr("培训模式"))
        self.training.setObjectName("banner")
        self.training.setVisible(ctx.training is not None)
        self.addWidget(self.who)
        self.addWidget(self.online)
        self.addWidget(self.counts)
        self.addWidget(self.last, 1)
        self.addPermanentWidget(self.training)
        self._busy = False
        self._again = False  # something changed while a count was running: count once more after it
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        ctx.records_changed.connect(self.refresh)
        ctx.operator_changed.connect(self._show_who)
        self._show_who()
        self.refresh()

    def _show_who(self) -> None:
        op = self._ctx.operator
        role = self.tr("负责人") if op and op.role == "supervisor" else self.tr("窗口工作人员")
        self.who.setText(self.tr("当前操作员：%1（%2）").replace("%1", op.name if op else "—").replace("%2", role))

    def refresh(self) -> None:
        if self._busy:
            self._again = True
            return
        self._busy = True
        run_task(lambda: platform_link.status_or_local(self._ctx), self._show, self._failed)

    def _answered(self) -> None:
        self._busy = False
        if self._again:
            self._again = False
            self.refresh()

    def _failed(self, _error: BaseException) -> None:
        self._answered()
        self.online.setText(self.tr("状态暂时无法读取"))

    def _show(self, status: Status) -> None:
        self._answered()
        if status.online is None:
            self.online.setText(self.tr("● 未连接平台"))
            self.online.setStyleSheet("color: #7a6a00;")
        elif status.online:
            self.online.setText(self.tr("● 在线"))
            self.online.setStyleSheet("color: #1e6b26;")
        else:
            self.online.setText(self.tr("● 离线（录入照常，联网后自动上传）"))
            self.online.setStyleSheet("color: #b3261e;")
        self.counts.setText(
            self.tr("待上传 %1　上传中 %2　被退回 %3")
            .replace("%1", str(status.pending))
            .replace("%2", str(status.sending))
            .replace("%3", str(status.rejected))
        )
        self.last.setText(
            self.tr("上次上传：%1").replace("%1", status.last_upload[:16].replace("T", " ") if status.last_upload else self.tr("尚无"))
        )
        self.last.setToolTip("\n".join(status.warnings))
        self.online.setToolTip("\n".join(status.warnings))
