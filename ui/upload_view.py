"""上传: automatic upload in the background, upload by hand, and the end-of-day run with its report.

The upload engine runs on a worker thread; its progress reports arrive on
the GUI thread through ``run_task``, so the window keeps answering keys while
thousands of records go out. The end-of-day dialog shows a progress bar and
a cancel button, then what the platform said (accepted, rejected with
reasons, unknown) and offers the day's reconciliation report for printing.

The screen (F5) says where uploads go (address, account, hall, clock offset),
what waits by kind and state, how each past run ended (kept by the engine in
``upload_runs``) and, in plain words with what to do, why the last one
stopped; uploads start, and running ones are cancelled, from here.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app import clock
from clerk_app.domain import lifecycle
from clerk_app.domain.kinds import KIND_LABELS_ZH
from clerk_app.services.platform import explain
from ui import print_actions
from ui.context import AppContext
from ui.rejected import load as load_rejected
from ui.tasks import run_task
from ui.words import word

if TYPE_CHECKING:
    from clerk_app.services.platform import Progress, UploadSummary
    from clerk_app.services.upload_overview import UploadOverview
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
        self._cancel = threading.Event()
        self.timer = QTimer(parent)
        self.timer.setInterval(AUTO_UPLOAD_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        if self._running or not self._ctx.settings.get("upload.auto"):
            return
        self._running = True
        cancel = self._cancel = threading.Event()
        RUNNING.started(cancel)
        run_task(
            lambda: self._ctx.platform.upload(end_of_day=False, cancel=cancel),
            self._done,
            lambda _error: self._done(None),
        )

    def _done(self, summary: UploadSummary | None) -> None:
        self._running = False
        RUNNING.ended(self._cancel)
        # Most runs find nothing to send: the screens that list records are told only when some may have changed.
        if summary is None or summary.sent or summary.accepted or summary.rejected or summary.unknown or summary.flagged:
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
        RUNNING.started(self._cancel)
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
        RUNNING.ended(self._cancel)
        self.cancel_button.setEnabled(False)
        self.close_button.setEnabled(True)
        self.report_button.setEnabled(True)
        self.close_button.setDefault(True)
        self._ctx.records_changed.emit()


class RunningUploads(QObject):
    """The uploads this window has running (automatic or by hand), so the upload screen can cancel them."""

    changed = Signal(bool)  # whether any runs

    def __init__(self) -> None:
        super().__init__()
        self._cancels: set[threading.Event] = set()

    def started(self, cancel: threading.Event) -> None:
        self._cancels.add(cancel)
        self.changed.emit(True)

    def ended(self, cancel: threading.Event) -> None:
        self._cancels.discard(cancel)
        self.changed.emit(bool(self._cancels))

    def any(self) -> bool:
        return bool(self._cancels)

    def cancel_all(self) -> None:
        for cancel in self._cancels:
            cancel.set()


RUNNING = RunningUploads()

# How a run ended, in a word for the history (the full reason is in the row's tool tip).
OUTCOMES = {
    "complete": QT_TRANSLATE_NOOP("words", "全部完成"),
    "incomplete": QT_TRANSLATE_NOOP("words", "仍有待传"),
    "upload_cancelled": QT_TRANSLATE_NOOP("words", "已取消"),
    "upload_offline": QT_TRANSLATE_NOOP("words", "连不上平台"),
    "upload_not_configured": QT_TRANSLATE_NOOP("words", "未设置平台"),
    "hall_mismatch": QT_TRANSLATE_NOOP("words", "大厅代码不符"),
}
HISTORY_COLUMNS = (
    QT_TRANSLATE_NOOP("words", "时间"), QT_TRANSLATE_NOOP("words", "操作员"), QT_TRANSLATE_NOOP("words", "方式"),
    QT_TRANSLATE_NOOP("words", "发送"), QT_TRANSLATE_NOOP("words", "接收"), QT_TRANSLATE_NOOP("words", "退回"),
    QT_TRANSLATE_NOOP("words", "未知"), QT_TRANSLATE_NOOP("words", "结果"),
)
WAITING_STATES = tuple(str(state) for state in lifecycle.UPLOAD_STATES)


def _time(text: str | None) -> str:
    return (text or "")[:19].replace("T", " ")


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
        self.cancel_button = QPushButton(self.tr("取消正在进行的上传"))
        self.report_button = QPushButton(self.tr("打印今日对账单"))
        for button in (self.now_button, self.end_of_day_button, self.cancel_button, self.report_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.error = QLabel()
        self.error.setObjectName("resultBad")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)

        middle = QHBoxLayout()
        link_box = QGroupBox(self.tr("省平台"))
        link = QFormLayout(link_box)
        self.url, self.account, self.hall, self.clock, self.last, self.registry = (QLabel() for _ in range(6))
        for label in (self.url, self.account, self.hall, self.clock, self.last, self.registry):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        link.addRow(self.tr("平台地址"), self.url)
        link.addRow(self.tr("窗口账号"), self.account)
        link.addRow(self.tr("服务大厅"), self.hall)
        link.addRow(self.tr("时钟"), self.clock)
        link.addRow(self.tr("上次上传"), self.last)
        link.addRow(self.tr("机构名录"), self.registry)
        middle.addWidget(link_box, 3)
        waiting_box = QGroupBox(self.tr("本机记录（按类别和上传状态）"))
        waiting = QVBoxLayout(waiting_box)
        self.waiting = QTableWidget(len(KIND_LABELS_ZH), len(WAITING_STATES))
        self.waiting.setVerticalHeaderLabels([word(label) for label in KIND_LABELS_ZH.values()])
        self.waiting.setHorizontalHeaderLabels([word(lifecycle.label(state)) for state in lifecycle.UPLOAD_STATES])
        _read_only(self.waiting)
        self.waiting.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # Each state's title read whole, in the window's language (English ones are longer).
        titles = [word(lifecycle.label(state)) for state in lifecycle.UPLOAD_STATES]
        self.waiting.horizontalHeader().setMinimumSectionSize(
            max(self.waiting.fontMetrics().horizontalAdvance(title) for title in titles) + 16
        )
        self.waiting.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit_waiting()
        waiting.addWidget(self.waiting)
        waiting.addStretch(1)
        middle.addWidget(waiting_box, 4)
        layout.addLayout(middle)

        history_box = QGroupBox(self.tr("上传记录（最新的在前）"))
        history = QVBoxLayout(history_box)
        self.history = QTableWidget(0, len(HISTORY_COLUMNS))
        self.history.setHorizontalHeaderLabels([word(title) for title in HISTORY_COLUMNS])
        _read_only(self.history)
        self.history.verticalHeader().hide()
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(len(HISTORY_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        metrics = self.history.fontMetrics()
        for column, width in enumerate((170, 90, 90, 60, 60, 60, 60)):  # at least as wide as its title
            self.history.setColumnWidth(column, max(width, metrics.horizontalAdvance(word(HISTORY_COLUMNS[column])) + 16))
        history.addWidget(self.history)
        layout.addWidget(history_box, 1)

        self.now_button.clicked.connect(lambda: self.upload(end_of_day=False))
        self.end_of_day_button.clicked.connect(lambda: self.upload(end_of_day=True))
        self.cancel_button.clicked.connect(RUNNING.cancel_all)
        self.report_button.clicked.connect(lambda: print_actions.day_report(self, ctx, clock.today()))
        RUNNING.changed.connect(self._running)
        ctx.records_changed.connect(self.refresh)
        ctx.settings_changed.connect(self.refresh)
        self.cancel_button.setEnabled(RUNNING.any())  # filled when first shown: opening the upload dialog waits for nothing

    def _fit_waiting(self) -> None:
        """The kind/state table as tall as its four rows, with the header and frame it has now (the style sheet's
        font may arrive after construction): no row is cut, and it has nothing to scroll."""
        table = self.waiting
        table.resizeRowsToContents()
        table.verticalHeader().resizeSections(QHeaderView.ResizeMode.ResizeToContents)
        height = table.horizontalHeader().sizeHint().height() + table.verticalHeader().length() + 2 * table.frameWidth()
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setFixedHeight(height)

    def focus_first(self) -> None:
        self.end_of_day_button.setFocus()

    def upload(self, *, end_of_day: bool) -> UploadDialog:
        dialog = UploadDialog(self._ctx, self, end_of_day=end_of_day)
        dialog.open()
        self.dialog = dialog
        return dialog

    def _running(self, running: bool) -> None:
        self.cancel_button.setEnabled(running)
        if not running:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Read the overview again (on a worker thread), only while the screen is in sight."""
        if self.isVisible():
            run_task(lambda: (self._ctx.platform.overview(), self._ctx.operators.names()), self._show)

    def _show(self, read: tuple[UploadOverview, dict[str, str]]) -> None:
        found, names = read
        not_set = self.tr("未设置")
        self.url.setText(found.url or not_set)
        self.account.setText(found.account or not_set)
        hall = " ".join(part for part in (found.hall_code, found.hall_name) if part) or not_set
        hall += self.tr("，窗口 %1").replace("%1", found.window_code) if found.window_code else ""
        if found.platform_hall and found.platform_hall != found.hall_code:
            hall += self.tr("（平台登记的是 %1，改正前暂停上传）").replace("%1", found.platform_hall)
        self.hall.setText(hall)
        self.clock.setText(self._clock_text(found.clock_offset_s))
        self.last.setText(_time(found.last_upload) or self.tr("还没有上传过"))
        self.registry.setText(
            self.tr("%1 更新").replace("%1", _time(found.registry_refreshed_at)) if found.registry_refreshed_at
            else self.tr("还没有从平台更新过")
        )
        for row, kind in enumerate(KIND_LABELS_ZH):
            for column, state in enumerate(WAITING_STATES):
                item = QTableWidgetItem(str(found.waiting.get((kind, state), 0)))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.waiting.setItem(row, column, item)
        self._fit_waiting()
        self._show_history(found, names)

    def _clock_text(self, offset: float | None) -> str:
        if offset is None:
            return self.tr("还没有与平台对过时")
        if abs(offset) < 1:
            return self.tr("与平台相差不到 1 秒")
        text = self.tr("本机比平台慢 %1 秒") if offset > 0 else self.tr("本机比平台快 %1 秒")
        text = text.replace("%1", f"{abs(offset):.0f}")
        if abs(offset) >= 120:
            text += self.tr("：请校准电脑的日期和时间")
        return text

    def _show_history(self, found: UploadOverview, names: dict[str, str]) -> None:
        self.history.setRowCount(len(found.runs))
        for row, run in enumerate(found.runs):
            how = self.tr("日终上传") if run.end_of_day else self.tr("立即/自动")
            outcome = word(OUTCOMES.get(run.outcome, QT_TRANSLATE_NOOP("words", "中途停止")))
            if run.outcome == "complete" and (run.rejected or run.unknown):
                # Everything was sent, but not everything taken: never "全部完成" over a record sent back.
                outcome = self.tr("已发完，%1 条被退回").replace("%1", str(run.rejected)) if run.rejected else outcome
                if run.unknown:
                    outcome += self.tr("；%1 条结果未知").replace("%1", str(run.unknown))
            if run.attempts > 1:
                outcome += self.tr("（%1 次，至 %2）").replace("%1", str(run.attempts)).replace("%2", _time(run.finished_at)[11:16])
            reason = run.message(self._ctx.lang) or ""
            if run.held:
                outcome += self.tr("；%1 条暂缓").replace("%1", str(run.held))
            values = (
                _time(run.started_at), names.get(run.operator.casefold(), run.operator), how, str(run.sent),
                str(run.accepted), str(run.rejected), str(run.unknown),
                self.tr("%1：%2").replace("%1", outcome).replace("%2", reason) if reason else outcome,
            )
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(reason or text)
                if (run.rejected and column in (5, len(values) - 1)) or (reason and column == len(values) - 1):
                    item.setForeground(QColor("#b3261e"))
                self.history.setItem(row, column, item)
        newest = found.runs[0] if found.runs else None
        last_reason = newest and newest.message(self._ctx.lang)
        self.error.setVisible(bool(last_reason) and newest is not None and newest.outcome != "upload_cancelled")
        if last_reason and newest is not None:
            self.error.setText(self.tr("上次上传（%1）没有完成：").replace("%1", _time(newest.finished_at)) + last_reason)


def _read_only(table: QTableWidget) -> None:
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setDefaultSectionSize(28)
    table.setWordWrap(False)
