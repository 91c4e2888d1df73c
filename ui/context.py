"""What every screen shares: the services of the open database, who is working, and app-wide signals.

Screens get one ``AppContext`` instead of reaching for globals, so tests build
a window over a temporary database exactly as the program does over the real
one. Screens reach data only through the services here; the database itself
stays with the composition root (``ui/app.py``) that opened it. The signals
let one screen tell the others that records, settings or the operator changed
without knowing who listens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from clerk_app.services.operators import OperatorInfo
from clerk_app.services.platform import PlatformService
from clerk_app.services.suite import Services


@dataclass
class Training:
    """Training mode: a separate database and a reference platform on loopback."""

    platform_url: str
    account: str
    secret: str
    platform: Any = field(repr=False, default=None)


class AppContext(QObject):
    records_changed = Signal()
    settings_changed = Signal()
    institutions_changed = Signal()
    operator_changed = Signal()

    def __init__(self, services: Services, *, training: Training | None = None, lang: str = "zh") -> None:
        super().__init__()
        self.services = services
        # The four every screen uses, by their short names.
        self.records = services.records
        self.institutions = services.institutions
        self.settings = services.settings
        self.operators = services.operators
        self.training = training
        self.lang = lang
        self.operator: OperatorInfo | None = None

    @property
    def operator_id(self) -> str:
        return self.operator.operator_id if self.operator else ""

    @property
    def platform(self) -> PlatformService:
        """The platform service for whoever works now (cheap to make; the one-upload guard is shared).
        In training mode it signs in to the loopback platform with the training secret, never the keyring's."""
        if self.training is None:
            return self.services.platform(lang=self.lang, operator=self.operator_id)
        secret = self.training.secret
        return self.services.platform(lang=self.lang, operator=self.operator_id, secret_source=lambda _account: secret)

    def set_operator(self, operator: OperatorInfo | None) -> None:
        self.operator = operator
        self.operator_changed.emit()
