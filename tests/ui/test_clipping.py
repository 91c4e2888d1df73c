"""Every screen and dialog, in Chinese and in English at 1366×768: no text is cut.

Each visible label, button, line-edit placeholder, group-box title and tab text is
measured with its own font (``QFontMetrics``; a wrapping label with its width and
word wrap) against the room its widget gives it; a label that paints a shortened
text ("…") instead of its whole message fails too. Lists: every cell on screen must
show its whole text unless its tool tip carries it, every header its title, and a
list that cannot scroll must show all its rows. Screens are opened in states a clerk
meets: error lines under the fields, a CE entry with its cycle, the upload history,
the import result.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionHeader,
    QTabBar,
    QTableView,
    QWidget,
)

from tests import factories
from tests.ui.conftest import settle, type_text
from ui import appearance, hall_setup, login, printing
from ui.context import AppContext
from ui.duplicate_dialog import NearDuplicateDialog
from ui.institutions_view import FilingDialog
from ui.main_window import MainWindow
from ui.record_view import CorrectDialog, RecordDialog, VoidDialog

SLACK = 1  # a pixel of rounding between the metrics and the painter
MNEMONIC = int(Qt.TextFlag.TextShowMnemonic.value)
WRAP = int(Qt.TextFlag.TextWordWrap.value)


def _plain(text: str) -> str:
    """A button's or tab's text as painted: '&&' is '&', a single '&' marks the shortcut letter."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _where(widget: QWidget) -> str:
    names: list[str] = []
    parent: QWidget | None = widget
    while parent is not None and len(names) < 3:
        names.append(type(parent).__name__ + (f"#{parent.objectName()}" if parent.objectName() else ""))
        parent = parent.parentWidget()
    return " < ".join(names)


def _label(label: QLabel) -> str | None:
    whole, painted = label.text(), QLabel.text(label)
    if whole != painted:
        return f"shows {painted!r} instead of {whole!r}"
    if not painted or label.textFormat() == Qt.TextFormat.MarkdownText:
        return None
    room = label.contentsRect().adjusted(label.margin(), label.margin(), -label.margin(), -label.margin())
    if label.indent() > 0:
        room.setLeft(room.left() + label.indent())
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(painted)
    )
    if rich:
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setDocumentMargin(0)
        document.setHtml(painted)
        if label.wordWrap():
            document.setTextWidth(room.width())
        width, height = document.idealWidth(), document.size().height()
    else:
        metrics = QFontMetrics(label.font())
        flags = MNEMONIC | (WRAP if label.wordWrap() else 0)
        bound = metrics.boundingRect(QRect(0, 0, room.width() if label.wordWrap() else 100_000, 100_000), flags, painted)
        width, height = bound.width(), bound.height()
    if width > room.width() + SLACK or height > room.height() + SLACK:
        return f"{painted!r} needs {width:.0f}×{height:.0f}, has {room.width()}×{room.height()}"
    return None


def _button(button: QAbstractButton) -> str | None:
    text = _plain(button.text())
    if not text:
        return None
    if isinstance(button, QCheckBox | QRadioButton):
        needed = button.sizeHint().width()
    else:
        style = button.style()
        icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
        frame = style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, button)
        needed = QFontMetrics(button.font()).horizontalAdvance(text) + icon + 2 * frame
        if isinstance(button, QPushButton):
            needed += style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, button)
    if needed > button.width() + SLACK:
        return f"{text!r} needs {needed} px, has {button.width()}"
    return None


def _placeholder(edit: QLineEdit) -> str | None:
    text = edit.placeholderText()
    if not text or edit.text():
        return None
    margins = edit.textMargins()
    frame = edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, edit)
    room = edit.width() - 2 * frame - 4 - margins.left() - margins.right()  # QLineEdit's 2-pixel margin each side
    needed = QFontMetrics(edit.font()).horizontalAdvance(text)
    if needed > room + SLACK:
        return f"placeholder {text!r} needs {needed} px, has {room}"
    return None


def _group(box: QGroupBox) -> str | None:
    text = _plain(box.title())
    needed = QFontMetrics(box.font()).horizontalAdvance(text) + 12
    if text and needed > box.width() + SLACK:
        return f"title {text!r} needs {needed} px, has {box.width()}"
    return None


def _tabs(bar: QTabBar) -> Iterator[str]:
    space = bar.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, None, bar)
    metrics = QFontMetrics(bar.font())
    for i in range(bar.count()):
        text = _plain(bar.tabText(i))
        rect = bar.tabRect(i)
        needed = metrics.horizontalAdvance(text) + space
        if needed > rect.width() + SLACK or not bar.rect().contains(rect):
            yield f"tab {text!r} needs {needed} px, has {rect.width()} (inside the bar: {bar.rect().contains(rect)})"


