"""Entering each kind with the keyboard only, as a clerk does at the counter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from tests import factories
from tests.ui.conftest import answer_modal, settle, type_text
from ui.duplicate_dialog import NearDuplicateDialog

TAB = Qt.Key.Key_Tab


def focused():  # type: ignore[no-untyped-def]
    return QApplication.focusWidget()


def keys(qtbot, *sequence) -> None:  # type: ignore[no-untyped-def]
    """Each item is text to type into the focused field, or a key to press there."""
    for item in sequence:
        if isinstance(item, str):
            type_text(qtbot, focused(), item)
        else:
            qtbot.keyClick(focused(), item)


def down(n: int) -> list[Qt.Key]:
    return [Qt.Key.Key_Down] * n


def test_training_completion_by_keyboard_only(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    form = window.entry.forms["training_completion"]
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert focused() is form.widgets["id_number"]
    person = factories.id_number("19900101", 135)
    keys(
        qtbot,
        person, TAB, "王五", TAB, "13900001111", TAB,
        *down(1), TAB,  # 培训类型: full
        *down(2), TAB,  # 车型: B2
        "JLDT0001", TAB,
        "JL-B2-2026-009", TAB,
        factories.days_ago(40).replace("-", ""), TAB,
        factories.days_ago(20), TAB,
        factories.days_ago(5),
        Qt.Key.Key_Return,
    )
    assert "受理回执号" in form.result.text(), form.result.text()
    assert form.last_receipt and form.last_receipt in form.result.text()
    found = ctx.records.get(form.last_receipt)
    assert found is not None
    payload = found.versions[0].payload
    assert payload["name"] == "王五" and payload["vehicle_class"] == "B2"
    assert payload["training_start"] == factories.days_ago(40)
    assert found.summary.created_by == "clerk01"
    # The form is empty again and ready for the next person.
    assert form.widgets["id_number"].text() == "" and focused() is form.widgets["id_number"]
    settle(qtbot)


def test_ce_hours_with_sessions(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    form = window.entry.forms["ce_hours"]
    assert focused() is form.widgets["id_number"]
    person = factories.id_number("19800202", 246)
    keys(
        qtbot,
        person, TAB, "赵六", TAB, TAB,  # no phone
        person, TAB,
        *down(2), TAB,  # 货运
        "20200610", TAB,  # 初次领证日期 from the paper certificate
        "JLCE0001", TAB,
        "道路运输安全法规", TAB, "4", TAB, TAB, factories.days_ago(9), TAB, factories.days_ago(9), Qt.Key.Key_Return,
        "应急处置", TAB, "2.5", TAB, TAB, factories.days_ago(3), TAB, factories.days_ago(2), Qt.Key.Key_Return,
    )
    sessions = form.widgets["sessions"]
    assert sessions.table.rowCount() == 2
    assert "6.5 学时" in sessions.total.text()
    form.save_button.setFocus()
    qtbot.keyClick(form.save_button, Qt.Key.Key_Return)
    assert form.last_receipt, form.result.text()
    payload = ctx.records.get(form.last_receipt).versions[0].payload
    # JLCE0001 is filed for offline teaching: the mode box starts there (a session must be in the filed mode).
    assert [s["mode"] for s in payload["sessions"]] == ["offline", "offline"]
    assert payload["sessions"][1]["hours"] == 2.5
    assert payload["qualification_first_issued_on"] == "2020-06-10"
    settle(qtbot)


def test_qualification_application_and_transition_case(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    form = window.entry.forms["qualification_application"]
    person = factories.id_number("19750505", 357)
    classes = form.widgets["licence_class"]
    assert [classes.itemData(i) for i in range(classes.count())] == [None, "A1", "A2", "B2"]  # only these can match
    assert form.widgets["completion_certificate_no"].isVisibleTo(form)
    assert not form.widgets["previous_certificate_no"].isVisibleTo(form)
    keys(
        qtbot,
        person, TAB, "钱七", TAB, TAB,
        person, TAB,
        *down(3), TAB,  # B2
        TAB,  # 申领类型: 初次申领
        "jl-b2-2026-777", Qt.Key.Key_Return,
    )
    assert form.last_receipt, form.result.text()
    payload = ctx.records.get(form.last_receipt).versions[0].payload
    assert payload["licence_class"] == "B2" and payload["kind_of_request"] == "first_issue"
    assert payload["completion_certificate_no"] == "JL-B2-2026-777" and "previous_certificate_no" not in payload

    # A reissue asks for the previous certificate instead of the completion certificate.
    other = factories.id_number("19760606", 358)
    keys(qtbot, other, TAB, "钱八", TAB, TAB, other, TAB, *down(2), TAB, *down(1))  # A2, 补发
    assert form.widgets["previous_certificate_no"].isVisibleTo(form)
    assert not form.widgets["completion_certificate_no"].isVisibleTo(form)
    keys(qtbot, TAB, other, Qt.Key.Key_Return)
    assert form.last_receipt, form.result.text()
    payload = ctx.records.get(form.last_receipt).versions[0].payload
    assert payload["kind_of_request"] == "reissue" and payload["previous_certificate_no"] == other
    assert "completion_certificate_no" not in payload

    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    form = window.entry.forms["transition_case"]
    person = factories.id_number("19700707", 468)
    keys(qtbot, person, TAB, "孙八", TAB, TAB, *down(2))
    assert form._labels["event_date"].text() == "报名日期"  # registered_not_examined
    keys(qtbot, *down(1))
    assert form._labels["event_date"].text() == "考试日期"  # examined_failed
    keys(qtbot, TAB, "20201110", TAB, "2020年12月已报名未赶上考试")
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.last_receipt, form.result.text()
    payload = ctx.records.get(form.last_receipt).versions[0].payload
    assert payload["situation"] == "examined_failed" and payload["event_date"] == "2020-11-10"
    assert payload["note"] == "2020年12月已报名未赶上考试"
    settle(qtbot)


def test_refused_field_is_explained_and_fixed(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    form = window.entry.forms["transition_case"]
    window.entry.show_kind("transition_case")
    good = factories.id_number("19700707", 468)
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    keys(qtbot, wrong, TAB)
    qtbot.waitUntil(lambda: "校验码" in form.errors["id_number"].text())
    assert form.derived.text() == ""
    keys(qtbot, "孙八", TAB, TAB, *down(1), TAB, "20201110", Qt.Key.Key_Return)
    assert form.last_receipt is None and ctx.records.count() == 0
    assert "需要修改" in form.result.text()
    assert focused() is form.widgets["id_number"]  # the clerk is taken to the field to fix
    form.widgets["id_number"].selectAll()
    keys(qtbot, good)
    qtbot.waitUntil(lambda: form.errors["id_number"].text() == "")
    assert form.derived.text().startswith("1970-07-07") and "女" in form.derived.text()
    keys(qtbot, Qt.Key.Key_Return)
    assert form.last_receipt, form.result.text()
    assert ctx.records.count() == 1


def test_near_duplicate_is_confirmed_in_a_dialog(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    first = ctx.records.add("transition_case", {"id_number": factories.id_number("19700707", 468), "name": "孙八",
                                                "situation": "passed_not_collected", "event_date": "2020-11-10"},
                               operator="clerk01")
    assert first.ok
    form = window.entry.show_kind("transition_case")
    seen: list[str] = []

    def go_back(box) -> None:  # type: ignore[no-untyped-def]
        seen.append(box.message.text())
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    answer_modal(qtbot, go_back)
    keys(qtbot, factories.id_number("19700707", 468), TAB, "孙八", TAB, TAB, *down(1), TAB, "20201110", Qt.Key.Key_Return)
    assert seen and "重复" in seen[0]
    assert ctx.records.count() == 1 and "未保存" in form.result.text()

    def confirm(box) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(box, NearDuplicateDialog)
        box.save_button.click()

    answer_modal(qtbot, confirm)
    form.save()
    assert form.last_receipt and ctx.records.count() == 2
    detail = ctx.records.get(form.last_receipt)
    assert detail.audit[0].detail.get("confirmed_warnings") == ["possible_duplicate"]
    settle(qtbot)
    assert isinstance(form.widgets["situation"], QComboBox)
