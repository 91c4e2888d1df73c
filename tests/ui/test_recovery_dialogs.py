"""The recovery code in the real window (offscreen): shown once to the first supervisor, asked for when this PC's
keyring lacks the key, and the plain message when neither key nor code exists."""

from __future__ import annotations

import argparse
import gc
import subprocess
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from clerk_app.services.recovery import RecoveryService
from local_db import keys
from local_db.database import Database
from tests.conftest import set_up_window
from tests.db_files import lose_key_on_this_pc
from tests.ui.conftest import answer_modal, settle, type_text
from ui import app as window_app
from ui import hall_setup, login, recovery
from ui.main_window import MainWindow


def _run(folder: Path) -> int:
    try:
        return window_app.run(argparse.Namespace(data_dir=str(folder), training=False))
    finally:
        gc.unfreeze()  # run() freezes the heap as the program does; the test process goes on collecting


def _close_main_window(qtbot) -> None:  # type: ignore[no-untyped-def]
    main = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
    settle(qtbot)
    main.close()


def test_the_first_supervisor_is_shown_the_code_once_and_it_opens_the_data(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, object] = {}

    def first_supervisor(modal) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(modal, login.FirstSupervisorDialog)
        modal.operator_id.setText("boss")
        type_text(qtbot, modal.name, "赵负责")
        for field in (modal.password, modal.repeat):
            field.setText("secret-123")
        answer_modal(qtbot, show_code)
        modal.accept()

    def show_code(modal) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(modal, recovery.RecoveryCodeDialog)
        seen["code"] = modal.code_label.text()
        seen["continue_before"] = modal.done_button.isEnabled()
        modal.reject()  # Esc: the code is not dismissed before it is kept
        seen["open_after_esc"] = modal.isVisible()
        seen["slip"] = modal._ctx.services.recovery.slip(modal._code, "boss")
        modal.kept.setChecked(True)
        answer_modal(qtbot, skip_hall)
        modal.done_button.click()

    def skip_hall(modal) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(modal, hall_setup.HallSetupDialog), type(modal)
        QTimer.singleShot(0, lambda: _close_main_window(qtbot))
        modal.reject()

    answer_modal(qtbot, first_supervisor)
    assert _run(tmp_path) == 0
    groups = str(seen["code"]).split()
    assert len(groups) == 10 and all(len(g) == 4 and g.isdigit() for g in groups)
    assert seen["continue_before"] is False and seen["open_after_esc"] is True
    slip = tmp_path / "slip.pdf"
    slip.write_bytes(seen["slip"])  # type: ignore[arg-type]
    text = subprocess.run(["pdftotext", "-layout", str(slip), "-"], capture_output=True, text=True, check=True).stdout
    assert "".join(groups) in "".join(text.split()) and "保险柜" in text
    assert keys.read_key_file(tmp_path).key_id[:8] in text  # type: ignore[union-attr]
    lose_key_on_this_pc(tmp_path)
    keys.unlock(tmp_path, " ".join(groups))  # the code shown opens the data on a new PC


def test_a_missing_key_is_said_and_the_code_unlocks_the_window(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = Database(tmp_path).open(write=True, operator="tester")
    set_up_window(db)
    code = RecoveryService(db).replace("tester")
    db.close()
    lose_key_on_this_pc(tmp_path)
    seen: dict[str, object] = {}

    def unlock(modal) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(modal, recovery.UnlockDialog), type(modal)
        seen["message"] = " ".join(label.text() for label in modal.findChildren(type(modal.error)))
        modal.code.setText("1234 " * 10)
        modal.accept()
        seen["wrong"] = modal.error.text()
        seen["still_open"] = modal.isVisible()
        modal.code.setText(code)
        answer_modal(qtbot, log_in)
        modal.accept()

    def log_in(modal) -> None:  # type: ignore[no-untyped-def]
        seen["next"] = type(modal).__name__
        modal.reject()

    answer_modal(qtbot, unlock)
    assert _run(tmp_path) == 0
    assert "钥匙串中没有这个数据目录的数据库密钥" in str(seen["message"]) and "恢复码" in str(seen["message"])
    assert "恢复码不对" in str(seen["wrong"]) and seen["still_open"] is True
    assert seen["next"] == "LoginDialog"  # unlocked: the window went on to ask who works
    keys.forget_cached_keys()
    Database(tmp_path).open(write=False).close()  # the key is in this PC's keyring now


def test_without_key_and_code_the_window_says_the_data_cannot_be_read(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = Database(tmp_path).open(write=True, operator="tester")
    set_up_window(db)  # no recovery code was ever issued
    db.close()
    lose_key_on_this_pc(tmp_path)
    seen: dict[str, str] = {}

    def message(modal) -> None:  # type: ignore[no-untyped-def]
        assert (isinstance(modal, QMessageBox) and not isinstance(modal, QDialog)) or isinstance(modal, QMessageBox)
        seen["text"] = modal.text()
        modal.close()

    answer_modal(qtbot, message)
    assert _run(tmp_path) == window_app.EXIT_ENVIRONMENT
    assert "从未生成过恢复码" in seen["text"] and "数据无法读取" in seen["text"]


def test_the_first_start_of_this_version_encrypts_behind_a_progress_dialog(
    qtbot, qapp: QApplication, tmp_path: Path, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtWidgets import QProgressDialog

    from local_db.sqlite_files import is_plaintext
    from tests.db.test_encryption import _old_version_folder

    folder = _old_version_folder(tmp_path / "data")
    shown: list[tuple[str, int, int]] = []

    class Watched(QProgressDialog):
        def setValue(self, value: int) -> None:
            shown.append((self.labelText(), value, self.maximum()))
            super().setValue(value)

    monkeypatch.setattr(window_app, "QProgressDialog", Watched)
    db = window_app.open_database(qapp, folder)
    assert db is not None
    db.close()
    assert shown[0][1:] == (0, 3) and shown[-1][1:] == (3, 3)  # the database and its two backups, file by file
    assert "加密格式" in shown[0][0]
    assert not is_plaintext(folder / "clerk.sqlite3")
