"""A list of records that stays light with a million rows: pages fetched on demand, on a worker thread.

``rowCount`` is the true count (so the scroll bar is honest), but only the
pages the clerk looks at are read, and only the last few are kept: memory stays
flat however far the list is scrolled. A page not yet read shows "…" and is
filled in when the worker brings it. Reads are queued newest-wanted first and
old wishes are dropped, so dragging the scroll bar from top to bottom reads the
pages where it stops, not every page it passed.

(Qt's canFetchMore/fetchMore would append every page passed and keep them
all: a million rows would hold hundreds of megabytes.)

Every list shows ID numbers masked (``cell``; the record itself shows the
whole number), the clerk by name, and rows the platform sent back highlighted.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from clerk_app.domain import lifecycle
from clerk_app.domain.kinds import KIND_LABELS_ZH
from clerk_app.domain.masking import mask_id_number
from clerk_app.services.records import RecordSummary
from ui.context import AppContext
from ui.tasks import run_task
from ui.words import word

# The lifecycle's names of the upload states (translated through ``word``, listed by ``domain_words``).
UPLOAD_STATES = {str(state): lifecycle.label(state) for state in lifecycle.UPLOAD_STATES}

COLUMNS = (
    ("receipt_no", QT_TRANSLATE_NOOP("words", "回执号")),
    ("kind", QT_TRANSLATE_NOOP("words", "类别")),
    ("name", QT_TRANSLATE_NOOP("words", "姓名")),
    ("id_number", QT_TRANSLATE_NOOP("words", "身份证号")),
    ("cert_key", QT_TRANSLATE_NOOP("words", "证书编号")),
    ("upload_state", QT_TRANSLATE_NOOP("words", "上传状态")),
    ("created_at", QT_TRANSLATE_NOOP("words", "录入时间")),
    ("created_by", QT_TRANSLATE_NOOP("words", "录入人")),
)


VOIDED = QT_TRANSLATE_NOOP("words", "已作废")


def state_label(summary: RecordSummary) -> str:
    label = word(UPLOAD_STATES.get(summary.upload_state, summary.upload_state))
    return word(QT_TRANSLATE_NOOP("words", "已作废 · %1")).replace("%1", label) if summary.voided else label


def cell(summary: RecordSummary, key: str, names: Mapping[str, str]) -> str:
    """What a list shows in a cell: the ID number masked (the record itself shows it whole), the clerk by name."""
    if key == "id_number":
        return mask_id_number(summary.id_number)
    if key == "created_by":
        return names.get(summary.created_by.casefold(), summary.created_by)
    if key == "kind":
        return word(KIND_LABELS_ZH.get(summary.kind, summary.kind))
    if key == "upload_state":
        return state_label(summary)
    if key == "created_at":
        return summary.created_at[:16].replace("T", " ")
    return str(getattr(summary, key) or "")


Index = QModelIndex | QPersistentModelIndex
_SHOWN_ROLES = frozenset({int(Qt.ItemDataRole.DisplayRole.value), int(Qt.ItemDataRole.ToolTipRole.value)})
_BACKGROUND, _FOREGROUND = int(Qt.ItemDataRole.BackgroundRole.value), int(Qt.ItemDataRole.ForegroundRole.value)
REJECTED_BACKGROUND, REJECTED_TEXT = QColor("#fbe9e7"), QColor("#8c1d18")  # as the window's refusals (resultBad)


def highlight(summary: RecordSummary, role: int) -> QColor | None:
    """The colours of a row the platform sent back (and not voided since): it waits for a correction."""
    if summary.upload_state != "rejected" or summary.voided:
        return None
    return REJECTED_BACKGROUND if role == _BACKGROUND else REJECTED_TEXT if role == _FOREGROUND else None


@dataclass(frozen=True)
class _Page:
    rows: list[RecordSummary]
    texts: list[tuple[str, ...]]  # what each cell shows, made with the rows (translate() is thread-safe)

    @classmethod
    def of(cls, rows: list[RecordSummary], names: Mapping[str, str]) -> _Page:
        return cls(rows, [tuple(cell(summary, key, names) for key, _ in COLUMNS) for summary in rows])


class RecordListModel(QAbstractTableModel):
    loaded = Signal()  # a page or the count arrived (tests and the status line wait on it)

    def __init__(
        self, ctx: AppContext, *, kind: str | None = None, state: str | None = None,
        page_size: int = 200, keep_pages: int = 12,
    ) -> None:
        super().__init__()
        self._ctx = ctx
        self.kind = kind
        self.state = state
        self._page_size = page_size
        self._keep_pages = keep_pages
        self._count = 0
        self._pages: OrderedDict[int, _Page] = OrderedDict()
        self._wanted: list[int] = []
        self._loading: int | None = None
        self._generation = 0
        self._headers = [word(title) for _, title in COLUMNS]

    # -- the count ----------------------------------------------------------------

    def refresh(self) -> None:
        """Count again and forget the pages (after a save, an upload or a filter change)."""
        self._generation += 1
        generation = self._generation
        kind, state = self.kind, self.state
        run_task(lambda: self._ctx.records.count(kind=kind, state=state), lambda n: self._counted(generation, n))

    def _counted(self, generation: int, count: int) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._count = count
        self._pages.clear()
        self._wanted.clear()
        self._loading = None
        self.endResetModel()
        self.loaded.emit()

    # -- Qt's questions -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Asked for every role of every visible cell at each paint: the texts are made once per page, off this thread.
        if role in (_BACKGROUND, _FOREGROUND):
            page = self._pages.get(index.row() // self._page_size)
            offset = index.row() % self._page_size
            return highlight(page.rows[offset], role) if page is not None and offset < len(page.rows) else None
        if role not in _SHOWN_ROLES:
            return None
        page_no, offset = divmod(index.row(), self._page_size)
        page = self._pages.get(page_no)
        if page is None:
            self._want(page_no)
            return "…"
        texts = page.texts
        return texts[offset][index.column()] if offset < len(texts) else "…"

    def summary_at(self, row: int) -> RecordSummary | None:
        """The record on ``row`` if its page is here; otherwise asks for the page and returns None."""
        page_no, offset = divmod(row, self._page_size)
        page = self._pages.get(page_no)
        if page is not None:
            self._pages.move_to_end(page_no)
            return page.rows[offset] if offset < len(page.rows) else None
        self._want(page_no)
        return None

    # -- reading pages ---------------------------------------------------------------

    def _want(self, page_no: int) -> None:
        if page_no == self._loading:
            return
        if page_no in self._wanted:
            self._wanted.remove(page_no)
        self._wanted.append(page_no)
        del self._wanted[: -self._keep_pages // 2]  # pages scrolled past long ago are not read
        self._pump()

    def _pump(self) -> None:
        if self._loading is not None or not self._wanted:
            return
        page_no = self._wanted.pop()
        self._loading = page_no
        generation = self._generation
        kind, state, size = self.kind, self.state, self._page_size
        records, operators = self._ctx.records, self._ctx.operators
        run_task(
            lambda: _Page.of(records.list(kind=kind, state=state, offset=page_no * size, limit=size), operators.names()),
            lambda page: self._arrived(generation, page_no, page),
            lambda _error: self._arrived(generation, page_no, _Page.of([], {})),
        )

    def _arrived(self, generation: int, page_no: int, page: _Page) -> None:
        if generation != self._generation:
            return
        self._loading = None
        self._pages[page_no] = page
        while len(self._pages) > self._keep_pages:
            self._pages.popitem(last=False)
        first = page_no * self._page_size
        last = min(self._count, first + self._page_size) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self.loaded.emit()
        self._pump()

    def pages_held(self) -> int:
        return len(self._pages)
