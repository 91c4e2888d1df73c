"""The near-duplicate question: what matched, the earlier entry (receipt number, clerk, when), asked once.

The records service refuses a likely repeat until it is confirmed; its warning
already says what matched and asks to confirm, so this dialog adds no second
question, only the earlier entry the warning names (``Problem.about``) with a
button that opens it, so the clerk can compare before choosing.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from clerk_app import clock
from clerk_app.domain.kinds import KIND_LABELS_ZH
from clerk_app.domain.problems import Problem
from clerk_app.services.records import RecordSummary
from ui.context import AppContext
from ui.words import word


class NearDuplicateDialog(QDialog):
    """仍然保存 (Y) saves, 返回核对 (N, Esc, the default) goes back, 查看较早的记录 (O) opens the earlier one."""

    def __init__(self, ctx: AppContext, warnings: list[Problem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle(self.tr("可能重复录入"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.message = QLabel("\n\n".join(w.message(ctx.lang) for w in warnings))
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.earlier: list[RecordSummary] = []
        for about in dict.fromkeys(w.about for w in warnings if w.about):
            detail = ctx.records.get(about)
            if detail is not None:
                self.earlier.append(detail.summary)
        self.facts = QLabel("\n".join(self._fact(s) for s in self.earlier))
        self.facts.setObjectName("derived")
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts.setVisible(bool(self.earlier))
        layout.addWidget(self.facts)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("查看较早的记录(&O)"))
        self.open_button.setVisible(bool(self.earlier))
        self.save_button = QPushButton(self.tr("仍然保存(&Y)"))
        self.back_button = QPushButton(self.tr("返回核对(&N)"))
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.back_button)
        for button in (self.open_button, self.save_button):
            button.setAutoDefault(False)
        self.back_button.setDefault(True)
        layout.addLayout(buttons)
        self.open_button.clicked.connect(self.open_earlier)
        self.save_button.clicked.connect(self.accept)
        self.back_button.clicked.connect(self.reject)
        self.back_button.setFocus()

    def _fact(self, summary: RecordSummary) -> str:
        clerk = self._ctx.operators.get(summary.created_by)
        who = (
            self.tr("%1（%2）").replace("%1", clerk.name).replace("%2", summary.created_by)
            if clerk is not None
            else summary.created_by
        )
        day = summary.created_at[:10]
        days = (clock.today() - date.fromisoformat(day)).days
        ago = self.tr("今天") if days <= 0 else self.tr("昨天") if days == 1 else self.tr("%n 天前", "", days)
        return (
            self.tr("较早的一条：%1　回执号 %2　录入人 %3　录入于 %4（%5）")
            .replace("%1", word(KIND_LABELS_ZH.get(summary.kind, summary.kind)))
            .replace("%2", summary.receipt_no)
            .replace("%3", who)
            .replace("%4", summary.created_at[:16].replace("T", " "))
            .replace("%5", ago)
        )

    def open_earlier(self) -> None:
        """The earlier record in the record view; this question stays open behind it."""
        from ui.record_view import RecordDialog  # the record view holds entry forms, which ask this

        for summary in self.earlier[:1]:
            RecordDialog(self._ctx, summary.record_id, self).exec()
