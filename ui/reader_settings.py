"""设置 → 身份证阅读器与扫码: the supervisor's reader settings, and a button that tries the reader as set.

The fields are ordinary settings (``reader.*``, ``scan.ecert_pattern``,
checked by the settings service and saved with the screen's 保存设置); "测试
阅读器" opens the reader as the fields say now (saved or not), on a worker
thread, reads once and says what it found: the port it answered on, a card or
none, or why not, in the words a bad read gets at the counter.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from clerk_app import clock
from clerk_app.devices.reader import NONE, SDTAPI, SETTING_KEYS, SIMULATOR, ReaderConfig, ReaderUnavailable, make_reader
from clerk_app.domain.problems import Problem
from clerk_app.services.settings import SPECS
from ui.tasks import run_task
from ui.words import word

KEYS = (*SETTING_KEYS, "scan.ecert_pattern")
PATH_CHARS = 40


class BackendChoice(QComboBox):
    """The reader's back-end, read and written as the setting's text like the screen's other fields."""

    def __init__(self) -> None:
        super().__init__()
        translate = QCoreApplication.translate
        for label, value in (
            (translate("ReaderPanel", "无阅读器"), NONE),
            (translate("ReaderPanel", "身份证阅读器（厂家 sdtapi 驱动）"), SDTAPI),
            (translate("ReaderPanel", "模拟（练习卡或卡片文件夹）"), SIMULATOR),
        ):
            self.addItem(label, value)

    def text(self) -> str:
        return str(self.currentData())

    def setText(self, value: str) -> None:
        self.setCurrentIndex(max(0, self.findData(value)))


class ReaderPanel(QGroupBox):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("身份证阅读器与扫码"))
        outer = QVBoxLayout(self)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.edits: dict[str, Any] = {"reader.backend": BackendChoice()}
        for key in KEYS[1:]:
            edit = QLineEdit()
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("0" * PATH_CHARS))
            self.edits[key] = edit
        for key in KEYS:
            self.edits[key].setToolTip(key)
            form.addRow(word(SPECS[key].label_zh), self.edits[key])
        outer.addLayout(form)
        row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("测试阅读器(&T)"))
        self.test_button.clicked.connect(self.test)
        row.addWidget(self.test_button)
        row.addStretch(1)
        outer.addLayout(row)
        self.result = QLabel()
        self.result.setWordWrap(True)
        outer.addWidget(self.result)
        self._lang = "zh"

    def set_language(self, lang: str) -> None:
        self._lang = lang

    def config(self) -> ReaderConfig:
        """The reader as the fields say now (not yet saved)."""
        port = self.edits["reader.port"].text().strip()
        return ReaderConfig.from_settings(
            {key: self.edits[key].text() for key in KEYS} | {"reader.port": int(port) if port.isdecimal() else 0}
        )

    def test(self) -> None:
        config = self.config()
        if config.backend == NONE:
            self.result.setText(self.tr("未选择阅读器。"))
            return
        self.test_button.setEnabled(False)
        self.result.setText(self.tr("正在查找阅读器…"))
        lang = self._lang

        def attempt() -> str:
            from clerk_app.devices.practice_deck import practice_cards

            reader = make_reader(config, clock.today, practice_cards(clock.today()))
            assert reader is not None, "a back-end was chosen"
            try:
                reader.open()
                read = reader.read()
            except ReaderUnavailable as unavailable:
                return unavailable.problem.message(lang)
            finally:
                reader.close()
            port = getattr(reader, "port", None)
            where = (
                QCoreApplication.translate("ReaderPanel", "阅读器已连接（端口 %1）。").replace("%1", str(port))
                if port is not None
                else QCoreApplication.translate("ReaderPanel", "模拟阅读器可用。")
            )
            if read is None:
                return where + QCoreApplication.translate("ReaderPanel", "阅读器上没有证件；放上证件再测一次可试读。")
            if read.card is None:
                return where + (read.refusal.message(lang) if isinstance(read.refusal, Problem) else "")
            return where + QCoreApplication.translate("ReaderPanel", "读到 %1 的证件。").replace("%1", read.card.name)

        run_task(attempt, self._tested, self._failed)

    def _tested(self, text: str) -> None:
        self.test_button.setEnabled(True)
        self.result.setText(text)

    def _failed(self, error: BaseException) -> None:
        self.test_button.setEnabled(True)
        self.result.setText(self.tr("测试没有完成：%1").replace("%1", str(error)))
