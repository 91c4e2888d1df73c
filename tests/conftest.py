"""Shared fixtures: a fresh real SQLite database per test, services on it, and the CLI in-process."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from clerk_app.cli.main import main as cli_main
from clerk_app.services.institutions import InstitutionService
from clerk_app.services.operators import OperatorService
from clerk_app.services.records import RecordService
from clerk_app.services.settings import SettingsService
from local_db.database import Database
from tests import factories, keyring_session


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


# Who works at the test window, and its hall: every write is made by a registered operator who proved it,
# and no record is saved before the hall is set up (issue 13).
PASSWORDS = {"tester": "tester-pass", "boss": "secret-123", "clerk01": "clerk-pass"}
HALL = {"hall.code": "220100", "hall.name": "长春市测试政务服务中心", "hall.authority": "长春市道路运输管理局", "window.code": "01"}


def set_up_window(database: Database, supervisor: str = "tester") -> None:
    """The first act of a new window (its first supervisor, ``tester`` unless named), then the hall (220100, window 01).

    What is done already is left as it is (benchmarks reuse their databases) and only what is missing is done, so
    a set-up cut off half-way (the crash test kills its savers at random, start-up included) is finished next time."""
    operators = OperatorService(database)
    if not operators.any_supervisor():
        password = PASSWORDS.get(supervisor, f"{supervisor}-pass")
        operators.add(supervisor, "测试负责人", "supervisor", password, acting=supervisor)
    settings = SettingsService(database)
    for key, value in HALL.items():
        if not settings.get(key):
            settings.set(key, value, operator=supervisor)


@pytest.fixture(scope="session", autouse=True)
def session_keyring() -> Iterator[None]:
    """A working OS keyring (the database keys live there) for this process and the programs the tests start:
    on Linux a private Secret Service on a private D-Bus (tests/keyring_session.py), stopped at the end."""
    private = keyring_session.start()
    yield
    if private is not None:
        private.stop()


@pytest.fixture
def child_keyring() -> None:
    """For tests whose child processes open a data folder: they need the session's keyring (skipped, with the
    reason, where only an in-process one could be had)."""
    if keyring_session.CHILD_KEYRING_MISSING is not None:
        pytest.skip(keyring_session.CHILD_KEYRING_MISSING)


@pytest.fixture(autouse=True)
def quick_recovery_code_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """A recovery code's scrypt costs 128 MB and a good part of a second by design; tests that issue many use a
    lighter cost (stored with the wrapped key, so unwrapping follows it). Child processes keep the real cost."""
    monkeypatch.setattr("local_db.keys.SCRYPT_N", 2**12)


@pytest.fixture(scope="session", autouse=True)
def widget_application(qapp: object) -> None:
    """The command line prints through a plain QGuiApplication (clerk_app.printing.printer: no widgets) and a
    process keeps its first Qt application; this test process runs commands that print (the self-check, print
    --printer) and opens the window too, so it starts with the widget application the window has."""


@pytest.fixture(autouse=True)
def no_wrong_password_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrong password waits a second before its answer; tests that type many do not (one test keeps it)."""
    monkeypatch.setattr("clerk_app.services.operators.WRONG_PASSWORD_DELAY_S", 0.0)


@pytest.fixture
def fresh_db(data_dir: Path) -> Iterator[Database]:
    """A new window's database: nobody registered, no hall."""
    database = Database(data_dir).open(write=True, operator="tester")
    yield database
    database.close()


@pytest.fixture
def db(fresh_db: Database) -> Database:
    """A window set up: supervisor ``tester`` registered, the hall set."""
    set_up_window(fresh_db)
    return fresh_db


@pytest.fixture
def institutions(db: Database) -> InstitutionService:
    service = InstitutionService(db)
    for payload in (factories.DRIVING_SCHOOL, factories.CE_SCHOOL):
        _stored, problems = service.add(payload, operator="tester")
        assert not problems, problems
    return service


@pytest.fixture
def records(db: Database, institutions: InstitutionService) -> RecordService:
    """The records service on a window with its registry, and two registered clerks (clerk01, clerk02).

    A clerk the window's fixture (tests/ui/conftest.py ``ctx``) registered first is kept as it is."""
    operators = OperatorService(db)
    for clerk, name in (("clerk01", "刘晓梅"), ("clerk02", "陈建国")):
        if operators.get(clerk) is None:
            operators.add(clerk, name, "clerk", PASSWORDS.get(clerk, f"{clerk}-pass"), acting="tester")
    return RecordService(db)


@pytest.fixture
def supervisor(db: Database) -> tuple[str, str]:
    OperatorService(db).add("boss", "赵负责", "supervisor", PASSWORDS["boss"], acting="tester")
    return "boss", PASSWORDS["boss"]


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)


