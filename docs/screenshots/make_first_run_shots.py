"""Pictures of a new window's first minutes, for this folder (a documentation tool, beside make_screenshots.py).

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/make_first_run_shots.py [OUT_DIR]

On a fresh database, as a hall's first supervisor meets it: 00a the first
supervisor registers (nothing else can be done before), 00a2 the database
recovery code shown once to that supervisor, to print for the hall's safe
(the data is encrypted; the code opens it on a new PC), 00b the hall set-up
asked once (hall code, name, issuing authority, window number: no record is
saved until they are set), 00c the first entry saved, its receipt number
carrying the hall and window just set.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from make_screenshots import SIZE, _line, _modal, _shot, _type  # noqa: E402  (beside this file)
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from clerk_app.services.suite import Services  # noqa: E402
from local_db.database import Database  # noqa: E402
from tests import factories  # noqa: E402
from ui import appearance, hall_setup, login, recovery  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    appearance.apply(app, "zh_CN")
    db = Database(Path(tempfile.mkdtemp(prefix="clerk-first-run-"))).open(write=True, operator="")
    ctx = AppContext(Services(db))

    def first_supervisor(dialog: QWidget) -> None:
        assert isinstance(dialog, login.FirstSupervisorDialog)
        dialog.resize(560, 340)
        dialog.operator_id.setText("zhaofz")
        _type(dialog.name, "赵负责")
        dialog.password.setText("secret-123")
        dialog.repeat.setText("secret-123")
        _shot(app, dialog, out / "00a-first-supervisor.png")

        def code_shown() -> None:
            modal = app.activeModalWidget()
            if not isinstance(modal, recovery.RecoveryCodeDialog):
                QTimer.singleShot(30, code_shown)
                return
            modal.kept.setChecked(True)
            _shot(app, modal, out / "00a2-recovery-code.png")
            modal.done_button.click()

        QTimer.singleShot(0, code_shown)
        dialog.accept()

    _modal(app, lambda: ctx.set_operator(login.log_in(ctx)), first_supervisor)
    assert ctx.operator is not None and ctx.operator.role == "supervisor"

    def hall(dialog: QWidget) -> None:
        assert isinstance(dialog, hall_setup.HallSetupDialog)
        dialog.edits["hall.code"].setText("220102")
        _type(dialog.edits["hall.name"], "长春市南关区政务服务中心")
        _type(dialog.edits["hall.authority"], "长春市道路运输管理局")
        dialog.edits["window.code"].setText("03")
        dialog.resize(620, dialog.sizeHint().height())
        _shot(app, dialog, out / "00b-hall-setup.png")
        dialog.accept()

    _modal(app, lambda: hall_setup.ensure_hall(ctx), hall)
    assert not ctx.settings.hall_missing()

    window = MainWindow(ctx)
    window.resize(*SIZE)
    window.show()
    form = window.entry.show_kind("transition_case")
    case = factories.transition_case()
    _line(form, "id_number").setText(case["id_number"])
    _type(form.widgets["name"], case["name"])
    form._fill(case)
    form.save()
    _shot(app, window, out / "00c-first-entry.png")
    window.close()
    db.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
