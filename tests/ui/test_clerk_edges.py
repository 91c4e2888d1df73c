"""The rough edges a clerk meets all day (issue 15 item 5), in a real window over a real database, offscreen."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from clerk_app.domain.masking import mask_id_number
from tests import factories
from tests.conftest import PASSWORDS
from tests.importing.lists import ASSESSED, damaged_list, person
from tests.ui.conftest import settle
from tests.ui.test_entry import TAB, down, keys
from ui import launch
from ui.duplicate_dialog import NearDuplicateDialog
from ui.login import LoginDialog
from ui.main_window import MainWindow
from ui.record_view import RecordDialog, VoidDialog


def when_open(kind: type[QWidget], act) -> None:  # type: ignore[no-untyped-def]
    """Act on the next modal dialog of ``kind`` (another one may be open below it)."""

    def attempt() -> None:
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, kind):
            QTimer.singleShot(20, attempt)
            return
        act(modal)

    QTimer.singleShot(0, attempt)


def test_near_duplicate_says_today_names_the_earlier_entry_and_opens_it(qtbot, window: MainWindow, ctx) -> None:  # type: ignore[no-untyped-def]
    person = factories.id_number("19700707", 468)
    first = ctx.records.add(
        "transition_case",
        {"id_number": person, "name": "孙八", "situation": "passed_not_collected", "event_date": "2020-11-10"},
        operator="clerk01",
    )
    assert first.ok
    form = window.entry.show_kind("transition_case")
    seen: dict[str, str] = {}

    def question(box: NearDuplicateDialog) -> None:
        seen["message"], seen["facts"] = box.message.text(), box.facts.text()

        def record(dialog: RecordDialog) -> None:
            assert dialog.detail is not None
            seen["opened"] = dialog.detail.summary.record_id
            dialog.reject()

        when_open(RecordDialog, record)
        box.open_button.click()  # 查看较早的记录(&O)
        box.reject()  # then back to check: nothing saved

    when_open(NearDuplicateDialog, question)
    keys(qtbot, person, TAB, "孙八", TAB, TAB, *down(1), TAB, "20201110", Qt.Key.Key_Return)
    assert "（今天）" in seen["message"] and "0 天前" not in seen["message"]
    assert first.receipt_no in seen["facts"] and "李窗口" in seen["facts"] and "今天" in seen["facts"]
    assert seen["opened"] == first.record_id
    assert ctx.records.count() == 1 and "未保存" in form.result.text()
    # One question only: the dialog adds no second "确认…吗？" to the warning's own request.
    assert seen["message"].count("确认") == 1


def _rows(dialog: RecordDialog) -> dict[str, list[str]]:
    table = dialog.versions
    return {
        table.verticalHeaderItem(row).text(): [table.item(row, c).text() for c in range(table.columnCount())]
        for row in range(table.rowCount())
    }


def test_record_view_says_what_each_version_was_and_no_empty_void_reason(qtbot, ctx, supervisor) -> None:  # type: ignore[no-untyped-def]
    saved = ctx.records.add("training_completion", factories.training_completion(), operator="clerk01")
    assert saved.ok
    assert ctx.records.correct(
        saved.record_id, factories.training_completion(name="张三丰"), operator="clerk01", reason="姓名录错"
    ).ok
    dialog = RecordDialog(ctx, saved.record_id)
    qtbot.addWidget(dialog)
    rows = _rows(dialog)
    assert "作废原因" not in rows and "更正原因" not in rows
    assert rows["操作"] == ["录入", "更正（姓名录错）"]
    code, name = factories.DRIVING_SCHOOL["code"], factories.DRIVING_SCHOOL["name"]
    assert rows["机构代码"][0] == f"{code}　{name}"
    assert rows["录入人"][0] == "李窗口（clerk01）"

    void = VoidDialog(ctx, dialog.detail)  # type: ignore[arg-type]
    qtbot.addWidget(void)
    said = " ".join(label.text() for label in void.findChildren(type(dialog.header)))
    person = dialog.detail.summary.id_number  # type: ignore[union-attr]
    assert saved.receipt_no in said and mask_id_number(person) in said and person not in said and "张三丰" in said
    void.supervisor.setText(supervisor[0])
    void.password.setText(supervisor[1])
    void.reason.setText("重复录入")
    void.accept()
    dialog.reload()
    assert _rows(dialog)["操作"] == ["录入", "更正（姓名录错）", "作废（重复录入）"]


def test_locking_by_hand_does_not_say_idle(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    said: list[str] = []

    def log_back_in(dialog: LoginDialog) -> None:
        said.append(dialog.why_locked.text())
        dialog.password.setText(PASSWORDS["clerk01"])
        dialog.accept()

    when_open(LoginDialog, log_back_in)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    when_open(LoginDialog, log_back_in)
    window.idle.timer.timeout.emit()
    assert said[0].startswith("窗口已锁定") and "长时间无操作" not in said[0]
    assert said[1].startswith("长时间无操作，窗口已锁定")
    assert not window.locked


def test_two_reasons_are_separated_once(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # 张三 of row 3 (and row 10) already has a completion here at the same school and class: row 10 is
    # a near duplicate of both, with two reasons.
    earlier = factories.training_completion(id_number=person(123), certificate_no="JL-B2-900", assessment_date=ASSESSED)
    assert window.ctx.records.add("training_completion", earlier, operator="clerk01").ok
    screen = window.importer
    screen.load(str(damaged_list(tmp_path / "list.xlsx")))
    settle(qtbot)
    assert screen.preview is not None
    row = next(r for r in screen.preview.rows if r.number == 10)  # a near duplicate twice over
    for lang in ("zh", "en"):
        assert len(row.errors or row.warnings) == 2
        reason = row.reason(lang)
        assert "。；" not in reason and ".;" not in reason and reason.count("；" if lang == "zh" else "; ") >= 1
    assert screen.model.data(screen.model.index(7, 3), Qt.ItemDataRole.ToolTipRole) == row.reason("zh")
    assert screen.table.horizontalScrollBar().maximum() > 0  # the school's columns reach by scrolling


@pytest.mark.skipif(sys.platform != "linux" or shutil.which("gcc") is None or shutil.which("ldd") is None,
                    reason="builds Linux .so files with gcc and reads them with ldd (Linux only)")
def test_launch_names_the_missing_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A platform plugin linked against a library that is gone: ldd finds it missing, the line names it."""
    source = tmp_path / "x.c"
    source.write_text("int clerk_probe(void) { return 1; }\n")
    library = tmp_path / "libclerkprobe-x11.so.0"
    subprocess.run(["gcc", "-shared", "-fPIC", "-Wl,-soname,libclerkprobe-x11.so.0", "-o", library, source], check=True)
    (tmp_path / "libclerkprobe-x11.so").symlink_to(library.name)
    plugins = tmp_path / "plugins"
    (plugins / "platforms").mkdir(parents=True)
    plugin = plugins / "platforms" / "libqxcb.so"
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", plugin, source, f"-L{tmp_path}", "-Wl,--no-as-needed", "-lclerkprobe-x11"], check=True)
    library.unlink()  # as on a desktop without the package
    qt_said = 'Could not load the Qt platform plugin "xcb" in "" even though it was found.'

    monkeypatch.setenv("DISPLAY", ":0")
    assert launch.plugin_libraries_missing(plugin) == ["libclerkprobe-x11.so.0"]
    line = launch.why_no_window(qt_said, "zh", plugins)
    assert "libclerkprobe-x11.so.0" in line and "apt-get install libclerkprobe-x11-0" in line and "clerk-app --help" in line
    assert "libclerkprobe-x11.so.0" in launch.why_no_window(qt_said, "en", plugins)
    assert launch.debian_package("libxcb-cursor.so.0") == "libxcb-cursor0"

    # Nothing missing: Qt's own reason, still pointing to the command line.
    (plugins / "platforms" / "libqxcb.so").unlink()
    assert "even though it was found" in launch.why_no_window(qt_said, "zh", plugins)
    # Truly no display: the no-display line.
    monkeypatch.delenv("DISPLAY")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert "没有可用的显示器" in launch.why_no_window(qt_said, "zh", plugins)