class Cli:
    """Runs ``clerk-app`` in this process, like a hall's script would from the shell.

    As a script at a real window does, it proves who acts: the window is set up
    on first use (``boss`` registers as the first supervisor, adds ``clerk01``
    and sets the hall), and each command that changes something gets
    ``--password-stdin`` with the operator's password as the first line of
    standard input (then whatever ``stdin`` the test gives). JSON the test hands
    on standard input (``--json -``) is written to a file instead, since with
    ``--password-stdin`` standard input carries passwords only. ``raw=True``
    runs the command exactly as given, on whatever state the window is in.
    """

    def __init__(
        self, data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *, set_up: bool = True
    ) -> None:
        self.data_dir = data_dir
        self._capsys = capsys
        self._monkeypatch = monkeypatch
        self._pending_set_up = set_up
        self._files = 0

    def __call__(
        self, *args: str, stdin: str = "", operator: str | None = None, password: str | None = None, raw: bool = False
    ) -> CliResult:
        if operator is None:  # who would do it at a hall: a supervisor's changes by boss, the rest by clerk01
            operator = "boss" if _words(list(args)) in _SUPERVISORS else "clerk01"
        if raw:
            return self._run(list(args), stdin, operator)
        if self._pending_set_up:
            self._pending_set_up = False
            self.set_up()
        arguments = list(args)
        if "--json" in arguments[:-1] and arguments[arguments.index("--json") + 1] == "-":
            arguments[arguments.index("--json") + 1] = str(self._file(stdin))
            stdin = ""
        if _needs_proof(arguments):
            given = PASSWORDS.get(operator, "") if password is None else password
            return self._run(["--password-stdin", *arguments], f"{given}\n{stdin}", operator)
        return self._run(arguments, stdin, operator)

    def set_up(self) -> None:
        """A new window's first acts, through the command line: the first supervisor, a clerk, the hall."""
        boss = PASSWORDS["boss"]
        steps = [
            (["operators", "add", "boss", "--name", "赵负责", "--role", "supervisor"], f"{boss}\n"),
            (["operators", "add", "clerk01", "--name", "李窗口", "--role", "clerk"], f"{boss}\n{PASSWORDS['clerk01']}\n"),
            *((["config", "set", key, value], f"{boss}\n") for key, value in HALL.items()),
        ]
        for arguments, stdin in steps:
            result = self._run(["--password-stdin", *arguments], stdin, "boss")
            assert result.code == 0, result.out

    def add(self, kind: str, payload: Any, *extra: str, operator: str | None = None) -> CliResult:
        return self("add", kind, "--json", "-", *extra, stdin=json.dumps(payload, ensure_ascii=False), operator=operator)

    def _file(self, text: str) -> Path:
        self._files += 1
        path = self.data_dir.parent / f"input-{self._files}.json"
        path.write_text(text, encoding="utf-8")
        return path

    def _run(self, arguments: list[str], stdin: str, operator: str) -> CliResult:
        self._capsys.readouterr()
        self._monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = cli_main(["--data-dir", str(self.data_dir), "--operator", operator, *arguments])
        captured = self._capsys.readouterr()
        return CliResult(code, captured.out, captured.err)


# Commands (their first words) that change something, and so ask the operator's password; those a supervisor does.
_SUPERVISORS = {
    ("institutions", "add"), ("operators", "add"), ("config", "set"), ("restore",), ("login",), ("print", "offsets", "--set")
}
_PROOF = {("add",), ("correct",), ("void",), ("import",), *_SUPERVISORS}


def _words(arguments: list[str]) -> tuple[str, ...]:
    """The command's words (``("config", "set")``, ``("add",)``) as the tables above hold them."""
    words = [a for a in arguments if not a.startswith("-")]
    if words[:1] in (["institutions"], ["operators"], ["config"]):
        return tuple(words[:2])
    if words[:2] == ["print", "offsets"] and ("--set" in arguments or "--measured" in arguments):
        return ("print", "offsets", "--set")
    return tuple(words[:1])


def _needs_proof(arguments: list[str]) -> bool:
    return "--dry-run" not in arguments and _words(arguments) in _PROOF


@pytest.fixture
def cli(data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(data_dir, capsys, monkeypatch)


@pytest.fixture
def cli_with_institutions(cli: Cli) -> Cli:
    for payload in (factories.DRIVING_SCHOOL, factories.CE_SCHOOL):
        result = cli("institutions", "add", "--json", "-", stdin=json.dumps(payload, ensure_ascii=False), operator="boss")
        assert result.code == 0, result.out
    return cli


_EXIT_STATUS: list[int] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _EXIT_STATUS.append(int(exitstatus))


def pytest_unconfigure(config: pytest.Config) -> None:
    """After the last report is printed, leave without Python's finalization: PySide6 6.12 can free an object
    twice while the interpreter tears down thousands of widgets ("deallocating None", exit 250) after every test
    has passed. Its outcome is pytest's own exit status, unchanged."""
    if _EXIT_STATUS and os.environ.get("CLERK_APP_TESTS_FINALIZE") != "1":
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT_STATUS[-1])
