"""The import of one completion list: preview every row, fix or confirm, import the ready ones together.

Each row is checked by ``RecordService.check`` (the very validation and
duplicate rules of an entry typed at the counter) and then against the rows
above it in the same file, with the same duplicate rules. Its outcome is:

- ready: would be saved as it is;
- warning: a likely duplicate (same person, institution and class within 30
  days) that the clerk must confirm, as at the counter;
- refused: with the reason in Chinese and the cell it comes from;
- already_there: the same person with the same certificate number is already
  in the database (entered by hand or by an earlier import) or higher up in
  this file; importing it again adds nothing;
- imported: saved, with its record_id and receipt number.

The ready rows and the confirmed warnings are saved by one ``add_many``: one
transaction, all or nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from clerk_app import clock
from clerk_app.domain.duplicates import SIMILAR_WITHIN_DAYS, ExistingRecord, certificate_key, classify_duplicates
from clerk_app.domain.problems import FIELD_LABELS, Problem, problem
from clerk_app.importing.cells import clean
from clerk_app.importing.headings import KIND, ColumnMap, layout_key, recognise
from clerk_app.importing.reading import ImportRefused, Sheet, read_sheet
from clerk_app.services import collector
from clerk_app.services.institutions import InstitutionService
from clerk_app.services.records import RecordService
from local_db import import_store
from local_db.database import Database

log = logging.getLogger(__name__)

READY, WARNING, REFUSED, ALREADY_THERE, IMPORTED = "ready", "warning", "refused", "already_there", "imported"
OUTCOMES = (READY, WARNING, REFUSED, ALREADY_THERE, IMPORTED)
OUTCOME_LABELS = {
    READY: ("可导入", "ready"),
    WARNING: ("疑似重复待确认", "likely duplicate, to confirm"),
    REFUSED: ("不能导入", "refused"),
    ALREADY_THERE: ("已录入过", "already there"),
    IMPORTED: ("已导入", "imported"),
}

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CellProblem:
    problem: Problem
    cell: str | None

    def as_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {"field": self.problem.field, "cell": self.cell, **_without_field(self.problem.as_dict(lang))}


def _without_field(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k != "field"}


@dataclass
class ImportRow:
    number: int  # the spreadsheet's row number
    cells: list[object]
    outcome: str = REFUSED
    errors: list[CellProblem] = field(default_factory=list)
    warnings: list[CellProblem] = field(default_factory=list)
    record_id: str | None = None
    receipt_no: str | None = None
    # What the checks found before the rows above were compared (kept so an edit re-checks one row only).
    payload: dict[str, str] = field(default_factory=dict, repr=False)
    normalised: dict[str, Any] | None = field(default=None, repr=False)
    own_errors: list[Problem] = field(default_factory=list, repr=False)
    own_warnings: list[Problem] = field(default_factory=list, repr=False)

    @property
    def name(self) -> str:
        return str(self.payload.get("name", ""))

    def reason(self, lang: str = "zh", *, short: bool = False) -> str:
        """Why the row is not simply ready; ``short`` keeps each message's first sentence (for a table cell)."""
        messages = [p.problem.message(lang) for p in self.errors or self.warnings]
        if short:
            stop = "。" if lang != "en" else ". "
            messages = [m.split(stop)[0] + stop.strip() if stop in m else m for m in messages]
        # Several reasons read as one sentence each, separated once: "…录入；此人…。", never "…录入。；此人…".
        end, separator = (".", "; ") if lang == "en" else ("。", "；")
        return separator.join(m.rstrip(end) for m in messages) + end if len(messages) > 1 else "".join(messages)

    def first_cell(self) -> str | None:
        return next((p.cell for p in self.errors + self.warnings if p.cell), None)

    def as_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "row": self.number,
            "outcome": self.outcome,
            "name": self.name,
            "record_id": self.record_id,
            "receipt_no": self.receipt_no,
            "errors": [p.as_dict(lang) for p in self.errors],
            "warnings": [p.as_dict(lang) for p in self.warnings],
        }


@dataclass
class Preview:
    sheet: Sheet
    columns: ColumnMap
    rows: list[ImportRow]
    checked_at: int  # import_store.last_change when the rows were checked against the database

    def counts(self) -> dict[str, int]:
        found = dict.fromkeys(OUTCOMES, 0)
        for row in self.rows:
            found[row.outcome] += 1
        return found

    def summary(self, *, dry_run: bool = False) -> dict[str, Any]:
        return {
            "file": Path(self.sheet.path).name,
            "file_type": self.sheet.file_type,
            "encoding": self.sheet.encoding,
            "sheet": self.sheet.sheet_name,
            "header_row": self.sheet.header_row,
            "columns": self.columns.mapping(),
            "ignored_columns": list(self.columns.ignored),
            "rows": len(self.rows),
            **self.counts(),
            "dry_run": dry_run,
        }

    def report(self, lang: str = "zh", *, dry_run: bool = False) -> dict[str, Any]:
        return {"summary": self.summary(dry_run=dry_run), "rows": [row.as_dict(lang) for row in self.rows]}


