"""Which column holds which field: the headings schools use, and the mapping a clerk gives once.

Schools name their columns in many ways (身份证号 / 身份证号码 / 公民身份号码 …);
the known ones are recognised, the rest the clerk maps by hand, and that
mapping is remembered for the layout (the school's heading row) so the next
list from the same school needs no questions.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

KIND = "training_completion"

# Fields of a training_completion payload, in the order a school's list usually has them.
FIELDS = (
    "name",
    "id_number",
    "phone",
    "vehicle_class",
    "training_scope",
    "institution_code",
    "certificate_no",
    "training_start",
    "training_end",
    "assessment_date",
)
OPTIONAL = frozenset({"phone"})
DATE_FIELDS = frozenset({"training_start", "training_end", "assessment_date"})

# Headings per field, best first: where a list has several columns for one
# field (机构代码 and 培训机构名称), the earlier synonym wins and the other
# column is left out.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "学员姓名", "学员名称", "学员"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "公民身份证号码", "身份证件号码", "证件号码", "身份证"),
    "phone": ("联系电话", "手机号", "手机号码", "手机", "电话", "联系方式"),
    "vehicle_class": ("培训车型", "准驾车型", "车型", "申请车型", "培训准驾车型"),
    "training_scope": ("培训类型", "培训类别", "培训方式"),
    "institution_code": ("机构代码", "培训机构代码", "驾校代码", "培训机构", "培训机构名称", "机构名称", "驾校", "驾校名称"),
    "certificate_no": ("结业证书编号", "证书编号", "结业证编号", "结业证号", "结业证书号", "培训结业证书编号"),
    "training_start": ("培训开始日期", "培训开始", "开始培训日期", "培训开始时间", "开训日期"),
    "training_end": ("培训结束日期", "培训结束", "结束培训日期", "培训结束时间", "结训日期"),
    "assessment_date": ("结业日期", "考核日期", "结业考核日期", "考核时间", "结业时间"),
}
_BY_HEADING = {heading: (field, rank) for field, names in SYNONYMS.items() for rank, heading in enumerate(names)}

# Marks schools put around headings: "*姓名", "姓名（必填）", "身份证号:".
_DECORATION = re.compile(r"[*＊:：\s]|[(（][^)）]*[)）]")


def normalise_heading(text: object) -> str:
    if text is None:
        return ""
    return _DECORATION.sub("", unicodedata.normalize("NFKC", str(text)))


def known_field(heading: object) -> str | None:
    found = _BY_HEADING.get(normalise_heading(heading))
    return found[0] if found else None


def column_label(headings: Sequence[str], index: int) -> str:
    """How a column is named to the clerk and in a mapping: its heading, or 列 C when it has none."""
    return headings[index] or f"列{get_column_letter(index + 1)}"


def layout_key(headings: Sequence[str]) -> str:
    """The key a school's mapping is remembered under: its heading row, normalised."""
    text = "\x1f".join(normalise_heading(h) for h in headings)
    return "headings:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ColumnMap:
    """Which column (0-based) holds each field, and what was left out."""

    columns: dict[str, int]
    labels: tuple[str, ...]  # every column's label, as in column_label
    ignored: tuple[str, ...]  # labels of columns that hold no field

    @property
    def missing(self) -> list[str]:
        return [f for f in FIELDS if f not in self.columns and f not in OPTIONAL]

    def mapping(self) -> dict[str, str]:
        """{column label: field} for every column, "" for the ones left out (the form remembered)."""
        by_column = {index: field for field, index in self.columns.items()}
        return {label: by_column.get(i, "") for i, label in enumerate(self.labels)}

    def cell(self, field: str | None, row: int) -> str | None:
        """The spreadsheet cell ("C7") a field of a row came from."""
        if field is None:
            return None
        index = self.columns.get(field.split(".")[0])
        return None if index is None else f"{get_column_letter(index + 1)}{row}"


def recognise(headings: Sequence[str], given: Mapping[str, str] | None = None) -> ColumnMap:
    """Known headings mapped automatically; ``given`` ({label: field or ""}) overrides them."""
    labels = tuple(column_label(headings, i) for i in range(len(headings)))
    best: dict[str, tuple[int, int]] = {}
    for index, heading in enumerate(headings):
        found = _BY_HEADING.get(normalise_heading(heading))
        if found and (found[0] not in best or found[1] < best[found[0]][1]):
            best[found[0]] = (index, found[1])
    columns = {field: index for field, (index, _) in best.items()}
    if given:
        wanted = {normalise_heading(label): field for label, field in given.items()}
        for index, label in enumerate(labels):
            key = normalise_heading(label)
            if key not in wanted:
                continue
            field = wanted[key]
            columns = {f: i for f, i in columns.items() if i != index and (not field or f != field)}
            if field:
                columns[field] = index
    used = set(columns.values())
    ignored = tuple(label for i, label in enumerate(labels) if i not in used)
    return ColumnMap(columns, labels, ignored)
