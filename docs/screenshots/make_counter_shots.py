"""Pictures of the counter's CE cycle and papers (issue 14), for this folder (a documentation tool, beside make_screenshots.py).

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_counter_shots.py [OUT_DIR]

(or under ``xvfb-run -a -s "-screen 0 1366x768x24"`` where a virtual display is installed).

A reference platform on loopback knows a driver from other windows (his
freight certificate and 10 hours); this window holds one pending CE entry of
his. 19 is the CE form once his ID number is typed: the cycle from the
platform's 初次领证日期, the hours by mode and by where they were entered, what
is missing. 20 is 打印从业资格证 from an accepted application's record: the
choice of certificate, printer and paper, then 21 its print preview.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

import keyring  # noqa: E402
from make_screenshots import SIZE, _line, _settle, _shot, _type  # noqa: E402  (beside this file)
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from clerk_app import clock  # noqa: E402
from clerk_app.domain.dates import add_years  # noqa: E402
from clerk_app.services.institutions import InstitutionService  # noqa: E402
from clerk_app.services.operators import OperatorService  # noqa: E402
from clerk_app.services.platform import PlatformService  # noqa: E402
from clerk_app.services.records import RecordService  # noqa: E402
from clerk_app.services.settings import SettingsService  # noqa: E402
from clerk_app.services.suite import Services  # noqa: E402
from local_db.database import Database  # noqa: E402
from sync.credentials import SERVICE  # noqa: E402
from sync.reference_platform import Account, ReferencePlatform  # noqa: E402
from tests import factories  # noqa: E402
from tests.sync.conftest import MemoryKeyring  # noqa: E402  (the tests' in-memory keyring)
from ui import appearance  # noqa: E402
from ui.certificate_choice import CertificateChoice  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.printing import PreviewDialog  # noqa: E402
from ui.record_view import RecordDialog  # noqa: E402

ACCOUNT, SECRET, HALL = "win-shots", "shots-secret-01", "220100"
DRIVER = factories.id_number(seq=731)


def _known_elsewhere(platform: ReferencePlatform) -> None:
    first = add_years(clock.today(), -1)
    certificate = {
        "certificate_no": DRIVER, "category": "freight", "name": "周远方", "id_number": DRIVER,
        "first_issued_on": first.isoformat(), "issued_on": first.isoformat(),
        "valid_until": add_years(first, 6).isoformat(), "status": "valid",
    }
    day = factories.days_ago
    sessions = [
        {"course": "道路运输安全法规", "hours": 6, "mode": "offline", "start_date": day(60), "end_date": day(60)},
        {"course": "节能驾驶", "hours": 4, "mode": "online", "start_date": day(50), "end_date": day(49)},
    ]
    entry = {"id_number": DRIVER, "category": "freight", "institution_code": "JLCE0001", "sessions": sessions}
    platform.store.seed([certificate], [entry], clock.now_text())


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    appearance.apply(app, "zh_CN")
    folder = Path(tempfile.mkdtemp(prefix="clerk-counter-shots-"))
    platform = ReferencePlatform(folder / "platform.sqlite3", [Account(ACCOUNT, SECRET, HALL)])
    platform.start(port=0)
    _known_elsewhere(platform)
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    backend.set_password(SERVICE, ACCOUNT, SECRET)

    db = Database(folder).open(write=True, operator="boss")
    operators = OperatorService(db)
    operators.add("boss", "赵负责", "supervisor", "secret-123", acting="boss")
    operators.add("clerk01", "李窗口", "clerk", "clerk-pass", acting="boss")
    settings = SettingsService(db)
    hall = {"hall.code": HALL, "hall.name": "长春市示例政务服务中心", "hall.authority": "长春市道路运输管理局", "window.code": "01"}
    for key, value in {**hall, "platform.url": platform.url, "platform.account": ACCOUNT, "upload.auto": "off"}.items():
        settings.set(key, value, operator="boss")
    for payload in (factories.DRIVING_SCHOOL, factories.CE_SCHOOL):
        InstitutionService(db).add(payload, operator="boss")
    records = RecordService(db)
    records.add("training_completion", factories.training_completion(), operator="clerk01")
    application = records.add("qualification_application", factories.qualification_application(), operator="clerk01")
    PlatformService(db, operator="clerk01").upload(end_of_day=False)  # the application accepted: a certificate issued
    here = factories.ce_hours(id_number=DRIVER, name="周远方", qualification_cert_no=DRIVER)
    records.add("ce_hours", here, operator="clerk01")  # waits for the next upload

    ctx = AppContext(Services(db))
    ctx.set_operator(operators.authenticate("clerk01", "clerk-pass"))
    window = MainWindow(ctx)
    window.resize(*SIZE)
    window.show()
    form = window.entry.show_kind("ce_hours")
    _line(form, "id_number").setText(DRIVER)
    _type(form.widgets["name"], "周远方")
    _line(form, "qualification_cert_no").setText(DRIVER)
    form.check()
    for _ in range(100):  # until the platform has answered
        _settle(app)
        if "省平台数据" in form.cycle.text.text():
            break
    _shot(app, window, out / "19-ce-cycle.png")

    record = RecordDialog(ctx, str(application.record_id), window)
    record.resize(1200, 680)
    record.show()

    previewed: list[bool] = []

    def answer() -> None:
        modal = app.activeModalWidget()
        if isinstance(modal, CertificateChoice):
            modal.plain.setChecked(True)
            modal.adjustSize()
            _shot(app, modal, out / "20-certificate-choice.png")
            modal.accept()
        elif isinstance(modal, PreviewDialog):
            modal.resize(*SIZE)
            _shot(app, modal, out / "21-certificate-preview.png")
            previewed.append(True)
            modal.reject()
            return
        QTimer.singleShot(50, answer)

    QTimer.singleShot(0, answer)
    record.print_certificate()
    for _ in range(100):
        _settle(app)
        if previewed and app.activeModalWidget() is None:
            break
    record.close()
    window.close()
    db.close()
    platform.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
