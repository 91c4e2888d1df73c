"""The counter's printing, window side: print preview, printing a job on a chosen printer, and calibration.

Jobs arrive as PDF bytes (``clerk_app.printing``) and go to paper through
``clerk_app.printing.printer`` (no widgets, shared with the command line);
this module holds the dialogs around it and says in the clerk's words why a
printer did not print. The calibration dialog prints the test page and turns
the clerk's two measurements into the printer's offsets.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clerk_app.printing import printer
from clerk_app.printing.offsets import CROSSHAIR_MM, corrected
from clerk_app.printing.service import PrintJob, PrintRefused
from clerk_app.services.settings import SettingRefused
from clerk_app.services.suite import Services

PREVIEW_DPI = 96


def print_job(job: PrintJob, printer_name: str | None, parent: QWidget | None = None) -> bool:
    """Print on the named printer (None: the system's default); False, after telling the clerk, if it did not."""
    try:
        printer.print_job(job, printer_name)
    except printer.PrinterNotFound:
        if parent is not None:
            QMessageBox.warning(parent, "打印", f"找不到打印机「{printer_name or '默认打印机'}」。请在系统中安装或选择其他打印机。")
        return False
    except printer.PrinterRefused as refused:
        if parent is not None:
            QMessageBox.warning(parent, "打印", f"打印机「{refused.name}」没有接受打印任务。请检查打印机是否开机、有纸，然后重试。")
        return False
    return True


class PreviewDialog(QDialog):
    """The pages as they will print, with the printer to use, 打印 (Ctrl+P), 另存为 PDF (Ctrl+S) and 关闭 (Esc)."""

    def __init__(self, job: PrintJob, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self.setWindowTitle(f"打印预览 — {job.title}")
        pages = QWidget()
        column = QVBoxLayout(pages)
        for image in printer.page_images(job.pdf, PREVIEW_DPI):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("background: white; border: 1px solid #999;")
            column.addWidget(label, alignment=Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea()
        scroll.setWidget(pages)
        scroll.setWidgetResizable(True)

        self.printers = QComboBox()
        self.printers.addItems(printer.printer_names())
        preferred = job.printer or printer.default_printer_name()
        if preferred:
            self.printers.setCurrentText(preferred)
        info = f"共 {job.pages} 页" + (f"　补打（第{job.reprint_count}次）" if job.reprint_count else "")
        self.print_button = QPushButton("打印(&P)")
        self.print_button.setEnabled(self.printers.count() > 0)
        self.print_button.setToolTip("Ctrl+P" if self.printers.count() else "本机没有安装打印机，可另存为 PDF")
        self.save_button = QPushButton("另存为 PDF(&S)")
        close_button = QPushButton("关闭")
        self.print_button.clicked.connect(self._print)
        self.save_button.clicked.connect(self._save)
        close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self._print)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self._save)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(info))
        bar.addStretch(1)
        bar.addWidget(QLabel("打印机："))
        bar.addWidget(self.printers)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(bar)
        self.resize(900, 760)
        self.print_button.setDefault(True)

    def _print(self) -> None:
        if self.printers.count() and print_job(self.job, self.printers.currentText(), self):
            self.accept()

    def _save(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, "另存为 PDF", f"{self.job.title}.pdf", "PDF 文件 (*.pdf)")
        if not path:
            return
        try:
            with open(path, "wb") as handle:
                handle.write(self.job.pdf)
        except OSError as error:
            QMessageBox.warning(self, "另存为 PDF", f"无法保存到「{path}」（{error.strerror}）。请换一个文件夹。")


def show_preview(parent: QWidget | None, job: PrintJob) -> None:
    PreviewDialog(job, parent).exec()


class CalibrationDialog(QDialog):
    """套打校准: print the test page on a printer, type where its crosshair landed, store the new offsets."""

    def __init__(self, services: Services, operator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.operator = services, operator
        self.setWindowTitle("套打校准")
        self.printers = QComboBox()
        self.printers.addItems(printer.printer_names())
        self.current = QLabel()
        self.left = QDoubleSpinBox()
        self.top = QDoubleSpinBox()
        for box, nominal in zip((self.left, self.top), CROSSHAIR_MM, strict=True):
            box.setRange(0, 60)
            box.setDecimals(1)
            box.setSingleStep(0.5)
            box.setSuffix(" 毫米")
            box.setValue(nominal)
        self.print_button = QPushButton("打印测试页(&T)")
        self.save_button = QPushButton("保存偏移(&S)")
        self.print_button.clicked.connect(self._print_test_page)
        self.save_button.clicked.connect(self._save)
        form = QFormLayout(self)
        form.addRow("打印机：", self.printers)
        form.addRow("当前偏移：", self.current)
        form.addRow(self.print_button)
        form.addRow(QLabel(f"量出测试页十字中心的位置（标称：距左 {CROSSHAIR_MM[0]:g}、距上 {CROSSHAIR_MM[1]:g} 毫米）："))
        form.addRow("距纸张左边：", self.left)
        form.addRow("距纸张上边：", self.top)
        form.addRow(self.save_button)
        self.printers.currentTextChanged.connect(self._show_current)
        self._show_current()

    def _show_current(self) -> None:
        name = self.printers.currentText()
        x, y = self.services.printer_offsets(name) if name else (0.0, 0.0)
        self.current.setText(f"横向 {x:+.1f} 毫米，纵向 {y:+.1f} 毫米（向右、向下为正）")
        self.print_button.setEnabled(bool(name))
        self.save_button.setEnabled(bool(name))

    def _print_test_page(self) -> None:
        name = self.printers.currentText()
        try:
            job = self.services.printing().test_page(name, operator=self.operator)
        except PrintRefused as refused:
            QMessageBox.warning(self, "套打校准", "\n".join(p.message_zh for p in refused.problems))
            return
        print_job(job, name, self)

    def _save(self) -> None:
        name = self.printers.currentText()
        try:
            new = corrected(self.services.printer_offsets(name), (self.left.value(), self.top.value()))
            self.services.set_printer_offsets(name, *new, operator=self.operator)
        except ValueError as error:
            QMessageBox.warning(self, "套打校准", f"{error.args[0]}。")
            return
        except SettingRefused as refused:
            QMessageBox.warning(self, "套打校准", refused.problem.message_zh)
            return
        self._show_current()
        QMessageBox.information(self, "套打校准", "偏移已保存。请再打印一张测试页核对：十字应落在标称位置上。")
