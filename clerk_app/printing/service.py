"""Making a print job: gather a document's data, draw it, and record the print in the audit trail.

Every job is recorded (action ``print``, detail ``{document, key, reprint}``)
in the same transaction that counted the earlier prints of that document and
key, so two windows printing at once cannot both get the same reprint number,
and a document that could not be drawn (a character missing from the font) is
not recorded as printed. A reprint carries 补打（第N次） on the page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from clerk_app import clock
from clerk_app.domain.ce_cycle import CeRule, cycle_summary
from clerk_app.domain.id_number import parse_id_number
from clerk_app.domain.problems import Problem, problem
from clerk_app.printing import (
    calibration,
    ce_statement,
    certificate,
    day_report,
    filing_form,
    qualifications,
    receipt,
    test_page,
)
from clerk_app.printing.fonts import MissingGlyphs
from clerk_app.printing.page import Marks
from clerk_app.services.institutions import InstitutionService
from clerk_app.services.operators import OperatorService, operator_refusal
from clerk_app.services.records import RecordService
from clerk_app.services.settings import SettingsService
from local_db import audit, report_queries
from local_db.database import Database

DOCUMENTS = {
    "receipt": "受理回执",
    "certificate": "从业资格证",
    "ce_statement": "继续教育学时证明",
    "day_report": "日终对账单",
    "filing_form": "备案申请表",
    "test_page": "套打校准测试页",
}


@dataclass(frozen=True)
class PrintJob:
    title: str
    pdf: bytes
    reprint_count: int  # 0 on a first print; for several certificates, the highest of theirs
    pages: int
    document: str = ""  # a key of DOCUMENTS
    printer: str | None = None  # the printer whose offsets the PDF already carries (certificates, test page)


class PrintRefused(Exception):
    """Nothing was printed or recorded; the problems say why, in plain Chinese."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.code for p in problems))
        self.problems = problems


Render = Callable[[dict[str, int], Marks], tuple[bytes, int]]
BeforeRecording = Callable[[bytes], None]
"""Takes the finished PDF inside the print's transaction, before the print is recorded (the command
line writes ``--out`` there); raising stops the job and nothing is recorded, so no reprint is counted."""


