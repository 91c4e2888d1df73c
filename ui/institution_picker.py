"""Choosing an institution by typing part of its name or code, offered only where it is allowed.

A clerk knows "长春示例驾校", not "JLDT0001"; the picker completes on either
and offers only institutions of the right kind that are active and, for a
training completion, licensed for the chosen class (a CE institution must be
filed). What is stored is the code; a code typed by hand that is not offered
is still checked by the validation, which then says why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget


def allowed(institutions: Iterable[Mapping[str, Any]], kind: str, vehicle_class: str | None) -> list[Mapping[str, Any]]:
    offered = []
    for inst in institutions:
        if inst.get("kind") != kind or inst.get("status") != "active":
            continue
        if kind == "driver_training" and vehicle_class and vehicle_class not in inst.get("vehicle_classes", ()):
            continue
        if kind == "continuing_education" and not inst.get("filing"):
            continue
        offered.append(inst)
    return offered


class InstitutionPicker(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = QStandardItemModel(self)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)

    def offer(self, institutions: Iterable[Mapping[str, Any]]) -> None:
        self._model.clear()
        for inst in institutions:
            self._model.appendRow(QStandardItem(f"{inst['code']}  {inst['name']}"))

    def offered(self) -> list[str]:
        return [self._model.item(row).text() for row in range(self._model.rowCount())]

    def code(self) -> str:
        """The code part of what is shown ("JLDT0001  长春…" → "JLDT0001")."""
        text = self.text().strip()
        return text.split()[0] if text else ""

    def show_code(self, code: str, institutions: Iterable[Mapping[str, Any]]) -> None:
        name = next((inst["name"] for inst in institutions if inst["code"] == code), "")
        self.setText(f"{code}  {name}".strip())
