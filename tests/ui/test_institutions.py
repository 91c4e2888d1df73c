"""机构名录 as a clerk reads it: one line per row, 名称 wide and 类别 narrow, suspended amber and revoked red,
filters by kind and status, incomplete listings and filings against the level/mode rule marked, and when the
registry was last refreshed from the (reference) platform."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from clerk_app import clock
from clerk_app.domain.institutions import validate_institution
from local_db import institution_store
from local_db.database import Database
from tests import factories
from tests.ui.conftest import settle
from ui.context import AppContext, Training
from ui.institutions_view import COLUMNS, ROW_HEIGHT
from ui.main_window import MainWindow

COLUMN = {key: column for column, (key, _title, _width) in enumerate(COLUMNS)}
COMPLETE = {
    "head": "刘校长", "address": "吉林省四平市示例路8号", "training_scale": "教练车 40 台", "enrollment_method": "到校报名",
    "phone": "0434-3000001", "supervision_phone": "0434-3000002", "vehicle_classes": ["B2"],
}


def _from_platform(ctx: AppContext, db: Database, *payloads: dict[str, Any]) -> None:
    """Entries as a registry refresh stores them (checked as the platform's, so an odd filing is kept)."""
    checked = []
    for payload in payloads:
        normalized, problems = validate_institution(payload, from_platform=True)
        assert not problems, problems
        checked.append(normalized)
    with db.write() as session:  # as sync.registry stores a refreshed page
        institution_store.save_refreshed(session, checked, at=clock.now_text(), operator="boss", source="platform")
    ctx.institutions_changed.emit()


def _column(screen: Any, key: str) -> list[str]:
    return [screen.table.item(row, COLUMN[key]).text() for row in range(screen.table.rowCount())]


def test_registry_rows_are_readable_coloured_filtered_and_marked(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, ctx: AppContext, db: Database, practice: Training
) -> None:
    window.auto_upload.timer.stop()
    _from_platform(
        ctx,
        db,
        {**factories.DRIVING_SCHOOL, **COMPLETE, "code": "JLDT0101", "name": "四平市暂停驾校（虚构）", "status": "suspended"},
        {**factories.DRIVING_SCHOOL, **COMPLETE, "code": "JLDT0102", "name": "通化市撤销驾校（虚构）", "status": "revoked"},
        {**factories.CE_ONLINE_SCHOOL, **COMPLETE, "code": "JLCE0199", "name": "县级备案的网络机构（虚构）",
         "filing": {"level": "county", "mode": "online", "filing_no": "县继网备001", "filed_on": "2024-01-01"}},
    )
    qtbot.keyClick(window, Qt.Key.Key_F6)
    screen = window.institutions
    settle(qtbot)
    assert screen.table.rowCount() == 5
    assert "名录还没有从平台更新过" in screen.message.text()
    assert all(screen.table.rowHeight(row) == ROW_HEIGHT for row in range(5))  # one line, never three
    assert screen.table.columnWidth(COLUMN["name"]) >= 3 * screen.table.columnWidth(COLUMN["kind"])
    names = _column(screen, "name")

    suspended, revoked = names.index("四平市暂停驾校（虚构）"), names.index("通化市撤销驾校（虚构）")
    status = COLUMN["status"]
    assert screen.table.item(suspended, status).text() == "暂停"
    assert screen.table.item(suspended, status).background().color().name() == "#fff1c7"  # amber
    assert screen.table.item(revoked, status).background().color().name() == "#fbe9e7"  # red
    assert screen.table.item(revoked, COLUMN["name"]).foreground().color().name() == "#8c1d18"

    # The filing, in its own columns; one that breaks the level/mode rule is flagged with the reason.
    odd = names.index("县级备案的网络机构（虚构）")
    assert screen.table.item(odd, COLUMN["filing_level"]).text() == "⚠ 县级"
    assert "网络继续教育机构应由省级或部级备案" in screen.table.item(odd, COLUMN["filing_level"]).toolTip()
    assert screen.table.item(odd, COLUMN["filed_on"]).text() == "2024-01-01"
    ce = names.index(factories.CE_SCHOOL["name"])
    assert [screen.table.item(ce, COLUMN[k]).text() for k in ("filing_level", "filing_mode", "filed_on")] == ["市级", "线下", "2026-01-10"]

    # Listings: complete, or marked with what is missing.
    assert screen.table.item(suspended, COLUMN["listing"]).text() == "完整"
    assert screen.table.item(ce, COLUMN["listing"]).text() == "⚠ 缺：负责人、地址、培训规模、报名方式、联系电话、监督电话"
    assert screen.table.item(ce, COLUMN["listing"]).toolTip() == "公示信息不全。⚠ 缺：负责人、地址、培训规模、报名方式、联系电话、监督电话"
    school = names.index(factories.DRIVING_SCHOOL["name"])
    assert screen.table.item(school, COLUMN["listing"]).text().startswith("⚠ 缺：")  # what is missing, not how many
    assert screen.table.item(school, COLUMN["filing_level"]).text() == ""  # a driving school files nothing here
    assert COLUMN["address"] == COLUMN["name"] + 1  # the address beside the name, on screen

    # Filters: by kind, by status, and "needs a look".
    screen.kind.setCurrentIndex(screen.kind.findData("continuing_education"))
    assert sorted(_column(screen, "code")) == ["JLCE0001", "JLCE0199"]
    assert screen.message.text().startswith("显示 2 个（共 5 个）")
    screen.kind.setCurrentIndex(0)
    screen.status.setCurrentIndex(screen.status.findData("suspended"))
    assert _column(screen, "code") == ["JLDT0101"]
    screen.status.setCurrentIndex(screen.status.findData("revoked"))
    assert _column(screen, "code") == ["JLDT0102"]
    screen.status.setCurrentIndex(screen.status.findData("flagged"))
    assert sorted(_column(screen, "code")) == ["JLCE0001", "JLCE0199", "JLDT0001"]
    screen.status.setCurrentIndex(0)

    # A refresh from the platform says when it was made.
    qtbot.mouseClick(screen.refresh_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    qtbot.waitUntil(lambda: "从平台更新" in screen.message.text() and "还没有" not in screen.message.text(), timeout=10000)
    assert screen.table.rowCount() > 5 and "名录 20" in screen.message.text() and "本次更新了" in screen.message.text()
