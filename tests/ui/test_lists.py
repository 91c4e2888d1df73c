"""Lists never show a whole ID number, name the clerk, and mark what the platform sent back; 被退回 corrects in place.

Every cell of the lookup's record list, its search results and the rejected list is read back (text and tool
tip); the records come from a real upload to the reference platform on loopback, one of them refused there.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QLabel

from clerk_app.domain.masking import mask_id_number
from tests import factories
from tests.ui.conftest import settle
from ui.context import AppContext, Training
from ui.main_window import MainWindow
from ui.record_model import REJECTED_BACKGROUND
from ui.record_view import CorrectDialog

WHOLE_ID = re.compile(r"\d{17}[\dX]|\d{15}")
ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


def _cells(model: QAbstractItemModel) -> list[list[str]]:
    return [
        [str(model.data(model.index(row, column), role) or "") for column in range(model.columnCount()) for role in ROLES]
        for row in range(model.rowCount())
    ]


def test_lists_mask_id_numbers_name_clerks_and_mark_rejected_rows(qtbot, window: MainWindow, ctx: AppContext, practice: Training) -> None:  # type: ignore[no-untyped-def]
    window.auto_upload.timer.stop()
    people = [factories.id_number(seq=seq) for seq in (111, 222, 333)]
    for n, person in enumerate(people[:2]):
        saved = ctx.records.add(
            "training_completion",
            factories.training_completion(id_number=person, certificate_no=f"JL-B2-2026-00010{n}"),
            operator="clerk01",
        )
        assert saved.ok, saved.errors
    refused = ctx.records.add(
        "qualification_application",
        factories.qualification_application(id_number=people[2], completion_certificate_no="JL-NONE-1"),
        operator="clerk01",
    )
    summary = ctx.platform.upload(end_of_day=True)
    assert (summary.accepted, summary.rejected) == (2, 1)
    ctx.records_changed.emit()

    qtbot.keyClick(window, Qt.Key.Key_F3)
    lookup = window.lookup
    model = lookup.all_records
    settle(qtbot)
    qtbot.waitUntil(lambda: model.rowCount() == 3 and "…" not in _cells(model)[0], timeout=10000)
    rows = _cells(model)
    assert not any(WHOLE_ID.search(text) for row in rows for text in row)
    id_column, clerk_column = 3, 7
    assert sorted(model.data(model.index(r, id_column)) for r in range(3)) == sorted(mask_id_number(p) for p in people)
    assert {model.data(model.index(r, clerk_column)) for r in range(3)} == {"李窗口"}  # the name, not clerk01
    marked = [r for r in range(3) if model.data(model.index(r, 0), Qt.ItemDataRole.BackgroundRole) == REJECTED_BACKGROUND]
    assert [model.summary_at(r).receipt_no for r in marked] == [refused.receipt_no]  # type: ignore[union-attr]

    # Searching by the whole number still shows it masked; the whole number comes on demand.
    lookup.box.setText(people[2])  # pasted: typed at machine speed it would count as a scanned receipt
    qtbot.keyClick(lookup.box, Qt.Key.Key_Return)
    settle(qtbot)
    qtbot.waitUntil(lambda: lookup.results.rowCount() == 1, timeout=10000)
    assert not any(WHOLE_ID.search(text) for row in _cells(lookup.results) for text in row)
    assert lookup.results.data(lookup.results.index(0, 0), Qt.ItemDataRole.BackgroundRole) == REJECTED_BACKGROUND
    assert lookup.results.data(lookup.results.index(0, clerk_column)) == "李窗口"
    assert people[2] not in lookup.message.text()
    qtbot.mouseClick(lookup.reveal_button, Qt.MouseButton.LeftButton)
    assert people[2] in lookup.message.text()

    # 被退回: when it came back, whose entry, the ID masked, and 更正 opens the correction of that record.
    qtbot.keyClick(window, Qt.Key.Key_F4)
    rejected = window.rejected
    settle(qtbot)
    qtbot.waitUntil(lambda: rejected.table.rowCount() == 1, timeout=10000)
    texts = [rejected.table.item(0, column).text() for column in range(rejected.table.columnCount())]
    tips = [rejected.table.item(0, column).toolTip() for column in range(rejected.table.columnCount())]
    assert not any(WHOLE_ID.search(text) for text in texts + tips)
    assert texts[0].startswith("20") and texts[1] == refused.receipt_no
    assert texts[4] == mask_id_number(people[2]) and texts[5] == "李窗口"
    assert rejected.table.item(0, 0).background().color() == REJECTED_BACKGROUND
    rejected.table.setFocus()
    qtbot.keyClick(rejected.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = rejected.dialog
    assert isinstance(dialog, CorrectDialog) and dialog.isVisible()
    titles = [label.text() for label in dialog.findChildren(QLabel) if label.objectName() == "title"]
    assert titles == [f"更正：从业资格证申领（回执号 {refused.receipt_no}）"]
    dialog.reject()
    settle(qtbot)
