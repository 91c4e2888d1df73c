"""Pictures of the ID-card reader and scans at the counter (issue 21), for this folder.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_reader_shots.py [OUT_DIR]

A window with the simulated reader (设置 → 身份证阅读器 → 模拟). 60: a driver's
card laid on the reader filled the application (name, ID number, licence
number; the address shown beside, not kept), the completion certificate's
barcode scanned into 结业证书编号, the focus on 准驾车型; the reader's state in
the status line. 61: a certificate found by scanning its QR code (holder,
validity, status, CE standing). 62: the reader's settings after 测试阅读器.
63: a card whose number fails its check digit: the message, nothing filled.
Keys are sent with the input system's timestamps (tests/ui/timed_keys.py), so
the scans are a scanner's bursts.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from make_screenshots import SIZE, _settle, _shot  # noqa: E402  (beside this file)
from PySide6.QtWidgets import QApplication, QScrollArea  # noqa: E402

from clerk_app.services.institutions import InstitutionService  # noqa: E402
from clerk_app.services.operators import OperatorService  # noqa: E402
from clerk_app.services.settings import SettingsService  # noqa: E402
from clerk_app.services.suite import Services  # noqa: E402
from local_db import platform_cache  # noqa: E402
from local_db.database import Database  # noqa: E402
from tests import factories  # noqa: E402
from tests.devices import cards  # noqa: E402
from tests.ui.timed_keys import Keyboard  # noqa: E402
from ui import appearance  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

HOLDER = factories.id_number("19790316", 642)


def _wait(app: QApplication, condition: Callable[[], object], seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("make_reader_shots: the window did not get there")
        _settle(app)
        time.sleep(0.01)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    appearance.apply(app, "zh_CN")
    folder = Path(tempfile.mkdtemp(prefix="clerk-reader-shots-"))
    db = Database(folder).open(write=True, operator="boss")
    operators = OperatorService(db)
    operators.add("boss", "赵负责", "supervisor", "secret-123", acting="boss")
    operators.add("clerk01", "李窗口", "clerk", "clerk-pass", acting="boss")
    settings = SettingsService(db)
    hall = {"hall.code": "220100", "hall.name": "长春市示例政务服务中心", "hall.authority": "长春市道路运输管理局", "window.code": "01"}
    for key, value in {**hall, "reader.backend": "simulator"}.items():
        settings.set(key, value, operator="boss")
    for payload in (factories.DRIVING_SCHOOL, factories.CE_SCHOOL):
        InstitutionService(db).add(payload, operator="boss")
    with db.write() as session:  # a certificate this window looked up before
        platform_cache.save_qualifications(session, [{
            "certificate_no": "JL2024003187", "category": "freight", "name": "孙立新", "id_number": HOLDER,
            "first_issued_on": "2024-03-01", "issued_on": "2024-03-01", "valid_from": "2024-03-01",
            "valid_until": "2030-03-01", "status": "valid", "verify_url": "https://jl.example.gov.cn/verify/JL2024003187/q7Hx2m",
        }], at="2026-12-01T09:00:00+08:00")

    ctx = AppContext(Services(db))
    ctx.set_operator(operators.authenticate("clerk01", "clerk-pass"))
    window = MainWindow(ctx)
    window.resize(*SIZE)
    window.show()
    window.activateWindow()
    counter = window.counter
    _wait(app, lambda: "模拟" in counter.state_label.text())
    form = window.entry.show_kind("qualification_application")
    card = cards.resident(name="王卡读", address="吉林省长春市南关区人民大街 1234 号")
    counter.place(card)
    _wait(app, lambda: form.widgets["name"].text() == "王卡读")
    Keyboard().scan("JL-B2-2026-000888")
    _shot(app, window, out / "60-card-filled.png")

    Keyboard().scan("https://jl.example.gov.cn/verify/JL2024003187/q7Hx2m")
    _wait(app, lambda: getattr(counter.dialog, "found", None) is not None)
    dialog = counter.dialog
    assert dialog is not None
    dialog.adjustSize()
    _shot(app, dialog, out / "61-certificate-by-qr.png")
    dialog.reject()
    _settle(app)

    counter.simulator.take_away()  # type: ignore[union-attr]
    form.clear()
    good = cards.id_number("19881120", 517)
    _wait(app, lambda: counter.watch is not None and counter.simulator is not None and counter.simulator.read() is None)
    time.sleep(0.6)  # the reader sees it empty, so the next card counts as placed
    counter.place(cards.resident(name="陈误读", id_number=good[:-1] + ("0" if good[-1] != "0" else "1"), birth="19881120"))
    _wait(app, lambda: "校验码" in form.result.text())
    _shot(app, window, out / "63-bad-read.png")

    ctx.set_operator(operators.authenticate("boss", "secret-123"))
    screen = window.settings
    window.show_screen(screen)
    panel = screen.reader
    panel.test()
    _wait(app, lambda: panel.test_button.isEnabled() and "模拟" in panel.result.text())
    scroll = screen.findChild(QScrollArea)
    if scroll is not None:
        scroll.ensureWidgetVisible(panel)
    _shot(app, window, out / "62-reader-settings.png")
    window.close()
    db.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