def test_todays_entries_beside_the_form_and_errors_keep_their_height(qtbot, window: MainWindow, ctx) -> None:  # type: ignore[no-untyped-def]
    form = window.entry.show_kind("transition_case")
    error = form.errors["id_number"]
    person = factories.id_number("19800808", 579)
    keys(qtbot, person[:-1] + ("0" if person[-1] != "0" else "1"), TAB)  # a wrong check digit: a long message
    qtbot.waitUntil(lambda: "校验码" in error.text())
    # Read whole under the field (never shortened with "…"): a message longer than the form is wide wraps onto a
    # second line, and the line kept for it gives the height back once the problem is gone.
    one_line = form.errors["name"].height()  # an empty line keeps one line's room
    assert QLabel.text(error) == error.text() and error.toolTip() == error.text()
    assert one_line <= error.height() <= 2 * one_line
    form.clear()
    qtbot.waitUntil(lambda: error.text() == "")
    QApplication.processEvents()
    assert error.height() == one_line
    keys(qtbot, person, TAB, "周小燕", TAB, TAB, *down(2), TAB, "20201015", Qt.Key.Key_Return)
    assert form.last_receipt
    today = window.entry.today
    settle(qtbot)
    qtbot.waitUntil(lambda: today.table.rowCount() == 1)
    shown = [today.table.item(0, c).text() for c in range(today.table.columnCount())]
    assert shown[2] == "周小燕" and mask_id_number(person) in shown and person not in shown
    assert today.table.item(0, 0).toolTip() == form.last_receipt

    opened: list[str] = []

    def record(dialog: RecordDialog) -> None:
        assert dialog.detail is not None
        opened.append(dialog.detail.summary.receipt_no)
        dialog.reject()

    when_open(RecordDialog, record)
    today.table.setCurrentCell(0, 0)
    qtbot.keyClick(today.table, Qt.Key.Key_Return)
    assert opened == [form.last_receipt]


def test_standard_buttons_read_chinese_in_the_chinese_window(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    """Qt's own OK/Cancel (the column mapping, message boxes) in Chinese, as every other word of the window."""
    from PySide6.QtWidgets import QDialogButtonBox

    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert [button.text() for button in box.buttons()] == ["确定", "取消"]
