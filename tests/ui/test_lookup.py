"""Finding a record by a scanned receipt barcode, then correcting and voiding it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests import factories
from tests.ui.conftest import answer_modal, settle, type_text
from ui.record_view import CorrectDialog, RecordDialog, VoidDialog


def saved(ctx, **overrides):  # type: ignore[no-untyped-def]
    outcome = ctx.records.add("training_completion", factories.training_completion(**overrides), operator="clerk01")
    assert outcome.ok, outcome.errors
    return outcome


def test_scanned_receipt_opens_the_record_at_once(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    saved(ctx, id_number=factories.id_number(seq=111), certificate_no="JL-1")
    wanted = saved(ctx, id_number=factories.id_number(seq=113), certificate_no="JL-2", name="周九")
    qtbot.keyClick(window, Qt.Key.Key_F3)
    lookup = window.lookup
    assert QApplication.focusWidget() is lookup.box
    settle(qtbot)
    assert "共 2 条记录" in lookup.message.text()
    listed = lookup.table.model()
    qtbot.waitUntil(lambda: listed.data(listed.index(0, 2)) == "周九", timeout=5000)  # newest first, read lazily
    assert [listed.data(listed.index(1, column)) for column in (1, 5)] == ["培训结业信息", "待上传"]
    with qtbot.waitSignal(lookup.opened, timeout=5000) as opened:
        qtbot.keyClicks(lookup.box, wanted.receipt_no)  # a scanner types fast …
        qtbot.keyClick(lookup.box, Qt.Key.Key_Return)  # … and ends with Enter
    assert opened.args == [wanted.record_id]
    dialog = lookup.dialog
    assert isinstance(dialog, RecordDialog) and dialog.isVisible()
    assert "周九" in dialog.header.text() and wanted.receipt_no in dialog.header.text()
    dialog.reject()


def test_slow_typed_name_lists_results(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    saved(ctx, name="周九")
    window.show_screen(window.lookup)
    type_text(qtbot, window.lookup.box, "周")
    qtbot.keyClick(window.lookup.box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "找到 1 条" in window.lookup.message.text())
    assert window.lookup.table.model().rowCount() == 1


def test_correct_then_void_with_supervisor_password(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    first = saved(ctx)
    dialog = RecordDialog(ctx, first.record_id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)

    def correct(modal) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(modal, CorrectDialog)
        type_text(qtbot, modal.reason, "姓名少录一字")  # a correction says why
        name = modal.form.widgets["name"]
        name.selectAll()
        type_text(qtbot, name, "张三丰")
        qtbot.keyClick(name, Qt.Key.Key_Return)

    answer_modal(qtbot, correct)
    qtbot.keyClick(dialog, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert dialog.detail.summary.current_version == 2
    table = dialog.versions
    assert table.columnCount() == 2
    name_row = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())].index("姓名")
    assert table.item(name_row, 0).text() == "张三" and table.item(name_row, 1).text() == "张三丰"
    assert table.item(name_row, 1).font().bold()  # what changed stands out
    assert not table.item(0, 1).font().bold()

    attempts: list[str] = []

    def void(modal) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(modal, VoidDialog)
        modal.supervisor.setText("boss")
        type_text(qtbot, modal.reason, "重复录入")
        type_text(qtbot, modal.password, "wrong-pass")
        qtbot.keyClick(modal.password, Qt.Key.Key_Return)
        attempts.append(modal.error.text())
        type_text(qtbot, modal.password, "secret-123")
        qtbot.keyClick(modal.password, Qt.Key.Key_Return)

    answer_modal(qtbot, void)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert attempts and "负责人" in attempts[0]
    summary = dialog.detail.summary
    assert summary.voided and summary.current_version == 3
    assert dialog.detail.versions[-1].void_reason == "重复录入"
    assert dialog.detail.versions[-1].entered_by == "boss"
    assert not dialog.correct_button.isEnabled() and not dialog.void_button.isEnabled()
    settle(qtbot)
