"""What every screen shares: the database, the services on it, who is working, and app-wide signals.

Screens get one ``AppContext`` instead of reaching for globals, so tests build
a window over a temporary database exactly as the program does over the real
one. The signals let one screen tell the others that records, settings or the
operator changed without knowing who listens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from clerk_app.services.institutions import InstitutionService
from clerk_app.services.operators import OperatorInfo, OperatorService
from clerk_app.services.platform import PlatformService
from clerk_app.services.records import RecordService
from clerk_app.services.settings import SettingsService
from local_db.database import Database


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

    def __init__(self, db: Database, *, training: Training | None = None, lang: str = "zh") -> None:
        super().__init__()
        self.db = db
        self.records = RecordService(db)
        self.institutions = InstitutionService(db)
        self.settings = SettingsService(db)
        self.operators = OperatorService(db)
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
            return PlatformService(self.db, lang=self.lang, operator=self.operator_id)
        secret = self.training.secret
        return PlatformService(self.db, lang=self.lang, operator=self.operator_id, secret_source=lambda _account: secret)

    def set_operator(self, operator: OperatorInfo | None) -> None:
        self.operator = operator
        self.operator_changed.emit()
