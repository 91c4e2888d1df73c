"""The counter in the window: a card laid on the (simulated or real ctypes) reader, scans anywhere, through real Qt events."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from local_db import platform_cache
from tests import factories
from tests.devices import cards
from tests.ui.conftest import answer_modal, open_window, settle, type_text
from tests.ui.timed_keys import Keyboard
from ui.certificate_view import CertificateDialog
from ui.main_window import MainWindow
from ui.record_view import RecordDialog


@pytest.fixture
def counter(qtbot, ctx) -> MainWindow:  # type: ignore[no-untyped-def]
    ctx.settings.set("reader.backend", "simulator", operator="boss")
    main = open_window(qtbot, ctx)
    qtbot.waitUntil(lambda: main.counter.state_label.text() == "身份证阅读器：模拟", timeout=5000)
    yield main
    main.close()


def application(window: MainWindow):  # type: ignore[no-untyped-def]
    window.entry.show_kind("qualification_application")
    return window.entry.forms["qualification_application"]


def test_a_card_fills_the_application_and_the_record_keeps_what_came_from_it(qtbot, counter, ctx) -> None:  # type: ignore[no-untyped-def]
    form = application(counter)
    card = cards.resident()
    counter.counter.place(card)
    qtbot.waitUntil(lambda: form.widgets["id_number"].text() == card["id_number"], timeout=5000)
    assert form.widgets["name"].text() == "王卡读"
    assert form.widgets["licence_no"].text() == card["id_number"]  # a mainland licence is the ID number
    assert QApplication.focusWidget() is form.widgets["licence_class"]  # the first field the form still needs
    assert "读卡路" in form.card.note.text()  # the address is shown to check against the person …
    keys = Keyboard()
    keys.scan("JL-B2-2026-000888")  # the completion certificate, scanned
    qtbot.waitUntil(lambda: form.widgets["completion_certificate_no"].text() == "JL-B2-2026-000888", timeout=5000)
    assert QApplication.focusWidget() is form.widgets["licence_class"]
    keys.type("B")
    keys.key(Qt.Key.Key_Return)
    assert form.last_receipt, form.result.text()
    detail = ctx.records.get(form.last_receipt)
    assert detail.versions[0].from_card == ("id_number", "licence_no", "name")
    assert detail.versions[0].payload["licence_class"] == "B2"
    assert "读卡路" not in str(detail.as_dict())  # … and never kept
    assert form.card.card is None and not form.card.note.isVisible()
    dialog = RecordDialog(ctx, form.last_receipt, counter)
    qtbot.addWidget(dialog)
    shown = [dialog.versions.item(row, 0).text() for row in range(dialog.versions.rowCount()) if dialog.versions.item(row, 0)]
    audit = [dialog.audit.item(row, col).text() for row in range(dialog.audit.rowCount()) for col in range(dialog.audit.columnCount())
             if dialog.audit.item(row, col)]
    assert any(text.startswith("身份证号、") and "姓名" in text for text in shown), shown  # the version says it
    assert any("读自身份证：身份证号" in text for text in audit), audit  # and so does its audit row
    settle(qtbot)


def test_card_values_are_not_typed_over_until_cleared(qtbot, counter) -> None:  # type: ignore[no-untyped-def]
    form = application(counter)
    counter.counter.place(cards.resident())
    qtbot.waitUntil(lambda: form.widgets["name"].text() == "王卡读", timeout=5000)
    name = form.widgets["name"]
    type_text(qtbot, name, "x")
    qtbot.keyClicks(name, "abc")
    assert name.text() == "王卡读"
    qtbot.keyClick(name, Qt.Key.Key_Delete)  # the clerk clears the card's value first …
    assert name.text() == "" and not name.isReadOnly()
    qtbot.keyClicks(name, "Wang")  # … then may type
    assert name.text() == "Wang"
    assert form.card.fields() == ["id_number", "licence_no"]


def test_another_persons_typed_data_is_replaced_only_when_the_clerk_says_so(qtbot, counter) -> None:  # type: ignore[no-untyped-def]
    form = application(counter)
    typed = factories.id_number("19700101", 123)
    type_text(qtbot, form.widgets["id_number"], typed)
    type_text(qtbot, form.widgets["name"], "钱七")
    answer_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.No).click())
    counter.counter.place(cards.resident())
    qtbot.waitUntil(lambda: "没有换人" in counter.counter.last_message, timeout=5000)
    assert form.widgets["id_number"].text() == typed and form.widgets["name"].text() == "钱七"
    counter.counter.simulator.take_away()
    qtbot.wait(700)  # the reader sees it empty, so the same card counts as placed again
    answer_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    counter.counter.place(cards.resident())
    qtbot.waitUntil(lambda: form.widgets["name"].text() == "王卡读", timeout=5000)


def test_a_bad_read_fills_nothing_and_says_why(qtbot, counter) -> None:  # type: ignore[no-untyped-def]
    form = application(counter)
    good = cards.id_number()
    counter.counter.place(cards.resident(id_number=good[:-1] + ("0" if good[-1] != "0" else "1")))
    qtbot.waitUntil(lambda: "校验码" in form.result.text(), timeout=5000)
    assert "没有填入任何内容" in form.result.text() and "校验码" in counter.counter.last_message
    assert form.widgets["id_number"].text() == "" and form.widgets["name"].text() == ""


def test_an_expired_card_is_read_with_a_warning(qtbot, counter) -> None:  # type: ignore[no-untyped-def]
    form = application(counter)
    counter.counter.place(cards.resident(valid_to="20201231"))
    qtbot.waitUntil(lambda: form.widgets["name"].text() == "王卡读", timeout=5000)
    assert "2020-12-31 过期" in form.result.text()


def test_a_scan_never_reaches_the_focused_field(qtbot, counter, ctx) -> None:  # type: ignore[no-untyped-def]
    saved = ctx.records.add("training_completion", factories.training_completion(), operator="clerk01")
    form = application(counter)
    name = form.widgets["name"]
    name.setFocus()
    keys = Keyboard()
    keys.scan("QWERTY-NOT-A-CODE!")  # a code the window cannot place
    qtbot.waitUntil(lambda: "无法识别" in counter.counter.last_message, timeout=5000)
    assert name.text() == ""
    keys.scan(saved.receipt_no)  # a receipt: its record opens
    qtbot.waitUntil(lambda: isinstance(counter.counter.dialog, RecordDialog) and counter.counter.dialog.isVisible())
    assert saved.receipt_no in counter.counter.dialog.header.text() and name.text() == ""
    counter.counter.dialog.reject()


def test_typing_is_not_a_scan(qtbot, counter) -> None:  # type: ignore[no-untyped-def]
    form = application(counter)
    form.widgets["completion_certificate_no"].setFocus()
    keys = Keyboard()
    keys.type("JL-B2-2026-1")  # a clerk's pace: 150 ms between keys
    keys.settle()
    assert form.widgets["completion_certificate_no"].text() == "JL-B2-2026-1"
    fast_but_short = form.widgets["phone"]
    fast_but_short.setFocus()
    keys.scan("1390")  # under 8 characters: typed, even at a scanner's pace
    assert fast_but_short.text() == "1390"


def test_a_password_field_takes_no_part(qtbot, counter) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLineEdit

    secret = QLineEdit()
    secret.setEchoMode(QLineEdit.EchoMode.Password)
    qtbot.addWidget(secret)
    secret.show()
    secret.activateWindow()
    secret.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is secret)
    Keyboard().scan("220100-01-20261208-0001")
    assert secret.text() == "220100-01-20261208-0001"


def test_a_certificate_qr_shows_the_certificate(qtbot, counter, ctx, db) -> None:  # type: ignore[no-untyped-def]
    holder = factories.id_number("19800101", 555)
    with db.write() as session:
        platform_cache.save_qualifications(session, [{
            "certificate_no": "JL2026000555", "category": "freight", "name": "赵持证", "id_number": holder,
            "first_issued_on": "2024-03-01", "issued_on": "2024-03-01", "valid_from": "2024-03-01", "valid_until": "2030-03-01",
            "status": "valid", "verify_url": "https://pt.example/verify/JL2026000555/Zq81xK",
        }], at="2026-12-01T09:00:00+08:00")
    Keyboard().scan("https://pt.example/verify/JL2026000555/Zq81xK")
    qtbot.waitUntil(lambda: isinstance(counter.counter.dialog, CertificateDialog), timeout=5000)
    dialog = counter.counter.dialog
    qtbot.waitUntil(lambda: dialog.found is not None, timeout=10000)
    assert "赵持证" in dialog.values["holder"].text() and holder not in dialog.values["holder"].text()
    assert dialog.values["validity"].text() == "2024-03-01 至 2030-03-01" and dialog.values["status"].text() == "有效"
    assert "本周期" in dialog.values["ce"].text()
    dialog.reject()


def test_an_id_number_scan_opens_the_lookup(qtbot, counter) -> None:  # type: ignore[no-untyped-def]
    Keyboard().scan(cards.id_number())
    qtbot.waitUntil(lambda: counter.stack.currentWidget() is counter.__dict__.get("lookup"), timeout=5000)
    assert counter.lookup.box.text() == cards.id_number()
    settle(qtbot)


def test_a_completion_number_without_an_application_form_goes_nowhere(qtbot, counter) -> None:  # type: ignore[no-untyped-def]
    counter.entry.show_kind("transition_case")
    field = counter.entry.forms["transition_case"].widgets["name"]
    field.setFocus()
    Keyboard().scan("JL-B2-2026-000888")
    qtbot.waitUntil(lambda: "只有在资格证申请表" in counter.counter.last_message, timeout=5000)
    assert field.text() == ""


@pytest.mark.skipif(sys.platform != "linux" or shutil.which("gcc") is None,
                    reason="the fake sdtapi library is a Linux .so compiled with gcc (Linux only, gcc needed)")
def test_the_real_reader_path_in_the_status_line(qtbot, ctx, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    library = tmp_path / "libsdtapi.so"
    source = Path(__file__).parents[1] / "devices" / "fake_sdtapi.c"
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", library, source], check=True)
    control, message = tmp_path / "control.txt", tmp_path / "message.bin"
    monkeypatch.setenv("FAKE_SDT_CONTROL", str(control))
    monkeypatch.setenv("FAKE_SDT_MESSAGE", str(message))
    control.write_text("4242 144 128 144 144 256 0\n")  # the reader sits on no probed port
    ctx.settings.set("reader.backend", "sdtapi", operator="boss")
    ctx.settings.set("reader.library", str(library), operator="boss")
    main = open_window(qtbot, ctx)
    label = main.counter.state_label
    qtbot.waitUntil(lambda: label.text() == "身份证阅读器：未连接", timeout=5000)
    assert "USB" in label.toolTip()
    message.write_bytes(__import__("clerk_app.domain.id_card", fromlist=["x"]).encode_base_message("resident", cards.resident()))
    control.write_text("1001 144 159 144 144 256 0\n")  # plugged in, a card on it
    qtbot.waitUntil(lambda: label.text() == "身份证阅读器：就绪", timeout=10000)
    form = main.entry.current()
    qtbot.waitUntil(lambda: form.widgets["name"].text() == "王卡读", timeout=5000)
    main.close()


def test_the_supervisor_sets_the_reader_and_tests_it(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.set_operator(ctx.operators.authenticate("boss", "secret-123"))
    qtbot.keyClick(window, Qt.Key.Key_F7)
    screen = window.settings
    panel = screen.reader
    assert "reader.backend" in screen.edits and panel.isVisible()
    panel.edits["reader.backend"].setText("sdtapi")
    panel.edits["reader.library"].setText("")
    panel.edits["reader.port"].setText("1003")
    qtbot.mouseClick(panel.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.test_button.isEnabled(), timeout=10000)
    assert "无法加载阅读器驱动程序" in panel.result.text() or "未找到身份证阅读器" in panel.result.text()
    panel.edits["reader.backend"].setText("simulator")
    qtbot.mouseClick(panel.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "模拟阅读器可用" in panel.result.text(), timeout=10000)
    panel.edits["reader.port"].setText("0")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert ctx.settings.get("reader.backend") == "simulator", screen.message.text()
    qtbot.waitUntil(lambda: window.counter.state_label.text() == "身份证阅读器：模拟", timeout=5000)
    panel.edits["reader.port"].setText("99")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert "1001–1016" in screen.message.text() and ctx.settings.get("reader.port") == 0
