"""Import benchmark: read, check and import a school's list of 5,000 and 50,000 rows.

    python3 dev.py bench importing [--rows 5000 50000] [--csv]

Each size is a fresh database (with the driving school in its registry) and a
fresh .xlsx written with openpyxl (or a GB18030 CSV with --csv), every row a
different person. Timed separately, as the clerk lives through them: reading
the file; checking every row (the validation and duplicate rules of manual
entry, through ``RecordService.check``, plus the comparison with the rows
above); importing the ready rows in one transaction (``add_many``: each
row validated again, its version, outbox and audit rows written, one commit);
and the same file previewed again (every row then "already there").
Each step prints its wall-clock and CPU seconds; the last line compares file
to saved records with reading the workbook, in both (on a shared machine the
CPU figures are the steadier).
Targets: a 5,000-row file is a matter of seconds (issue 6); 20,000 rows from
file to saved records in at most 2.5 times the reading (issue 11).
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


def write(path: Path, count: int, as_csv: bool) -> Path:
    rows: list[list[object]] = [list(HEADINGS), *lines(count)]
    if as_csv:
        import csv
        import io

        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerows(rows)
        path = path.with_suffix(".csv")
        path.write_bytes(buffer.getvalue().encode("gb18030"))
        return path
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def timed(label: str, fn: Callable[[], T]) -> tuple[T, float, float]:
    """fn's value, and the wall-clock and CPU seconds it took (printed)."""
    began, cpu = time.perf_counter(), time.process_time()
    value = fn()
    wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    print(f"  {label:<52} {wall:8.2f} s  (cpu {cpu:6.2f} s)", flush=True)
    return value, wall, cpu


def run(count: int, as_csv: bool) -> None:
    folder = Path(tempfile.mkdtemp(prefix="clerk-import-bench-"))
    path = write(folder / "list.xlsx", count, as_csv)
    db = Database(folder / "data").open(write=True, operator="tester")
    set_up_window(db)  # the supervisor "tester" and the hall, as every window has before its first save
    InstitutionService(db).add(factories.DRIVING_SCHOOL, operator="tester")
    service = ImportService(db)
    print(f"{count:,} rows ({path.suffix}, {path.stat().st_size / 1e6:.1f} MB)")
    began, cpu = time.perf_counter(), time.process_time()
    sheet, read_wall, read_cpu = timed("read the file", lambda: service.read(path))
    preview, _, _ = timed("check every row (validation + duplicates)", lambda: service.preview(sheet, service.columns_for(sheet)))
    assert preview.counts()["ready"] == count, preview.counts()
    saved, _, _ = timed("import the ready rows (one transaction)", lambda: service.import_rows(preview, operator="tester"))
    assert len(saved) == count
    wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    print(f"  {'total, file to saved records':<52} {wall:8.2f} s  (cpu {cpu:6.2f} s)")
    print(f"  {'file to saved / reading':<52} {wall / read_wall:7.2f} x  (cpu {cpu / read_cpu:5.2f} x)")
    again, _, _ = timed("preview the same file again (all already there)", lambda: service.preview(sheet, service.columns_for(sheet)))
    assert again.counts()["already_there"] == count
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--csv", action="store_true", help="a GB18030 CSV instead of an .xlsx")
    args = parser.parse_args()
    cpu = platform.processor() or platform.machine()
    print(f"machine: {platform.platform()}, {cpu}, {os.cpu_count()} CPUs, python {platform.python_version()}")
    for count in args.rows:
        run(count, args.csv)


if __name__ == "__main__":
    main()