def _cells(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None or not isinstance(view, QTableView):
        return
    style = view.style()
    margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    viewport = view.viewport().rect()
    metrics = QFontMetrics(view.font())
    columns = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]
    header = view.horizontalHeader()
    if header.isVisible():
        for column in columns:
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            option = QStyleOptionHeader()
            option.initFrom(header)
            option.rect = QRect(0, 0, header.sectionSize(column), header.height())
            option.text = title
            room = header.style().subElementRect(QStyle.SubElement.SE_HeaderLabel, option, header).width()
            needed = QFontMetrics(header.font()).horizontalAdvance(title)
            if title and needed > room + SLACK:
                yield f"header {title!r} needs {needed} px, has {room}"
    rows = model.rowCount()
    scrolls = view.verticalScrollBar().isVisible()
    for row in range(rows):
        if view.isRowHidden(row):
            continue
        top = view.rowViewportPosition(row)
        bottom = top + view.rowHeight(row)
        if top >= viewport.height() or bottom <= 0:
            if not scrolls and row < 50:
                yield f"row {row} is out of sight and the list does not scroll"
            continue
        if bottom > viewport.height() + SLACK and not scrolls:
            yield f"row {row} is cut at the bottom and the list does not scroll"
        for column in columns:
            index = model.index(row, column, QModelIndex())
            text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            if not text:
                continue
            rect = view.visualRect(index)
            if rect.right() > viewport.right() and not view.horizontalScrollBar().isVisible():
                rect.setRight(viewport.right())
            needed = max(metrics.horizontalAdvance(line) for line in text.split("\n")) + margin
            if needed > rect.width() + SLACK and str(index.data(Qt.ItemDataRole.ToolTipRole) or "").find(text) < 0:
                yield f"cell {text!r} needs {needed} px, has {rect.width()} (and no tool tip holds it)"
    vertical = view.verticalHeader()
    if vertical.isVisible():
        vertical_metrics = QFontMetrics(vertical.font())
        for row in range(rows):
            title = str(model.headerData(row, Qt.Orientation.Vertical) or "")
            needed = vertical_metrics.horizontalAdvance(title) + 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
            if title and needed > vertical.width() + SLACK:
                yield f"row title {title!r} needs {needed} px, has {vertical.width()}"


def clipped(root: QWidget) -> list[str]:
    """What does not fit in ``root`` and its visible children, one line each."""
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        problems: list[str | None] = []
        if isinstance(widget, QLabel):
            problems.append(_label(widget))
        elif isinstance(widget, QAbstractButton):
            problems.append(_button(widget))
        elif isinstance(widget, QLineEdit):
            problems.append(_placeholder(widget))
        elif isinstance(widget, QGroupBox):
            problems.append(_group(widget))
        elif isinstance(widget, QTabBar):
            problems.extend(_tabs(widget))
        elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            problems.extend(_cells(widget))
        found += [f"{_where(widget)}: {problem}" for problem in problems if problem]
    return found


@pytest.fixture(params=["zh_CN", "en"])
def language(request: Any, qapp: QApplication, ctx: AppContext) -> Iterator[AppContext]:
    if request.param == "en":
        ctx.settings.set("ui.language", "en", operator="boss")
        ctx.lang = "en"
    appearance.apply(qapp, request.param)
    yield ctx
    appearance.apply(qapp, "zh_CN")


def _entries(ctx: AppContext) -> str:
    """A day's entries at the window, one with a long name, and a CE entry; returns a record's ID."""
    long_name = factories.training_completion(name="欧阳·买买提·艾力", id_number=factories.id_number(seq=135),
                                              certificate_no="JL-B2-2026-000135")
    first = ctx.records.add("training_completion", factories.training_completion(), operator="clerk01")
    ctx.records.add("training_completion", long_name, operator="clerk01")
    ctx.records.add("ce_hours", factories.ce_hours(), operator="clerk01")
    assert first.record_id
    return first.record_id


def _look(qtbot: Any, window: QWidget, what: str, found: list[str]) -> None:
    settle(qtbot)
    QApplication.processEvents()
    window.grab()  # painting asks lazy lists for their rows
    settle(qtbot)
    QApplication.processEvents()
    found += [f"[{what}] {line}" for line in clipped(window)]
    if window.width() > 1366 or window.height() > 768:  # a minimum size pushed the window off a 1366×768 screen
        found.append(f"[{what}] the window grew to {window.width()}×{window.height()}")


def test_every_screen_fits_at_1366x768(qtbot: Any, language: AppContext) -> None:
    ctx = language
    _entries(ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    found: list[str] = []
    form = window.entry.forms["training_completion"]
    # The error lines a clerk meets most: a short phone number and an end before the start.
    type_text(qtbot, form.widgets["phone"], "1390000111")
    form.widgets["training_start"].setFocus()
    type_text(qtbot, form.widgets["training_start"], "2026-10-22")
    type_text(qtbot, form.widgets["training_end"], "2026-10-12")
    form.save()  # every problem shown under its field, as after Enter
    qtbot.waitUntil(lambda: bool(form.errors["training_end"].text()), timeout=5000)
    _look(qtbot, window, "training form refused", found)
    for kind in ("ce_hours", "qualification_application", "transition_case"):
        window.entry.show_kind(kind)
        _look(qtbot, window, kind, found)
    for _title, _key, attribute in window.screens[1:]:
        window.show_screen(getattr(window, attribute))
        _look(qtbot, window, attribute, found)
    assert not found, "\n".join(found)


def test_every_dialog_fits(qtbot: Any, language: AppContext) -> None:
    ctx = language
    record_id = _entries(ctx)
    detail = ctx.records.get(record_id)
    assert detail is not None
    warnings = [p for p in ctx.records.add("training_completion", factories.training_completion(name="张三"),
                                           operator="clerk01").errors if p.code == "possible_duplicate"]
    dialogs: list[QWidget] = [
        login.LoginDialog(ctx, None),
        login.FirstSupervisorDialog(ctx, None),
        hall_setup.HallSetupDialog(ctx),
        RecordDialog(ctx, record_id),
        CorrectDialog(ctx, detail),
        VoidDialog(ctx, detail),
        FilingDialog(ctx),
        printing.PreviewDialog(ctx.services.printing().receipt(record_id, operator="clerk01")),
        printing.CalibrationDialog(ctx),
    ]
    if warnings:
        dialogs.append(NearDuplicateDialog(ctx, warnings))
    found: list[str] = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        _look(qtbot, dialog, type(dialog).__name__, found)
    assert not found, "\n".join(found)
