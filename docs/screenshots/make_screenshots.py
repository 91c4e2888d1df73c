"""Pictures of every screen at 1366×768, in Chinese, for this folder (a documentation tool: not part of the
product or of the tests, so it lives here beside its pictures, as docs/samples/make_samples.py does).

Run under a virtual display so the real xcb platform draws the window:

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/make_screenshots.py [OUT_DIR]

It builds a throw-away database with sample entries, starts the reference
platform on loopback (as training mode does), runs the end-of-day upload (one
entry is refused by the platform) and opens each screen and dialog the way a
clerk would, and the import preview of a damaged list; 17 is the training-mode banner.
Then the same window in English (``en-*.png``) with its print preview and calibration dialogs.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from PySide6.QtCore import QThread, QTimer  # noqa: E402
from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget  # noqa: E402

from clerk_app.services.institutions import InstitutionService  # noqa: E402
from clerk_app.services.operators import OperatorService  # noqa: E402
from clerk_app.services.records import RecordService  # noqa: E402
from clerk_app.services.settings import SettingsService  # noqa: E402
from clerk_app.services.suite import Services  # noqa: E402
from local_db.database import Database  # noqa: E402
from tests import factories  # noqa: E402
from tests.importing.lists import damaged_list  # noqa: E402
from ui import appearance, login, tasks, training  # noqa: E402
from ui.ce_sessions import SessionsEditor  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.entry_form import EntryForm  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.record_view import CorrectDialog, RecordDialog, VoidDialog  # noqa: E402

SIZE = (1366, 768)


def _sample(db: Database) -> list[str]:
    """A window set up as a hall's first supervisor would (operators, then the hall), with a few entries."""
    operators = OperatorService(db)
    operators.add("boss", "赵负责", "supervisor", "secret-123", acting="boss")
    operators.add("clerk01", "李窗口", "clerk", "clerk-pass", acting="boss")
    hall = {
        "hall.code": "220100",
        "hall.name": "长春市示例政务服务中心",
        "hall.authority": "长春市道路运输管理局",
        "window.code": "01",
        "hall.phone": "0431-88886666",  # 咨询电话 on the receipts
    }
    for key, value in hall.items():  # no record is saved before the hall is set up
        SettingsService(db).set(key, value, operator="boss")
    for payload in (factories.DRIVING_SCHOOL, factories.CE_SCHOOL):
        InstitutionService(db).add(payload, operator="boss")
    records = RecordService(db)
    keys = []
    people = [("张三", 123), ("欧阳·买买提", 135), ("王小红", 246), ("刘建国", 357)]
    for name, seq in people:
        outcome = records.add(
            "training_completion",
            factories.training_completion(
                name=name, id_number=factories.id_number(seq=seq), certificate_no=f"JL-B2-2026-{seq:06d}"
            ),
            operator="clerk01",
        )
        keys.append(outcome.record_id or "")
    records.add("ce_hours", factories.ce_hours(), operator="clerk01")
    records.correct(keys[0], factories.training_completion(name="张三丰"), operator="clerk01", reason="姓名录错，已核对身份证")
    # The platform knows no completion under this number: it sends the application back, with its reason.
    records.add(
        "qualification_application",
        factories.qualification_application(
            id_number=factories.id_number(seq=468), name="赵六", completion_certificate_no="JL-B2-2026-999999"
        ),
        operator="clerk01",
    )
    return keys


def _settle(app: QApplication) -> None:
    for _ in range(50):
        app.processEvents()
        if not tasks.busy():
            break
        QThread.msleep(20)
    app.processEvents()


def _type(widget: QWidget, text: str) -> None:
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _shot(app: QApplication, widget: QWidget, path: Path) -> None:
    _settle(app)
    widget.grab()  # painting asks the lazy list for its rows; the second picture has them
    _settle(app)
    widget.grab().save(str(path))
    print(path)


