"""Window benchmark: start-up to the first keystroke, GUI stalls during an upload, memory over a million rows.

    python3 dev.py bench ui_start [--records N] [--keep DIR] [--runs N]

Prints, in one run:
  - start → first keystroke accepted in the ID-number field, the program
    started as a fresh process over a database of N records (default
    1,000,000, built by ``benchmarks/storage.py``'s ``build()``; ``--keep DIR``
    builds it there once and reuses it), next to a bare PySide6 window with a
    line edit started the same way (the floor), for the encrypted database (as
    the program keeps it) and for a plaintext copy of it beside (what the
    previous version opened). Targets: ≤ 1.5 s and ≤ 10× floor.
    The key is posted as soon as the window is shown, so it is accepted only
    when the event loop runs: what a clerk typing at once would see.
  - the longest GUI-thread stall during an end-of-day upload of 10,000 valid
    records to the reference platform on loopback, measured by a 5 ms timer on
    the GUI thread (target ≤ 50 ms), from the engine's first report until the
    result and the lists it refreshes are shown. The platform runs in its own
    process (``clerk-app platform serve``), as the real one runs elsewhere: in
    this process its Python would compete with the window for the GIL. The
    window has been open two seconds (as at the end of a day); the dialog's
    first paint is printed on its own;
  - peak memory (max RSS) of a process that opens the large database in the
    window and scrolls its record list from the first row to the last
    (target ≤ 300 MB), with the longest stall while scrolling.
Everything runs on the offscreen Qt platform; each measurement is its own process.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BENCH_OPERATOR = ("bench", "基准测试", "clerk")
UPLOAD_RECORDS = 10_000


def _database(folder: Path, records: int):  # type: ignore[no-untyped-def]
    from benchmarks.storage import build
    from clerk_app.services.institutions import InstitutionService
    from local_db.database import Database
    from tests import factories
    from tests.conftest import set_up_window

    db = Database(folder).open(write=True, operator="bench")
    set_up_window(db, "bench")  # its first supervisor and the hall, as every window has before its first save
    if not (folder / "sample.json").exists():
        for payload in (factories.DRIVING_SCHOOL, factories.CE_SCHOOL):
            InstitutionService(db).add(payload, operator="bench")
        start = time.perf_counter()
        build(db, records, random.Random(7))
        (folder / "sample.json").write_text("[]")
        print(f"built {records:,} records in {time.perf_counter() - start:.0f} s", flush=True)
    return db


def _window(db):  # type: ignore[no-untyped-def]
    from clerk_app.services.operators import OperatorInfo
    from clerk_app.services.suite import Services
    from ui.context import AppContext
    from ui.main_window import MainWindow

    ctx = AppContext(Services(db))
    ctx.set_operator(OperatorInfo(*BENCH_OPERATOR, True, False))
    window = MainWindow(ctx)
    window.resize(1366, 768)
    return ctx, window


class StallMeter:
    """A 5 ms timer on the GUI thread; the longest gap between its ticks beyond 5 ms is the worst stall."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.worst = 0.0
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self._last - 0.005)
        self._last = now


# -- child processes ---------------------------------------------------------------------


def child_start(kind: str, folder: str) -> None:
    """Start like the program does, post one key at once, exit when the field has it."""
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow

    app = QApplication(sys.argv[:1])
    if kind == "bare":
        window = QMainWindow()
        field = QLineEdit()
        window.setCentralWidget(field)
    else:
        from benchmarks.storage import PlaintextDatabase
        from clerk_app import clock
        from local_db.database import Database
        from ui import appearance, tasks
        from ui.app import settle_heap

        kind_of_database = PlaintextDatabase if kind == "window-plaintext" else Database
        db = kind_of_database(Path(folder)).open(write=True, operator="")
        appearance.apply(app, "zh_CN")
        _ctx, window = _window(db)
        field = window.entry.forms["training_completion"].widgets["id_number"]
        tasks.run_task(lambda: db.maintain(clock.today()))  # as ui.app does: the full check, off the GUI thread
        settle_heap()
    field.textChanged.connect(lambda _t: (print("accepted", flush=True), os._exit(0)))
    window.show()
    field.setFocus()

    def press() -> None:
        QApplication.postEvent(field, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_2, Qt.KeyboardModifier.NoModifier, "2"))

    QTimer.singleShot(0, press)
    app.exec()


