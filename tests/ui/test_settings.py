"""设置 as a supervisor uses it: values chosen or typed, a refused value explained, only a supervisor may change them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import type_text


def test_supervisor_changes_settings_with_the_keyboard(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    screen = window.settings
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert not screen.save_button.isEnabled() and screen.message.text() == "只有负责人可以修改设置。"
    ctx.set_operator(ctx.operators.authenticate("boss", "secret-123"))
    assert screen.save_button.isEnabled()

    language = screen.edits["ui.language"]
    language.setFocus()
    qtbot.keyClick(language, Qt.Key.Key_Down)  # 中文（简体） → English, chosen, not typed
    minutes = screen.edits["ui.idle_lock_minutes"]
    minutes.selectAll()
    type_text(qtbot, minutes, "999")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert "分钟数应在 0 到 480 之间" in screen.message.text()  # refused in plain Chinese; the rest is kept
    assert ctx.settings.get("ui.language") == "en"
    assert ctx.settings.get("ui.idle_lock_minutes") == 10

    minutes.selectAll()
    type_text(qtbot, minutes, "5")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert screen.message.text() == "已保存 1 项设置。"
    assert ctx.settings.get("ui.idle_lock_minutes") == 5
    assert window.idle.timer.interval() == 5 * 60_000  # the idle lock follows at once