def _school_codes(institutions: list[dict[str, Any]]) -> dict[str, str]:
    """Lists name the school as often as they give its code: {name or upper-case code: code}.

    A name two schools share is left as typed (and refused by validation as an unknown code).
    """
    names: dict[str, list[str]] = {}
    for payload in institutions:
        names.setdefault(payload["name"], []).append(payload["code"])
    codes = {name: found[0] for name, found in names.items() if len(found) == 1}
    codes.update({payload["code"].upper(): payload["code"] for payload in institutions})
    return codes


CHUNK = 1000  # rows checked together: a few queries per chunk, and progress reported between chunks


class ImportService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._records = RecordService(db)
        self._institutions = InstitutionService(db)

    # -- the file and its columns ------------------------------------------------

    def read(self, path: str | Path) -> Sheet:
        return read_sheet(path)

    def columns_for(self, sheet: Sheet, given: Mapping[str, str] | None = None) -> ColumnMap:
        """Known headings, then the mapping remembered for this layout, then ``given`` (each overriding)."""
        with self._db.read() as session:
            remembered = import_store.mapping_for(session, layout_key(sheet.headings)) or {}
        return recognise(sheet.headings, {**remembered, **(given or {})})

    def remember(self, sheet: Sheet, columns: ColumnMap, *, operator: str) -> None:
        with self._db.write() as session:
            import_store.remember_mapping(
                session, layout_key(sheet.headings), columns.mapping(), at=clock.now_text(), operator=operator
            )

    # -- checking ----------------------------------------------------------------

    def preview(self, sheet: Sheet, columns: ColumnMap, progress: Progress | None = None) -> Preview:
        """Every row checked; raises ImportRefused when a required field has no column."""
        if columns.missing:
            zh = "、".join(f"「{FIELD_LABELS[f][0]}」" for f in columns.missing)
            en = ", ".join(FIELD_LABELS[f][1] for f in columns.missing)
            raise ImportRefused([problem("import_missing_columns", None, fields=(zh, en))])
        rows = [ImportRow(number, list(cells)) for number, cells in sheet.rows]
        preview = Preview(sheet, columns, rows, self._last_change())
        self._check_rows(preview, rows, progress)
        return preview

    def set_cell(self, preview: Preview, row: ImportRow, column: int, value: object) -> None:
        """The clerk corrected a cell in place: check that row again, then the whole file's repeats."""
        row.cells[column] = value
        self._check_rows(preview, [row], None)

    def recheck(self, preview: Preview, progress: Progress | None = None) -> None:
        """Check every row not yet imported again (the database changed since the preview)."""
        preview.checked_at = self._last_change()
        self._check_rows(preview, [r for r in preview.rows if r.outcome != IMPORTED], progress)

    def _check_rows(self, preview: Preview, rows: list[ImportRow], progress: Progress | None) -> None:
        with collector.paused():
            self._check_chunks(preview, rows, progress)
            _compare_within_file(preview, clock.today())

    def _check_chunks(self, preview: Preview, rows: list[ImportRow], progress: Progress | None) -> None:
        codes = _school_codes(self._institutions.list(kind="driver_training"))
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            cleaning = [self._clean_row(preview, row, codes) for row in chunk]
            verdicts = self._records.check_many(KIND, [row.payload for row in chunk])
            for row, problems, verdict in zip(chunk, cleaning, verdicts, strict=True):
                spoiled = {p.field for p in problems}
                row.own_errors = problems + [p for p in verdict.errors if p.field not in spoiled]
                row.own_warnings = list(verdict.warnings)
                row.normalised = verdict.payload if not row.own_errors else None
            if progress:
                progress(start + len(chunk), len(rows))

    def _clean_row(self, preview: Preview, row: ImportRow, codes: Mapping[str, str]) -> list[Problem]:
        """The row's cells as a payload (kept on the row); returns the cells that could not be read."""
        payload: dict[str, str] = {}
        cleaning: list[Problem] = []
        for name, index in preview.columns.columns.items():
            value = clean(name, row.cells[index], epoch=preview.sheet.epoch, institution_codes=codes)
            if isinstance(value, Problem):
                cleaning.append(value)
            elif value is not None:
                payload[name] = value
        row.payload = payload
        return cleaning

    def _last_change(self) -> int:
        with self._db.read() as session:
            return import_store.last_change(session)

    # -- importing and exporting ---------------------------------------------------

    def import_rows(
        self, preview: Preview, *, operator: str, confirmed: Collection[int] = (), progress: Progress | None = None
    ) -> list[ImportRow]:
        """Save the ready rows and the confirmed warnings (row numbers) in ONE transaction; returns those saved."""
        if self._last_change() != preview.checked_at:
            self.recheck(preview, progress)
        batch = [r for r in preview.rows if r.outcome == READY or (r.outcome == WARNING and r.number in confirmed)]
        if not batch:
            return []
        outcomes = self._records.add_many(
            KIND, [dict(r.payload) for r in batch], operator=operator,
            confirm_duplicate=any(r.outcome == WARNING for r in batch),
        )
        if not all(o.ok for o in outcomes):
            if all(o.errors and o.errors[0].code == "unknown_operator" for o in outcomes):
                raise ImportRefused(outcomes[0].errors)  # nothing to do with the rows: this operator may not save
            for row, outcome in zip(batch, outcomes, strict=True):
                if not outcome.ok:
                    row.outcome = REFUSED
                    row.errors = [CellProblem(p, preview.columns.cell(p.field, row.number)) for p in outcome.errors]
            log.warning("import refused as a whole: %d rows", len(batch))
            return []
        for row, outcome in zip(batch, outcomes, strict=True):
            row.outcome, row.record_id, row.receipt_no = IMPORTED, outcome.record_id, outcome.receipt_no
            row.errors = []
        preview.checked_at = self._last_change()
        log.info("imported %d rows from a %s list", len(batch), preview.sheet.file_type)
        return batch

    def export_refused(self, preview: Preview, path: str | Path, lang: str = "zh") -> int:
        """The refused rows as an .xlsx for the school, with the reason and the cell; returns how many.

        Raises ImportRefused when the file cannot be written (``export_problem`` tells it beforehand).
        """
        from clerk_app.importing.export import export_problem, write_refused

        refusal = export_problem(Path(path))
        if refusal is not None:
            raise ImportRefused([refusal])
        refused = [r for r in preview.rows if r.outcome == REFUSED]
        try:
            write_refused(Path(path), preview.columns, refused, lang)
        except OSError as error:
            reason = error.strerror or str(error)
            raise ImportRefused([problem("import_export_unwritable", "export_refused", path=str(path), reason=reason)]) from error
        return len(refused)


