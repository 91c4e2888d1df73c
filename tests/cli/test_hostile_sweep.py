"""The probe's sweep, kept (issue 23): hostile payloads, arguments and operator names never end in exit 70 or a
traceback; every one is a plain message (or a normal answer)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import factories
from tests.conftest import Cli

ODD_TEXT = ["", "x" * 5000, "9" * 60, "-1", "9999-12-31", "../../etc/passwd", "b\u043ess", "\u212a\u00df\u202e",
            "名" * 300, "1e309", "{}", "'; DROP TABLE records; --"]
ODD_JSON = [
    "{", "[]", "null", "1e400", '{"id_number": 1e400}', '"text"', "[" * 40 + "]" * 40, '{"a": ' * 40 + "1" + "}" * 40,
    json.dumps({"id_number": "9" * 5000}), json.dumps({**factories.training_completion(), "name": ["x"]}),
    json.dumps({**factories.training_completion(), "completed_on": "9999-12-31"}),
    json.dumps({**factories.training_completion(), "hours": 10**30}),
    json.dumps({**factories.training_completion(), "extra": {"nested": [1, 2, {"x": None}]}}),
]


def _commands(json_file: str, text: str, out: str) -> list[list[str]]:
    return [
        ["add", "training_completion", "--json", json_file],
        ["add", "ce_hours", "--json", json_file],
        ["correct", text, "--json", json_file, "--reason", text],
        ["void", text, "--reason", text],
        ["show", text, "--json"],
        ["search", text, "--json"],
        ["list", "--limit", text, "--json"] if text.lstrip("-").isdigit() else ["list", "--json"],
        ["config", "set", "window.code", text],
        ["config", "set", text, text],
        ["operators", "add", text, "--name", text, "--role", "clerk"],
        ["print", "receipt", text, "--out", out],
        ["print", "day-report", "--date", text, "--out", out],
        ["print", "ce-statement", text, "--issued-on", text, "--out", out],
        ["print", "certificate", text, "--out", out],
        ["print", "filing-form", text, "--out", out],
        ["institutions", "add", "--json", json_file],
        ["restore", out],
        ["import", json_file, "--dry-run", "--json"],
    ]


@pytest.mark.parametrize("text", ODD_TEXT)
def test_hostile_arguments_never_exit_70(cli_with_institutions: Cli, tmp_path: Path, text: str) -> None:
    cli = cli_with_institutions
    payload = tmp_path / "payload.json"
    payload.write_text(json.dumps(factories.training_completion()), encoding="utf-8")
    for args in _commands(str(payload), text, str(tmp_path / "out.pdf")):
        result = cli(*args, stdin="secret-123\nsecret-123\n")
        assert _plain(result), (args, result.code, result.err[-500:])


CASES = [(document, "boss") for document in ODD_JSON] + [(ODD_JSON[9], name) for name in ("nobody", "ｂｏｓｓ ", "x" * 300)]


def _plain(result: object) -> bool:
    """Not an internal error: no exit 70, no traceback, no "internal error" line on stderr."""
    err = str(result.err)  # type: ignore[attr-defined]
    return result.code != 70 and "Traceback" not in err and "程序内部错误" not in err  # type: ignore[attr-defined]


@pytest.mark.parametrize(("document", "operator"), CASES)
def test_hostile_payloads_never_exit_70(cli_with_institutions: Cli, tmp_path: Path, document: str, operator: str) -> None:
    cli = cli_with_institutions
    payload = tmp_path / "payload.json"
    payload.write_text(document, encoding="utf-8")
    for args in (["add", "training_completion", "--json", str(payload)], ["institutions", "add", "--json", str(payload)],
                 ["print", "certificate", "--json", str(payload), "--out", str(tmp_path / "c.pdf")]):
        result = cli(*args, operator=operator)
        assert _plain(result), (args, result.code, result.err[-500:])
