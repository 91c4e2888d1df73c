"""Each printer's x/y offsets for pre-printed certificate stock, kept in the ``printer.offsets`` setting.

Printers feed paper a millimetre or two off; on pre-printed stock that puts a
name across a printed line. The clerk prints the test page, measures where its
crosshair landed, and the correction is stored per printer (audited like every
setting change).
"""

from __future__ import annotations

import json

from clerk_app.services.settings import SettingsService
from local_db.database import Database

KEY = "printer.offsets"


def get_offsets(db: Database, printer_name: str) -> tuple[float, float]:
    """(x_mm, y_mm): positive moves the print right and down; (0, 0) for a printer never calibrated."""
    x, y = SettingsService(db).get(KEY).get(printer_name, (0.0, 0.0))
    return float(x), float(y)


def set_offsets(db: Database, printer_name: str, x_mm: float, y_mm: float, *, operator: str) -> tuple[float, float]:
    """Store the printer's offsets (SettingRefused if out of range); returns them as stored (0.1 mm)."""
    settings = SettingsService(db)
    table = {**settings.get(KEY), printer_name: [x_mm, y_mm]}
    stored = settings.set(KEY, json.dumps(table, ensure_ascii=False), operator=operator)
    x, y = stored[printer_name]
    return float(x), float(y)