def _modal(app: QApplication, open_it: Callable[[], object], act: Callable[[QWidget], None]) -> None:
    def attempt() -> None:
        modal = app.activeModalWidget()
        if modal is None:
            QTimer.singleShot(30, attempt)
            return
        act(modal)

    QTimer.singleShot(0, attempt)
    open_it()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    appearance.apply(app, "zh_CN")
    # The reference platform on loopback, as training mode starts it, so the upload and the status line are real.
    folder, practice = training.prepare(Path(tempfile.mkdtemp(prefix="clerk-shots-")))
    db = Database(folder).open(write=True, operator="boss")
    keys = _sample(db)
    ctx = AppContext(Services(db))
    training.set_up(ctx, practice)

    def shoot_login(dialog: QWidget) -> None:
        dialog.resize(520, 300)
        assert isinstance(dialog, login.LoginDialog)
        dialog.operator_id.setText("clerk01")
        dialog.password.setText("clerk-pass")
        _shot(app, dialog, out / "01-login.png")
        dialog.accept()

    _modal(app, lambda: ctx.set_operator(login.log_in(ctx)), shoot_login)
    window = MainWindow(ctx)
    ctx.training = practice  # after the window is built: the platform's secret for uploads, without the banner
    window.auto_upload.timer.stop()
    window.resize(*SIZE)
    window.show()
    _entries(app, window, db, out)

    window.show_screen(window.upload)
    dialog = window.upload.upload(end_of_day=True)
    for _ in range(500):
        if dialog.close_button.isEnabled():
            break
        _settle(app)
    _settle(app)
    dialog.resize(760, dialog.sizeHint().height())
    _shot(app, dialog, out / "07-end-of-day-upload.png")
    dialog.accept()
    window.status.refresh()
    _shot(app, window, out / "08-upload-screen.png")

    window.show_screen(window.lookup)
    _shot(app, window, out / "09-record-list.png")
    _type(window.lookup.box, "张")
    window.lookup.search()
    _shot(app, window, out / "10-lookup-results.png")
    window.lookup.box.clear()

    record = RecordDialog(ctx, keys[0], window)
    record.resize(1300, 700)
    record.show()
    _shot(app, record, out / "11-record-view.png")

    def shoot_correct(modal: QWidget) -> None:
        _shot(app, modal, out / "12-correct.png")
        modal.close()

    assert record.detail is not None
    detail = record.detail
    _modal(app, lambda: CorrectDialog(ctx, detail, record).exec(), shoot_correct)

    def shoot_void(modal: QWidget) -> None:
        assert isinstance(modal, VoidDialog)
        modal.supervisor.setText("boss")
        _type(modal.reason, "重复录入")
        _shot(app, modal, out / "13-void.png")
        modal.close()

    _modal(app, lambda: VoidDialog(ctx, detail, record).exec(), shoot_void)
    record.close()

    window.show_screen(window.rejected)
    _shot(app, window, out / "14-rejected.png")
    ctx.platform.refresh_registry()  # the platform's public listing, as 从平台更新 brings it
    ctx.institutions_changed.emit()
    window.show_screen(window.institutions)
    _shot(app, window, out / "15-institutions.png")
    boss = OperatorService(db).authenticate("boss", "secret-123")
    ctx.set_operator(boss)
    window.show_screen(window.settings)
    _shot(app, window, out / "16-settings.png")
    window.show_screen(window.importer)
    window.importer.load(str(damaged_list(folder / "长春示例驾校结业名单.xlsx")))
    _settle(app)
    window.importer.table.selectRow(1)  # a refused row: its whole reason shows below the table
    _shot(app, window, out / "18-import-preview.png")
    window.close()

    trainee = MainWindow(ctx)  # built with training on: the banner on every screen
    trainee.auto_upload.timer.stop()
    trainee.resize(*SIZE)
    trainee.show()
    trainee.show_screen(trainee.lookup)
    _shot(app, trainee, out / "17-training-mode.png")
    trainee.close()
    _english(app, db, keys[1], out)
    tasks.wait_all()
    db.close()
    training.stop(practice)


def _line(form: EntryForm, name: str) -> QLineEdit:
    widget = form.widgets[name]
    assert isinstance(widget, QLineEdit), name
    return widget


def _combo(form: EntryForm, name: str) -> QComboBox:
    widget = form.widgets[name]
    assert isinstance(widget, QComboBox), name
    return widget


