"""Before a certificate is drawn: which of the driver's certificates, on which printer, on which paper.

A certificate on pre-printed stock (套打) carries only the values, placed by
the chosen printer's calibrated offsets, so the printer and the paper must be
known before the page is drawn, not in the preview. The paper starts as the
``print.certificate_stock`` setting says; the clerk may change it for this
print (a spoilt blank reprinted on plain paper, say).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QWidget,
)

from clerk_app.domain.kinds import CE_CATEGORIES
from clerk_app.printing import printer
from ui.words import word

STATUSES = {
    "valid": QT_TRANSLATE_NOOP("words", "有效"),
    "suspended": QT_TRANSLATE_NOOP("words", "暂扣"),
    "revoked": QT_TRANSLATE_NOOP("words", "吊销"),
    "expired": QT_TRANSLATE_NOOP("words", "过期"),
}


class CertificateChoice(QDialog):
    def __init__(
        self, certificates: Sequence[Mapping[str, object]], *, stock: bool, note: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("打印从业资格证"))
        self.setMinimumWidth(560)
        self.certificates = list(certificates)
        form = QFormLayout(self)
        first = self.certificates[0]
        form.addRow(self.tr("持证人："), QLabel(f"{first.get('name', '')}　{first.get('id_number', '')}"))
        self.which = QComboBox()
        for certificate in self.certificates:
            issued = self.tr("发证 %1").replace("%1", str(certificate.get("issued_on", "")))
            status = word(STATUSES.get(str(certificate.get("status")), str(certificate.get("status"))))
            category = word(CE_CATEGORIES.get(str(certificate.get("category")), ""))
            self.which.addItem(f"{certificate.get('certificate_no')}　{category}　{issued}　{status}")
        valid = next((n for n, c in enumerate(self.certificates) if c.get("status") == "valid"), 0)
        self.which.setCurrentIndex(valid)
        form.addRow(self.tr("证书(&C)："), self.which)
        self.printers = QComboBox()
        names = printer.printer_names()
        for name in names:
            self.printers.addItem(name, name)
        if not names:
            self.printers.addItem(self.tr("（本机没有打印机：预览后可另存为 PDF）"), None)
        default = printer.default_printer_name()
        if default:
            self.printers.setCurrentText(default)
        form.addRow(self.tr("打印机(&R)："), self.printers)
        self.plain = QRadioButton(self.tr("普通纸（印出整张证书）"))
        self.stock = QRadioButton(self.tr("预印证书纸（套打：只印填写内容）"))
        group = QButtonGroup(self)
        papers = QHBoxLayout()
        for button in (self.plain, self.stock):
            group.addButton(button)
            papers.addWidget(button)
        (self.stock if stock else self.plain).setChecked(True)
        form.addRow(self.tr("纸张："), papers)
        if note:
            shown = QLabel(note)
            shown.setObjectName("derived")
            shown.setWordWrap(True)
            form.addRow(shown)
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("预览(&P)"), QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen(self) -> Mapping[str, object]:
        return self.certificates[self.which.currentIndex()]

    def printer_name(self) -> str | None:
        data = self.printers.currentData()
        return str(data) if data else None

    def on_stock(self) -> bool:
        return self.stock.isChecked()