class PrintService:
    def __init__(self, db: Database, *, before_recording: BeforeRecording | None = None) -> None:
        self._db = db
        self._before_recording = before_recording
        self._settings = SettingsService(db)

    # -- the documents -------------------------------------------------------------

    def receipt(self, record_key: str, *, operator: str) -> PrintJob:
        """The receipt of a record, by record_id or receipt number."""
        detail = RecordService(self._db).get(record_key)
        if detail is None:
            raise PrintRefused([problem("not_found", "record_id")])
        payload = next(v.payload for v in detail.versions if v.version == detail.summary.current_version)
        names = self._institution_names([payload.get("institution_code")])
        window = self._window()
        key = detail.summary.record_id

        def render(counts: dict[str, int], marks: Marks) -> tuple[bytes, int]:
            return receipt.render(detail, window=window, institution_names=names, marks=marks)

        return self._print("receipt", [(key, key)], f"受理回执 {detail.summary.receipt_no}", render, operator)

    def certificate(self, certificate_no: str, *, operator: str, printer: str | None = None) -> PrintJob:
        return self.certificates([certificate_no], operator=operator, printer=printer)

    def certificates(self, certificate_nos: Sequence[str], *, operator: str, printer: str | None = None) -> PrintJob:
        """Several issued certificates (from the local cache) as one job, one sheet each."""
        found = []
        for number in certificate_nos:
            cached = qualifications.by_certificate_no(self._db, number.strip())
            if cached is None:
                raise PrintRefused([problem("print_certificate_not_found", "certificate_no", certificate_no=number)])
            found.append(cached)
        return self.certificates_from(found, operator=operator, printer=printer)

    def certificates_from(self, data: Sequence[object], *, operator: str, printer: str | None = None) -> PrintJob:
        """Certificates from the platform's ``Qualification`` objects (e.g. handed in as JSON)."""
        today = clock.today()
        checked = [qualifications.checked(item, today) for item in data]
        problems = [c for c in checked if isinstance(c, Problem)]
        if problems:
            raise PrintRefused(problems)
        items = [c for c in checked if isinstance(c, dict)]
        stock = bool(self._settings.get("print.certificate_stock"))
        offsets = calibration.get_offsets(self._db, printer) if printer else (0.0, 0.0)

        def render(counts: dict[str, int], marks: Marks) -> tuple[bytes, int]:
            pages = [(q, counts[q["certificate_no"]]) for q in items]
            # An official certificate carries no "printed by" footer; the audit trail has it.
            return certificate.render(pages, stock=stock, marks=Marks(0, "", offsets))

        title = f"从业资格证 {items[0]['certificate_no']}" if len(items) == 1 else f"从业资格证 {len(items)} 份"
        keys: list[tuple[str, str | None]] = [(str(q["certificate_no"]), None) for q in items]
        return self._print("certificate", keys, title, render, operator, printer=printer)

    def ce_statement(self, id_number: str, *, operator: str, issued_on: date | None = None) -> PrintJob:
        """The driver's CE sessions and hours in the current cycle of the certificate issued on ``issued_on``.

        Without ``issued_on`` the issue date comes from the locally cached certificate.
        """
        today = clock.today()
        parsed = parse_id_number(id_number, today)
        if isinstance(parsed, Problem):
            raise PrintRefused([parsed])
        records = RecordService(self._db)
        entries = []
        for summary in records.search(parsed.canonical, limit=1000):
            if summary.kind == "ce_hours" and not summary.voided and summary.id_number == parsed.canonical:
                detail = records.get(summary.record_id)
                if detail is not None:
                    current = next(v for v in detail.versions if v.version == summary.current_version)
                    entries.append((summary, current.payload))
        if not entries:
            raise PrintRefused([problem("print_no_ce_hours", "id_number")])
        if issued_on is None:
            cached = qualifications.newest_for_person(self._db, parsed.canonical)
            if cached is None:
                raise PrintRefused([problem("print_ce_anchor_unknown", "issued_on")])
            issued_on = date.fromisoformat(str(cached["issued_on"]))
        entries.sort(key=lambda entry: entry[0].created_at)
        newest = entries[-1][1]
        names = self._institution_names([payload["institution_code"] for _, payload in entries])
        sessions = [
            ce_statement.CeSession(
                course=s["course"],
                hours=float(s["hours"]),
                mode=s["mode"],
                start_date=s["start_date"],
                end_date=s["end_date"],
                institution=names.get(payload["institution_code"], payload["institution_code"]),
                receipt_no=summary.receipt_no,
            )
            for summary, payload in entries
            for s in payload["sessions"]
        ]
        rule = CeRule.from_dict(self._settings.get("ce.rule"))
        totals = cycle_summary([s.__dict__ for s in sessions], issued_on, today, rule)
        person = {
            "name": newest["name"],
            "id_number": parsed.canonical,
            "qualification_cert_no": newest["qualification_cert_no"],
            "category": newest["category"],
            "issued_on": issued_on.isoformat(),
        }
        issuer = f"吉林省道路运输从业资格服务窗口 {self._window()}"
        key = f"{parsed.canonical}:{totals.cycle_start.isoformat()}"

        def render(counts: dict[str, int], marks: Marks) -> tuple[bytes, int]:
            return ce_statement.render(person=person, sessions=sessions, summary=totals, rule=rule, issuer=issuer, today=today, marks=marks)

        return self._print("ce_statement", [(key, None)], f"继续教育学时证明 {newest['name']}", render, operator)

    def day_report(self, day: date, *, operator: str, clerk: str | None = None) -> PrintJob:
        """The day's reconciliation of one clerk, or of everyone at this window."""
        with self._db.read() as session:
            rows = report_queries.day_rows(session, day, clerk)
            rejected = report_queries.day_rejected(session, day, clerk)
        names = {o.operator_id: o.name for o in OperatorService(self._db).list()}
        window = self._window()

        def render(counts: dict[str, int], marks: Marks) -> tuple[bytes, int]:
            return day_report.render(day=day, window=window, clerk=clerk, clerk_names=names, rows=rows, rejected=rejected, marks=marks)

        key = f"{day.isoformat()}:{clerk or '*'}"
        return self._print("day_report", [(key, None)], f"日终对账单 {day.isoformat()}", render, operator)

    def filing_form(self, institution_code: str, *, operator: str) -> PrintJob:
        code = institution_code.strip().upper()
        institution = InstitutionService(self._db).get(code)
        if institution is None:
            raise PrintRefused([problem("print_institution_not_found", "institution_code", code=code)])
        if institution.get("kind") != "continuing_education":
            raise PrintRefused([problem("print_not_ce_institution", "institution_code", code=code)])
        window, today = self._window(), clock.today()

        def render(counts: dict[str, int], marks: Marks) -> tuple[bytes, int]:
            return filing_form.render(institution, window=window, today=today, marks=marks)

        return self._print("filing_form", [(code, None)], f"备案申请表 {institution['name']}", render, operator)

    def test_page(self, printer_name: str, *, operator: str) -> PrintJob:
        """The calibration page, printed with the printer's current offsets."""
        offsets = calibration.get_offsets(self._db, printer_name)

        def render(counts: dict[str, int], marks: Marks) -> tuple[bytes, int]:
            return test_page.render(printer_name, offsets, marks=Marks(0, "", offsets))

        return self._print("test_page", [(printer_name, None)], f"套打校准测试页 {printer_name}", render, operator, printer=printer_name)

    # -- the common part -----------------------------------------------------------

    def _print(
        self,
        document: str,
        keys: list[tuple[str, str | None]],
        title: str,
        render: Render,
        operator: str,
        *,
        printer: str | None = None,
    ) -> PrintJob:
        """Count earlier prints, draw, and record the print, all in one transaction."""
        keys = list(dict.fromkeys(keys))  # the same certificate twice in a job is printed twice, recorded once
        with self._db.write() as session:
            refusal = operator_refusal(session, operator)
            if refusal:
                raise PrintRefused([refusal])
            counts = report_queries.print_counts(session, document, [key for key, _ in keys])
            now = clock.now_text()
            footer = f"{DOCUMENTS[document]}　打印：{operator}　{now[:16].replace('T', ' ')}"
            highest = max(counts.values(), default=0)
            try:
                pdf, pages = render(counts, Marks(reprint=highest, footer=footer))
            except MissingGlyphs as error:
                raise PrintRefused([error.problem()]) from None
            if self._before_recording is not None:
                self._before_recording(pdf)
            for key, record_id in keys:
                detail: dict[str, Any] = {"document": document, "key": key, "reprint": counts[key]}
                if printer:
                    detail["printer"] = printer
                audit.append(session, at=now, operator=operator, action=report_queries.PRINT_ACTION, detail=detail, record_id=record_id)
        return PrintJob(title=title, pdf=pdf, reprint_count=highest, pages=pages, document=document, printer=printer)

    def _window(self) -> str:
        return f"{self._settings.get('hall.code')}-{self._settings.get('window.code')}"

    def _institution_names(self, codes: Sequence[str | None]) -> dict[str, str]:
        service = InstitutionService(self._db)
        names = {}
        for code in set(filter(None, codes)):
            found = service.get(code)
            if found:
                names[code] = str(found["name"])
        return names
