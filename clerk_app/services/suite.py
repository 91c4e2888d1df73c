"""Every service of one open database, made once by whoever opened it.

The window's screens reach data only through services: the composition root
(``ui/app.py``) opens the ``Database``, wraps it in ``Services`` and hands that
to the screens, which never see the database itself. The services the window
uses at every start are made at once; printing and importing load ReportLab,
PDFium and openpyxl, so theirs are made on first use.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from clerk_app.services.institutions import InstitutionService
from clerk_app.services.operators import OperatorService
from clerk_app.services.platform import PlatformService, SecretSource
from clerk_app.services.records import RecordService
from clerk_app.services.recovery import RecoveryService
from clerk_app.services.settings import SettingsService
from local_db.database import Database

if TYPE_CHECKING:
    from clerk_app.importing.service import ImportService
    from clerk_app.printing.service import PrintService
    from clerk_app.services.ce_standing import CeStandingService
    from clerk_app.services.certificate_check import CertificateCheckService


class Services:
    def __init__(self, db: Database) -> None:
        self._db = db
        self.records = RecordService(db)
        self.institutions = InstitutionService(db)
        self.settings = SettingsService(db)
        self.operators = OperatorService(db)
        self.recovery = RecoveryService(db)

    def ce_standing(self) -> CeStandingService:
        """Where a driver stands in the CE cycle: this window's entries and the platform's, as cached here."""
        from clerk_app.services.ce_standing import CeStandingService

        return CeStandingService(self._db)

    def printing(self, *, training: bool = False) -> PrintService:
        """``training``: the window runs in training mode, so every page is marked 练习 · 无效."""
        from clerk_app.printing.service import PrintService

        return PrintService(self._db, training=training)

    def importing(self) -> ImportService:
        from clerk_app.importing.service import ImportService

        return ImportService(self._db)

    def platform(self, *, lang: str, operator: str, secret_source: SecretSource | None = None) -> PlatformService:
        return PlatformService(self._db, lang=lang, operator=operator, secret_source=secret_source)

    def certificate_check(self, platform: PlatformService, *, lang: str) -> CertificateCheckService:
        """A scanned certificate QR looked up: the platform when it answers, else what this window kept."""
        from clerk_app.services.certificate_check import CertificateCheckService

        return CertificateCheckService(self._db, platform, lang=lang)

    def printer_offsets(self, printer_name: str) -> tuple[float, float]:
        """The printer's calibration offsets in millimetres ((0, 0) when never calibrated)."""
        from clerk_app.printing import calibration

        return calibration.get_offsets(self._db, printer_name)

    def set_printer_offsets(self, printer_name: str, x_mm: float, y_mm: float, *, operator: str) -> tuple[float, float]:
        """Store the printer's offsets (``SettingRefused`` when out of range); returns them as stored."""
        from clerk_app.printing import calibration

        return calibration.set_offsets(self._db, printer_name, x_mm, y_mm, operator=operator)

    def maintain(self, today: date) -> Path | None:
        """The full integrity check, then the day's backup (``DatabaseProblem`` when the file is damaged)."""
        return self._db.maintain(today)
