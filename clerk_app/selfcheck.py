"""The installed program's health check: each part a clerk relies on, exercised once in a throw-away folder.

County IT staff run ``clerk-app self-check`` after installing, and CI runs it in
the frozen bundle: a part PyInstaller left out (a migration script, the font,
PDFium, a Qt plugin, the keyring back-end, the HTTP stack) fails here, in one
line, instead of at the counter. Everything happens in a temporary folder and
on loopback: the clerks' data folder, the system's credential store and the
network are never touched, and the folder is removed afterwards.
"""

from __future__ import annotations

import logging
import os
import secrets
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from clerk_app import clock
from clerk_app.domain.masking import PersonalDataFilter
from local_db.database import Database

OPERATOR = "selfcheck"
ACCOUNT = "selfcheck"
HALL = "220100"
SELF_CHECK_HALL = {"hall.code": HALL, "hall.name": "自检大厅", "hall.authority": "自检（无效）", "window.code": "01"}
# A fictitious person: the ID number is well-formed (Changchun, check character correct) and belongs to nobody.
ENTRY = {
    "id_number": "220102199001010017",
    "name": "自检样例",
    "situation": "passed_not_collected",
    "event_date": "2020-11-10",
    "note": "窗口程序自检写入的样例记录",
}
CERTIFICATE_NO = "JL2201000000000001"

TITLES = {
    "database": ("数据库（建库与迁移）", "database (create and migrate)"),
    "encryption": ("数据库加密（SQLCipher）", "database encryption (SQLCipher)"),
    "record": ("保存一条记录", "save an entry"),
    "certificate": ("生成从业资格证 PDF", "render a certificate PDF"),
    "printing": ("Qt 打印组件", "Qt printing"),
    "keyring": ("密码保管组件", "credential store back-end"),
    "platform": ("与平台通信（本机参考平台）", "talk to the platform (loopback reference platform)"),
}
STATUS_LABELS = {"ok": ("通过", "ok"), "failed": ("失败", "FAILED"), "skipped": ("未做", "skipped")}


class StepFailed(Exception):
    """The step ran and found something wrong; the message says what."""


@dataclass(frozen=True)
class StepResult:
    name: str
    status: str  # ok, failed, skipped
    detail: str
    seconds: float

    def as_dict(self, lang: str) -> dict[str, Any]:
        return {
            "step": self.name,
            "title": TITLES[self.name][lang == "en"],
            "status": self.status,
            "detail": self.detail,
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True)
class Report:
    steps: list[StepResult]
    warnings: list[str]  # what the program logged at WARNING or above while checking

    @property
    def ok(self) -> bool:
        return all(step.status == "ok" for step in self.steps)


class _Warnings(logging.Handler):
    """Keeps the check's warnings for the report: the log file would be in the folder that is removed."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.addFilter(PersonalDataFilter())
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname} {record.name}: {record.getMessage()}")


@dataclass
class _State:
    folder: Path
    db: Database | None = None
    record_id: str | None = None
    pdf: bytes | None = None
    results: list[StepResult] = field(default_factory=list)


def run() -> Report:
    """Run every step in a fresh temporary folder; a step whose input failed is skipped."""
    warnings = _Warnings()
    logging.getLogger().addHandler(warnings)
    with tempfile.TemporaryDirectory(prefix="clerk-app-selfcheck-") as folder:
        state = _State(Path(folder))
        try:
            _step(state, "database", _database, needs=())
            _step(state, "encryption", _encryption, needs=())
            _step(state, "record", _record, needs=("database",))
            _step(state, "certificate", _certificate, needs=("database",))
            _step(state, "printing", _printing, needs=("certificate",))
            _step(state, "keyring", _keyring, needs=())
            _step(state, "platform", _platform, needs=("record",))
        finally:
            if state.db is not None:
                state.db.close()
                _forget_key(state.db.data_dir)
            logging.getLogger().removeHandler(warnings)
    return Report(state.results, warnings.messages)


def _step(state: _State, name: str, body: Callable[[_State], str], needs: tuple[str, ...]) -> None:
    failed = [r.name for r in state.results if r.name in needs and r.status != "ok"]
    if failed:
        state.results.append(StepResult(name, "skipped", f"needs {', '.join(failed)}", 0.0))
        return
    started = time.perf_counter()
    try:
        detail, status = body(state), "ok"
    except StepFailed as error:
        detail, status = str(error), "failed"
    except Exception as error:  # noqa: BLE001 - a self-check reports what broke rather than stopping at it
        detail, status = f"{type(error).__name__}: {error}", "failed"
    state.results.append(StepResult(name, status, detail, time.perf_counter() - started))


def _database(state: _State) -> str:
    from local_db import migrate

    db = Database(state.folder / "data")
    state.db = db.open(write=True, operator=OPERATOR)
    revision = migrate.current_revision(db.engine)
    if revision != migrate.head_revision():
        raise StepFailed(f"schema at {revision}, expected {migrate.head_revision()}")
    return f"schema {revision}"


def _forget_key(data_dir: Path) -> None:
    """The throw-away folder's key leaves the keyring with the folder: the check leaves nothing behind there."""
    from local_db import keys

    try:
        keys.forget_key_on_this_pc(data_dir)
    except Exception as error:  # noqa: BLE001 - a key left over must not hide the report
        logging.getLogger(__name__).warning("self-check key not removed from the keyring: %s", type(error).__name__)


