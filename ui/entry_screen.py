"""The 录入 screen: the four kinds of entry as tabs, Ctrl+1 … Ctrl+4 to switch, focus on the first field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QScrollArea, QTabWidget, QVBoxLayout, QWidget

from clerk_app.domain.kinds import KIND_LABELS_ZH, RECORD_KINDS
from ui.context import AppContext
from ui.entry_form import EntryForm
from ui.words import word


class EntryScreen(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.forms: dict[str, EntryForm] = {}
        self.tabs = QTabWidget()
        for number, kind in enumerate(RECORD_KINDS, start=1):
            form = EntryForm(ctx, kind)
            self.forms[kind] = form
            scroll = QScrollArea()
            scroll.setWidget(form)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            self.tabs.addTab(scroll, f"{word(KIND_LABELS_ZH[kind])}（Ctrl+{number}）")
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda kind=kind: self.show_kind(kind))
        self.tabs.currentChanged.connect(lambda _i: self.current().first_field().setFocus())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        ctx.institutions_changed.connect(self.reload_institutions)

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
