"""上传: automatic upload in the background, upload by hand, and the end-of-day run with its report.

The upload engine runs on a worker thread; its progress reports arrive on
the GUI thread through ``run_task``, so the window keeps answering keys while
thousands of records go out. The end-of-day dialog shows a progress bar and
a cancel button, then what the platform said (accepted, rejected with
reasons, unknown) and offers the day's reconciliation report for printing.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app import clock
from clerk_app.services.platform import explain
from ui import print_actions
from ui.context import AppContext
from ui.rejected import load as load_rejected
from ui.tasks import run_task
from ui.words import word

if TYPE_CHECKING:
    from clerk_app.services.platform import Progress, UploadSummary
    from ui.rejected import Rejected

AUTO_UPLOAD_MS = 60_000
PHASES = {
    "token": QT_TRANSLATE_NOOP("words", "正在登录平台"),
    "sending": QT_TRANSLATE_NOOP("words", "正在发送"),
    "results": QT_TRANSLATE_NOOP("words", "正在核对结果"),
    "done": QT_TRANSLATE_NOOP("words", "完成"),
}


class AutoUpload:
    """Every minute, when ``upload.auto`` is on, send what waits (skipped while an upload runs)."""

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        self._ctx = ctx
        self._running = False
        self.timer = QTimer(parent)
        self.timer.setInterval(AUTO_UPLOAD_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        if self._running or not self._ctx.settings.get("upload.auto"):
            return
        self._running = True
        run_task(
            lambda: self._ctx.platform.upload(end_of_day=False),
            self._done,
            lambda _error: self._done(None),
        )

    def _done(self, _summary: UploadSummary | None) -> None:
        self._running = False
        self._ctx.records_changed.emit()


class UploadDialog(QDialog):
    """One upload (end of day or by hand) with progress, cancel and the outcome."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, end_of_day: bool = True) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._cancel = threading.Event()
        self.summary: UploadSummary | None = None
        self.setWindowTitle(self.tr("日终上传") if end_of_day else self.tr("立即上传"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        self.phase = QLabel(self.tr("正在准备…"))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setObjectName("fieldError")
        layout.addWidget(self.phase)
        layout.addWidget(self.bar)
        layout.addWidget(self.outcome)
        layout.addWidget(self.reasons)
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("取消上传（Esc）"))
        self.report_button = QPushButton(self.tr("打印日终对账单(&P)"))
        self.report_button.setVisible(end_of_day)
        self.report_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.setEnabled(False)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.cancel_button.clicked.connect(self.reject)
        self.close_button.clicked.connect(self.accept)
        self.report_button.clicked.connect(lambda: print_actions.day_report(self, ctx, clock.today()))
        run_task(
            lambda report: ctx.platform.upload(end_of_day=end_of_day, progress=report, cancel=self._cancel),
            self._finished,
            self._failed,
            self._progress,
        )

    def reject(self) -> None:
        """Esc or 取消: ask the engine to stop after the batch in flight (nothing is half-sent)."""
        if self.summary is None and not self.close_button.isEnabled():
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.phase.setText(self.tr("正在停止：等这一批的结果回来…"))
            return
        super().reject()

    def _progress(self, progress: Progress) -> None:
        self.phase.setText(word(PHASES.get(progress.phase, progress.phase)))
        if progress.total:
            self.bar.setRange(0, progress.total)
            self.bar.setValue(progress.done)
            self.bar.setFormat(f"{progress.done} / {progress.total}")

    def _finished(self, summary: UploadSummary) -> None:
        self.summary = summary
        self._done()
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        lines = [
            self.tr("发送 %1 条：平台接收 %2 条，退回 %3 条，结果未知 %4 条；仍待上传 %5 条。")
            .replace("%1", str(summary.sent))
            .replace("%2", str(summary.accepted))
            .replace("%3", str(summary.rejected))
            .replace("%4", str(summary.unknown))
            .replace("%5", str(summary.pending_left))
        ]
        if summary.stopped is not None:
            lines.append(self.tr("上传中途停止：") + summary.stopped.message(self._ctx.lang))
        lines += [str(f["message"]) for f in summary.flagged]  # held back, not sent: each needs the clerk
        if summary.unknown:
            lines.append(self.tr("结果未知的记录会在下次上传时向平台核对，不会重复上报。"))
        self.phase.setText(self.tr("上传结束"))
        self.outcome.setText("\n".join(lines))
        if summary.rejected:
            run_task(lambda: load_rejected(self._ctx), self._show_reasons)

    def _show_reasons(self, rejected: list[Rejected]) -> None:
        line = self.tr("%1 %2：%3")
        shown = [line.replace("%1", r.receipt_no).replace("%2", r.name).replace("%3", r.reasons) for r in rejected[:10]]
        more = len(rejected) - len(shown)
        self.reasons.setText(
            self.tr("被退回（请在“被退回”中更正）：") + "\n" + "\n".join(shown)
            + (self.tr("\n……另有 %1 条").replace("%1", str(more)) if more > 0 else "")
        )

    def _failed(self, error: BaseException) -> None:
        self._done()
        self.bar.setRange(0, 1)
        self.phase.setText(self.tr("上传没有完成"))
        self.outcome.setText(explain(error, self._ctx.lang))

    def _done(self) -> None:
        self.cancel_button.setEnabled(False)
        self.close_button.setEnabled(True)
        self.report_button.setEnabled(True)
        self.close_button.setDefault(True)
        self._ctx.records_changed.emit()


class UploadScreen(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self._ctx = ctx
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "录入的记录先保存在本机，联网时每分钟自动上传（可在设置中关闭）。"
                "下班前请做日终上传：上传全部待传记录，核对结果，并打印日终对账单。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.now_button = QPushButton(self.tr("立即上传（Ctrl+U）"))
        self.end_of_day_button = QPushButton(self.tr("日终上传（Ctrl+Shift+U）"))
        self.report_button = QPushButton(self.tr("打印今日对账单"))
        for button in (self.now_button, self.end_of_day_button, self.report_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.now_button.clicked.connect(lambda: self.upload(end_of_day=False))
        self.end_of_day_button.clicked.connect(lambda: self.upload(end_of_day=True))
        self.report_button.clicked.connect(lambda: print_actions.day_report(self, ctx, clock.today()))

    def focus_first(self) -> None:
        self.end_of_day_button.setFocus()

    def upload(self, *, end_of_day: bool) -> UploadDialog:
        dialog = UploadDialog(self._ctx, self, end_of_day=end_of_day)
        dialog.open()
        self.dialog = dialog
        return dialog