def _encryption(state: _State) -> str:
    """SQLCipher's library is there: a database written with a random key reads back with it, not without it."""
    from local_db.sqlite_files import DB_DATABASE_ERRORS, KEY_BYTES, connect, is_plaintext

    path = state.folder / "encrypted.sqlite3"
    key = secrets.token_bytes(KEY_BYTES)
    connection = connect(path, key=key)
    try:
        version = connection.execute("PRAGMA cipher_version").fetchone()
        with connection:
            connection.execute("CREATE TABLE sample (text TEXT)")
            connection.execute("INSERT INTO sample VALUES (?)", (ENTRY["name"],))
    finally:
        connection.close()
    if not version or not version[0]:
        raise StepFailed("the SQLite library loaded is not SQLCipher (no cipher_version)")
    if is_plaintext(path) or ENTRY["name"].encode() in path.read_bytes():
        raise StepFailed("the file was written in plain text")
    reopened = connect(path, key=key)
    try:
        found = reopened.execute("SELECT text FROM sample").fetchone()
    finally:
        reopened.close()
    if found != (ENTRY["name"],):
        raise StepFailed("the encrypted database did not read back with its key")
    keyless = connect(path, key=None)
    try:
        keyless.execute("SELECT count(*) FROM sqlite_master").fetchone()
        raise StepFailed("the encrypted database opened without its key")
    except DB_DATABASE_ERRORS:
        pass  # refused, as it must be
    finally:
        keyless.close()
    return f"SQLCipher {version[0]}: written encrypted, read back with its key, refused without it"


def _record(state: _State) -> str:
    from clerk_app.services.operators import OperatorService
    from clerk_app.services.records import RecordService
    from clerk_app.services.settings import SettingsService

    assert state.db is not None
    # A window saves nothing before its first supervisor and its hall are set up: the throw-away one too.
    OperatorService(state.db).add(OPERATOR, "自检", "supervisor", secrets.token_urlsafe(16), acting=OPERATOR)
    settings = SettingsService(state.db)
    for key, value in SELF_CHECK_HALL.items():
        settings.set(key, value, operator=OPERATOR)
    records = RecordService(state.db)
    outcome = records.add("transition_case", dict(ENTRY), operator=OPERATOR)
    if not outcome.ok or outcome.record_id is None:
        raise StepFailed("refused: " + ", ".join(p.code for p in outcome.errors))
    found = records.get(outcome.record_id)
    if found is None or found.versions[0].payload["name"] != ENTRY["name"]:
        raise StepFailed("the saved entry could not be read back")
    state.record_id = outcome.record_id
    return f"receipt {outcome.receipt_no}"


