"""What used to end in exit 70 and a traceback ends in a plain message, exit 2 or 3, and nothing else on stderr
(issue 23 item 13): odd bytes in the environment, dates and counts beyond any calendar, a keyring back-end that
does not exist, a full disk and a data folder that cannot be written."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from clerk_app import clock
from clerk_app.cli.main import main as cli_main
from tests import factories, keyring_session
from tests.conftest import Cli


def _plain(result: object, codes: tuple[int, ...] = (2, 3)) -> str:
    assert result.code in codes, result  # type: ignore[attr-defined]
    assert result.err == "", result.err  # type: ignore[attr-defined]
    return str(result.json["errors"][0]["code"])  # type: ignore[attr-defined]


def _bare(data_dir: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The command line without --operator: the operator comes from the environment."""
    capsys.readouterr()
    code = cli_main(["--data-dir", str(data_dir), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("variable", ["CLERK_APP_OPERATOR", "USER"])
def test_an_operator_name_in_the_environment_that_is_not_utf8(
    cli: Cli, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    cli("list")  # set up
    for name in ("CLERK_APP_OPERATOR", "LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setitem(os.environb, variable.encode(), b"b\xffoss")  # type: ignore[attr-defined]
    if variable == "USER":
        monkeypatch.setitem(os.environb, b"LOGNAME", b"b\xffoss")  # type: ignore[attr-defined]
    for args in (("list",), ("backup",), ("check", "--json")):
        code, out, err = _bare(cli.data_dir, capsys, *args)
        assert code == 2 and err == "", (args, code, err)
        assert "UTF-8" in out and '"operator_not_utf8"' in out


def test_dates_and_counts_beyond_any_calendar_are_refused_plainly(cli_with_institutions: Cli, tmp_path: Path) -> None:
    cli = cli_with_institutions
    cli.add("training_completion", factories.training_completion())
    out = str(tmp_path / "x.pdf")
    assert _plain(cli("print", "day-report", "--date", "9999-12-31", "--out", out)) == "print_date_out_of_range"
    id_number = factories.training_completion()["id_number"]
    statement = cli("print", "ce-statement", id_number, "--issued-on", "9999-12-31", "--out", out)
    assert _plain(statement) == "print_date_out_of_range"
    for args in (("list", "--limit", "99999999999999999999"), ("list", "--offset", "99999999999999999999"),
                 ("search", "x", "--limit", "99999999999999999999"), ("list", "--limit", "-1")):
        assert _plain(cli(*args, "--json")) == "number_out_of_range", args
    assert not Path(out).exists()


@pytest.mark.skipif(keyring_session.CHILD_KEYRING_MISSING is not None, reason=str(keyring_session.CHILD_KEYRING_MISSING))
def test_a_keyring_backend_that_does_not_exist(cli: Cli) -> None:
    cli("list")  # set up
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="no_such_module.Keyring")
    done = subprocess.run(
        [sys.executable, "-m", "clerk_app.cli.main", "--data-dir", str(cli.data_dir), "--operator", "boss", "list", "--json"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 3 and done.stderr == "", (done.returncode, done.stderr)
    assert "keyring" in done.stdout


@contextlib.contextmanager
def _small_disk(where: Path, size_kib: int, *, read_only: bool = False) -> Iterator[Path]:
    """A real small file system (tmpfs) at ``where``; skips where this process may not mount one."""
    where.mkdir()
    options = f"size={size_kib}k,mode=0700" + (",ro" if read_only else "")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _fill(disk: Path) -> None:
    with open(disk / "filler", "wb") as handle, contextlib.suppress(OSError):
        while True:
            handle.write(b"\0" * 65536)
            handle.flush()


def _entry(n: int) -> dict[str, object]:
    return factories.training_completion(id_number=factories.id_number(seq=n), certificate_no=f"JL-DISK-{n:04d}")


def test_a_full_disk_on_backup_and_on_a_new_day_leaves_no_partial_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with _small_disk(tmp_path / "disk", 6000) as disk:
        cli = Cli(disk / "data", capsys, monkeypatch)
        school = json.dumps(factories.DRIVING_SCHOOL, ensure_ascii=False)
        assert cli("institutions", "add", "--json", "-", stdin=school, operator="boss").code == 0
        for n in range(3):
            assert cli.add("training_completion", _entry(n)).code == 0
        _fill(disk)
        assert _plain(cli("backup", "--json"), (3,)) == "db_disk_full"
        tomorrow = clock.now() + timedelta(days=1)
        monkeypatch.setattr(clock, "now", lambda: tomorrow)
        entry = tmp_path / "entry.json"  # beside the small disk, which is full
        entry.write_text(json.dumps(_entry(9), ensure_ascii=False), encoding="utf-8")
        added = cli("add", "training_completion", "--json", str(entry))
        assert _plain(added, (3,)) == "db_disk_full"
        assert not list(disk.rglob("*.partial")), list(disk.rglob("*"))
        (disk / "filler").unlink()
        assert cli("check", "--json").code == 0


def test_a_data_folder_that_cannot_be_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if os.geteuid() == 0:
        context: contextlib.AbstractContextManager[Path] = _small_disk(tmp_path / "disk", 1000, read_only=True)
    else:
        folder = tmp_path / "disk"
        folder.mkdir(mode=0o500)
        context = contextlib.nullcontext(folder)
    with context as disk:
        for data in (disk, disk / "data"):
            code, out, err = _bare(data, capsys, "--operator", "boss", "list", "--json")
            assert code == 3 and err == "", (data, code, err)
            assert "errors" in out