def _english(app: QApplication, db: Database, record_id: str, out: Path) -> None:
    """The English window (ui.language en) and its print dialogs: en-*.png, no Chinese outside the data."""
    from ui import printing  # ReportLab and PDFium, as the window loads them

    ctx = AppContext(Services(db), lang="en")  # not in training: no practice banner
    ctx.set_operator(OperatorService(db).authenticate("boss", "secret-123"))
    ctx.settings.set("ui.language", "en", operator="boss")  # as 设置 leaves it: the language picker shows English
    appearance.apply(app, "en")
    window = MainWindow(ctx)
    window.auto_upload.timer.stop()
    window.resize(*SIZE)
    window.show()
    for name, screen in (
        ("main", window.entry), ("lookup", window.lookup), ("institutions", window.institutions),
        ("settings", window.settings),
    ):
        window.show_screen(screen)
        _shot(app, window, out / f"en-{name}.png")
    record = RecordDialog(ctx, record_id, window)
    record.resize(1100, 700)
    record.show()
    _shot(app, record, out / "en-record.png")
    record.close()
    preview = printing.PreviewDialog(ctx.services.printing().receipt(record_id, operator="clerk01"), window)
    preview.show()
    _shot(app, preview, out / "en-print-preview.png")  # the printer choice sits beside 打印 (Print)
    preview.close()
    calibration = printing.CalibrationDialog(ctx, window)
    calibration.show()
    _shot(app, calibration, out / "en-calibration.png")
    calibration.close()
    window.close()
    appearance.apply(app, "zh_CN")


def _entries(app: QApplication, window: MainWindow, db: Database, out: Path) -> None:
    """The four entry forms as a clerk fills them, one with refused fields, and the near-duplicate question."""
    form = window.entry.show_kind("training_completion")
    _line(form, "id_number").setText(factories.id_number("19900101", 135))
    _type(form.widgets["name"], "王五")
    _line(form, "phone").setText("1390000111")
    _combo(form, "training_scope").setCurrentIndex(1)
    _combo(form, "vehicle_class").setCurrentIndex(2)
    _line(form, "institution_code").setText("JLDT0001  长春市示例驾驶员培训学校（虚构）")
    _line(form, "training_start").setText(factories.days_ago(40))
    _line(form, "training_end").setText(factories.days_ago(50))
    form._touched.update(form.widgets)  # show every message, as after leaving each field
    form.check()
    _shot(app, window, out / "02-entry-training-completion.png")

    ce = window.entry.show_kind("ce_hours")
    _line(ce, "id_number").setText(factories.ce_hours()["id_number"])
    _type(ce.widgets["name"], "李四")
    sessions = ce.widgets["sessions"]
    assert isinstance(sessions, SessionsEditor)
    sessions.set_sessions(factories.ce_hours()["sessions"])
    ce.check()
    _shot(app, window, out / "03-entry-ce-hours.png")

    qa = window.entry.show_kind("qualification_application")
    _line(qa, "id_number").setText(factories.id_number(seq=357))
    _type(qa.widgets["name"], "刘建国")
    _line(qa, "licence_no").setText(factories.id_number(seq=357))
    _combo(qa, "licence_class").setCurrentIndex(_combo(qa, "licence_class").findData("B2"))
    _line(qa, "completion_certificate_no").setText("JL-B2-2026-000357")
    qa.check()  # set programmatically, so checked here as typing would have (birth date and sex appear)
    _shot(app, window, out / "04-entry-qualification-application.png")

    tc = window.entry.show_kind("transition_case")
    RecordService(db).add(
        "transition_case",
        {"id_number": factories.id_number(seq=579), "name": "孙八", "situation": "passed_not_collected", "event_date": "2020-11-10"},
        operator="clerk01",
    )
    _line(tc, "id_number").setText(factories.id_number(seq=579))
    _type(tc.widgets["name"], "孙八")
    _combo(tc, "situation").setCurrentIndex(1)
    _line(tc, "event_date").setText("2020-11-10")
    tc.check()
    _shot(app, window, out / "05-entry-transition-case.png")

    def shoot_duplicate(box: QWidget) -> None:
        _shot(app, box, out / "06-near-duplicate.png")
        box.close()

    _modal(app, tc.save, shoot_duplicate)
    tc.clear()
    qa.clear()
    window.entry.show_kind("training_completion")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
