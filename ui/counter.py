"""The counter's devices in the window: the ID-card reader and scans, wherever the focus is.

- The reader (the supervisor's choice in 设置; in training mode always the
  simulator with the practice deck) is polled on its own thread
  (``ui.card_reader``); its state stands in the status line (就绪 / 未连接 /
  模拟). A card laid on it fills the entry form in front (``ui.form_card``), or
  the lookup when 查询 is in front; a bad read says why and fills nothing.
- Scans (``ui.scan_watch``) are routed by what they are
  (``clerk_app.domain.scan_codes.classify``): a receipt number opens the record,
  a certificate QR opens the certificate check, an ID number the lookup, a
  completion certificate number fills 结业证书编号 of an open application form.
  A code it cannot place is said in the status line; nothing is typed anywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QMenu, QToolButton

from clerk_app import clock
from clerk_app.devices.reader import SETTING_KEYS, SIMULATOR, ReaderConfig, make_reader
from clerk_app.devices.simulator import SimulatedReader
from clerk_app.domain import scan_codes
from clerk_app.domain.id_card import CardRead
from clerk_app.domain.masking import mask_personal_data
from ui.card_reader import DISCONNECTED, OFF, READY, SIMULATED, ReaderWatch
from ui.scan_watch import ScanWatch
from ui.tasks import run_task

if TYPE_CHECKING:
    from ui.main_window import MainWindow

MESSAGE_MS = 15_000
SHOWN_CODE_CHARS = 40


class Counter(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = window.ctx
        self.last_message = ""
        self.dialog: QDialog | None = None  # the record or certificate a scan opened
        self.state_label = QLabel()
        self.state_label.setObjectName("readerState")
        self.practice = QToolButton()
        self.practice.setText(self.tr("放卡（练习）"))
        self.practice.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.practice.setMenu(QMenu(self.practice))
        window.status.addPermanentWidget(self.practice)
        window.status.addPermanentWidget(self.state_label)
        self.watch: ReaderWatch | None = None
        self._settings: dict[str, object] = {}
        self.start_reader()
        self._ctx.settings_changed.connect(self._settings_changed)
        self.scans = ScanWatch(lambda: not window.locked)
        self.scans.scanned.connect(self.route)

    # -- the reader ----------------------------------------------------------------

    def config(self) -> ReaderConfig:
        values = self._ctx.settings.all()
        self._settings = {key: values.get(key) for key in SETTING_KEYS}
        config = ReaderConfig.from_settings(values)
        if self._ctx.training is not None:  # training: the practice drivers as cards, never a real reader
            config = ReaderConfig(backend=SIMULATOR)
        return config

    def start_reader(self) -> None:
        from clerk_app.devices.practice_deck import practice_cards

        if self.watch is not None:
            self.watch.stop()
        config = self.config()
        deck = practice_cards(clock.today()) if config.backend == SIMULATOR and not config.folder else None
        reader = make_reader(config, clock.today, deck)
        self.watch = ReaderWatch(reader, self._ctx.lang)
        self.watch.state.connect(self._show_state)
        self.watch.card.connect(self.card_read)
        self._show_state(OFF if reader is None else self.watch.current, "")
        self._fill_practice_menu()

    @property
    def simulator(self) -> SimulatedReader | None:
        reader = self.watch.reader if self.watch is not None else None
        return reader if isinstance(reader, SimulatedReader) else None

    def _fill_practice_menu(self) -> None:
        menu = self.practice.menu()
        menu.clear()
        simulator = self.simulator
        self.practice.setVisible(simulator is not None)
        if simulator is None:
            return
        if not simulator.deck:  # a folder of cards: read when the reader opens
            simulator.open()
        for card in simulator.deck:
            action = menu.addAction(card.get("label") or card.get("name", "?"))
            action.triggered.connect(lambda _checked=False, chosen=card: self.place(chosen))
        menu.addSeparator()
        menu.addAction(self.tr("拿走证件"), simulator.take_away)

    def place(self, card: dict[str, str]) -> None:
        """Lay a simulated card on the reader (the practice deck's menu, tests, the benchmark)."""
        simulator = self.simulator
        if simulator is not None:
            simulator.place(card)

    def _settings_changed(self) -> None:
        values = self._ctx.settings.all()
        if {key: values.get(key) for key in SETTING_KEYS} != self._settings:
            self.start_reader()

    def _show_state(self, state: str, reason: str) -> None:
        texts = {
            READY: self.tr("身份证阅读器：就绪"),
            DISCONNECTED: self.tr("身份证阅读器：未连接"),
            SIMULATED: self.tr("身份证阅读器：模拟"),
        }
        self.state_label.setVisible(state != OFF)
        self.state_label.setText(texts.get(state, ""))
        self.state_label.setToolTip(reason)
        self.state_label.setStyleSheet("color: #b3261e;" if state == DISCONNECTED else "")

    def card_read(self, read: object) -> None:
        if not isinstance(read, CardRead):
            return
        window = self._window
        if window.locked or QApplication.activeModalWidget() is not None:
            self.say(self.tr("读到证件，但窗口正忙（有对话框未关闭）：请关闭对话框后重放证件。"))
            return
        lang = self._ctx.lang
        if read.card is None:
            text = read.refusal.message(lang) if read.refusal is not None else self.tr("证件没有读出。")
            self.say(text)
            if window.stack.currentWidget() is window.entry:
                window.entry.current()._result(text, ok=False)
            return
        card = read.card
        lookup: Any = window.__dict__.get("lookup")  # built once 查询 was first opened
        if lookup is not None and window.stack.indexOf(lookup) == window.stack.currentIndex():  # 查询 in front: look the driver up
            lookup.box.setText(card.id_number)
            lookup.search()
            return
        window.show_screen(window.entry)
        form = window.entry.current()
        if not form.card.fill(card):
            self.say(self.tr("没有换人：表单保留原来的内容。"))
            return
        warnings = "\n".join(w.message(lang) for w in read.warnings)
        if warnings:
            form._result(warnings, ok=False)
        self.say(warnings or self.tr("已读入 %1 的证件。").replace("%1", card.name))

    # -- scans ---------------------------------------------------------------------

    def route(self, text: str) -> None:
        """Send a scanned code where its content says."""
        found = scan_codes.classify(text, clock.today(), ecert_pattern=str(self._ctx.settings.get("scan.ecert_pattern") or ""))
        window = self._window
        if found.kind == scan_codes.RECEIPT:  # whether this window holds it is read off the GUI thread
            records = self._ctx.records
            run_task(lambda: records.get(found.value) is not None, lambda held: self._open_record(found.value, held))
        elif found.kind == scan_codes.CERTIFICATE:
            from ui.certificate_view import CertificateDialog

            self._open(CertificateDialog(self._ctx, found.value, found.code, window))
            self.say(self.tr("扫到证书二维码，正在查找证书 %1。").replace("%1", found.value))
        elif found.kind == scan_codes.ID_NUMBER:
            lookup = window.lookup
            window.show_screen(lookup)
            lookup.box.setText(found.value)
            lookup.search()
            self.say(self.tr("扫到身份证号，已在查询中查找。"))
        elif found.kind == scan_codes.COMPLETION and self._fill_completion(found.value):
            self.say(self.tr("已填入结业证书编号 %1。").replace("%1", found.value))
        elif found.kind == scan_codes.COMPLETION:
            not_here = self.tr("扫到编号 %1：只有在资格证申请表（初次申领）打开时才填入结业证书编号，没有填入任何字段。")
            self.say(not_here.replace("%1", found.value))
        else:
            shown = mask_personal_data(found.value[:SHOWN_CODE_CHARS]) + ("…" if len(found.value) > SHOWN_CODE_CHARS else "")
            self.say(self.tr("扫到的条码无法识别（%1），没有填入任何字段。").replace("%1", shown))

    def _open_record(self, receipt: str, held: bool) -> None:
        if not held:
            self.say(self.tr("扫到回执号 %1，但本机没有这条记录。").replace("%1", receipt))
            return
        from ui.record_view import RecordDialog

        self._open(RecordDialog(self._ctx, receipt, self._window))
        self.say(self.tr("扫到回执号 %1，已打开记录。").replace("%1", receipt))

    def _open(self, dialog: QDialog) -> None:
        """A dialog a scan opened; closed, the clerk is back where the scan found them."""
        before = QApplication.focusWidget()

        def back() -> None:
            self._window.activateWindow()
            if before is not None and shiboken6.isValid(before):
                before.setFocus()

        dialog.setModal(True)
        dialog.finished.connect(back)
        dialog.show()
        self.dialog = dialog

    def _fill_completion(self, number: str) -> bool:
        window = self._window
        if window.stack.currentWidget() is not window.entry or QApplication.activeModalWidget() is not None:
            return False
        form = window.entry.current()
        edit = form.widgets.get("completion_certificate_no")
        if not isinstance(edit, QLineEdit) or not edit.isVisibleTo(form):
            return False
        edit.setText(number)
        form._touched.add("completion_certificate_no")
        form.check()
        form.card.focus_first_empty()
        return True

    def say(self, text: str) -> None:
        """A message in the status line (and kept for tests)."""
        self.last_message = text
        self._window.status.showMessage(text, MESSAGE_MS)

    def stop(self) -> None:
        self.scans.stop()
        if self.watch is not None:
            self.watch.stop()
