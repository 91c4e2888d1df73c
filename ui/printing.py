"""The counter's printing, window side: print preview, printing a job on a chosen printer, and calibration.

Jobs arrive as PDF bytes (``clerk_app.printing``) and go to paper through
``clerk_app.printing.printer`` (no widgets, shared with the command line);
this module holds the dialogs around it and says in the clerk's words why a
printer did not print. The calibration dialog prints the test page and turns
the clerk's two measurements into the printer's offsets.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
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

from clerk_app.domain.problems import problem
from clerk_app.printing import printer
from clerk_app.printing.offsets import CROSSHAIR_MM, corrected
from clerk_app.printing.service import DOCUMENTS, PrintJob, PrintRefused
from clerk_app.services.settings import SPECS, SettingRefused
from ui.context import AppContext
from ui.words import word

PREVIEW_DPI = 96


def print_job(job: PrintJob, printer_name: str | None, parent: QWidget | None = None) -> bool:
    """Print on the named printer (None: the system's default); False, after telling the clerk, if it did not."""
    try:
        printer.print_job(job, printer_name)
    except printer.PrinterNotFound:
        if parent is not None:
            name = printer_name or QCoreApplication.translate("printing", "默认打印机")
            text = QCoreApplication.translate("printing", "找不到打印机「%1」。请在系统中安装或选择其他打印机。")
            QMessageBox.warning(parent, QCoreApplication.translate("printing", "打印"), text.replace("%1", name))
        return False
    except printer.PrinterRefused as refused:
        if parent is not None:
            text = QCoreApplication.translate(
                "printing", "打印机「%1」没有接受打印任务。请检查打印机是否开机、有纸，然后重试。"
            )
            QMessageBox.warning(parent, QCoreApplication.translate("printing", "打印"), text.replace("%1", refused.name))
        return False
    return True


class PreviewDialog(QDialog):
    """The pages as they will print, with the printer to use, 打印 (Ctrl+P), 另存为 PDF (Ctrl+S) and 关闭 (Esc)."""

    def __init__(self, job: PrintJob, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self.setWindowTitle(self.tr("打印预览 — %1").replace("%1", word(DOCUMENTS.get(job.document, job.title))))
        pages = QWidget()
        column = QVBoxLayout(pages)
        for image in printer.page_images(job.preview_pdf(), PREVIEW_DPI):  # with where the seal goes, which paper never shows
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("background: white; border: 1px solid #999;")
            column.addWidget(label, alignment=Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea()
        scroll.setWidget(pages)
        scroll.setWidgetResizable(True)

        self.printers = QComboBox()
        self.printers.addItems(printer.printer_names())
        self.printers.setPlaceholderText(self.tr("（本机没有打印机）"))
        preferred = job.printer or printer.default_printer_name()
        if preferred:
            self.printers.setCurrentText(preferred)
        if job.printer is not None and self.printers.currentText() == job.printer:
            # The page already carries this printer's calibrated offsets: another printer would misplace it.
            self.printers.setEnabled(False)
            self.printers.setToolTip(self.tr("页面已按这台打印机的套打偏移排好；换打印机请重新打印"))
        info = self.tr("共 %n 页", "", job.pages)
        if job.reprint_count:
            info += self.tr("　补打（第%1次）").replace("%1", str(job.reprint_count))
        self.print_button = QPushButton(self.tr("打印(&P)"))
        self.print_button.setEnabled(self.printers.count() > 0)
        self.print_button.setToolTip("Ctrl+P" if self.printers.count() else self.tr("本机没有安装打印机，可另存为 PDF"))
        self.save_button = QPushButton(self.tr("另存为 PDF(&S)"))
        close_button = QPushButton(self.tr("关闭"))
        self.print_button.clicked.connect(self._print)
        self.save_button.clicked.connect(self._save)
        close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, self._print)
        QShortcut(QKeySequence.StandardKey.Save, self, self._save)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(info))
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("打印机：")))
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
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("另存为 PDF"), f"{self.job.title}.pdf", self.tr("PDF 文件 (*.pdf)")
        )
        if not path:
            return
        try:
            with open(path, "wb") as handle:
                handle.write(self.job.pdf)
        except OSError as error:
            text = self.tr("无法保存到「%1」（%2）。请换一个文件夹。").replace("%1", path).replace("%2", str(error.strerror))
            QMessageBox.warning(self, self.tr("另存为 PDF"), text)


