"""Starting the window: open the database, ask who is working, show the screens, check the file meanwhile.

This is the window's composition root: the one module of ``ui/`` that opens the
``Database`` (and catches its ``DatabaseProblem``); every screen gets the
services made on it (``clerk_app.services.suite``) through the ``AppContext``.

The first keystroke must not wait for the full integrity check of a large
database, so ``Database.maintain`` (integrity check, then the day's backup)
runs on a worker thread after the window is up; a damaged file stops the clerk
with a clear message before more work is typed into it.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog

from clerk_app import clock
from clerk_app.logs import setup_logging
from clerk_app.paths import data_dir
from clerk_app.services.suite import Services
from local_db.database import Database
from local_db.errors import DatabaseProblem
from ui import appearance, hall_setup, login, tasks
from ui.chain_alert import ChainAlert
from ui.context import AppContext
from ui.main_window import MainWindow

if TYPE_CHECKING:
    from sync.anchor import AnchorCheck

log = logging.getLogger("ui")
EXIT_ENVIRONMENT = 3


def check_database(window: MainWindow) -> None:
    """Run the full integrity check and daily backup in the background; stop the clerk if it fails."""

    def failed(error: BaseException) -> None:
        if isinstance(error, DatabaseProblem):
            log.error("start-up check failed: %s", error.code)
            QMessageBox.critical(window, QCoreApplication.translate("app", "数据库有问题"), error.message(window.ctx.lang))
            window.close()
        else:
            log.error("start-up check could not run", exc_info=error)

    alert = ChainAlert(window.ctx, window)

    def check() -> AnchorCheck:
        window.ctx.services.maintain(clock.today())
        return window.ctx.platform.audit_anchor()  # a chain cut or rebuilt with the file: shown to a supervisor

    tasks.run_task(check, alert.found, failed)


def settle_heap() -> None:
    """Take what start-up built out of the garbage collector's sight.

    Those objects live as long as the window. A full collection holds the GIL on
    whichever thread happens to trigger it (often the upload's worker), and
    walking every start-up object made one last 40–60 ms: a visible freeze.
    Freezing is immediate (no collection first: start-up's little garbage stays).
    """
    gc.freeze()


def open_database(app: QApplication, folder: Path, *, training: bool = False) -> Database | None:
    """The database opened for writing; a plaintext one of an older version is encrypted first, with progress shown;
    a key missing from this PC's keyring is asked for as the recovery code. None (said why) when it cannot open."""
    from ui.recovery import UnlockDialog

    progress: QProgressDialog | None = None

    def converting(done: int, total: int) -> None:
        nonlocal progress
        if progress is None:
            text = QCoreApplication.translate("app", "首次启动本版本：正在把数据库及其备份转换为加密格式，请稍候…")
            progress = QProgressDialog(text, "", 0, total)
            progress.setCancelButton(None)
            progress.setWindowTitle(QCoreApplication.translate("app", "加密数据"))
            progress.setMinimumDuration(0)
        progress.setMaximum(total)
        progress.setValue(done)
        app.processEvents()

    while True:
        try:
            # The training database holds practice data and has no recovery code: a lost key starts it afresh.
            return Database(folder, on_conversion=converting, disposable=training).open(write=True, operator="")
        except DatabaseProblem as problem:
            # The window's language is a setting inside the database that did not open: Chinese, the source language.
            appearance.register_fonts(app)
            if problem.code == "db_key_missing":
                if UnlockDialog(folder, problem.message("zh")).exec() == QDialog.DialogCode.Accepted:
                    continue
                return None
            QMessageBox.critical(None, QCoreApplication.translate("app", "无法打开数据库"), problem.message("zh"))
            return None
        finally:
            if progress is not None:
                progress.close()
                progress = None


def run(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication), "the window needs a widget application"
    folder = data_dir(args.data_dir)
    training = None
    try:
        if getattr(args, "training", False):
            from ui import training as training_mode

            folder, training = training_mode.prepare(folder)
        setup_logging(folder)
        opened = open_database(app, folder, training=training is not None)
    except DatabaseProblem as problem:
        # The window's language is a setting inside the database that did not open: Chinese, the source language.
        appearance.register_fonts(app)
        QMessageBox.critical(None, QCoreApplication.translate("app", "无法打开数据库"), problem.message("zh"))
        return EXIT_ENVIRONMENT
    if opened is None:
        return EXIT_ENVIRONMENT
    db = opened
    try:
        ctx = AppContext(Services(db), training=training)
        language = str(ctx.settings.get("ui.language"))
        ctx.lang = "en" if language == "en" else "zh"
        appearance.apply(app, language)
        if training is not None:
            training_mode.set_up(ctx, training)
        operator = login.log_in(ctx)
        if operator is None:
            return 0
        ctx.set_operator(operator)
        hall_setup.ensure_hall(ctx)  # once, before the first entry: records are not saved until the hall is set
        window = MainWindow(ctx)
        window.resize(1366, 768)
        window.show()
        settle_heap()
        check_database(window)
        return app.exec()
    finally:
        tasks.wait_all()
        if training is not None:
            training_mode.stop(training)
        db.close()
