"""A real window over a real temporary database, driven with keys as a clerk would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from clerk_app.services.institutions import InstitutionService
from clerk_app.services.operators import OperatorService
from clerk_app.services.suite import Services
from local_db.database import Database
from ui import appearance, tasks, training
from ui.context import AppContext, Training
from ui.main_window import MainWindow


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.gui)
            # The offscreen platform cannot raise windows or grab the keyboard (popups ask it to);
            # that is the test platform's limit, not the window's.
            item.add_marker(pytest.mark.qt_log_ignore(r"This plugin does not support"))


@pytest.fixture
def ctx(qapp: QApplication, db: Database, institutions: InstitutionService, supervisor: tuple[str, str]) -> Iterator[AppContext]:
    appearance.apply(qapp, "zh_CN")
    operators = OperatorService(db)
    if operators.get("clerk01") is None:  # the records fixture may have registered the clerks already
        operators.add("clerk01", "李窗口", "clerk", "clerk-pass", acting="boss")
    context = AppContext(Services(db))
    context.set_operator(operators.authenticate("clerk01", "clerk-pass"))
    yield context
    tasks.wait_all()
    QApplication.processEvents()


def open_window(qtbot, ctx: AppContext) -> MainWindow:  # type: ignore[no-untyped-def]
    """The main window on ``ctx`` at a hall PC's 1366x768, shown."""
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    return main


@pytest.fixture
def window(qtbot, ctx: AppContext) -> MainWindow:  # type: ignore[no-untyped-def]
    return open_window(qtbot, ctx)


@pytest.fixture
def practice(ctx: AppContext, tmp_path: Path) -> Iterator[Training]:
    """The reference platform started as training mode starts it, and the window's settings pointing at it."""
    _folder, started = training.prepare(tmp_path / "platform")
    ctx.training = started
    training.set_up(ctx, started)
    yield started
    training.stop(started)


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type as a clerk does: ASCII as keystrokes, Chinese as an input method commits it."""
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Wait until every background task has delivered its answer."""
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=10000)


def answer_modal(qtbot, act: Callable[[QWidget], None]) -> None:  # type: ignore[no-untyped-def]
    """Act on the next modal dialog (message box, void dialog…) as soon as it opens."""

    def attempt() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(20, attempt)
            return
        act(modal)

    QTimer.singleShot(0, attempt)


def press(qtbot, widget: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(widget, key, modifier)
