"""The start-up check's last step: the audit chain held against the heads the platform keeps, shown to a supervisor.

After the integrity check and the day's backup (on the same worker thread),
``PlatformService.audit_anchor`` compares the local chain with every head the
platform holds for this window. A chain cut or rebuilt with the file is a
supervisor's matter: it is shown when a supervisor is logged in, or as soon as
one logs in; a clerk only finds it in the log. Offline, nothing is shown.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.context import AppContext

if TYPE_CHECKING:
    from sync.anchor import AnchorCheck

log = logging.getLogger("ui")


class ChainAlert(QObject):
    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._parent = parent
        self.pending: list[str] = []
        self.shown: list[str] = []
        ctx.operator_changed.connect(self._show_if_supervisor)

    def found(self, check: AnchorCheck | None) -> None:
        if check is None or not check.problems:
            return
        self.pending = [p.message(self._ctx.lang) for p in check.problems]
        log.error("audit chain differs from the platform's heads at seq %s", [p.seq for p in check.problems])
        self._show_if_supervisor()

    def _show_if_supervisor(self) -> None:
        operator = self._ctx.operator
        if not self.pending or operator is None or operator.role != "supervisor":
            return
        self.shown, self.pending = self.pending, []
        box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("app", "审计记录与省平台不一致"),
                          "\n\n".join(self.shown), QMessageBox.StandardButton.Ok, self._parent)
        box.open()  # not modal to the clerk's typing: the supervisor reads it and acts
