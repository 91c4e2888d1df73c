"""The import screen in a real window (offscreen): load, map once, preview, fix in place, confirm, import, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from clerk_app.services.records import RecordService
from tests.importing.lists import ASSESSED, END, START, damaged_list, person, write_xlsx
from tests.ui.conftest import answer_modal, ctx, settle, window  # noqa: F401 - fixtures
from ui.import_mapping import MappingDialog
from ui.import_view import FIXED_COLUMNS
from ui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore(r"This plugin does not support")]


def test_a_damaged_list_is_previewed_fixed_confirmed_imported_and_exported(
    qtbot, window: MainWindow, tmp_path: Path, records: RecordService  # type: ignore[no-untyped-def]  # noqa: F811 - the fixture
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F8)
    screen = window.importer
    assert window.stack.currentWidget() is screen
    changed: list[bool] = []
    screen.ctx.records_changed.connect(lambda: changed.append(True))
    screen.load(str(damaged_list(tmp_path / "list.xlsx")))
    settle(qtbot)
    model, preview = screen.model, screen.preview
    assert preview is not None and model.rowCount() == 14
    assert not screen.progress.isVisible()
    text = lambda row, column: model.data(model.index(row, column))  # noqa: E731
    assert [text(1, c) for c in range(3)] == ["4", "不能导入", "C4"]
    assert text(1, 3).endswith("存成了数字（1.1010519491231E+17）。") and text(1, FIXED_COLUMNS + 2) == "1.1010519491231E+17"
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole).name() == "#fbe9e7"
    assert "可导入 5" in screen.counts.text() and "不能导入 7" in screen.counts.text()
    assert "文本" in model.data(model.index(1, 3), Qt.ItemDataRole.ToolTipRole)
    screen.table.setCurrentIndex(model.index(1, 3))
    assert "第 4 行" in screen.detail.text() and "15 位" in screen.detail.text()

    # The clerk retypes the ID number in the cell; the row is checked again at once.
    id_cell = model.index(1, FIXED_COLUMNS + 2)
    assert model.flags(id_cell) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(id_cell, person(147))
    settle(qtbot)
    assert text(1, 1) == "可导入" and text(1, 2) == ""

    screen.table.selectRow(7)  # row 10: the near duplicate of row 3
    assert text(7, 1) == "疑似重复待确认"
    qtbot.mouseClick(screen.confirm_button, Qt.MouseButton.LeftButton)
    assert text(7, 1) == "疑似重复（已确认）"
    assert screen.import_button.text() == "导入可导入的 7 行"
    qtbot.mouseClick(screen.import_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert records.count() == 7 and changed
    assert text(0, 1) == "已导入" and text(0, 3).count("-") == 3  # its receipt number
    # The confirmed near duplicate, now imported, no longer asks to be confirmed (issue 22 screen 13).
    assert text(7, 1) == "已导入"
    assert "重复" not in screen.detail.text() and "已导入" in screen.detail.text()
    assert "重复" not in str(model.index(7, 3).data(Qt.ItemDataRole.ToolTipRole))
    assert not screen.import_button.isEnabled()

    out = tmp_path / "back.xlsx"
    screen.export(str(out))
    settle(qtbot)
    exported = list(load_workbook(out).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert [line[-1] for line in exported[1:]] == [5, 8, 11, 12, 13, 14]


def test_unknown_columns_open_the_mapping_once_and_the_school_is_remembered(
    qtbot, window: MainWindow, tmp_path: Path  # type: ignore[no-untyped-def]  # noqa: F811 - the fixture
) -> None:
    headings = ["学生", "证件号", "车型", "班型", "机构代码", "证书编号", "开课", "结课", "结业日期"]
    path = write_xlsx(tmp_path / "odd.xlsx", [headings, ["张三", person(123), "B2", "full", "JLDT0001", "C-1", START, END, ASSESSED]])
    screen = window.importer
    window.show_screen(screen)
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    screen.load(str(old))
    settle(qtbot)
    assert "另存为" in screen.file_label.text() and screen.preview is None and screen.open_button.isEnabled()
    asked: list[int] = []

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, MappingDialog)
        asked.append(1)
        assert "姓名" in dialog.missing.text()
        columns = {"学生": "name", "证件号": "id_number", "班型": "training_scope", "开课": "training_start", "结课": "training_end"}
        for label, field in columns.items():
            box = dialog.boxes[label]
            box.setCurrentIndex(box.findData(field))
        assert dialog.missing.text() == ""
        dialog.accept()

    answer_modal(qtbot, choose)
    screen.load(str(path))
    qtbot.waitUntil(lambda: screen.preview is not None, timeout=10000)
    settle(qtbot)
    assert asked == [1]
    assert screen.preview is not None and [r.outcome for r in screen.preview.rows] == ["ready"]
    screen.load(str(path))  # the same school's list again: no questions
    qtbot.waitUntil(lambda: screen.preview is not None, timeout=10000)
    settle(qtbot)
    assert asked == [1] and screen.preview is not None