def child_memory(folder: str) -> None:
    from PySide6.QtWidgets import QApplication

    from local_db.database import Database
    from ui import appearance
    from ui.app import settle_heap

    app = QApplication(sys.argv[:1])
    appearance.apply(app, "zh_CN")
    db = Database(Path(folder)).open(write=True, operator="")
    _ctx, window = _window(db)
    window.show()
    settle_heap()  # as ui.app does once the window is up
    window.show_screen(window.lookup)
    model = window.lookup.all_records
    table = window.lookup.table
    deadline = time.perf_counter() + 120
    while model.summary_at(0) is None and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.002)
    meter = StallMeter()  # from the first page shown: the scrolling, not the first paint
    rows = model.rowCount()
    bar = table.verticalScrollBar()
    steps = 200
    start = time.perf_counter()
    for step in range(steps + 1):
        bar.setValue(bar.maximum() * step // steps)
        row = table.rowAt(1)
        limit = time.perf_counter() + 30
        while model.summary_at(max(row, 0)) is None and time.perf_counter() < limit:
            app.processEvents()
            time.sleep(0.001)
    scrolled = time.perf_counter() - start
    last = model.summary_at(rows - 1)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"memory {peak_mb:.0f} {rows} {scrolled:.1f} {meter.worst * 1000:.1f} {model.pages_held()} {last is not None}", flush=True)
    os._exit(0)


def _run_for(app, seconds: float) -> None:  # type: ignore[no-untyped-def]
    from ui import tasks

    until = time.perf_counter() + seconds
    while tasks.busy() or time.perf_counter() < until:
        app.processEvents()
        time.sleep(0.001)


