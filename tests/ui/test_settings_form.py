"""设置 as a form: the CE rule typed as numbers lands in the settings store, out-of-range values are refused in
Chinese, fields are as wide as their values, and the whole operator list is there to add, disable and reset."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clerk_app.services.operators import OperatorRefused
from tests.ui.conftest import type_text
from ui.context import AppContext
from ui.main_window import MainWindow


def _as_supervisor(ctx: AppContext) -> None:
    ctx.set_operator(ctx.operators.authenticate("boss", "secret-123"))


def _retype(qtbot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    if text:
        type_text(qtbot, edit, text)


def test_the_ce_rule_typed_as_numbers_lands_in_the_store_and_is_explained(qtbot, window: MainWindow, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_F7)
    screen = window.settings
    _as_supervisor(ctx)
    rule = screen.ce_rule
    assert rule.words.text() == "每 2 年为一个周期，每周期至少 24 学时，其中网络学时最多计 18，面授学时不少于 6。"

    rule.years.setFocus()
    qtbot.keyClick(rule.years, Qt.Key.Key_Down)  # 2 年 -> 3 年
    _retype(qtbot, rule.hours["hours_required"], "36")
    _retype(qtbot, rule.hours["max_online_hours"], "")  # no cap on online hours
    assert rule.words.text() == "每 3 年为一个周期，每周期至少 36 学时，面授学时不少于 6。"
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert screen.message.text() == "已保存 1 项设置。"
    assert ctx.settings.get("ce.rule") == {
        "cycle_years": 3, "hours_required": 36.0, "max_online_hours": None, "min_offline_hours": 6.0,
    }

    # Out of range: refused with the reason in Chinese, the stored rule unchanged.
    _retype(qtbot, rule.hours["min_offline_hours"], "40")
    refusal = "「继续教育学时规则」的值不正确：面授学时下限（40）不能超过每周期应修学时（36）。请改正后重试。"
    assert rule.words.text() == refusal  # said while typing, as the save will say it
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert screen.message.text() == refusal
    _retype(qtbot, rule.hours["min_offline_hours"], "6")
    _retype(qtbot, rule.hours["hours_required"], "500")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert "每周期应修学时应在 1 到 200 学时之间" in screen.message.text()
    assert ctx.settings.get("ce.rule")["hours_required"] == 36.0

    # Other values typed land too; a refused one is said in Chinese and the stored value kept.
    batch = screen.edits["upload.batch_size"]
    _retype(qtbot, batch, "0")
    _retype(qtbot, rule.hours["hours_required"], "36")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert "每批条数应在 1 到 500 之间" in screen.message.text() and ctx.settings.get("upload.batch_size") == 500
    _retype(qtbot, batch, "200")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert screen.message.text() == "已保存 1 项设置。" and ctx.settings.get("upload.batch_size") == 200


def test_fields_fit_their_values_and_offsets_are_not_typed(qtbot, window: MainWindow, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_F7)
    screen = window.settings
    assert "printer.offsets" not in screen.edits  # only through 套打校准
    for key in ("ui.idle_lock_minutes", "upload.batch_size", "qualification.max_age", "window.code"):
        assert screen.edits[key].width() < 100, key
    for edit in screen.ce_rule.hours.values():
        assert edit.width() < 100
    assert screen.edits["platform.url"].width() > 300  # an address needs the room
    assert all("{" not in edit.text() for edit in screen.findChildren(type(screen.secret)))  # no raw JSON anywhere


def test_the_operator_list_is_complete_and_a_supervisor_disables_and_resets(qtbot, window: MainWindow, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    for n in range(12):
        ctx.operators.add(f"c{n:02d}", f"窗口{n:02d}", "clerk", "pass-word", acting="boss")
    qtbot.keyClick(window, Qt.Key.Key_F7)
    panel = window.settings.operators
    assert not panel.add_button.isEnabled() and not panel.toggle_button.isEnabled()  # a clerk only looks
    _as_supervisor(ctx)
    everyone = ctx.operators.list()
    assert panel.table.rowCount() == len(everyone) >= 15
    assert panel.table.viewport().height() >= panel.table.rowViewportPosition(len(everyone) - 1) + panel.table.rowHeight(0)
    shown = [panel.table.item(row, 1).text() for row in range(panel.table.rowCount())]
    assert shown == [o.name for o in everyone]

    row = next(row for row, o in enumerate(everyone) if o.operator_id == "c03")
    panel.table.selectRow(row)
    assert panel.toggle_button.text() == "停用所选操作员"
    qtbot.mouseClick(panel.toggle_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "已停用 窗口03，此工号不能再登录。"
    assert panel.table.item(row, 3).text() == "已停用" and panel.toggle_button.text() == "启用所选操作员"
    assert ctx.operators.authenticate("c03", "pass-word") is None

    panel.table.selectRow(next(row for row, o in enumerate(everyone) if o.operator_id == "c04"))
    type_text(qtbot, panel.reset_password, "abc")
    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    assert panel.error.text() == "密码太短，至少需要 6 位。请换一个更长的密码。"
    panel.reset_password.clear()
    type_text(qtbot, panel.reset_password, "new-pass-4")
    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "已为 窗口04 设置新密码，请当面告诉本人。" and not panel.error.text()
    assert ctx.operators.authenticate("c04", "new-pass-4") is not None

    type_text(qtbot, panel.new_id, "c99")
    type_text(qtbot, panel.new_name, "新来的")
    type_text(qtbot, panel.new_password, "pass-99")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "已添加操作员 新来的。" and panel.table.rowCount() == len(everyone) + 1


def test_only_a_supervisor_changes_operators_and_the_last_supervisor_stays(ctx: AppContext) -> None:
    with pytest.raises(OperatorRefused) as refused:
        ctx.operators.set_active("boss", False, acting="clerk01")
    assert refused.value.problem.message_zh.startswith("只有负责人可以启用或停用操作员")
    with pytest.raises(OperatorRefused):
        ctx.operators.reset_password("boss", "taken-over", acting="clerk01")
    assert ctx.operators.authenticate("boss", "secret-123") is not None
    ctx.operators.set_active("tester", False, acting="boss")
    with pytest.raises(OperatorRefused) as refused:
        ctx.operators.set_active("boss", False, acting="boss")
    assert refused.value.problem.code == "last_supervisor"
