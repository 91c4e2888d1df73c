"""Issue 14 items 3 and 4, at the window: the CE cycle known as the ID number is typed, and the driver's papers printed.

Against the reference platform on loopback, seeded with what the province
knew before (a driver certified and trained at other windows): the CE form
shows the cycle total from the platform, again from the cache once the
platform is stopped, and from a typed 初次领证日期 when nothing is known; the
certificate and the CE statement print from a record and from 查询, through
the choice and preview dialogs, and the PDFs read back hold the name and the
figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from clerk_app.printing.service import PrintJob
from local_db.database import Database
from sync.credentials import SERVICE
from sync.reference_platform import Account, ReferencePlatform
from tests import factories
from tests.conftest import HALL
from tests.printing import readback
from tests.sync.conftest import MemoryKeyring, engine
from tests.sync.test_ce_standing import DRIVER, certified_elsewhere
from tests.ui.conftest import settle, type_text
from ui.certificate_choice import CertificateChoice
from ui.context import AppContext, Training
from ui.lookup import LookupScreen
from ui.main_window import MainWindow
from ui.printing import PreviewDialog
from ui.record_view import RecordDialog

ACCOUNT, SECRET = "win-ce", "s3cret-ce-window"


@pytest.fixture
def platform(ctx: AppContext, tmp_path: Path) -> Iterator[ReferencePlatform]:
    """A platform that knows the driver from other windows; the window pointed at it, its secret in a keyring."""
    server = ReferencePlatform(tmp_path / "platform.sqlite3", [Account(ACCOUNT, SECRET, HALL["hall.code"])])
    server.start(port=0)
    certified_elsewhere(server)
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    backend.set_password(SERVICE, ACCOUNT, SECRET)
    for key, value in (("platform.url", server.url), ("platform.account", ACCOUNT), ("upload.auto", "off")):
        ctx.settings.set(key, value, operator="tester")
    yield server
    server.close()
    keyring.set_keyring(previous)


def _window(qtbot, ctx: AppContext) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def _printed(qtbot, click: Callable[[], None], *, choose: Callable[[CertificateChoice], None] | None = None) -> bytes:  # type: ignore[no-untyped-def]
    """Click a print button, answer the certificate choice (if asked), and return the PDF the preview shows."""
    return _previewed(qtbot, click, choose=choose).pdf


def _previewed(qtbot, click: Callable[[], None], *, choose: Callable[[CertificateChoice], None] | None = None) -> PrintJob:  # type: ignore[no-untyped-def]
    """Click a print button, answer the certificate choice (if asked), and return the job the preview shows.

    The dialogs run their own event loops, so they are answered from a timer that fires inside them."""
    jobs: list[PrintJob] = []
    said: list[str] = []

    def answer() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, CertificateChoice) and choose is not None:
            choose(modal)
            modal.accept()
        elif isinstance(modal, PreviewDialog):
            jobs.append(modal.job)
            modal.reject()
            return
        elif isinstance(modal, QMessageBox):
            said.append(modal.text())
            modal.reject()
            return
        QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)
    click()
    qtbot.waitUntil(lambda: bool(jobs or said), timeout=30000)
    settle(qtbot)
    assert not said, said
    return jobs[0]


def _words(pdf: bytes) -> str:
    return readback.text(pdf).replace("\n", "").replace(" ", "")


def test_the_ce_form_knows_the_cycle_from_the_platform_then_from_its_cache_then_from_a_typed_date(  # type: ignore[no-untyped-def]
    qtbot, ctx: AppContext, platform: ReferencePlatform
) -> None:
    window = _window(qtbot, ctx)
    form = window.entry.show_kind("ce_hours")
    panel = form.cycle
    type_text(qtbot, form.widgets["id_number"], DRIVER)
    qtbot.waitUntil(lambda: "省平台数据" in panel.text.text(), timeout=15000)
    shown = panel.text.text()
    assert "据省平台的证书" in shown, shown
    assert "面授 6 学时（本窗口 0，其他窗口 6）；网络 4 学时（本窗口 0，其他窗口 4）" in shown
    assert "已计入 10 / 24 学时，还差 14 学时。" in shown
    assert panel.print_button.isEnabled()
    type_text(qtbot, form.widgets["qualification_first_issued_on"], "20200101")  # not what the certificate says
    qtbot.waitUntil(lambda: "与证书记录不符" in panel.text.text(), timeout=15000)
    assert "已计入 10 / 24 学时" in panel.text.text()  # the certificate's date still places the cycle

    platform.close()  # the network is cut: the same driver typed again
    form.clear()
    type_text(qtbot, form.widgets["id_number"], DRIVER)
    qtbot.waitUntil(lambda: "未连上省平台" in panel.text.text(), timeout=30000)
    shown = panel.text.text()
    assert "据本机缓存的证书" in shown and "据本机缓存的省平台数据" in shown, shown
    assert "已计入 10 / 24 学时，还差 14 学时。" in shown

    # A driver nobody knows: the window asks for the date on the paper certificate, then counts from it.
    stranger = factories.ce_hours()
    assert ctx.records.add("ce_hours", stranger, operator="clerk01").ok
    form.clear()
    type_text(qtbot, form.widgets["id_number"], stranger["id_number"])
    qtbot.waitUntil(lambda: "不知道此人的初次领证日期" in panel.text.text(), timeout=30000)
    assert not panel.print_button.isEnabled()
    type_text(qtbot, form.widgets["qualification_first_issued_on"], "20250301")
    qtbot.waitUntil(lambda: "据填写的初次领证日期" in panel.text.text(), timeout=15000)
    shown = panel.text.text()
    assert "本周期 2025-03-01 至 2027-02-28" in shown and "已计入 6.5 / 24 学时，还差 17.5 学时" in shown, shown
    assert "本窗口待上传的 6.5 学时已计入" in shown
    settle(qtbot)


def test_certificate_and_ce_statement_print_from_the_record_and_from_lookup(  # type: ignore[no-untyped-def]
    qtbot, ctx: AppContext, db: Database, platform: ReferencePlatform
) -> None:
    # An application accepted by the platform (its completion sent first), and a CE entry of the driver here.
    assert ctx.records.add("training_completion", factories.training_completion(), operator="clerk01").ok
    application = ctx.records.add("qualification_application", factories.qualification_application(), operator="clerk01")
    here = factories.ce_hours(id_number=DRIVER, name="周远方", qualification_cert_no=DRIVER)
    entry = ctx.records.add("ce_hours", here, operator="clerk01")
    assert application.ok and entry.ok, (application.errors, entry.errors)
    summary = engine(db).run(end_of_day=False)
    assert summary.accepted == 3, summary
    window = _window(qtbot, ctx)

    record = RecordDialog(ctx, str(application.record_id), window)
    qtbot.addWidget(record)
    record.show()
    assert record.certificate_button.isEnabled() and not record.statement_button.isVisible()
    pdf = _printed(qtbot, record.certificate_button.click, choose=lambda d: d.plain.setChecked(True))
    words = _words(pdf)
    assert "张三" in words and factories.id_number() in words and "从业资格证" in words

    ce_record = RecordDialog(ctx, str(entry.record_id), window)
    qtbot.addWidget(ce_record)
    ce_record.show()
    assert ce_record.statement_button.isEnabled() and not ce_record.certificate_button.isVisible()
    words = _words(_printed(qtbot, ce_record.statement_button.click))
    # 10 h from another window (6 + 4 online) and 6.5 entered here: 16.5 of 24.
    assert "周远方" in words and DRIVER in words
    assert "本周期已计入16.5应完成24" in words and "尚缺学时7.5" in words, words
    assert "本窗口录入记录" in words and "吉林省道路运输从业资格平台已接收记录" in words

    screen = window.lookup
    assert isinstance(screen, LookupScreen)
    window.show_screen(screen)
    type_text(qtbot, screen.box, factories.id_number())  # typed, not searched: the papers go by ID number
    again = _previewed(qtbot, screen.certificate_button.click, choose=lambda d: d.plain.setChecked(True))
    assert "张三" in _words(again.pdf)
    assert again.reprint_count == 1 and "补打" in _words(again.pdf)  # the second print is a reprint, and recorded
    screen.box.clear()
    type_text(qtbot, screen.box, DRIVER)
    words = _words(_printed(qtbot, screen.statement_button.click))
    assert "周远方" in words and "本周期已计入16.5应完成24" in words


def test_papers_printed_from_a_window_in_training_mode_are_marked_practice(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    ctx.training = Training(platform_url="", account="", secret="")  # only the flag matters to printing
    saved = ctx.records.add("ce_hours", factories.ce_hours(qualification_first_issued_on="2025-03-01"), operator="clerk01")
    assert saved.ok, saved.errors
    window = _window(qtbot, ctx)
    record = RecordDialog(ctx, str(saved.record_id), window)
    qtbot.addWidget(record)
    record.show()
    for click in (record.print_button.click, record.statement_button.click):
        pages = readback.page_texts(_printed(qtbot, click))
        assert pages and all("练习" in page for page in pages)