def _platform_process(folder: Path) -> tuple[subprocess.Popen[str], str, str]:
    """The reference platform in its own process, as the real one is on another machine: it takes no GIL from the window."""
    import secrets

    secret = secrets.token_urlsafe(16)
    server = subprocess.Popen(
        [sys.executable, "-m", "clerk_app.cli.main", "platform", "serve", "--port", "0", "--db", str(folder / "platform.sqlite3"),
         "--account", f"bench-window:{secret}:PX0000"],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert server.stdout is not None
    line = server.stdout.readline()
    url = next(word for word in line.replace("：", " ").replace("（", " ").split() if word.startswith("http"))
    return server, url, secret


def child_upload() -> None:
    import threading

    from PySide6.QtWidgets import QApplication

    from clerk_app.services.institutions import InstitutionService
    from clerk_app.services.records import RecordService
    from local_db.database import Database
    from tests import factories
    from tests.conftest import set_up_window
    from ui import appearance, training
    from ui.app import settle_heap
    from ui.context import Training

    app = QApplication(sys.argv[:1])
    appearance.apply(app, "zh_CN")
    folder = Path(tempfile.mkdtemp(prefix="clerk-ui-upload-"))
    server, url, secret = _platform_process(folder)
    db = Database(folder).open(write=True, operator="")
    set_up_window(db, "bench")
    for payload in (factories.DRIVING_SCHOOL, factories.CE_SCHOOL):
        InstitutionService(db).add(payload, operator="bench")
    # Valid entries of distinct people, so the platform accepts them and the run is a normal end of day.
    payloads = [
        factories.training_completion(
            id_number=factories.id_number(f"1980{1 + n // 1000 % 12:02d}{1 + n // 12000:02d}", n % 1000),
            certificate_no=f"JL-B2-2026-{n:06d}",
        )
        for n in range(UPLOAD_RECORDS)
    ]
    saved = RecordService(db).add_many("training_completion", payloads, operator="bench")
    assert all(outcome.ok for outcome in saved), next(o.errors for o in saved if not o.ok)
    ctx, window = _window(db)
    ctx.training = Training(platform_url=url, account="bench-window", secret=secret)  # the secret, without a keyring
    training.set_up(ctx, ctx.training)
    window.auto_upload.timer.stop()
    window.show()
    del payloads, saved
    settle_heap()  # as ui.app does once the window is up
    _run_for(app, 2.0)  # the window as it is long after start: status line read, lists counted
    meter = StallMeter()
    start = time.perf_counter()
    dialog = window.upload.upload(end_of_day=True)
    waiting = dialog.phase.text()
    while dialog.phase.text() == waiting and not dialog.close_button.isEnabled():
        app.processEvents()
        time.sleep(0.001)
    opening, meter.worst = meter.worst, 0.0  # the dialog's first paint, before the engine's first report
    while not dialog.close_button.isEnabled():
        app.processEvents()
        time.sleep(0.001)
    took = time.perf_counter() - start
    _run_for(app, 2.0)  # what the result sets off on the GUI thread (lists, status line) counts too
    summary = dialog.summary
    accepted = summary.accepted if summary else "failed"
    print(f"upload {meter.worst * 1000:.1f} {took:.1f} {accepted} {UPLOAD_RECORDS} {opening * 1000:.1f}", flush=True)
    server.terminate()
    server.wait(10)
    threading.Timer(0.1, lambda: os._exit(0)).start()


# -- the parent -----------------------------------------------------------------------------


def _child(*args: str) -> tuple[float, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True, env=env, timeout=900)
    elapsed = time.perf_counter() - start
    lines = [line for line in done.stdout.splitlines() if line and not line.startswith("built")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"child {args} failed: {done.stdout[-2000:]} {done.stderr[-2000:]}")
    return elapsed, lines[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the large database in this folder")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--start-only", action="store_true", help="measure start to first keystroke only")
    args = parser.parse_args()
    if args.child:
        {"start": lambda: child_start(*args.child[1:]), "memory": lambda: child_memory(args.child[1]),
         "upload": child_upload}[args.child[0]]()
        return
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, python {platform.python_version()}", flush=True)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="clerk-ui-bench-"))
    from tests import keyring_session

    # The databases are encrypted, their keys in the OS keyring, which every child process must reach: on Linux a
    # private Secret Service, its file kept with the databases so that --keep reuses both.
    private = keyring_session.start(folder / "keyring")
    try:
        measure_all(args, folder)
    finally:
        if private is not None:
            private.stop()


def measure_all(args: argparse.Namespace, folder: Path) -> None:
    db = _database(folder, args.records)
    from clerk_app.services.records import RecordService

    total = RecordService(db).count()
    from benchmarks.storage import plaintext_copy

    plaintext_copy(db, folder / "plaintext")
    db.close()
    print(f"database: {total:,} records, {(folder / 'clerk.sqlite3').stat().st_size / 1e6:.0f} MB", flush=True)

    bare = [_child("start", "bare", str(folder))[0] for _ in range(args.runs)]
    ours = [_child("start", "window", str(folder))[0] for _ in range(args.runs)]
    plain = [_child("start", "window-plaintext", str(folder / "plaintext"))[0] for _ in range(args.runs)]
    floor, start, start_plain = statistics.median(bare), statistics.median(ours), statistics.median(plain)
    print(f"start → first keystroke, median of {args.runs}: window {start:.2f} s encrypted, {start_plain:.2f} s plaintext, "
          f"bare PySide6 {floor:.2f} s, {start / floor:.1f}× floor (targets ≤ 1.5 s, ≤ 10×); "
          f"encrypted runs: {', '.join(f'{t:.2f}' for t in ours)}; plaintext runs: {', '.join(f'{t:.2f}' for t in plain)}")
    if args.start_only:
        return

    _elapsed, line = _child("memory", str(folder))
    _tag, peak, rows, scrolled, stall, pages, last = line.split()
    print(f"list scrolled end to end ({int(rows):,} rows, 201 stops, {scrolled} s, last row shown: {last}): "
          f"peak memory {peak} MB (target ≤ 300 MB), pages held {pages}, longest GUI stall {stall} ms")

    import importlib.util

    if importlib.util.find_spec("sync.engine") is None or importlib.util.find_spec("sync.reference_platform") is None:
        print("upload stall: not measured (the upload engine, sync/, is not in this tree yet)")
        return
    try:
        _elapsed, line = _child("upload")
    except RuntimeError as error:
        print(f"upload stall: not measured ({str(error)[:300]})")
        return
    _tag, stall, took, accepted, sent, opening = line.split()
    print(f"end-of-day upload of {int(sent):,} records to the reference platform (its own process, loopback): "
          f"{accepted} accepted in {took} s; longest GUI-thread stall {stall} ms (target ≤ 50 ms); "
          f"opening the dialog (first paint, before the upload starts) {opening} ms")


if __name__ == "__main__":
    main()
