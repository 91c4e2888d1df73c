"""Every ``platform`` case of ../shared/domain-cases.json and domain-cases-2.json, run as their ``about`` says,
against ``clerk-app platform serve``.

The platform is the real command, started with ``--today`` = the file's
``today`` and ``--seed`` = its seed (written to a file), its account read
from standard input; each case is one record sent in its own batch over
loopback HTTP, in the file's order: version 1 of a new record, or version N of
the record of the case named by ``version_of``. A case is entered at its
``entered_at`` (the second file's addition), else on the platform's today at
10:00 CST, and sent with ``applied_on``, the CST date of its record's first
version; from the window ``device_id`` (the second file's addition, default
220102-07), logged in as that window. Nothing here knows any case.
"""

from __future__ import annotations

import json
import re
import select
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from clerk_app.domain.dates import application_day
from sync.reference_platform import Account
from tests.platform.conftest import Client, batch

REPO = Path(__file__).resolve().parents[2]
CASE_FILES = [REPO.parent / "shared" / "domain-cases.json", REPO.parent / "shared" / "domain-cases-2.json"]
ACCOUNT = Account("cases-window", "a secret only stdin sees", "220102")
DEFAULT_DEVICE = "220102-07"


@pytest.fixture(scope="module", params=CASE_FILES, ids=[f.name for f in CASE_FILES])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Client, dict[str, Any]]]:
    platform_cases = json.loads(request.param.read_text(encoding="utf-8"))["platform"]
    folder = tmp_path_factory.mktemp("domain-cases")
    seed = folder / "seed.json"
    seed.write_text(json.dumps(platform_cases["seed"], ensure_ascii=False), encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "clerk_app", "--data-dir", str(folder / "data"), "platform", "serve", "--port", "0",
         "--db", str(folder / "platform.db"), "--today", platform_cases["today"], "--seed", str(seed),
         "--accounts-file", "-"],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert server.stdin is not None and server.stdout is not None
        server.stdin.write(f"{ACCOUNT.name}:{ACCOUNT.secret}:{ACCOUNT.hall}\n")
        server.stdin.close()
        ready, _, _ = select.select([server.stdout], [], [], 60)
        assert ready, "platform serve printed nothing within 60 s"
        found = re.search(r"http://127\.0\.0\.1:[0-9]+/api/v1", server.stdout.readline())
        assert found, server.stderr.read() if server.stderr else ""
        client = Client(found.group(0))
        assert client.login(ACCOUNT, DEFAULT_DEVICE).status_code == 200
        yield client, platform_cases
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_every_platform_case_is_judged_as_the_rulings_say(served: tuple[Client, dict[str, Any]]) -> None:
    client, platform_cases = served
    record_ids: dict[str, str] = {}
    applied: dict[str, str] = {}  # record_id -> its application day
    windows: dict[str, Client] = {DEFAULT_DEVICE: client}
    failures = []
    for case in platform_cases["cases"]:
        if "version_of" in case:
            record_id = record_ids[case["version_of"]]
        else:
            record_id = record_ids[case["id"]] = str(uuid.uuid4())
        entered_at = case.get("entered_at") or f"{platform_cases['today']}T10:00:00+08:00"
        applied.setdefault(record_id, application_day(entered_at).isoformat())
        device = case.get("device_id") or DEFAULT_DEVICE
        if device not in windows:
            windows[device] = Client(client.url)
            assert windows[device].login(ACCOUNT, device).status_code == 200
        sent = {
            "record_id": record_id, "version": case.get("version", 1), "kind": case["kind"], "op": "upsert",
            "entered_at": entered_at, "applied_on": applied[record_id], "entered_by": "clerk-01", "payload": case["payload"],
        } | ({"change_reason": case["change_reason"]} if "change_reason" in case else {})
        response = windows[device].post(batch([sent]) | {"device_id": device, "created_at": entered_at})
        assert response.status_code == 200, (case["id"], response.text)
        result = response.json()["results"][0]
        expect = case["expect"]
        codes = {e["code"] for e in result.get("errors", [])}
        issued = result.get("qualification") or {}
        wrong = (
            result["status"] != expect["status"]
            or not set(expect.get("codes", [])) <= codes
            or any(issued.get(k) != v for k, v in expect.get("qualification", {}).items())
        )
        if wrong:
            failures.append(f"{case['id']} ({case['rule']}): expected {expect}, got {result}")
    assert not failures, "\n".join(failures)


def test_the_seeded_certificates_and_hours_are_served(served: tuple[Client, dict[str, Any]]) -> None:
    client, platform_cases = served
    seeded = platform_cases["seed"]
    for qualification in seeded["qualifications"]:
        listed = client.get("/qualifications", id_number=qualification["id_number"]).json()["items"]
        assert any(q["first_issued_on"] == qualification["first_issued_on"] for q in listed), listed
    for entry in seeded["ce_hours"]:
        items = client.get("/ce-hours", id_number=entry["id_number"], category=entry["category"]).json()["items"]
        assert entry["sessions"] in [item["sessions"] for item in items]
        firsts = [min(s["start_date"] for s in item["sessions"]) for item in items]
        assert firsts == sorted(firsts)  # oldest session first


def test_the_seeds_institutions_are_the_whole_registry(served: tuple[Client, dict[str, Any]]) -> None:
    client, platform_cases = served
    listed = client.get("/reference/institutions", limit=1000).json()["items"]
    assert sorted(i["code"] for i in listed) == sorted(i["code"] for i in platform_cases["seed"]["institutions"])
