"""The English window shows no Chinese outside data: every screen, the login, the record and the print dialogs.

Each visible string of every widget is read back (labels, buttons, titles, tool tips,
placeholders, list, combo, tab and table header items). What the clerk or the registry
typed (names, institutions, a record's values) is data and stays as typed; it is removed
before looking. What is left must hold no Chinese.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from clerk_app.services.settings import SPECS
from tests import factories
from ui import appearance, login, printing
from ui.context import AppContext
from ui.institutions_view import FilingDialog
from ui.main_window import MainWindow
from ui.record_view import CorrectDialog, RecordDialog, VoidDialog

CHINESE = re.compile(r"[\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]")
ALLOWED = ("中文（简体）",)  # the language picker names each language in itself


@pytest.fixture
def english(qapp: QApplication, ctx: AppContext) -> Iterator[AppContext]:
    ctx.settings.set("ui.language", "en", operator="boss")
    ctx.lang = "en"
    appearance.apply(qapp, "en")
    yield ctx
    appearance.apply(qapp, "zh_CN")


def _leaves(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _leaves(item)


def _data(ctx: AppContext, *records: dict[str, Any]) -> list[str]:
    """Everything typed by people or sent by the registry, longest first (so a name goes before its part)."""
    found = {o.name for o in ctx.operators.list()}
    found.update(str(ctx.settings.get(key)) for key in SPECS)  # the hall's name and authority, as typed
    for institution in ctx.institutions.list():
        found.update(_leaves(institution))
    for record in records:
        found.update(_leaves(record))
    return sorted((text for text in found if CHINESE.search(text)), key=len, reverse=True)


def _model_texts(model: QAbstractItemModel | None) -> Iterator[str]:
    if model is None:
        return
    root = QModelIndex()
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)  # a list's is private
    for column in range(columns):
        yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    for row in range(min(model.rowCount(root), 50)):
        for column in range(columns):
            yield str(model.data(model.index(row, column)) or "")


def _texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    for child in [widget, *widget.findChildren(QWidget)]:
        where = f"{type(child).__name__} {child.objectName()}".strip()
        yield where, child.windowTitle() if child.isWindow() else ""
        yield where, child.toolTip()
        if isinstance(child, QLabel | QAbstractButton):
            yield where, child.text()
        if isinstance(child, QLineEdit):
            yield where, child.placeholderText()
        if isinstance(child, QTextEdit):
            yield where, child.placeholderText()
        if isinstance(child, QGroupBox):
            yield where, child.title()
        if isinstance(child, QComboBox):
            yield from ((where, child.itemText(i)) for i in range(child.count()))
        if isinstance(child, QTabWidget):
            yield from ((where, child.tabText(i)) for i in range(child.count()))
        if isinstance(child, QAbstractItemView):
            yield from ((where, text) for text in _model_texts(child.model()))


def chinese_outside_data(widget: QWidget, data: list[str]) -> list[str]:
    found = []
    for where, text in _texts(widget):
        for value in (*data, *ALLOWED):
            text = text.replace(value, "")
        if CHINESE.search(text):
            found.append(f"{where}: {text!r}")
    return sorted(set(found))


def _saved(ctx: AppContext) -> tuple[str, dict[str, Any]]:
    payload = factories.training_completion()
    outcome = ctx.records.add("training_completion", payload, operator="clerk01")
    assert outcome.record_id, outcome
    return outcome.record_id, payload


def test_every_screen_of_the_english_window(qtbot: Any, english: AppContext) -> None:
    _record_id, payload = _saved(english)
    window = MainWindow(english)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    found = []
    for _title, _key, attribute in window.screens:
        window.show_screen(getattr(window, attribute))
        QApplication.processEvents()
        found += chinese_outside_data(window, _data(english, payload))
    assert not found, "\n".join(sorted(set(found)))


def test_the_english_dialogs_and_print_dialogs(qtbot: Any, english: AppContext) -> None:
    record_id, payload = _saved(english)
    data = _data(english, payload)
    detail = english.records.get(record_id)
    assert detail is not None
    dialogs: list[QWidget] = [
        login.LoginDialog(english, None),
        login.FirstSupervisorDialog(english, None),
        RecordDialog(english, record_id),
        CorrectDialog(english, detail),
        VoidDialog(english, detail),
        FilingDialog(english),
    ]
    job = english.services.printing().receipt(record_id, operator="clerk01")
    dialogs.append(printing.PreviewDialog(job))
    dialogs.append(printing.CalibrationDialog(english))
    found = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        found += chinese_outside_data(dialog, data)
    assert not found, "\n".join(found)
