"""Import benchmark: a school's list of 20,000 rows from file to saved records, in each format, beside openpyxl.

    python3 dev.py bench importing [--rows 20000 ...] [--formats xlsx xls ods csv] [--csv]

Each size and format is a fresh database (with the driving school in its
registry) and a fresh file, every row a different person: .xlsx written by
openpyxl, .xls by xlwt, .ods by odfpy, .csv in GB18030 (``--csv``: only the
CSV, as before). First the floor: openpyxl alone reading the same rows as
.xlsx (read-only mode, every row's values), the way this program read lists
before. Then, timed separately as the clerk lives through them: reading the
file (the checks of every part, then python-calamine or the CSV reader);
checking every row (the validation and duplicate rules of manual entry, plus
the comparison with the rows above); importing the ready rows in one
transaction; and the same file previewed again (every row then "already
there"). Each step prints its wall-clock and CPU seconds; the ratio line
compares file to saved records with openpyxl's reading, in both (on a shared
machine the CPU figures are the steadier).
Target (issue 21 item 4): 20,000 rows from .xlsx to saved records in at most
1.5 times openpyxl's reading of the file.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402

from clerk_app.importing.service import ImportService  # noqa: E402
from clerk_app.services.institutions import InstitutionService  # noqa: E402
from local_db.database import Database  # noqa: E402
from tests import factories  # noqa: E402
from tests.conftest import set_up_window  # noqa: E402
from tests.importing.lists import write_ods, write_xls  # noqa: E402

HEADINGS = [
    "序号", "姓名", "身份证号码", "准驾车型", "培训类型", "机构代码", "结业证书编号", "培训开始日期", "培训结束日期", "结业日期", "手机号"
]
T = TypeVar("T")


def lines(count: int) -> list[list[object]]:
    start, end, assessed = factories.days_ago(90), factories.days_ago(40), factories.days_ago(35)
    first_birth = date(1970, 1, 1)
    out: list[list[object]] = []
    for n in range(count):
        birth = (first_birth + timedelta(days=n // 900)).strftime("%Y%m%d")
        out.append([
            n + 1, ["张三", "李四", "王小川", "阿依古丽·买买提"][n % 4], factories.id_number(birth, n % 900 + 1),
            "B2" if n % 3 else "A2", "full", "JLDT0001", f"JL-2026-{n:06d}", start, end, assessed, f"139{n:08d}",
        ])
    return out


def write(folder: Path, count: int, kind: str) -> Path:
    rows: list[list[object]] = [list(HEADINGS), *lines(count)]
    if kind == "csv":
        import csv
        import io

        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerows(rows)
        path = folder / "list.csv"
        path.write_bytes(buffer.getvalue().encode("gb18030"))
        return path
    if kind == "xls":
        return write_xls(folder / "list.xls", rows)
    if kind == "ods":
        return write_ods(folder / "list.ods", rows)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for line in rows:
        sheet.append(line)
    path = folder / "list.xlsx"
    workbook.save(path)
    return path


def openpyxl_alone(path: Path) -> int:
    """The floor: openpyxl reading every row's values, as this program read lists before."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    sheet = workbook.worksheets[0]
    sheet.reset_dimensions()
    count = sum(1 for _ in sheet.iter_rows(values_only=True))
    workbook.close()
    return count


def timed(label: str, fn: Callable[[], T]) -> tuple[T, float, float]:
    """fn's value, and the wall-clock and CPU seconds it took (printed)."""
    began, cpu = time.perf_counter(), time.process_time()
    value = fn()
    wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    print(f"  {label:<52} {wall:8.2f} s  (cpu {cpu:6.2f} s)", flush=True)
    return value, wall, cpu


def run(count: int, kind: str, floor: tuple[float, float]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="clerk-import-bench-"))
    path = write(folder, count, kind)
    db = Database(folder / "data").open(write=True, operator="tester")
    set_up_window(db)  # the supervisor "tester" and the hall, as every window has before its first save
    InstitutionService(db).add(factories.DRIVING_SCHOOL, operator="tester")
    service = ImportService(db)
    print(f"{count:,} rows as {path.suffix} ({path.stat().st_size / 1e6:.1f} MB)")
    began, cpu = time.perf_counter(), time.process_time()
    sheet, _, _ = timed("read the file", lambda: service.read(path))
    preview, _, _ = timed("check every row (validation + duplicates)", lambda: service.preview(sheet, service.columns_for(sheet)))
    assert preview.counts()["ready"] == count, preview.counts()
    saved, _, _ = timed("import the ready rows (one transaction)", lambda: service.import_rows(preview, operator="tester"))
    assert len(saved) == count
    wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    print(f"  {'total, file to saved records':<52} {wall:8.2f} s  (cpu {cpu:6.2f} s)")
    print(f"  {'file to saved / openpyxl reading the .xlsx':<52} {wall / floor[0]:7.2f} x  (cpu {cpu / floor[1]:5.2f} x)")
    again, _, _ = timed("preview the same file again (all already there)", lambda: service.preview(sheet, service.columns_for(sheet)))
    assert again.counts()["already_there"] == count
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[20000])
    parser.add_argument("--formats", nargs="+", choices=["xlsx", "xls", "ods", "csv"], default=["xlsx", "xls", "ods", "csv"])
    parser.add_argument("--csv", action="store_true", help="only a GB18030 CSV (as --formats csv)")
    args = parser.parse_args()
    formats = ["csv"] if args.csv else args.formats
    cpu = platform.processor() or platform.machine()
    print(f"machine: {platform.platform()}, {cpu}, {os.cpu_count()} CPUs, python {platform.python_version()}")
    for count in args.rows:
        reference = write(Path(tempfile.mkdtemp(prefix="clerk-import-floor-")), count, "xlsx")
        print(f"{count:,} rows: openpyxl alone reading the .xlsx ({reference.stat().st_size / 1e6:.1f} MB)")
        read, wall, cpu_s = timed("openpyxl, read-only, every row's values", lambda: openpyxl_alone(reference))  # noqa: B023 - called at once
        assert read == count + 1
        for kind in formats:
            run(count, kind, (wall, cpu_s))


if __name__ == "__main__":
    main()
