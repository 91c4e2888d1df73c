"""Per-printer offsets: stored and audited, limited, and moving the printed certificate by exactly that much."""

from __future__ import annotations

import pytest

from clerk_app.printing import calibration
from clerk_app.printing.offsets import CROSSHAIR_MM, corrected
from clerk_app.printing.service import PrintService
from clerk_app.services.settings import SettingRefused, SettingsService
from local_db.database import Database
from tests.printing import readback
from tests.printing.conftest import qualification


def test_offsets_are_kept_per_printer_and_refused_when_absurd(db: Database, supervisor: tuple[str, str]) -> None:
    assert calibration.get_offsets(db, "证书打印机") == (0.0, 0.0)
    assert calibration.set_offsets(db, "证书打印机", 2.04, -1.5, operator="boss") == (2.0, -1.5)
    calibration.set_offsets(db, "HP LaserJet 1020", 0.5, 0.5, operator="boss")
    assert calibration.get_offsets(db, "证书打印机") == (2.0, -1.5)
    assert SettingsService(db).get("printer.offsets") == {"证书打印机": [2.0, -1.5], "HP LaserJet 1020": [0.5, 0.5]}
    with pytest.raises(SettingRefused) as refused:
        calibration.set_offsets(db, "证书打印机", 45, 0, operator="boss")
    assert "30 毫米" in refused.value.problem.message_zh
    assert calibration.get_offsets(db, "证书打印机") == (2.0, -1.5)


def test_measuring_the_test_page_gives_the_correction() -> None:
    # Printed with (1, 0): the crosshair landed 1.5 mm too far right and 2 mm too high.
    landed = (CROSSHAIR_MM[0] + 1.5, CROSSHAIR_MM[1] - 2.0)
    assert corrected((1.0, 0.0), landed) == (-0.5, 2.0)


def test_calibrated_offsets_move_the_certificate_by_that_many_millimetres(db: Database, printing: PrintService) -> None:
    cert = qualification()
    plain = {s.format: s for s in readback.scan(printing.certificates_from([cert], operator="clerk01").pdf)}
    calibration.set_offsets(db, "证书打印机", 3.0, -2.5, operator="boss")
    job = printing.certificates_from([cert], operator="clerk01", printer="证书打印机")
    moved = {s.format: s for s in readback.scan(job.pdf)}

    assert job.printer == "证书打印机"
    for kind in ("Code128", "QRCode"):
        assert moved[kind].text == plain[kind].text
        assert moved[kind].left_mm - plain[kind].left_mm == pytest.approx(3.0, abs=0.25)
        assert moved[kind].top_mm - plain[kind].top_mm == pytest.approx(-2.5, abs=0.25)


def test_test_page_is_printed_with_the_printers_current_offsets(db: Database, printing: PrintService) -> None:
    calibration.set_offsets(db, "证书打印机", 1.5, 0.5, operator="boss")
    job = printing.test_page("证书打印机", operator="clerk01")
    words = readback.text(job.pdf)
    assert "套打校准测试页" in words and "证书打印机" in words
    assert "横向 +1.5 毫米，纵向 +0.5 毫米" in words
