"""Shared fixtures: a fresh real SQLite database per test, services on it, and the CLI in-process."""

from __future__ import annotations

import io
import json
import os
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
from local_db.database import Database
from tests import factories


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def db(data_dir: Path) -> Iterator[Database]:
    database = Database(data_dir).open(write=True, operator="tester")
    yield database
    database.close()


@pytest.fixture
def institutions(db: Database) -> InstitutionService:
    service = InstitutionService(db)
    for payload in (factories.DRIVING_SCHOOL, factories.CE_SCHOOL):
        _stored, problems = service.add(payload, operator="tester")
        assert not problems, problems
    return service


@pytest.fixture
def records(db: Database, institutions: InstitutionService) -> RecordService:
    return RecordService(db)


@pytest.fixture
def supervisor(db: Database) -> tuple[str, str]:
    OperatorService(db).add("boss", "赵负责", "supervisor", "secret-123", acting="boss")
    return "boss", "secret-123"


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)


class Cli:
    """Runs ``clerk-app`` in this process, like a hall's script would from the shell."""

    def __init__(self, data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        self.data_dir = data_dir
        self._capsys = capsys
        self._monkeypatch = monkeypatch

    def __call__(self, *args: str, stdin: str = "", operator: str = "clerk01") -> CliResult:
        self._capsys.readouterr()
        self._monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = cli_main(["--data-dir", str(self.data_dir), "--operator", operator, *args])
        captured = self._capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    def add(self, kind: str, payload: Any, *extra: str) -> CliResult:
        return self("add", kind, "--json", "-", *extra, stdin=json.dumps(payload, ensure_ascii=False))


@pytest.fixture
def cli(data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(data_dir, capsys, monkeypatch)


@pytest.fixture
def cli_with_institutions(cli: Cli) -> Cli:
    for payload in (factories.DRIVING_SCHOOL, factories.CE_SCHOOL):
        result = cli("institutions", "add", "--json", "-", stdin=json.dumps(payload, ensure_ascii=False))
        assert result.code == 0, result.out
    return cli
