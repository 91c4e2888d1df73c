"""Making a print job: gather a document's data, draw it, and record the print in the audit trail.

Every job is recorded (action ``print``, detail ``{document, key, reprint}``)
in the same transaction that counted the earlier prints of that document and
key, so two windows printing at once cannot both get the same reprint number,
and a document that could not be drawn (a character missing from the font) is
not recorded as printed. A reprint carries 补打（第N次） on the page, except a
certificate on pre-printed stock, which carries the values only (the audit
trail has the reprint).

Training mode is a flag the caller passes (``training=True``, the window in
``--training``), never guessed from the hall code: then every page carries the
练习 · 无效 watermark and 培训模式 in its title line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
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
from clerk_app.printing.ce_statement import PLATFORM, THIS_WINDOW, CeSession, CeSource, CeStatement
from clerk_app.printing.day_report import DayFacts
from clerk_app.printing.fonts import MissingGlyphs
from clerk_app.printing.page import Marks
from clerk_app.printing.wording import Hall, People, date_text
from clerk_app.services import ce_standing
from clerk_app.services.ce_standing import CeStanding, CeStandingService
from clerk_app.services.institutions import InstitutionService
from clerk_app.services.operators import OperatorService, operator_refusal
from clerk_app.services.records import RecordService
from clerk_app.services.settings import SettingsService
from local_db import audit, institution_store, operator_store, report_queries
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
    pdf: bytes  # what goes to paper
    reprint_count: int  # 0 on a first print; for several certificates, the highest of theirs
    pages: int
    document: str = ""  # a key of DOCUMENTS
    printer: str | None = None  # the printer whose offsets the PDF already carries (certificates, test page)
    # Draws the same pages for the screen, with where the seal goes shown (a dashed ring never printed).
    draw_preview: Callable[[], bytes] | None = field(default=None, compare=False, repr=False)

    def preview_pdf(self) -> bytes:
        """The pages as the print preview shows them: the paper's, plus the seal's place."""
        return self.draw_preview() if self.draw_preview is not None else self.pdf


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
    def __init__(self, db: Database, *, before_recording: BeforeRecording | None = None, training: bool = False) -> None:
        self._db = db
        self._training = training
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
        hall, people = self._hall(), self._people()
        key = detail.summary.record_id

        def render(counts: dict[str, int], marks: Marks) -> tuple[bytes, int]:
            return receipt.render(detail, hall=hall, institution_names=names, people=people, marks=marks)

        return self._print("receipt", [(key, key)], f"受理回执 {detail.summary.receipt_no}", render, operator)

    def certificate(self, certificate_no: str, *, operator: str, printer: str | None = None, stock: bool | None = None) -> PrintJob:
        return self.certificates([certificate_no], operator=operator, printer=printer, stock=stock)

    def certificates(
        self, certificate_nos: Sequence[str], *, operator: str, printer: str | None = None, stock: bool | None = None
    ) -> PrintJob:
        """Several issued certificates (from the local cache) as one job, one sheet each."""
        found = []
        for number in certificate_nos:
            cached = qualifications.by_certificate_no(self._db, number.strip())
            if cached is None:
                raise PrintRefused([problem("print_certificate_not_found", "certificate_no", certificate_no=number)])
            found.append(cached)
        return self.certificates_from(found, operator=operator, printer=printer, stock=stock)

    def certificates_from(
        self, data: Sequence[object], *, operator: str, printer: str | None = None, stock: bool | None = None
    ) -> PrintJob:
        """Certificates from the platform's ``Qualification`` objects (e.g. handed in as JSON); ``stock``: on
        pre-printed stock (values only) or plain paper, None: as the ``print.certificate_stock`` setting says."""
        today = clock.today()
        checked = [qualifications.checked(item, today) for item in data]
        problems = [c for c in checked if isinstance(c, Problem)]
        if problems:
            raise PrintRefused(problems)
        items = [c for c in checked if isinstance(c, dict)]
        settings = self._settings.all()  # one read for the stock switch and the hall
        if stock is None:
            stock = bool(settings["print.certificate_stock"])
        offsets = calibration.get_offsets(self._db, printer) if printer else (0.0, 0.0)
        authority = self._hall(settings).authority

        def render(counts: dict[str, int], marks: Marks) -> tuple[bytes, int]:
            pages = [(q, counts[q["certificate_no"]]) for q in items]
            # An official certificate carries no "printed by" footer; the audit trail has it.
            plain = Marks(0, "", offsets, training=self._training, preview=marks.preview)
            return certificate.render(pages, stock=stock, marks=plain, authority=authority, today=today)

        title = f"从业资格证 {items[0]['certificate_no']}" if len(items) == 1 else f"从业资格证 {len(items)} 份"
        keys: list[tuple[str, str | None]] = [(str(q["certificate_no"]), None) for q in items]
        return self._print("certificate", keys, title, render, operator, printer=printer)

    def ce_statement(
        self, id_number: str, *, operator: str, issued_on: date | None = None, category: str | None = None
    ) -> PrintJob:
        """The driver's CE hours in the current cycle, from this window's entries and what the platform last
        said (``CeStandingService``: the figures the CE form shows).

        ``issued_on`` is the 初次领证日期 typed from the paper certificate, used when no certificate is known here;
        ``category`` None: that of the person's newest entry here.
        """
        parsed = parse_id_number(id_number, clock.today())
        if isinstance(parsed, Problem):
            raise PrintRefused([parsed])
        standing = CeStandingService(self._db).standing(parsed.canonical, category=category, typed_first_issued_on=issued_on)
        return self.ce_statement_of(standing, operator=operator)

    def ce_statement_of(self, standing: CeStanding, *, operator: str) -> PrintJob:
        """The statement of a standing the caller has (the CE form's, read from the platform just before)."""
        if not standing.sessions and standing.certificate is None:
            raise PrintRefused([problem("print_no_ce_hours", "id_number")])
        if standing.first_issued_on is None:
            raise PrintRefused([problem("print_ce_anchor_unknown", "issued_on")])
        institutions = self._institutions([s.institution_code for s in standing.sessions])
        sessions = tuple(
            CeSession(
                course=s.course,
                hours=s.hours,
                mode=s.mode,
                start_date=s.start_date,
                end_date=s.end_date,
                institution=str(institutions.get(s.institution_code, {}).get("name") or s.institution_code),
                institution_status=str(institutions.get(s.institution_code, {}).get("status") or ""),
                reference=s.reference if s.source == ce_standing.THIS_WINDOW else f"其他窗口录入\n{date_text(s.reference)}接收",
                source=THIS_WINDOW if s.source == ce_standing.THIS_WINDOW else PLATFORM,
            )
            for s in standing.sessions
        )
        sources = [CeSource(THIS_WINDOW, standing.read_at)]
        if standing.platform_read_at:
            sources.append(CeSource(PLATFORM, standing.platform_read_at))
        statement = CeStatement(
            name=standing.name,
            id_number=standing.id_number,
            certificate_no=standing.certificate_no,
            category=standing.category,
            first_issued_on=standing.first_issued_on,
            sessions=sessions,
            sources=tuple(sources),
        )
        return self.ce_statement_from(statement, operator=operator)

    def ce_statement_from(self, statement: CeStatement, *, operator: str) -> PrintJob:
        """The statement of figures the caller gathered (this window's entries, the platform's, or both)."""
        today = clock.today()
        rule = CeRule.from_dict(self._settings.get("ce.rule"))
        totals = cycle_summary([s.__dict__ for s in statement.sessions], statement.first_issued_on, today, rule)
        hall = self._hall()
        key = f"{statement.id_number}:{totals.cycle_start.isoformat()}"

        def render(counts: dict[str, int], marks: Marks) -> tuple[bytes, int]:
            return ce_statement.render(statement=statement, summary=totals, rule=rule, hall=hall, today=today, marks=marks)

        return self._print("ce_statement", [(key, None)], f"继续教育学时证明 {statement.name}", render, operator)

    def day_report(self, day: date, *, operator: str, clerk: str | None = None) -> PrintJob:
        """The day's reconciliation of one clerk, or of everyone at this window."""
        with self._db.read() as session:
            facts = DayFacts(
                rows=report_queries.day_rows(session, day, clerk),
                rejected=report_queries.day_rejected(session, day, clerk),
                voids=report_queries.day_voids(session, day, clerk),
                corrections=report_queries.day_corrections(session, day, clerk),
                reprints=report_queries.day_reprints(session, day, clerk),
                unknown=report_queries.day_unknown(session, day, clerk),
            )
        people, hall = self._people(), self._hall()

        def render(counts: dict[str, int], marks: Marks) -> tuple[bytes, int]:
            return day_report.render(day=day, hall=hall, clerk=clerk, people=people, facts=facts, documents=DOCUMENTS, marks=marks)

        key = f"{day.isoformat()}:{clerk or '*'}"
        return self._print("day_report", [(key, None)], f"日终对账单 {day.isoformat()}", render, operator)

    def filing_form(self, institution_code: str, *, operator: str) -> PrintJob:
        code = institution_code.strip().upper()
        institution = InstitutionService(self._db).get(code)
        if institution is None:
            raise PrintRefused([problem("print_institution_not_found", "institution_code", code=code)])
        if institution.get("kind") != "continuing_education":
            raise PrintRefused([problem("print_not_ce_institution", "institution_code", code=code)])
        hall, today = self._hall(), clock.today()

        def render(counts: dict[str, int], marks: Marks) -> tuple[bytes, int]:
            return filing_form.render(institution, hall=hall, today=today, marks=marks)

        return self._print("filing_form", [(code, None)], f"备案申请表 {institution['name']}", render, operator)

    def test_page(self, printer_name: str, *, operator: str) -> PrintJob:
        """The calibration page, printed with the printer's current offsets."""
        offsets = calibration.get_offsets(self._db, printer_name)

        def render(counts: dict[str, int], marks: Marks) -> tuple[bytes, int]:
            return test_page.render(printer_name, offsets, marks=Marks(0, "", offsets, training=self._training))

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
            who = operator_store.get(session, operator)  # in the session already held, not a second one
            printed_by = People({operator: who.name} if who is not None else {}, practice=self._training).name(operator)
            footer = f"{DOCUMENTS[document]}　打印：{printed_by}　{date_text(now)} {now[11:16]}"
            highest = max(counts.values(), default=0)
            marks = Marks(reprint=highest, footer=footer, training=self._training)
            try:
                pdf, pages = render(counts, marks)
            except MissingGlyphs as error:
                raise PrintRefused([error.problem()]) from None
            if self._before_recording is not None:
                self._before_recording(pdf)
            for key, record_id in keys:
                detail: dict[str, Any] = {"document": document, "key": key, "reprint": counts[key]}
                if printer:
                    detail["printer"] = printer
                audit.append(session, at=now, operator=operator, action=report_queries.PRINT_ACTION, detail=detail, record_id=record_id)
        def draw_preview() -> bytes:
            return render(counts, replace(marks, preview=True))[0]

        return PrintJob(
            title=title, pdf=pdf, reprint_count=highest, pages=pages, document=document, printer=printer, draw_preview=draw_preview
        )

    def _hall(self, settings: Mapping[str, Any] | None = None) -> Hall:
        """The hall as its settings name it (``hall.code``, ``hall.name``, ``hall.authority``, ``window.code``, ``hall.phone``)."""
        values = self._settings.all() if settings is None else settings
        return Hall(
            code=str(values["hall.code"]),
            name=str(values["hall.name"]),
            authority=str(values["hall.authority"]),
            window=str(values["window.code"]),
            phone=str(values["hall.phone"]),
        )

    def _people(self) -> People:
        """The operators by name; in training mode a login without one (``training``) is named 练习."""
        return People({o.operator_id: o.name for o in OperatorService(self._db).list()}, practice=self._training)

    def _institutions(self, codes: Sequence[str | None]) -> dict[str, Mapping[str, Any]]:
        with self._db.read() as session:
            return dict(institution_store.payloads_of(session, set(filter(None, codes))))

    def _institution_names(self, codes: Sequence[str | None]) -> dict[str, str]:
        return {code: str(value["name"]) for code, value in self._institutions(codes).items()}
