"""The command line's input gate (issue 16): JSON too deep, numbers too long, lone surrogates and
arguments that are not UTF-8 are refused with exit 2 and a Chinese message, never exit 70, and
standard output always holds one whole JSON text.

Most examples run ``clerk-app`` in this process through ``main()``; a few run it as a real program,
where the operating system hands over the raw bytes. JSON is handed to ``import --dry-run --mapping -``
(every JSON argument goes through the same ``read_json_argument``, and a dry run needs no password).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clerk_app.cli.main import main

CHINESE = set("不予接受")


def _run(data_dir: Path, *args: str, stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    saved = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out):
            code = main(["--data-dir", str(data_dir), "--operator", "clerk01", *args])
    finally:
        sys.stdin = saved
    return code, out.getvalue()


def _assert_refused(code: int, out: str, expected: set[str]) -> None:
    assert code == 2, out
    errors = json.loads(out)["errors"]  # one whole JSON text, whatever the input held
    assert errors[0]["code"] in expected, errors
    assert CHINESE & set(errors[0]["message"]), errors


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("gate") / "data"


def _nested(depth: int, opener: str) -> str:
    closer = {"[": "]", "{": "}"}
    inner = "1"
    for _ in range(depth):
        inner = f"{opener}{inner}{closer[opener]}" if opener == "[" else f'{{"k": {inner}}}'
    return inner


hostile_json = st.one_of(
    st.builds(_nested, st.integers(33, 3000), st.sampled_from("[{")).map(lambda t: ("json_too_deep", t)),
    st.integers(41, 6000).map(lambda n: ("json_number_too_long", '{"n": ' + "9" * n + "}")),
    st.integers(41, 400).map(lambda n: ("json_number_too_long", "[-" + "1" * n + ".5]")),
    st.sampled_from(["NaN", "Infinity", "-Infinity", "1e400"]).map(lambda c: ("json_number_too_long", f'{{"x": {c}}}')),
    st.builds(
        lambda s, key: ("text_lone_surrogate", json.dumps({s: 1} if key else {"name": s}, ensure_ascii=True)),
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF).flatmap(
            lambda c: st.text(max_size=5).map(lambda t: t + c)
        ),
        st.booleans(),
    ),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF).map(lambda c: ("text_lone_surrogate", f'{{"name": "{c}"}}')),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(case=hostile_json)
def test_hostile_json_is_refused_with_exit_2(data_dir: Path, case: tuple[str, str]) -> None:
    expected, text = case
    code, out = _run(data_dir, "import", "list.csv", "--dry-run", "--mapping", "-", stdin=text)
    _assert_refused(code, out, {expected})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    raw=st.binary(min_size=1, max_size=12).filter(lambda b: _not_utf8(b)),
    where=st.sampled_from(["show", "print-receipt", "import"]),
)
def test_arguments_that_are_not_utf8_are_refused(data_dir: Path, raw: bytes, where: str) -> None:
    argument = os.fsdecode(raw)  # what Python hands a program for these bytes (surrogate escapes)
    args = {"show": ["show", argument], "print-receipt": ["print", "receipt", argument, "--out", "x.pdf"]}
    code, out = _run(data_dir, *args.get(where, ["import", argument + ".csv", "--dry-run"]))
    _assert_refused(code, out, {"argument_not_utf8"})


def _not_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def test_sound_json_still_passes_the_gate(data_dir: Path) -> None:
    code, out = _run(data_dir, "import", "missing.csv", "--dry-run", "--mapping", "-", stdin=_nested(32, "{"))
    assert code == 2 and json.loads(out)["errors"][0]["code"] == "import_mapping_invalid"


MAPPING = [b"import", b"list.csv", b"--dry-run", b"--mapping"]


@pytest.mark.parametrize(
    ("args", "stdin", "expected"),
    [
        ([b"show", b"\xff"], b"", "argument_not_utf8"),
        ([*MAPPING, b"-"], b'{"\\ud800": 1, "name": "x"}', "text_lone_surrogate"),
        ([*MAPPING, b"-"], b"[" * 1000 + b"]" * 1000, "json_too_deep"),
        ([*MAPPING, b"-"], b'{"n": ' + b"7" * 5000 + b"}", "json_number_too_long"),
        ([*MAPPING, b"-"], b'{"\xff": 1}', "file_not_utf8"),
    ],
)
def test_as_a_real_program(tmp_path: Path, args: list[bytes], stdin: bytes, expected: str) -> None:
    command = [sys.executable.encode(), b"-m", b"clerk_app", b"--data-dir", os.fsencode(tmp_path / "data"), *args]
    done = subprocess.run(command, input=stdin, capture_output=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    out = done.stdout.decode("utf-8")
    _assert_refused(done.returncode, out, {expected})
