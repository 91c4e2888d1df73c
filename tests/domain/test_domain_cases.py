"""The product owner's domain cases (../shared/domain-cases.json and domain-cases-2.json), the ``window`` half,
run as their ``about`` says.

For each file, one fresh window database whose registry is the file's ``registry`` (taken in
as a refresh from the platform, the way a window gets its registry); each
payload saved in order through ``RecordService``, near-duplicate warnings
confirmed; expect ``saved`` with the stored, canonical values given, or
``refused`` with each listed error: its field a prefix of a reported field
(null: any field) and its code the reported code or one of ``codes``. Nothing
here knows any case by its id: cases written from the same rulings run the
same way. (The ``platform`` half is run against the reference platform in
tests/platform.)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from clerk_app import clock
from clerk_app.domain.institutions import validate_institution
from clerk_app.domain.problems import Problem
from clerk_app.services.records import RecordService, SaveOutcome
from local_db import institution_store
from local_db.database import Database

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CASE_FILES = {name: json.loads((SHARED / name).read_text(encoding="utf-8")) for name in ("domain-cases.json", "domain-cases-2.json")}
WINDOW_CASES: list[tuple[str, dict[str, Any]]] = [(name, case) for name, cases in CASE_FILES.items() for case in cases["window"]]


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[SaveOutcome, dict[str, Any] | None]]:
    """Every window case of each file saved in order on one window per file: its outcome and the stored payload."""
    found: dict[tuple[str, str], tuple[SaveOutcome, dict[str, Any] | None]] = {}
    for name, cases in CASE_FILES.items():
        for case_id, outcome in _run_file(tmp_path_factory, cases).items():
            found[name, case_id] = outcome
    return found


def _run_file(
    tmp_path_factory: pytest.TempPathFactory, cases: dict[str, Any]
) -> dict[str, tuple[SaveOutcome, dict[str, Any] | None]]:
    from tests.conftest import set_up_window

    database = Database(tmp_path_factory.mktemp("cases") / "data").open(write=True, operator="tester")
    try:
        set_up_window(database)
        refreshed = []
        for entry in cases["registry"]:
            stored, problems = validate_institution(entry, from_platform=True)
            assert not problems, (entry["code"], [p.message_zh for p in problems])
            refreshed.append(stored)
        with database.write() as session:  # as sync.registry stores a refreshed page
            institution_store.save_refreshed(session, refreshed, at=clock.now_text(), operator="tester", source="platform")
        service = RecordService(database)
        found: dict[str, tuple[SaveOutcome, dict[str, Any] | None]] = {}
        for case in cases["window"]:
            outcome = service.add(case["kind"], case["payload"], operator="tester", confirm_duplicate=True)
            detail = service.get(outcome.record_id) if outcome.record_id else None
            found[case["id"]] = (outcome, detail.versions[-1].payload if detail else None)
        return found
    finally:
        database.close()


def _matches(expected: dict[str, Any], reported: Problem) -> bool:
    field = expected.get("field")
    codes = expected["codes"] if "codes" in expected else [expected["code"]]
    field_ok = field is None or (reported.field is not None and reported.field.startswith(field))
    return field_ok and reported.code in codes


@pytest.mark.parametrize(("file", "case"), WINDOW_CASES, ids=[f"{f}:{c['id']}" for f, c in WINDOW_CASES])
def test_window_case(
    file: str, case: dict[str, Any], outcomes: dict[tuple[str, str], tuple[SaveOutcome, dict[str, Any] | None]]
) -> None:
    outcome, stored = outcomes[file, case["id"]]
    expect = case["expect"]
    said = [(p.field, p.code, p.message_zh) for p in outcome.errors]
    if expect["outcome"] == "saved":
        assert outcome.ok, f"{case['rule']}: refused {said}"
        assert stored is not None
        for key, value in (expect.get("stored") or {}).items():
            assert stored.get(key) == value, f"{case['rule']}: stored {key}={stored.get(key)!r}"
    else:
        assert expect["outcome"] == "refused"
        assert not outcome.ok and outcome.record_id is None, f"{case['rule']}: saved"
        for wanted in expect["errors"]:
            assert any(_matches(wanted, p) for p in outcome.errors), f"{case['rule']}: wanted {wanted}, got {said}"
        # Every refusal is said in plain Chinese.
        assert all(any("\u4e00" <= c <= "\u9fff" for c in p.message_zh) for p in outcome.errors)


def test_the_files_have_window_cases_of_every_kind() -> None:
    kinds = {c["kind"] for _file, c in WINDOW_CASES}
    assert kinds == {"training_completion", "ce_hours", "qualification_application", "transition_case"}
