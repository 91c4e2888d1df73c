"""An entry form filled from the ID card laid on the reader, and what the form remembers of it.

DOMAIN.md ("At the counter"): what the card says is what the window fills:
name and ID number, never edited by hand unless the clerk clears the card's
value first (Delete or Backspace in the field clears it and lets it be typed);
the licence number of an application is the holder's ID number for a mainland
resident, filled from the ID number (read or typed) and changed by the clerk
only for an old or foreign licence; the CE form's certificate number likewise.
Another person's data already typed is replaced only when the clerk says so.
The focus goes to the first empty field the form still needs. Which fields
came from the card goes with the save (``fields``); the card's address and
photo are shown beside the form and never kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QMessageBox, QWidget

from clerk_app import clock
from clerk_app.domain.id_card import CARD_TYPE_LABELS, IdCard
from clerk_app.domain.id_number import IdNumber, parse_id_number
from clerk_app.domain.masking import mask_id_number
from clerk_app.domain.text import canonical_code
from ui.words import word

if TYPE_CHECKING:
    from ui.entry_form import EntryForm

READ_FIELDS = ("id_number", "name")  # the card's own values, locked while they stand
FOLLOWS_ID = ("licence_no", "qualification_cert_no")  # filled from the ID number, the clerk may change them
CLEARING_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


class FormCard(QObject):
    def __init__(self, form: EntryForm) -> None:
        super().__init__(form)
        self._form = form
        self.card: IdCard | None = None
        self._locked: set[str] = set()
        self._followed = ""  # the ID number the following fields were last filled from
        self.row = QWidget()
        row = QHBoxLayout(self.row)
        row.setContentsMargins(0, 0, 0, 0)
        self.photo = QLabel()
        self.photo.setFixedSize(51, 63)  # the card's 102x126 picture at half size
        self.photo.setScaledContents(True)
        self.note = QLabel()
        self.note.setObjectName("derived")
        self.note.setWordWrap(True)
        row.addWidget(self.photo)
        row.addWidget(self.note, 1)
        self.row.hide()
        layout = form.layout()
        if layout is not None and hasattr(layout, "insertWidget"):
            layout.insertWidget(1, self.row)  # under the form's title
        for name in READ_FIELDS:
            edit = form.widgets.get(name)
            if isinstance(edit, QLineEdit):
                edit.installEventFilter(self)
        id_edit = form.widgets.get("id_number")
        if isinstance(id_edit, QLineEdit) and any(name in form.widgets for name in FOLLOWS_ID):
            id_edit.textChanged.connect(self._follow_id)

    # -- filling ------------------------------------------------------------------

    def fill(self, card: IdCard) -> bool:
        """Fill the form from ``card``; False when the clerk keeps another person's data already typed."""
        typed_id = canonical_code(str(self._form._value("id_number") or ""))
        typed_name = str(self._form._value("name") or "").strip()
        other = (typed_id and typed_id != card.id_number) or (not typed_id and typed_name and typed_name != card.name)
        if other and not self._replace_asked(typed_name, typed_id, card):
            return False
        if other:
            self._form.clear()
        self.clear()
        self.card = card
        for name, value in (("id_number", card.id_number), ("name", card.name)):
            edit = self._form.widgets.get(name)
            if isinstance(edit, QLineEdit):
                edit.setText(value)
                self._lock(name, edit)
        self._follow_id()
        self._form._touched.update(READ_FIELDS)
        self._form.check()
        self._show(card)
        self.focus_first_empty()
        return True

    def _replace_asked(self, name: str, id_number: str, card: IdCard) -> bool:
        who = name or self.tr("（未填姓名）")
        if id_number:
            who += self.tr("（%1）").replace("%1", mask_id_number(id_number))
        answer = QMessageBox.question(
            self._form,
            self.tr("换成读卡的人？"),
            self.tr("表单中已填了 %1 的内容，尚未保存。\n换成刚读到的 %2 吗？原内容将清空。")
            .replace("%1", who)
            .replace("%2", card.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _follow_id(self) -> None:
        """The licence (or certificate) number follows the ID number while it is empty or what it last followed."""
        parsed = parse_id_number(str(self._form._value("id_number") or ""), clock.today())
        number = parsed.canonical if isinstance(parsed, IdNumber) else ""
        for name in FOLLOWS_ID:
            edit = self._form.widgets.get(name)
            if isinstance(edit, QLineEdit) and number and canonical_code(edit.text()) in ("", self._followed):
                edit.setText(number)
                self._form._touched.add(name)
        if number:
            self._followed = number

    def _show(self, card: IdCard) -> None:
        kind = word(CARD_TYPE_LABELS[card.card_type][0])
        until = card.valid_to.isoformat() if card.valid_to else self.tr("长期")
        self.note.setText(
            self.tr("读自%1：%2，有效期至 %3；住址 %4（只作核对，不保存）")
            .replace("%1", kind)
            .replace("%2", card.name)
            .replace("%3", until)
            .replace("%4", card.address or "—")
        )
        picture = QPixmap()
        if card.photo and picture.loadFromData(card.photo):
            self.photo.setPixmap(picture)
            self.photo.show()
        else:
            self.photo.clear()
            self.photo.hide()
        self.row.show()

    def focus_first_empty(self) -> None:
        """The focus on the first field still needed: a required one, else an optional one; else where it is."""
        visible = [spec for spec in self._form._specs if self._form.widgets[spec.name].isVisibleTo(self._form)]
        empty = [spec for spec in visible if self._form._value(spec.name) in ("", None, [])]
        chosen = next((s for s in empty if s.required), None) or next(iter(empty), None)
        if chosen is not None:
            widget = self._form.widgets[chosen.name]
            getattr(widget, "course", widget).setFocus()

    # -- the card's values stand until cleared ---------------------------------------

    def _lock(self, name: str, edit: QLineEdit) -> None:
        self._locked.add(name)
        edit.setReadOnly(True)
        edit.setProperty("fromCard", True)
        edit.setToolTip(self.tr("读自身份证，不能直接修改；确需修改时按 Delete 清除后重新输入"))

    def _unlock(self, name: str) -> None:
        edit = self._form.widgets.get(name)
        self._locked.discard(name)
        if isinstance(edit, QLineEdit):
            edit.setReadOnly(False)
            edit.setProperty("fromCard", False)
            edit.setToolTip("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and isinstance(watched, QLineEdit):
            name = next((n for n in self._locked if self._form.widgets.get(n) is watched), None)
            if name is not None and event.key() in CLEARING_KEYS:
                self._unlock(name)
                watched.clear()
                self._form.check()
                return True
        return False

    def fields(self) -> list[str]:
        """The fields whose value is the card's now (what the save keeps as read from the card)."""
        if self.card is None:
            return []
        kept = sorted(self._locked)
        for name in FOLLOWS_ID:
            edit = self._form.widgets.get(name)
            if "id_number" in self._locked and isinstance(edit, QLineEdit) and canonical_code(edit.text()) == self.card.id_number:
                kept.append(name)
        return kept

    def clear(self) -> None:
        """Forget the card (the form was saved, cleared or another card read): nothing of it stays in memory."""
        for name in list(self._locked):
            self._unlock(name)
        self.card = None
        self.note.clear()
        self.photo.clear()
        self.row.hide()
