"""The English window really speaks English: the compiled translation is shipped, loaded and complete."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from ui import appearance
from ui.context import AppContext
from ui.main_window import MainWindow


@pytest.fixture
def english(qapp: QApplication, ctx: AppContext):  # type: ignore[no-untyped-def]
    ctx.settings.set("ui.language", "en", operator="boss")
    ctx.lang = "en"
    appearance.apply(qapp, str(ctx.settings.get("ui.language")))
    yield ctx
    appearance.apply(qapp, "zh_CN")


def test_english_window_shows_english(qtbot, english: AppContext) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(english)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    nav = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert nav[:4] == ["Entry　F2", "Lookup　F3", "Rejected　F4", "Upload　F5"], nav
    assert window.who.text() == "Working: 李窗口 (ID clerk01, Clerk)"
    form = window.entry.forms["training_completion"]
    labels = {label.text() for label in form.findChildren(QLabel)}
    assert {"ID number", "Name", "Training completion", "Birth date / sex"} <= labels, labels
    assert form.save_button.text() == "Save (Enter)"
    assert form.widgets["vehicle_class"].itemText(2) == "B2  Large truck"
    assert window.entry.tabs.tabText(1) == "CE hours (Ctrl+2)"
    qtbot.waitUntil(lambda: window.status.counts.text().startswith("Pending 0"), timeout=10000)
    form.save()  # nothing typed: the summary line counts the fields to fix, in English
    assert "fields need fixing" in form.result.text(), form.result.text()
    refused = form.errors["id_number"].text()
    assert refused and refused.isascii(), refused  # the domain's message, in the window's language


def test_back_to_chinese(qtbot, ctx: AppContext, qapp: QApplication) -> None:  # type: ignore[no-untyped-def]
    appearance.apply(qapp, "en")
    appearance.apply(qapp, "zh_CN")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.nav.item(0).text() == "录入　F2"


def test_every_string_has_english_and_the_shipped_qm_is_current(tmp_path: Path) -> None:
    """Every string in ui/ and every domain word has English, and the shipped clerk_en.qm is built from them."""
    from resources.translations import update

    for name in (update.UI_TS, update.DOMAIN_TS):
        shutil.copy(update.HERE / name, tmp_path / name)
    assert update.update(tmp_path) == []
    assert (tmp_path / update.QM).read_bytes() == (update.HERE / update.QM).read_bytes(), (
        "clerk_en.qm is out of date: run resources/translations/update.py and commit what it writes"
    )
