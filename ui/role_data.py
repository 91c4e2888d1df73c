"""Answering a view's ``multiData`` from Python: one call per painted cell instead of one per role.

``QModelRoleData.setData`` in PySide6 6.12 on Python 3.11 drops one reference to ``None`` more than it
took, every call; a list repainted while scrolling would soon free ``None`` itself and crash the window
("deallocating None"). How many it drops is measured once, here, and given back after each call, so
the fix does nothing on a PySide6 or Python (3.12: ``None`` is immortal) that does not slip.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QModelRoleData

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


def _slip() -> int:
    probe = QModelRoleData(0)
    before = sys.getrefcount(None)
    for _ in range(8):
        probe.setData("")
    return max(0, (before - sys.getrefcount(None)) // 8)


SLIP = _slip()


def put(item: QModelRoleData, value: Any) -> None:
    """``item.setData(value)``, with the references PySide6 slipped on ``None`` given back."""
    item.setData(value)
    for _ in range(SLIP):
        _incref(None)
