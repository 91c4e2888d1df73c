"""Real spreadsheet files written the way schools' tools write them: openpyxl workbooks, CSV in UTF-8 and GB18030."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook

from clerk_app.importing.service import ImportService
from local_db.database import Database

HEADINGS = ["序号", "*姓名", "身份证号码", "准驾车型", "培训类型", "培训机构名称", "结业证书编号", "培训开始日期", "培训结束日期", "结业日期", "手机号"]


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], *, title: str | None = None) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    if title:
        sheet.append([title])
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[object]], encoding: str) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


@pytest.fixture
def importer(db: Database, records: object) -> ImportService:
    """An import over a fresh database whose registry holds the test driving school."""
    return ImportService(db)
