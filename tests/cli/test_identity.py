"""Who a command acts for (issue 23): the lockout counts every wrong password until a real sign-in, IDs compare one
way everywhere, and look-alike IDs cannot be registered."""

from __future__ import annotations

from datetime import timedelta

import pytest

from clerk_app import clock
from clerk_app.services.operators import LOCKOUT_MINUTES, MAX_WRONG_PASSWORDS, OperatorRefused, OperatorService
from local_db.database import Database
from tests.conftest import Cli


def _code(result: object) -> str:
    return str(result.json["errors"][0]["code"])  # type: ignore[attr-defined]


def _guess(operators: OperatorService, operator: str, password: str) -> str:
    with pytest.raises(OperatorRefused) as refused:
        operators.sign_in(operator, password)
    return refused.value.problem.code


def test_commands_without_a_password_in_a_locked_supervisors_name_do_not_reset_the_count(cli: Cli) -> None:
    cli("list")  # set up
    answers = [_code(cli("config", "set", "ui.language", "en", operator="boss", password=f"guess-{i}")) for i in range(4)]
    assert answers == ["wrong_password"] * 4
    assert cli("backup", "--json", operator="boss").code == 0  # no password: recorded, but it proves nothing
    fifth = cli("config", "set", "ui.language", "en", operator="boss", password="guess-5")
    assert _code(fifth) == "operator_locked"
    assert _code(cli("config", "set", "ui.language", "en", operator="boss")) == "operator_locked"


def test_a_lock_ends_with_the_count_at_zero(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    operators = OperatorService(db)
    operators.add("clerk09", "吴某", "clerk", "right-pass", acting="tester")
    assert [_guess(operators, "clerk09", f"guess-{i}") for i in range(MAX_WRONG_PASSWORDS)][-1] == "operator_locked"
    later = clock.now() + timedelta(minutes=LOCKOUT_MINUTES, seconds=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert _guess(operators, "clerk09", "one-more-wrong") == "wrong_password"  # not locked again by one slip
    assert operators.sign_in("clerk09", "right-pass").operator_id == "clerk09"


def test_a_trailing_space_or_another_width_is_the_same_operator_for_sign_in_and_lockout(db: Database) -> None:
    operators = OperatorService(db)
    operators.add("boss", "赵负责", "supervisor", "secret-123", acting="tester")
    spellings = ["boss ", " BOSS", "ｂｏｓｓ", "Boss\u3000", "boss"]
    assert [_guess(operators, spelling, "wrong-1") for spelling in spellings] == ["wrong_password"] * 4 + ["operator_locked"]
    with db.read() as session:
        from local_db import audit

        failed = audit.newest_of(session, "boss", ("login_failed",), limit=10)
    assert len(failed) == MAX_WRONG_PASSWORDS  # every one recorded against boss, none under a spelling of its own
    assert _guess(operators, "boss ", "secret-123") == "operator_locked"


@pytest.mark.parametrize(
    "look_alike",
    ["b\u043ess", "\u212aelvin", "bo\u00df", "ｂｏｓｓ2", "boss 2", "a/b", "", "x" * 65],
)
def test_look_alike_or_unusual_operator_ids_are_refused(db: Database, look_alike: str) -> None:
    operators = OperatorService(db)
    with pytest.raises(OperatorRefused) as refused:
        operators.add(look_alike, "某人", "clerk", "some-pass", acting="tester")
    assert refused.value.problem.code == "invalid_operator_id"
    assert [o.operator_id for o in operators.list()] == ["tester"]


def test_an_id_differing_only_in_case_or_width_is_the_same_operator(db: Database) -> None:
    operators = OperatorService(db)
    with pytest.raises(OperatorRefused) as refused:
        operators.add("TESTER", "某人", "clerk", "some-pass", acting="tester")
    assert refused.value.problem.code == "operator_exists"
    assert operators.add("kelvin.k_1-a", "开某", "clerk", "some-pass", acting=" Tester").role == "clerk"




def test_commands_without_a_password_never_record_an_unregistered_name_as_an_operator(cli: Cli) -> None:
    cli("list")  # set up
    assert cli("backup", "--json", operator="ghost").code == 0
    cli("upload", "--json", operator="ghost")
    assert cli("backup", "--json", operator="BOSS ").code == 0
    with Database(cli.data_dir).open(write=False) as db, db.read() as session:
        from sqlalchemy import text

        rows = session.execute(text("SELECT operator, action FROM audit_log WHERE action = 'backup' ORDER BY seq")).all()
        runs = session.execute(text("SELECT operator FROM upload_runs")).scalars().all()
    assert [operator.split("@os:")[0] for operator, _ in rows] == ["unproven:ghost", "boss"]
    assert all(operator.startswith("unproven:ghost@os:") for operator in runs)
