"""A school's list is judged by the rulings of December 2026 exactly as the counter is."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from clerk_app.importing.service import ImportService
from tests import factories
from tests.importing.lists import HEADINGS, row, write_xlsx


def test_a_list_is_held_to_the_same_ages_dates_and_canonical_numbers(tmp_path: Path, importer: ImportService) -> None:
    rows = [
        HEADINGS,
        row(1, "赵一", factories.id_number(seq=901), "jl-b2-2026-000901"),
        row(2, "钱二", factories.id_number(birth="20100501", seq=902), "JL-B2-2026-000902"),  # 16 at training start
        row(3, "孙三", factories.id_number(seq=903), "JL-B2-2026-000903", start=date(1999, 12, 1)),
        row(4, "李四", factories.id_number(seq=904), "JL-B2-2026-000904", phone="12012345678"),
    ]
    sheet = importer.read(write_xlsx(tmp_path / "list.xlsx", rows))
    preview = importer.preview(sheet, importer.columns_for(sheet))
    by_name = {r.payload.get("name"): r for r in preview.rows}
    assert by_name["赵一"].outcome == "ready"
    assert by_name["赵一"].normalised["certificate_no"] == "JL-B2-2026-000901"
    young = by_name["钱二"].errors[0].problem
    assert young.code == "age_out_of_range" and "未满 18 周岁" in young.message_zh
    early = by_name["孙三"].errors[0].problem
    assert early.code == "date_out_of_range" and "早于 2000-01-01" in early.message_zh
    phone = by_name["李四"].errors[0].problem
    assert phone.code == "invalid_phone" and "以 13 至 19 开头" in phone.message_zh
