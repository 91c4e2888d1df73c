"""The linter and the type checker run with the tests, so CI fails on a lint or a type error.

Their settings live in pyproject.toml ([tool.ruff], [tool.mypy]): mypy --strict on local_db,
sync and clerk_app, the window typed but looser. Both keep their caches in .venv, so a run
after a small change takes a second or two.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_finds_nothing() -> None:
    result = _run("ruff", "check", "--no-fix", "--output-format", "concise", ".")
    assert result.returncode == 0, (
        "ruff check found problems (import order: `.venv/bin/ruff check --fix FILE`):\n" + result.stdout + result.stderr
    )


def test_mypy_finds_nothing() -> None:
    result = _run("mypy")
    assert result.returncode == 0, "mypy found type errors:\n" + result.stdout + result.stderr


def test_no_markers_for_a_formatter_that_does_not_run() -> None:
    """No formatter runs (ruff format is not used), so a formatter's skip/off marker would mark nothing."""
    marker = "# fmt" + ":"  # spelled apart so this file does not hold one
    folders = ("clerk_app", "local_db", "sync", "ui", "tests", "benchmarks", "docs", "installer", "resources")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in folders
        for path in sorted((ROOT / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if marker in line
    ]
    assert not found, "formatter markers (remove them; no formatter runs):\n" + "\n".join(found)
