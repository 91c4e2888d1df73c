"""The end-of-day upload from the window, against the reference platform on loopback."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests import factories
from tests.ui.conftest import settle, type_text
from ui.context import AppContext, Training
from ui.main_window import MainWindow
from ui.upload_view import UploadDialog


def test_end_of_day_upload_against_the_reference_platform(qtbot, ctx: AppContext, practice: Training) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.auto_upload.timer.stop()
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    # One entry typed at the counter, two more already in the queue; the platform knows no completion
    # under the application's certificate number, so it sends that one back.
    form = window.entry.show_kind("transition_case")
    type_text(qtbot, form.widgets["id_number"], factories.id_number(seq=579))
    type_text(qtbot, form.widgets["name"], "孙八")
    form.widgets["situation"].setFocus()
    qtbot.keyClick(form.widgets["situation"], Qt.Key.Key_Down)
    type_text(qtbot, form.widgets["event_date"], "20201110")  # the exam date (DOMAIN.md rulings: required)
    qtbot.keyClick(form.widgets["event_date"], Qt.Key.Key_Return)
    assert form.last_receipt, form.result.text()
    typed = form.last_receipt
    ctx.records.add("training_completion", factories.training_completion(), operator="clerk01")
    refused = ctx.records.add(
        "qualification_application",
        factories.qualification_application(id_number=factories.id_number(seq=468), completion_certificate_no="JL-NONE-1"),
        operator="clerk01",
    )
    ctx.records_changed.emit()
    settle(qtbot)
    qtbot.waitUntil(lambda: counts(window) == ("待上传 3　上传中 0", "被退回 0"), timeout=10000)

    qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.upload.dialog
    assert isinstance(dialog, UploadDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.close_button.isEnabled(), timeout=30000)
    assert dialog.summary is not None, dialog.outcome.text()
    assert dialog.outcome.text().startswith("发送 3 条：平台接收 2 条，退回 1 条，结果未知 0 条；仍待上传 0 条。")
    qtbot.waitUntil(lambda: refused.receipt_no in dialog.reasons.text(), timeout=10000)
    assert "培训结业记录" in dialog.reasons.text()  # the platform's reason, in Chinese
    assert dialog.report_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()

    accepted = ctx.records.get(typed)
    assert accepted is not None and accepted.summary.upload_state == "accepted"
    assert len(practice.platform.accepted_rows()) == 2
    settle(qtbot)
    qtbot.waitUntil(lambda: counts(window) == ("待上传 0　上传中 0", "被退回 1"), timeout=10000)
    assert window.status.rejected.objectName() == "alert"  # highlighted while anything waits for a correction
    assert window.status.online.text() == "● 在线"
    assert window.status.last.text().startswith("上次上传：20")
    window.show_screen(window.rejected)
    qtbot.waitUntil(lambda: len(window.rejected.rows) == 1, timeout=10000)
    assert window.rejected.rows[0].receipt_no == refused.receipt_no
    settle(qtbot)


def test_upload_screen_shows_the_run_after_a_real_upload(qtbot, window: MainWindow, ctx: AppContext, practice: Training) -> None:  # type: ignore[no-untyped-def]
    """F5 names the platform, the account and the hall, what waits by kind, and each run: when, who, counts, how it ended."""
    window.auto_upload.timer.stop()
    ctx.records.add("training_completion", factories.training_completion(), operator="clerk01")
    ctx.records.add(
        "qualification_application",
        factories.qualification_application(id_number=factories.id_number(seq=468), completion_certificate_no="JL-NONE-1"),
        operator="clerk01",
    )
    qtbot.keyClick(window, Qt.Key.Key_F5)
    screen = window.upload
    settle(qtbot)
    assert screen.url.text() == practice.platform_url and screen.account.text() == practice.account
    assert screen.history.rowCount() == 0 and screen.clock.text() == "还没有与平台对过时"
    pending = [screen.waiting.item(row, 0).text() for row in range(screen.waiting.rowCount())]
    last_row = screen.waiting.rowViewportPosition(3) + screen.waiting.rowHeight(3)
    assert last_row <= screen.waiting.viewport().height()  # all four kinds in sight, 过渡衔接登记 not cut
    assert pending == ["1", "0", "1", "0"]  # training completion, CE hours, application, transition case

    dialog = screen.upload(end_of_day=True)
    qtbot.waitUntil(lambda: dialog.close_button.isEnabled(), timeout=30000)
    dialog.accept()
    settle(qtbot)
    qtbot.waitUntil(lambda: screen.history.rowCount() == 1, timeout=10000)
    row = [screen.history.item(0, column).text() for column in range(screen.history.columnCount())]
    assert row[1:7] == ["李窗口", "日终上传", "2", "1", "1", "0"]  # the clerk's name, not the ID
    assert row[7] == "已发完，1 条被退回"  # never "全部完成" over a record the platform sent back
    assert screen.history.item(0, 7).foreground().color().name() == "#b3261e"
    assert screen.clock.text().startswith("与平台相差")
    assert screen.last.text().startswith("20") and not screen.error.isVisible()
    assert [screen.waiting.item(2, column).text() for column in range(4)] == ["0", "0", "0", "1"]  # the refused one

    # Runs with nothing to send (the automatic one, every minute) share one row that counts them.
    for _ in range(2):
        ctx.platform.upload(end_of_day=False)
    ctx.records_changed.emit()
    settle(qtbot)
    qtbot.waitUntil(lambda: screen.history.rowCount() == 2, timeout=10000)
    assert screen.history.item(0, 3).text() == "0" and screen.history.item(0, 7).text().startswith("全部完成（2 次，至 ")

    # The platform gone: the run stops, the history says so and the screen says why, in plain words.
    ctx.records.add("training_completion", factories.training_completion(id_number=factories.id_number(seq=999)), operator="clerk01")
    practice.platform.stop()
    dialog = screen.upload(end_of_day=False)
    qtbot.waitUntil(lambda: dialog.close_button.isEnabled(), timeout=60000)
    dialog.accept()
    settle(qtbot)
    qtbot.waitUntil(lambda: screen.history.rowCount() == 3, timeout=10000)
    assert screen.history.item(0, 7).text().startswith("连不上平台：连不上省平台")
    assert screen.error.isVisible() and "联网后会再上传" in screen.error.text()


def test_an_automatic_upload_is_cancelled_from_the_upload_screen(qtbot, window: MainWindow, ctx: AppContext, practice: Training) -> None:  # type: ignore[no-untyped-def]
    """The platform asks the window to wait (503, retry in 30 s); 取消正在进行的上传 stops the background run at once."""
    window.auto_upload.timer.stop()
    ctx.records.add("training_completion", factories.training_completion(), operator="clerk01")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    screen = window.upload
    settle(qtbot)
    assert not screen.cancel_button.isEnabled()
    practice.platform.inject("throttle_503", retry_after=30)
    window.auto_upload.tick()
    assert screen.cancel_button.isEnabled()
    qtbot.wait(300)  # the run reaches the platform and waits as told
    qtbot.mouseClick(screen.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not screen.cancel_button.isEnabled(), timeout=10000)
    settle(qtbot)
    qtbot.waitUntil(lambda: screen.history.rowCount() == 1, timeout=10000)
    assert screen.history.item(0, 2).text() == "立即/自动"
    assert screen.history.item(0, 7).text().startswith("已取消")
    assert not screen.error.isVisible()  # a stop asked for is not an error


def counts(window: MainWindow) -> tuple[str, str]:
    """The status line's queue counts and its (highlightable) 被退回 count."""
    return window.status.counts.text(), window.status.rejected.text()