def show_preview(parent: QWidget | None, job: PrintJob) -> None:
    PreviewDialog(job, parent).exec()


class CalibrationDialog(QDialog):
    """套打校准: print the test page on a printer, type where its crosshair landed, store the new offsets."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.operator, self.lang = ctx.services, ctx.operator_id, ctx.lang
        self.training = ctx.training is not None
        self.setWindowTitle(self.tr("套打校准"))
        self.printers = QComboBox()
        self.printers.addItems(printer.printer_names())
        self.printers.setPlaceholderText(self.tr("（本机没有打印机）"))
        self.current = QLabel()
        self.left = QDoubleSpinBox()
        self.top = QDoubleSpinBox()
        for box, nominal in zip((self.left, self.top), CROSSHAIR_MM, strict=True):
            box.setRange(0, 60)
            box.setDecimals(1)
            box.setSingleStep(0.5)
            box.setSuffix(self.tr(" 毫米"))
            box.setValue(nominal)
        self.print_button = QPushButton(self.tr("打印测试页(&T)"))
        self.save_button = QPushButton(self.tr("保存偏移(&S)"))
        self.print_button.clicked.connect(self._print_test_page)
        self.save_button.clicked.connect(self._save)
        form = QFormLayout(self)
        form.addRow(self.tr("打印机："), self.printers)
        form.addRow(self.tr("当前偏移："), self.current)
        form.addRow(self.print_button)
        measure = self.tr("量出测试页十字中心的位置（标称：距左 %1、距上 %2 毫米）：")
        form.addRow(QLabel(measure.replace("%1", f"{CROSSHAIR_MM[0]:g}").replace("%2", f"{CROSSHAIR_MM[1]:g}")))
        form.addRow(self.tr("距纸张左边："), self.left)
        form.addRow(self.tr("距纸张上边："), self.top)
        form.addRow(self.save_button)
        self.printers.currentTextChanged.connect(self._show_current)
        self._show_current()

    def _show_current(self) -> None:
        name = self.printers.currentText()
        if name:
            x, y = self.services.printer_offsets(name)
            current = self.tr("横向 %1 毫米，纵向 %2 毫米（向右、向下为正）")
            self.current.setText(current.replace("%1", f"{x:+.1f}").replace("%2", f"{y:+.1f}"))
        else:
            self.current.setText(self.tr("本机没有安装打印机，无法校准。"))
        self.print_button.setEnabled(bool(name))
        self.save_button.setEnabled(bool(name))

    def _print_test_page(self) -> None:
        name = self.printers.currentText()
        try:
            job = self.services.printing(training=self.training).test_page(name, operator=self.operator)
        except PrintRefused as refused:
            QMessageBox.warning(self, self.tr("套打校准"), "\n".join(p.message(self.lang) for p in refused.problems))
            return
        show_preview(self, job)  # seen before it goes to paper, on this printer unless the clerk picks another

    def _save(self) -> None:
        name = self.printers.currentText()
        try:
            new = corrected(self.services.printer_offsets(name), (self.left.value(), self.top.value()))
            self.services.set_printer_offsets(name, *new, operator=self.operator)
        except ValueError as error:  # ValueError(zh, en) from the offsets' check, told as the command line tells it
            label = SPECS["printer.offsets"].label_zh
            refusal = problem("invalid_setting", "printer", label=label, hint_zh=error.args[0], hint_en=error.args[-1])
            QMessageBox.warning(self, self.tr("套打校准"), refusal.message(self.lang))
            return
        except SettingRefused as refused:
            QMessageBox.warning(self, self.tr("套打校准"), refused.problem.message(self.lang))
            return
        self._show_current()
        QMessageBox.information(
            self, self.tr("套打校准"), self.tr("偏移已保存。请再打印一张测试页核对：十字应落在标称位置上。")
        )
