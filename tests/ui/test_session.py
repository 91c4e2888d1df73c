"""Who is working: the idle lock hides the screens until a password is typed; training mode starts apart from real data."""

from __future__ import annotations

import argparse
import gc
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from clerk_app.services.records import RecordService
from local_db.database import Database
from tests import factories
from tests.conftest import set_up_window
from tests.ui.conftest import answer_modal, settle, type_text
from ui import app as window_app
from ui import login
from ui.main_window import MainWindow


def test_idle_lock_hides_the_screens_until_the_password(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    assert ctx.settings.get("ui.idle_lock_minutes") == 10
    seen: dict[str, object] = {}

    def unlock(modal) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(modal, login.LoginDialog)
        seen["hidden"] = not window.centralWidget().isVisible()
        seen["who"] = modal.operator_id.text()
        type_text(qtbot, modal.password, "wrong-pass")
        modal.accept()
        seen["refused"] = modal.error.text()
        type_text(qtbot, modal.password, "clerk-pass")
        modal.accept()

    answer_modal(qtbot, unlock)
    window.idle.timer.start(10)  # as if ten minutes passed without a key
    qtbot.waitUntil(lambda: "hidden" in seen and window.centralWidget().isVisible(), timeout=5000)
    assert seen == {"hidden": True, "who": "clerk01", "refused": "工号或密码不正确，请重新输入。忘记密码请找负责人。"}
    assert ctx.operator.operator_id == "clerk01" and not window.locked
    assert window.idle.timer.isActive() and window.idle.timer.interval() == 10 * 60_000


def test_training_mode_opens_a_separate_database_with_a_banner(qtbot, tmp_path: Path, qapp: QApplication) -> None:  # type: ignore[no-untyped-def]
    """``clerk-app --training`` over a data folder that holds real entries: none of them is seen or touched."""
    real = Database(tmp_path).open(write=True, operator="tester")
    set_up_window(real)
    assert RecordService(real).add("transition_case", factories.transition_case(), operator="tester").ok
    real.close()
    seen: dict[str, object] = {}

    def first_supervisor(modal) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(modal, login.FirstSupervisorDialog)  # the practice database starts empty
        modal.operator_id.setText("trainee")
        type_text(qtbot, modal.name, "新同事")
        for field in (modal.password, modal.repeat):
            field.setText("practice-1")
        modal.accept()
        QTimer.singleShot(0, look_at_window)

    def look_at_window() -> None:
        main = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        settle(qtbot)
        seen["title"] = main.windowTitle()
        seen["banner"] = [label.text() for label in main.findChildren(QLabel, "banner") if label.isVisible()]
        seen["url"] = main.ctx.settings.get("platform.url")
        seen["records"] = main.ctx.records.count()
        main.close()

    answer_modal(qtbot, first_supervisor)
    try:
        code = window_app.run(argparse.Namespace(data_dir=str(tmp_path), training=True))
    finally:
        gc.unfreeze()  # run() freezes the heap as the program does; the test process goes on collecting
    assert code == 0
    assert "【培训模式】" in str(seen["title"])
    assert any("培训模式" in text for text in seen["banner"]), seen  # type: ignore[union-attr]
    assert str(seen["url"]).startswith("http://127.0.0.1:")
    assert seen["records"] == 0
    real = Database(tmp_path).open(write=False, operator="")
    try:
        assert RecordService(real).count() == 1  # the real database kept its one entry and nothing more
    finally:
        real.close()


def test_practice_hall_or_platform_shows_the_banner_outside_training_mode(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    """A window set up with the practice hall (PX0000) or the practice platform's account is practice, even when
    not started with --training: the banner says so, and goes when a supervisor puts the real hall back."""
    from ui import training

    real_hall = ctx.settings.get("hall.code")
    ctx.settings.set("hall.code", training.HALL, operator="boss")
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show()
    assert ctx.training is None
    assert main.banner.isVisible() and main.status.training.isVisible()
    ctx.settings.set("hall.code", real_hall, operator="boss")
    ctx.settings_changed.emit()
    assert not main.banner.isVisible()
    ctx.settings.set("platform.account", training.ACCOUNT, operator="boss")
    ctx.settings_changed.emit()
    assert main.banner.isVisible()
