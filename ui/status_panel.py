"""The status line at the bottom of every screen: who works, online or not, what waits to be uploaded.

Every few seconds a worker thread asks the platform (``/health``) and counts
the queue; after every save or upload it only counts, from the local database,
so the counts never wait behind a slow or unreachable platform.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar

from clerk_app.services.platform import Status
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
        self.rejected = QLabel()
        self.last = QLabel()
        self.training = QLabel(self.tr("培训模式"))
        self.training.setObjectName("banner")
        self.training.setVisible(ctx.training is not None)  # and whenever practice settings are in use (MainWindow)
        self.addWidget(self.who)
        self.addWidget(self.online)
        self.addWidget(self.counts)
        self.addWidget(self.rejected)
        self.addWidget(self.last, 1)
        self.addPermanentWidget(self.training)
        self._platform = _OneAtATime(self, lambda: ctx.platform.status_or_local(), self._show, self._failed)
        self._queue = _OneAtATime(self, lambda: ctx.platform.queue(), self._show_queue, self._failed)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        ctx.records_changed.connect(self._queue.request)
        ctx.operator_changed.connect(self._show_who)
        self._show_who()
        self.refresh()

    def _show_who(self) -> None:
        op = self._ctx.operator
        role = self.tr("负责人") if op and op.role == "supervisor" else self.tr("窗口工作人员")
        self.who.setText(self.tr("当前操作员：%1（%2）").replace("%1", op.name if op else "—").replace("%2", role))

    def refresh(self) -> None:
        """Ask the platform and count the queue now."""
        self._platform.request()

    def _failed(self, _error: BaseException) -> None:
        self.online.setText(self.tr("状态暂时无法读取"))

    def _show(self, status: Status) -> None:
        if status.online is None:
            self.online.setText(self.tr("● 未连接平台"))
            self.online.setStyleSheet("color: #7a6a00;")
        elif status.online:
            self.online.setText(self.tr("● 在线"))
            self.online.setStyleSheet("color: #1e6b26;")
        else:
            self.online.setText(self.tr("● 离线（录入照常，联网后自动上传）"))
            self.online.setStyleSheet("color: #b3261e;")
        self.online.setToolTip("\n".join(status.warnings))
        self.last.setToolTip("\n".join(status.warnings))
        self._show_queue(status)

    def _show_queue(self, status: Status) -> None:
        hall = status.json.get("hall_mismatch")
        if isinstance(hall, dict):  # uploads wait until a supervisor puts the hall code right
            self.online.setText(
                self.tr("● 大厅代码与平台不符（平台：%1，本窗口：%2），暂停上传")
                .replace("%1", str(hall.get("platform")))
                .replace("%2", str(hall.get("local")))
            )
            self.online.setStyleSheet("color: #b3261e;")
        self.counts.setText(
            self.tr("待上传 %1　上传中 %2").replace("%1", str(status.pending)).replace("%2", str(status.sending))
        )
        # Records sent back wait for a correction: highlighted while there are any.
        self.rejected.setText(self.tr("被退回 %1").replace("%1", str(status.rejected)))
        self.rejected.setObjectName("alert" if status.rejected else "")
        self.rejected.style().unpolish(self.rejected)
        self.rejected.style().polish(self.rejected)
        self.last.setText(
            self.tr("上次上传：%1").replace("%1", status.last_upload[:16].replace("T", " ") if status.last_upload else self.tr("尚无"))
        )


class _OneAtATime(QObject):
    """A refresh on a worker thread, one at a time; asked again meanwhile, it runs once more after.

    A child of the status line, so an answer arriving after the window closed is dropped with it.
    """

    def __init__(
        self,
        parent: QObject,
        work: Callable[[], Status],
        show: Callable[[Status], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        super().__init__(parent)
        self._work, self._show, self._failed = work, show, failed
        self._busy = self._again = False

    def request(self) -> None:
        if self._busy:
            self._again = True
            return
        self._busy = True
        run_task(self._work, self._answered, self._errored)

    def _answered(self, status: Status) -> None:
        self._show(status)
        self._next()

    def _errored(self, error: BaseException) -> None:
        self._failed(error)
        self._next()

    def _next(self) -> None:
        self._busy = False
        if self._again:
            self._again = False
            self.request()
