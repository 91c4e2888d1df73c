"""列对应: the clerk says once which of a school's columns holds which field; it is remembered for that layout."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.problems import FIELD_LABELS
from clerk_app.importing.headings import FIELDS, OPTIONAL, ColumnMap
from ui.words import word


class MappingDialog(QDialog):
    def __init__(self, columns: ColumnMap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("指定列对应"))
        self.setMinimumSize(560, 520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("请为表格的每一列选择它对应的内容；不需要的列选“不导入”。确定后，本机会记住这家机构的表头，下次导入同样的表格不再询问。")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.missing = QLabel()
        self.missing.setObjectName("fieldError")
        self.missing.setWordWrap(True)
        layout.addWidget(self.missing)
        form_host = QWidget()
        form = QFormLayout(form_host)
        current = columns.mapping()
        self.boxes: dict[str, QComboBox] = {}
        for label in columns.labels:
            box = QComboBox()
            box.addItem(self.tr("不导入"), "")
            for field in FIELDS:
                suffix = self.tr("（选填）") if field in OPTIONAL else ""
                box.addItem(word(FIELD_LABELS[field][0]) + suffix, field)
            box.setCurrentIndex(max(0, box.findData(current.get(label, ""))))
            box.currentIndexChanged.connect(self._show_missing)
            form.addRow(label, box)
            self.boxes[label] = box
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._show_missing()

    def mapping(self) -> dict[str, str]:
        """{column label: field}, "" for the columns left out."""
        return {label: str(box.currentData()) for label, box in self.boxes.items()}

    def _show_missing(self) -> None:
        chosen = list(self.mapping().values())
        missing = [word(FIELD_LABELS[f][0]) for f in FIELDS if f not in OPTIONAL and f not in chosen]
        twice = sorted({word(FIELD_LABELS[f][0]) for f in chosen if f and chosen.count(f) > 1})
        lines = []
        if missing:
            lines.append(self.tr("还没有对应的必填项：%1").replace("%1", self.tr("、").join(missing)))
        if twice:
            lines.append(self.tr("这些内容选给了不止一列：%1").replace("%1", self.tr("、").join(twice)))
        self.missing.setText("\n".join(lines))
        self._ok.setEnabled(not lines)
