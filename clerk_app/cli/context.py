"""What every command gets: the parsed options, the database opened as the command needs it, and output helpers.

Exit codes, the same for every command (halls script them):
0 done; 1 done, but problems were found (``check``) or work remains (``upload``);
2 refused: bad input, not found, not allowed — nothing was changed;
3 the database or the environment stopped us (disk full, locked, in use, no keyring...);
70 an internal error (a bug): the details are in the log file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clerk_app import clock
from clerk_app.cli import input_gate
from clerk_app.domain.problems import Problem, problem
from clerk_app.paths import data_dir
from local_db.database import Database

EXIT_OK, EXIT_PROBLEMS, EXIT_REFUSED, EXIT_ENVIRONMENT, EXIT_BUG = 0, 1, 2, 3, 70


class CommandError(Exception):
    """Stop the command with these problems and exit code."""

    def __init__(self, problems: list[Problem], exit_code: int = EXIT_REFUSED) -> None:
        super().__init__("; ".join(p.code for p in problems))
        self.problems = problems
        self.exit_code = exit_code


@dataclass
class CliContext:
    args: argparse.Namespace
    _db: Database | None = field(default=None, init=False)

    @property
    def lang(self) -> str:
        return str(self.args.lang)

    @property
    def operator(self) -> str:
        return str(self.args.operator)

    def database(self, *, write: bool) -> Database:
        """The database, opened once per command (write: lock + daily check and backup)."""
        if self._db is None:
            db = Database(data_dir(self.args.data_dir), on_lock_wait=self.say_waiting, on_conversion=self.say_converting)
            db.open(write=write, operator=self.operator)
            self._db = db
            if write and db.needs_maintenance(clock.today()):
                db.maintain(clock.today())
        return self._db

    def say_waiting(self, holder: dict[str, Any]) -> None:
        """On stderr (stdout carries the JSON): for whom this command waits before it gives up."""
        from local_db.lock import WAIT_SECONDS, holder_text

        zh, en = holder_text(holder)
        text = f"Waiting up to {WAIT_SECONDS:g} s for the database, held by {en}…" if self.lang == "en" else (
            f"数据库正被{zh}使用，最多等待 {WAIT_SECONDS:g} 秒…"
        )
        print(text, file=sys.stderr, flush=True)

    def say_converting(self, done: int, total: int) -> None:
        """On stderr: the first start of this version encrypts the database and its backups, file by file."""
        text = (
            f"Encrypting the database and its backups: {done} of {total} files done…"
            if self.lang == "en"
            else f"正在把数据库及其备份转换为加密格式：已完成 {done}/{total} 个文件…"
        )
        print(text, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()

    def emit(self, value: Any) -> None:
        sys.stdout.write(input_gate.dumps(value) + "\n")  # made whole first: never half a JSON text

    def problems(self, problems: list[Problem]) -> dict[str, Any]:
        return {"errors": [p.as_dict(self.lang) for p in problems]}


Handler = Callable[[CliContext], int]


def read_json_argument(source: str) -> tuple[object | None, Problem | None]:
    """The JSON value in FILE, or on standard input for ``-``; a Problem if it cannot be read."""
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8-sig")
    except OSError as error:
        return None, problem("file_unreadable", "json", path=source, reason=error.strerror or str(error))
    except UnicodeDecodeError:
        return None, problem("file_not_utf8", "json", path=source)
    return input_gate.parse_json(text)
