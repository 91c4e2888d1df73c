"""The platform checked against the OpenAPI document itself, so the server and the contract cannot drift apart.

Schemathesis generates requests for every operation from the document and
checks each answer: a documented status code, a body matching its schema,
required headers (Retry-After), and that auth is not ignored.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from sync.reference_platform import ReferencePlatform
from tests.platform.conftest import DEVICE, Client, start

CONTRACT = Path(__file__).resolve().parents[3] / "shared" / "platform-api.yaml"
if not CONTRACT.is_file():
    raise RuntimeError(
        f"The platform contract is missing: expected {CONTRACT} (the shared folder beside the repository). "
        "Check out the shared folder next to the repository."
    )

schema = schemathesis.openapi.from_path(CONTRACT)
schema.config.generation.update(modes=[schemathesis.GenerationMode.POSITIVE], max_examples=25)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ReferencePlatform, Client]]:
    platform = start(tmp_path_factory.mktemp("conformance") / "platform.db")
    client = Client(platform.url)
    assert client.login().status_code == 200
    yield platform, client
    platform.close()


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_answers_conform_to_the_contract(case: schemathesis.Case, served: tuple[ReferencePlatform, Client]) -> None:
    platform, client = served
    if case.method == "POST" and case.path == "/batches" and isinstance(case.body, dict):
        # Generated keys repeat across examples (a replay with another body is rightly 422) and never match
        # the body's batch_id (rightly 400): a fresh key in both places gets each generated batch judged.
        # Likewise the device: a batch from another device than the token's is rightly 422.
        key = str(uuid.uuid4())
        case.headers["Idempotency-Key"] = key
        case.body["batch_id"] = key
        case.body["device_id"] = DEVICE
    if case.path == "/devices/{device_id}/audit-heads" and case.path_parameters is not None:
        # Another device's heads are rightly 403 (tests/platform/test_accounts.py); here the answer's shape is checked.
        case.path_parameters["device_id"] = DEVICE
    case.call_and_validate(base_url=platform.url, headers=client.auth)