_IN_FILE = {
    "duplicate_record": (ALREADY_THERE, "import_repeated_in_file"),
    "duplicate_certificate_no": (REFUSED, "import_certificate_in_file"),
}


def _compare_within_file(preview: Preview, today: Any) -> None:
    """Each row's outcome: its own checks, then the duplicate rules against the valid rows above it."""
    by_person: dict[str, list[ImportRow]] = {}
    by_certificate: dict[str, list[ImportRow]] = {}
    now = datetime.combine(today, datetime.min.time())
    for row in preview.rows:
        if row.outcome != IMPORTED:
            _settle(preview, row, by_person, by_certificate, today, now)
        if row.outcome in (READY, WARNING, IMPORTED) and row.normalised is not None:
            by_person.setdefault(row.normalised["id_number"], []).append(row)
            key = certificate_key(KIND, row.normalised)
            if key:
                by_certificate.setdefault(key, []).append(row)


def _settle(
    preview: Preview,
    row: ImportRow,
    by_person: dict[str, list[ImportRow]],
    by_certificate: dict[str, list[ImportRow]],
    today: Any,
    now: datetime,
) -> None:
    errors, warnings = list(row.own_errors), list(row.own_warnings)
    already = bool(errors) and all(p.code == "duplicate_record" for p in errors)
    if row.normalised is not None:
        mine = row.normalised
        key = certificate_key(KIND, mine)
        above = {id(r): r for r in by_person.get(mine["id_number"], []) + (by_certificate.get(key, []) if key else [])}
        for other in sorted(above.values(), key=lambda r: r.number):
            assert other.normalised is not None
            earlier = ExistingRecord(str(other.number), KIND, other.normalised, now, False)
            found_errors, found_warnings = classify_duplicates(KIND, mine, [earlier], today)
            for found in found_errors:
                outcome, code = _IN_FILE[found.code]
                errors.append(problem(code, found.field, row=other.number))
                already = already or (outcome == ALREADY_THERE and not row.own_errors)
            if found_warnings:
                warnings.append(problem("import_near_duplicate_in_file", None, row=other.number, days=SIMILAR_WITHIN_DAYS))
    cell = preview.columns.cell
    row.errors = [CellProblem(p, cell(p.field, row.number)) for p in errors]
    row.warnings = [CellProblem(p, cell(p.field, row.number)) for p in warnings]
    if errors:
        row.outcome = ALREADY_THERE if already and all(
            p.code in {"duplicate_record", "import_repeated_in_file"} for p in errors
        ) else REFUSED
    else:
        row.outcome = WARNING if warnings else READY
