"""Tampering with the audit trail directly in SQLite is detected by ``check``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import factories
from tests.conftest import Cli
from tests.db_files import raw_connection


def _tamper(path: Path, *statements: str) -> None:
    connection = raw_connection(path)
    # Whoever tampers drops our append-only triggers first; the chain must still tell.
    for table in ("audit_log", "record_versions"):
        for action in ("update", "delete"):
            connection.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action}")
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


@pytest.fixture
def filled(cli_with_institutions: Cli) -> Cli:
    for seq in range(5):
        assert cli_with_institutions.add(
            "transition_case", factories.transition_case(id_number=factories.id_number(seq=200 + seq))
        ).code == 0
    assert cli_with_institutions("check", "--json").json["ok"] is True
    return cli_with_institutions


def _codes(cli: Cli) -> set[str]:
    result = cli("check", "--json")
    assert result.code == 1
    return {p["code"] for p in result.json["audit"]}


def test_edited_row_is_detected(filled: Cli) -> None:
    _tamper(filled.data_dir / "clerk.sqlite3", "UPDATE audit_log SET operator = 'someone_else' WHERE seq = 4")
    assert "audit_edited" in _codes(filled)


def test_removed_row_is_detected(filled: Cli) -> None:
    second_save = "SELECT seq FROM audit_log WHERE action = 'save' ORDER BY seq LIMIT 1 OFFSET 1"
    _tamper(filled.data_dir / "clerk.sqlite3", f"DELETE FROM audit_log WHERE seq = ({second_save})")
    assert {"audit_removed", "audit_missing_for_version"} <= _codes(filled)


def test_reordered_rows_are_detected(filled: Cli) -> None:
    path = filled.data_dir / "clerk.sqlite3"
    _tamper(
        path,
        "UPDATE audit_log SET seq = -1 WHERE seq = 4",
        "UPDATE audit_log SET seq = 4 WHERE seq = 5",
        "UPDATE audit_log SET seq = 5 WHERE seq = -1",
    )
    assert _codes(filled) & {"audit_edited", "audit_reordered"}


def test_cut_off_tail_is_detected(filled: Cli) -> None:
    _tamper(filled.data_dir / "clerk.sqlite3", "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)")
    assert "audit_tail_removed" in _codes(filled)


def test_edited_version_payload_is_detected(filled: Cli) -> None:
    _tamper(filled.data_dir / "clerk.sqlite3", "UPDATE record_versions SET payload = replace(payload, '阿依古丽', '某某') WHERE id = 2")
    assert "version_payload_changed" in _codes(filled)
