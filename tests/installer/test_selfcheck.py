"""``clerk-app self-check`` from the source tree: every step passes, a broken part is named, nothing is left behind."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from clerk_app import selfcheck
from tests.conftest import Cli

STEPS = ["database", "encryption", "record", "certificate", "printing", "keyring", "platform"]


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The check's temporary folders go here, so the test sees whether any is left behind."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_every_step_passes_and_nothing_is_left(cli: Cli, private_tmp: Path) -> None:
    result = cli("self-check", "--json", raw=True)  # raw: no window set up in the data folder first

    assert result.code == 0, result.out
    report = result.json
    assert report["ok"] is True
    assert [step["step"] for step in report["steps"]] == STEPS
    assert {step["status"] for step in report["steps"]} == {"ok"}
    assert report["steps"][-1]["detail"].startswith("health ok, token issued, entry uploaded and accepted")
    assert report["warnings"] == []
    assert result.err == ""
    assert list(private_tmp.iterdir()) == []  # its temporary folder is gone
    assert not cli.data_dir.exists()  # the data folder it was given is never created, not even for logs


def test_a_failing_part_is_named_and_what_needs_it_is_skipped(
    cli: Cli, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A character the shipped font lacks: the certificate cannot be drawn, so nothing can be printed.
    monkeypatch.setitem(selfcheck.ENTRY, "name", "赵㐂")

    result = cli("--lang", "en", "self-check", raw=True)

    assert result.code == 1
    lines = result.out.splitlines()
    assert any(line.startswith("  [FAILED] render a certificate PDF: refused: ") for line in lines), result.out
    assert "  [skipped] Qt printing: needs certificate (0.00 s)" in lines
    assert any(line.startswith("  [ok] talk to the platform") for line in lines), result.out
    assert lines[-1] == "Self-check FAILED: 2 step(s) not passed."
    assert list(private_tmp.iterdir()) == []


def test_a_sqlite_library_without_encryption_fails_the_encryption_step(
    private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a bundle would be that carried Python's own sqlite3 instead of SQLCipher's library."""
    import sqlite3

    monkeypatch.setattr("local_db.sqlite_files.connect", lambda path, *, key, **_options: sqlite3.connect(path))

    report = selfcheck.run()

    step = next(s for s in report.steps if s.name == "encryption")
    assert (step.status, step.detail) == ("failed", "the SQLite library loaded is not SQLCipher (no cipher_version)")
    assert list(private_tmp.iterdir()) == []
