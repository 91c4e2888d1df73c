"""Accountability in the window, offscreen: wrong passwords, a clerk's limits, corrections with reasons and approval,
and a new window's first minutes (first supervisor, then the hall)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from clerk_app.domain.dates import application_day
from clerk_app.services.settings import SettingRefused, SettingsService
from clerk_app.services.suite import Services
from local_db.database import Database
from sync.credentials import SERVICE
from sync.reference_platform.judge import content_hash
from tests import factories
from tests.db_files import raw_connection
from tests.sync.conftest import ACCOUNT, SECRET, engine, memory_keyring, platform  # noqa: F401 - fixtures used here
from tests.ui.conftest import answer_modal, settle, type_text
from ui import hall_setup, login
from ui.context import AppContext
from ui.record_view import CorrectDialog
from ui.recovery import RecoveryCodeDialog


def test_unknown_operators_and_wrong_passwords_do_not_get_in_and_are_counted(qtbot, ctx: AppContext, db: Database) -> None:  # type: ignore[no-untyped-def]
    dialog = login.LoginDialog(ctx)
    qtbot.addWidget(dialog)
    for who in ("stranger", *["clerk01"] * 5):
        dialog.operator_id.setText(who)
        type_text(qtbot, dialog.password, "not-the-password")
        dialog.accept()
        assert dialog.operator is None
    assert "锁定" in dialog.error.text()  # the fifth wrong password for clerk01 locks the ID out
    dialog.operator_id.setText("clerk01")
    type_text(qtbot, dialog.password, "clerk-pass")
    dialog.accept()
    assert dialog.operator is None and "锁定" in dialog.error.text()  # even the right one, for now
    with raw_connection(db.path) as connection:
        failed = connection.execute("SELECT count(*) FROM audit_log WHERE action = 'login_failed'").fetchone()[0]
    assert failed == 6  # the stranger's try too


def test_a_clerk_cannot_change_the_hall_settings_or_institutions(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    assert ctx.operator is not None and ctx.operator.role == "clerk"
    dialog = hall_setup.HallSetupDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.edits["hall.code"].setText("999999")
    dialog.accept()
    assert "只有负责人" in dialog.error.text() and dialog.result() != dialog.DialogCode.Accepted
    assert ctx.settings.get("hall.code") == "220100"
    try:
        ctx.settings.set("platform.url", "https://evil.example.cn/api/v1", operator=ctx.operator_id)
        raise AssertionError("a clerk changed a setting")
    except SettingRefused as refused:
        assert refused.problem.code == "supervisor_only"
    stored, problems = ctx.institutions.add({**factories.CE_SCHOOL, "status": "revoked"}, operator=ctx.operator_id)
    assert stored is None and [p.code for p in problems] == ["supervisor_only"]
    assert ctx.institutions.get("JLCE0001")["status"] == "active"  # type: ignore[index]


def _correct_in_the_window(qtbot, ctx: AppContext, record_id: str, act: Any) -> CorrectDialog:  # type: ignore[no-untyped-def]
    detail = ctx.records.get(record_id)
    assert detail is not None
    dialog = CorrectDialog(ctx, detail)
    qtbot.addWidget(dialog)
    dialog.form.widgets["name"].clear()  # type: ignore[attr-defined]
    type_text(qtbot, dialog.form.widgets["name"], "阿依古丽·买买提江")
    act(dialog)
    dialog.form.save()
    return dialog


def test_a_correction_without_a_reason_is_refused(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    saved = ctx.records.add("transition_case", factories.transition_case(), operator="clerk01")
    refused = _correct_in_the_window(qtbot, ctx, str(saved.record_id), lambda dialog: None)
    assert "更正原因" in refused.form.result.text()
    assert [v.version for v in ctx.records.get(str(saved.record_id)).versions] == [1]  # type: ignore[union-attr]
    done = _correct_in_the_window(qtbot, ctx, str(saved.record_id), lambda d: type_text(qtbot, d.reason, "姓名少录一字"))
    assert "已保存更正" in done.form.result.text()
    second = ctx.records.get(str(saved.record_id)).versions[1]  # type: ignore[union-attr]
    assert (second.change_reason, second.approved_by) == ("姓名少录一字", None)


def test_a_correction_of_an_accepted_record_needs_a_supervisor_in_the_dialog_and_is_accepted_with_it(
    qtbot, ctx: AppContext, db: Database, platform, memory_keyring, tmp_path: Path  # type: ignore[no-untyped-def]  # noqa: F811
) -> None:
    settings = SettingsService(db)
    settings.set("platform.url", platform.url, operator="tester")
    settings.set("platform.account", ACCOUNT, operator="tester")
    memory_keyring.set_password(SERVICE, ACCOUNT, SECRET)
    saved = ctx.records.add("transition_case", factories.transition_case(), operator="clerk01")
    record_id = str(saved.record_id)
    assert engine(db).run().accepted == 1

    def reason_only(dialog: CorrectDialog) -> None:
        assert dialog.platform_accepted and dialog.approver.isVisibleTo(dialog)
        type_text(qtbot, dialog.reason, "姓名少录一字")

    refused = _correct_in_the_window(qtbot, ctx, record_id, reason_only)
    assert "负责人批准" in refused.form.result.text()
    assert [v.version for v in ctx.records.get(record_id).versions] == [1]  # type: ignore[union-attr]

    def approved(dialog: CorrectDialog) -> None:
        reason_only(dialog)
        dialog.approver.setText("boss")
        type_text(qtbot, dialog.approver_password, "secret-123")

    done = _correct_in_the_window(qtbot, ctx, record_id, approved)
    assert "已保存更正" in done.form.result.text(), done.form.result.text()
    second = ctx.records.get(record_id).versions[1]  # type: ignore[union-attr]
    assert (second.entered_by, second.change_reason, second.approved_by) == ("clerk01", "姓名少录一字", "boss")

    assert engine(db).run().accepted == 1
    assert (record_id, 2) in platform.accepted_rows()
    sent = {
        "record_id": record_id, "version": 2, "kind": "transition_case", "op": "upsert",
        "entered_at": second.entered_at, "entered_by": "clerk01",
        "change_reason": "姓名少录一字", "approved_by": "boss", "payload": second.payload,
        "applied_on": application_day(ctx.records.get(record_id).versions[0].entered_at).isoformat(),  # type: ignore[union-attr]
    }
    with sqlite3.connect(tmp_path / "platform.sqlite3") as platform_db:
        (stored,) = platform_db.execute(
            "SELECT content_hash FROM accepted WHERE record_id = ? AND version = 2", (record_id,)
        ).fetchone()
    assert stored == content_hash(sent)


def test_a_new_window_asks_for_its_first_supervisor_then_the_hall(qtbot, qapp: QApplication, fresh_db: Database) -> None:  # type: ignore[no-untyped-def]
    ctx = AppContext(Services(fresh_db))
    entry = factories.transition_case()

    def first_supervisor(modal) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(modal, login.FirstSupervisorDialog)
        modal.operator_id.setText("zhaofz")
        type_text(qtbot, modal.name, "赵负责")
        for field in (modal.password, modal.repeat):
            field.setText("secret-123")
        answer_modal(qtbot, recovery_code)
        modal.accept()

    def recovery_code(modal) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(modal, RecoveryCodeDialog)  # shown once to the first supervisor, for the hall's safe
        modal.kept.setChecked(True)
        modal.done_button.click()

    answer_modal(qtbot, first_supervisor)
    ctx.set_operator(login.log_in(ctx))
    assert ctx.operator is not None and ctx.operator.role == "supervisor"
    refused = ctx.records.add("transition_case", entry, operator=ctx.operator_id)
    assert [p.code for p in refused.errors] == ["hall_not_set"]  # no entry before the hall is set up

    def hall(modal) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(modal, hall_setup.HallSetupDialog)
        modal.edits["hall.code"].setText("220102")
        type_text(qtbot, modal.edits["hall.name"], "长春市南关区政务服务中心")
        type_text(qtbot, modal.edits["hall.authority"], "长春市道路运输管理局")
        modal.edits["window.code"].setText("03")
        modal.accept()

    answer_modal(qtbot, hall)
    assert hall_setup.ensure_hall(ctx)
    settle(qtbot)
    assert ctx.settings.hall_missing() == []
    assert hall_setup.ensure_hall(ctx)  # asked once: set up, it is not asked again
    saved = ctx.records.add("transition_case", entry, operator=ctx.operator_id)
    assert saved.ok and str(saved.receipt_no).startswith("220102-03-")
