"""The 录入 screen: the four kinds of entry as tabs, Ctrl+1 … Ctrl+4 to switch, focus on the first field;
today's entries at this window beside them (``ui.today_list``).

Only the first form is built at start-up (each form is dozens of styled widgets, and the first
keystroke must not wait for them); the others are built the first time their tab is opened.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from clerk_app.domain.kinds import KIND_LABELS_ZH, RECORD_KINDS
from ui.context import AppContext
from ui.entry_form import EntryForm
from ui.today_list import TodayList
from ui.words import word


class _Forms(dict[str, EntryForm]):
    """The forms by kind, each built the first time it is asked for (start-up builds only the first)."""

    def __init__(self, build: Callable[[str], EntryForm]) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, kind: str) -> EntryForm:
        form = self[kind] = self._build(kind)
        return form


class EntryScreen(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self._ctx = ctx
        self.forms = _Forms(self._build)
        self.tabs = QTabWidget()
        self.tabs.setUsesScrollButtons(False)  # all four kinds in sight: the list beside gives up room first
        for number, kind in enumerate(RECORD_KINDS, start=1):
            page = QWidget()  # the form is built into it when first opened; it scrolls its own fields
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            # Four kinds side by side, all in sight at 1366 pixels beside today's list: the key after a plain space.
            label = self.tr("%1 Ctrl+%2").replace("%1", word(KIND_LABELS_ZH[kind])).replace("%2", str(number))
            self.tabs.addTab(page, label)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda kind=kind: self.show_kind(kind))
        self.forms[RECORD_KINDS[0]] = self._build(RECORD_KINDS[0])
        self.tabs.currentChanged.connect(lambda _i: self.current().first_field().setFocus())
        # Today's entries beside the form, so the width is used and the last entries are a key away.
        self.today = TodayList(ctx)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.today)
        ctx.institutions_changed.connect(self.reload_institutions)

    def _build(self, kind: str) -> EntryForm:
        form = EntryForm(self._ctx, kind)
        page = self.tabs.widget(RECORD_KINDS.index(kind))
        layout = page.layout() if page is not None else None
        assert layout is not None
        layout.addWidget(form)
        form.show()  # at once: a form built on Ctrl+2 takes the keys typed right after it
        return form

    def current(self) -> EntryForm:
        return self.forms[RECORD_KINDS[self.tabs.currentIndex()]]

    def show_kind(self, kind: str) -> EntryForm:
        self.tabs.setCurrentIndex(RECORD_KINDS.index(kind))
        form = self.forms[kind]
        form.first_field().setFocus()
        return form

    def reload_institutions(self) -> None:
        for form in self.forms.values():
            form.reload_institutions()

    def focus_first(self) -> None:
        self.current().first_field().setFocus()