def _certificate(state: _State) -> str:
    import pypdfium2 as pdfium

    from clerk_app.printing.service import PrintRefused, PrintService

    assert state.db is not None
    today = clock.today()
    qualification = {
        "certificate_no": CERTIFICATE_NO,
        "category": "freight",
        "name": ENTRY["name"],
        "id_number": ENTRY["id_number"],
        "issued_on": today.isoformat(),
        "valid_until": (today + timedelta(days=6 * 365)).isoformat(),
        "status": "valid",
        "verify_url": f"https://example.invalid/verify?no={CERTIFICATE_NO}",
    }
    try:
        job = PrintService(state.db).certificates_from([qualification], operator=OPERATOR)
    except PrintRefused as refused:
        raise StepFailed("refused: " + ", ".join(p.code for p in refused.problems)) from None
    document = pdfium.PdfDocument(job.pdf)
    try:
        pages = len(document)
        text = document[0].get_textpage().get_text_range()
    finally:
        document.close()
    missing = [value for value in (CERTIFICATE_NO, ENTRY["name"]) if value not in text]
    if pages != 1 or missing:
        raise StepFailed(f"{pages} page(s); text missing from the page: {', '.join(missing) or '-'}")
    state.pdf = job.pdf
    return f"{len(job.pdf)} bytes, {pages} page, text read back"


def _printing(state: _State) -> str:
    """Paint the certificate through Qt's print support into a PDF file, as the counter's printer path does."""
    import pypdfium2 as pdfium

    from clerk_app.display import display_available
    from clerk_app.printing.service import PrintJob

    if not display_available():
        # Headless (CI, a server): Qt's offscreen platform plugin; with a desktop, the real one is exercised.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtPrintSupport import QPrinter

    from clerk_app.printing.printer import printer_names, render_into

    printers = printer_names()
    assert state.pdf is not None
    out = state.folder / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    if not render_into(printer, PrintJob(title="自检", pdf=state.pdf, reprint_count=0, pages=1)):
        raise StepFailed("Qt refused to start the print job")
    document = pdfium.PdfDocument(out)
    try:
        pages = len(document)
    finally:
        document.close()
    if pages != 1:
        raise StepFailed(f"Qt printed {pages} pages, expected 1")
    return f"platform plugin loaded, printed 1 page; {len(printers)} printer(s) installed"


def _keyring(state: _State) -> str:
    """The back-end the window keeps the platform secret with is there (no secret is read or written)."""
    if sys.platform != "win32":
        import keyring.backends.SecretService

        return "keyring.backends.SecretService loads"
    import keyring

    # Found through keyring's entry points, so this also proves its metadata is in the bundle.
    backend = keyring.get_keyring()
    found = [type(b).__module__ for b in [backend, *getattr(backend, "backends", [])]]
    if "keyring.backends.Windows" not in found:
        raise StepFailed(f"Windows Credential Manager back-end not found (got {', '.join(found)})")
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _platform(state: _State) -> str:
    """Health, token and the saved entry uploaded by the upload engine, against the reference platform."""
    from clerk_app.services.platform import PlatformService
    from clerk_app.services.records import RecordService
    from clerk_app.services.settings import SettingsService
    from sync.engine import UploadEngine
    from sync.reference_platform import Account, ReferencePlatform

    assert state.db is not None and state.record_id is not None
    secret = secrets.token_urlsafe(24)
    platform = ReferencePlatform(state.folder / "platform.sqlite3", [Account(ACCOUNT, secret, HALL)])
    url = platform.start(port=0)
    try:
        settings = SettingsService(state.db)
        settings.set("platform.url", url, operator=OPERATOR)
        settings.set("platform.account", ACCOUNT, operator=OPERATOR)
        client = PlatformService(state.db, secret_source=lambda *_: secret).client()
        try:
            status = client.health().get("status")
            if status != "ok":
                raise StepFailed(f"health: {status}")
            client.login()
            summary = UploadEngine(state.db, client, operator=OPERATOR).run(
                end_of_day=True, progress=None, cancel=threading.Event()
            )
        finally:
            client.close()
    finally:
        platform.close()  # its database too: Windows cannot remove an open file
    if summary.stopped is not None:
        raise StepFailed(f"upload stopped: {summary.stopped.code}")
    found = RecordService(state.db).get(state.record_id)
    if summary.accepted != 1 or found is None or found.summary.upload_state != "accepted":
        raise StepFailed(f"{summary.accepted} record(s) accepted, expected the saved entry")
    return f"health ok, token issued, entry uploaded and accepted ({url})"
