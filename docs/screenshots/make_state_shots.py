"""Pictures of the states a clerk meets besides each screen's first look (issue 15 item 6), for this folder.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_state_shots.py [OUT_DIR]

(``python3 dev.py screenshots`` runs this with the other makers.) A window
over a throw-away database with the sample entries of make_screenshots.py,
uploaded once to a reference platform on loopback (one entry sent back):
30 the form after a save (receipt number, F9, today's list), 30b its receipt's
print preview with the printer choice, 31 F1, 32 the
lock (Ctrl+L), 33 a failed login, 34-35 a record's audit and print tabs, 36 a voided
record, 37 correcting from 被退回 (F4), 38-40 an upload in progress, being
cancelled and ending with unknown outcomes (the upload dialog's own methods
with a day's figures: a real run on loopback ends before it can be caught),
41-42 the status line offline and with no platform set, 43 the filing
dialog, 44 the calibration dialog, 45 the operators, 46-48 the import's
column mapping, its result and the refused rows exported, 50-53 a receipt of
each kind (the PDF drawn by pdftoppm); then en-near-duplicate, en-lock and
en-void in the English window.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from make_screenshots import SIZE, _modal, _sample, _settle, _shot, _type  # noqa: E402  (beside this file)
from openpyxl import load_workbook  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem, QWidget  # noqa: E402

from clerk_app.domain.problems import problem  # noqa: E402
from clerk_app.services.operators import OperatorService  # noqa: E402
from clerk_app.services.suite import Services  # noqa: E402
from local_db.database import Database  # noqa: E402
from sync.engine import Progress, UploadSummary  # noqa: E402
from sync.status import remember_platform_hall  # noqa: E402
from tests import factories  # noqa: E402
from tests.importing.lists import damaged_list  # noqa: E402
from ui import appearance, institutions_view, login, printing, tasks, training  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.duplicate_dialog import NearDuplicateDialog  # noqa: E402
from ui.import_mapping import MappingDialog  # noqa: E402
from ui.import_view import shown  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.record_view import CorrectDialog, RecordDialog, VoidDialog  # noqa: E402
from ui.upload_view import UploadDialog  # noqa: E402


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    appearance.apply(app, "zh_CN")
    folder, practice = training.prepare(Path(tempfile.mkdtemp(prefix="clerk-state-shots-")))
    db = Database(folder).open(write=True, operator="boss")
    keys = _sample(db)
    ctx = AppContext(Services(db))
    training.set_up(ctx, practice)
    ctx.set_operator(OperatorService(db).authenticate("clerk01", "clerk-pass"))
    window = MainWindow(ctx)
    ctx.training = practice  # the platform's secret for uploads, without the training banner
    window.auto_upload.timer.stop()
    window.resize(*SIZE)
    window.show()
    summary = ctx.platform.upload(end_of_day=False)  # the application is sent back (no such completion)
    assert summary.rejected == 1, summary
    # From here on a window of this hall, not a practice one: its hall code on receipts, no practice banner.
    ctx.services.settings.set("hall.code", "220100", operator="boss")
    remember_platform_hall(db, "220100")  # as this hall's own account would answer a login
    ctx.training = None
    ctx.records_changed.emit()

    _saved_form(app, window, out)
    _modal(app, window.show_help, lambda box: (_shot(app, box, out / "31-shortcuts-f1.png"), box.close()))

    def locked(dialog: QWidget) -> None:
        assert isinstance(dialog, login.LoginDialog)
        dialog.resize(520, dialog.sizeHint().height())
        _shot(app, dialog, out / "32-lock.png")  # locked by hand (Ctrl+L); the screens are hidden behind it
        dialog.password.setText("wrong-pass")
        dialog.accept()  # refused: said in the dialog, which stays
        _shot(app, dialog, out / "33-failed-login.png")
        dialog.password.setText("clerk-pass")
        dialog.accept()

    _modal(app, window.lock, locked)
    _record_tabs(app, ctx, window, keys, out)
    _correct_rejected(app, ctx, window, out)
    _upload_states(app, ctx, window, out)
    _status_lines(app, ctx, db, out)

    ctx.set_operator(OperatorService(db).authenticate("boss", "secret-123"))
    window.show_screen(window.institutions)
    _modal(
        app,
        lambda: institutions_view.FilingDialog(ctx, window).exec(),
        lambda dialog: (_shot(app, dialog, out / "43-filing-dialog.png"), dialog.close()),
    )
    calibration = printing.CalibrationDialog(ctx, window)
    calibration.show()
    _shot(app, calibration, out / "44-calibration.png")
    calibration.close()
    window.show_screen(window.settings)
    _shot(app, window, out / "45-operators.png")
    _import_states(app, window, folder, out)
    _receipts(ctx, keys, out)
    _english_states(app, db, out)
    window.close()
    tasks.wait_all()
    db.close()
    training.stop(practice)


def _saved_form(app: QApplication, window: MainWindow, out: Path) -> None:
    form = window.entry.show_kind("transition_case")
    form.widgets["id_number"].setFocus()
    for name, text in (("id_number", factories.id_number("19800808", 579)), ("event_date", "2020-10-15")):
        widget = form.widgets[name]
        widget.setText(text)  # type: ignore[attr-defined]
    _type(form.widgets["name"], "周小燕")
    form.widgets["situation"].setCurrentIndex(2)  # type: ignore[attr-defined]
    form.save()
    _shot(app, window, out / "30-entry-saved.png")
    assert form.last_receipt is not None
    preview = printing.PreviewDialog(window.ctx.services.printing().receipt(form.last_receipt, operator="clerk01"), window)
    preview.show()
    _shot(app, preview, out / "30b-print-preview.png")  # F9: the receipt, the printer chosen beside 打印
    preview.close()


def _record_tabs(app: QApplication, ctx: AppContext, window: MainWindow, keys: list[str], out: Path) -> None:
    record = RecordDialog(ctx, keys[0], window)
    record.resize(1300, 700)
    record.show()
    record.tabs.setCurrentIndex(1)
    _shot(app, record, out / "34-record-audit.png")
    ctx.services.printing().receipt(keys[0], operator="clerk01")  # printed once, as F9 does
    record.reload()
    record.tabs.setCurrentIndex(2)
    _shot(app, record, out / "35-record-prints.png")
    record.close()
    ctx.records.void(keys[3], "重复录入，另一条为准", operator="boss", password="secret-123")
    voided = RecordDialog(ctx, keys[3], window)
    voided.resize(1300, 700)
    voided.show()
    _shot(app, voided, out / "36-voided-record.png")
    voided.close()


def _correct_rejected(app: QApplication, ctx: AppContext, window: MainWindow, out: Path) -> None:
    window.show_screen(window.rejected)
    _settle(app)
    sent_back = ctx.records.list(state="rejected")[0]
    detail = ctx.records.get(sent_back.record_id)
    assert detail is not None

    def shoot(dialog: QWidget) -> None:
        assert isinstance(dialog, CorrectDialog)
        _type(dialog.reason, "结业证书编号录错，已核对原件")
        _shot(app, dialog, out / "37-correct-from-rejected.png")
        dialog.close()

    _modal(app, lambda: CorrectDialog(ctx, detail, window).exec(), shoot)


def _upload_states(app: QApplication, ctx: AppContext, window: MainWindow, out: Path) -> None:
    """The dialog's states, drawn by its own methods with a day's figures (nothing is left to send here)."""
    window.show_screen(window.upload)
    for name, act in (
        ("38-upload-in-progress.png", lambda d: d._progress(Progress("sending", 40, 120))),
        ("39-upload-cancelling.png", lambda d: (d._progress(Progress("sending", 40, 120)), _cancelling(d))),
        ("40-upload-unknown.png", _unknown),
    ):
        dialog = UploadDialog(ctx, window, end_of_day=True)
        for _ in range(200):
            if dialog.close_button.isEnabled():
                break
            _settle(app)
        if name != "40-upload-unknown.png":  # as while it runs
            dialog.summary = None
            dialog.outcome.setText("")
            dialog.cancel_button.setEnabled(True)
            dialog.close_button.setEnabled(False)
            dialog.report_button.setEnabled(False)
        act(dialog)
        dialog.resize(760, dialog.sizeHint().height())
        dialog.show()
        _shot(app, dialog, out / name)
        dialog.summary = dialog.summary or UploadSummary()
        dialog.close_button.setEnabled(True)
        dialog.accept()


def _cancelling(dialog: UploadDialog) -> None:
    dialog._cancel.set()
    dialog.cancel_button.setEnabled(False)
    dialog.phase.setText(dialog.tr("正在停止：等这一批的结果回来…"))


def _unknown(dialog: UploadDialog) -> None:
    offline = problem("upload_offline", reason=("连接平台超时", "the platform did not answer in time"))
    dialog._finished(UploadSummary(sent=120, accepted=112, rejected=0, unknown=8, pending_left=0, stopped=offline))


def _status_lines(app: QApplication, ctx: AppContext, db: Database, out: Path) -> None:
    """The status line with the platform unreachable, then with no platform set (a window of its own each)."""
    original = str(ctx.settings.get("platform.url"))
    for name, url in (("41-status-offline.png", "http://127.0.0.1:9"), ("42-status-no-platform.png", "")):
        ctx.services.settings.set("platform.url", url, operator="boss")
        plain = AppContext(Services(db))
        plain.set_operator(OperatorService(db).authenticate("clerk01", "clerk-pass"))
        other = MainWindow(plain)
        other.auto_upload.timer.stop()
        other.resize(*SIZE)
        other.show()
        other.status.refresh()
        for _ in range(100):
            _settle(app)
            if not tasks.busy():
                break
        _shot(app, other, out / name)
        other.close()
    ctx.services.settings.set("platform.url", original, operator="boss")


def _import_states(app: QApplication, window: MainWindow, folder: Path, out: Path) -> None:
    screen = window.importer
    window.show_screen(screen)
    screen.load(str(damaged_list(folder / "长春示例驾校结业名单.xlsx")))
    _settle(app)
    assert screen.sheet is not None and screen.preview is not None
    columns = screen.preview.columns
    _modal(app, lambda: MappingDialog(columns, window).exec(), lambda d: (_shot(app, d, out / "46-import-mapping.png"), d.close()))
    screen.table.selectRow(0)
    screen.confirm_selected()
    screen.import_ready()
    _settle(app)
    _shot(app, window, out / "47-import-result.png")
    refused = folder / "退回名单.xlsx"
    screen.export(str(refused))
    _settle(app)
    sheet = load_workbook(refused).active
    assert sheet is not None
    # The three columns the export adds (reason, cell, row) are shown first: the picture is about them.
    rows = [[shown(v) for v in (*row[-3:], *row[:-3])] for row in sheet.iter_rows(values_only=True)]
    table = QTableWidget(len(rows) - 1, len(rows[0]))
    table.setWindowTitle("退回名单.xlsx")
    table.setHorizontalHeaderLabels(rows[0])
    for r, row in enumerate(rows[1:]):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))
    table.setWordWrap(True)
    table.resizeColumnsToContents()
    for column in range(table.columnCount()):
        table.setColumnWidth(column, min(table.columnWidth(column), 380))  # as Excel shows a wrapped column
    table.resizeRowsToContents()
    table.resize(*SIZE)
    table.show()
    _shot(app, table, out / "48-import-refused-exported.png")
    table.close()


def _english_states(app: QApplication, db: Database, out: Path) -> None:
    """A few of these states in the English window: the near-duplicate question, the lock, the void dialog."""
    english = AppContext(Services(db), lang="en")
    english.set_operator(OperatorService(db).authenticate("boss", "secret-123"))
    appearance.apply(app, "en")
    repeat = {"id_number": factories.id_number("19800808", 579), "name": "周小燕", "situation": "registered_not_examined",
              "event_date": "2020-10-15"}
    warnings = english.records.add("transition_case", repeat, operator="boss").errors
    question = NearDuplicateDialog(english, warnings)
    question.show()
    _shot(app, question, out / "en-near-duplicate.png")
    question.close()
    locked = login.LoginDialog(english, locked=True)
    locked.resize(520, locked.sizeHint().height())
    locked.show()
    _shot(app, locked, out / "en-lock.png")
    locked.close()
    detail = english.records.get(english.records.list(kind="transition_case")[0].record_id)
    assert detail is not None
    void = VoidDialog(english, detail)
    void.show()
    _shot(app, void, out / "en-void.png")
    void.close()
    appearance.apply(app, "zh_CN")


def _receipts(ctx: AppContext, keys: list[str], out: Path) -> None:
    """One receipt of each kind, page 1 as a picture (pdftoppm, 100 dpi, grey)."""
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found: receipts skipped", file=sys.stderr)
        return
    by_kind: dict[str, str] = {}
    for summary in ctx.records.list(limit=200):
        by_kind.setdefault(summary.kind, summary.record_id)
    for number, kind in enumerate(("training_completion", "ce_hours", "qualification_application", "transition_case")):
        if kind not in by_kind:
            continue
        job = ctx.services.printing().receipt(by_kind[kind], operator="clerk01")
        with tempfile.TemporaryDirectory() as scratch:
            pdf = Path(scratch) / "receipt.pdf"
            pdf.write_bytes(job.pdf)
            stem = out / f"{50 + number}-receipt-{kind.replace('_', '-')}"
            subprocess.run(["pdftoppm", "-png", "-r", "100", "-gray", "-singlefile", str(pdf), str(stem)], check=True)
            print(f"{stem}.png")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
