"""The import preview with refused rows at 1366×768, in Chinese, for docs/screenshots/import-preview.png.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m ui.import_screenshot [OUT.png]

A throw-away database and the test suite's damaged list (one row per kind of
damage); the first refused row is selected so its full reason shows below
the table. Kept apart from ``ui.screenshots`` so it can be re-shot alone.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from clerk_app.services.institutions import InstitutionService
from clerk_app.services.operators import OperatorService
from local_db.database import Database
from tests import factories
from tests.importing.lists import damaged_list
from ui import appearance, tasks
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.screenshots import SIZE, _settle  # the same size and the same wait as every other screen's picture

def main(out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    appearance.apply(app, "zh_CN")
    folder = Path(tempfile.mkdtemp(prefix="clerk-import-shot-"))
    db = Database(folder / "data").open(write=True, operator="boss")
    InstitutionService(db).add(factories.DRIVING_SCHOOL, operator="boss")
    operators = OperatorService(db)
    operators.add("clerk01", "李窗口", "clerk", "clerk-pass", acting="clerk01")
    ctx = AppContext(db)
    ctx.set_operator(operators.authenticate("clerk01", "clerk-pass"))
    window = MainWindow(ctx)
    window.auto_upload.timer.stop()
    window.resize(*SIZE)
    window.show()
    window.show_screen(window.importer)
    window.importer.load(str(damaged_list(folder / "长春示例驾校结业名单.xlsx")))
    _settle(app)
    window.importer.table.selectRow(1)
    _settle(app)
    window.grab().save(str(out))
    print(out)
    tasks.wait_all()
    db.close()


if __name__ == "__main__":
    default = Path(__file__).resolve().parents[1] / "docs" / "screenshots" / "import-preview.png"
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
