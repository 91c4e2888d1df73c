"""Every state change the upload engine and the records service make is a move the record lifecycle allows.

Triggers added to the real database log each change of an outbox row's state
and of a record's listed state while real uploads run against the reference
platform: a batch returned by a 413, accepted and rejected records, a
correction and a void. Each logged move is then checked by
``clerk_app.domain.lifecycle``, and every move of a version's upload must
have happened at least once, so the check cannot pass by seeing nothing.
"""

from __future__ import annotations

from clerk_app.domain import lifecycle
from clerk_app.services.records import RecordService
from clerk_app.services.settings import SettingsService
from local_db.database import Database
from sync.reference_platform import ReferencePlatform
from tests import factories
from tests.conftest import PASSWORDS
from tests.db_files import raw_connection
from tests.sync.conftest import add_records, engine

_LOGGING = """
CREATE TABLE moves (what TEXT, before TEXT, after TEXT);
CREATE TRIGGER log_queued AFTER INSERT ON outbox BEGIN
    INSERT INTO moves VALUES ('version', NULL, new.state);
END;
CREATE TRIGGER log_version AFTER UPDATE OF state ON outbox WHEN old.state IS NOT new.state BEGIN
    INSERT INTO moves VALUES ('version', old.state, new.state);
END;
CREATE TRIGGER log_record AFTER UPDATE ON records BEGIN
    INSERT INTO moves VALUES (
        'record',
        CASE WHEN old.voided THEN 'voided' ELSE old.upload_state END,
        CASE WHEN new.voided THEN 'voided' ELSE new.upload_state END
    );
END;
"""


def _moves(db: Database) -> list[tuple[str, str | None, str]]:
    connection = raw_connection(db.path)
    try:
        return [tuple(row) for row in connection.execute("SELECT what, before, after FROM moves")]
    finally:
        connection.close()


def test_every_state_change_of_an_upload_is_a_lifecycle_move(window: Database, platform: ReferencePlatform) -> None:
    connection = raw_connection(window.path)
    connection.executescript(_LOGGING)
    connection.close()
    records = RecordService(window)
    ids = add_records(window, 12)
    refused = records.add(
        "qualification_application",
        factories.qualification_application(
            id_number=factories.id_number(seq=0, birth="19800312"),
            licence_no=factories.id_number(seq=0, birth="19800312"),
            completion_certificate_no="JL-B2-2026-999999",  # no such completion: the platform rejects it
        ),
        operator="tester",
        confirm_duplicate=True,
    )
    assert refused.ok and refused.record_id is not None

    SettingsService(window).set("upload.batch_size", "5", operator="tester")
    platform.max_body_bytes = 2_000
    stopped = engine(window).run()
    assert stopped.stopped is not None and stopped.stopped.code == "upload_too_large"  # batches returned
    platform.max_body_bytes = 8 * 1024 * 1024
    first = engine(window).run()
    assert (first.accepted, first.rejected) == (12, 1)

    detail = records.get(refused.record_id)
    assert detail is not None
    corrected = dict(detail.versions[-1].payload, completion_certificate_no="JL-B2-2026-000000")
    assert records.correct(refused.record_id, corrected, operator="tester", reason="补结业证号", confirm_duplicate=True).ok
    assert records.void(ids[0], "重复录入", operator="tester", password=PASSWORDS["tester"]).ok
    second = engine(window).run()
    assert second.complete and (second.accepted, second.rejected) == (2, 0)

    moves = _moves(window)
    for what, before, after in moves:
        if what == "version":
            lifecycle.upload_move(before, after)
        elif (before, after) != ("voided", "voided"):  # a voided record's void version uploads; it stays voided
            lifecycle.record_move(before, after)
    seen = {(before, after) for what, before, after in moves if what == "version"}
    assert seen == {(None if b is None else str(b), str(a)) for b, a in lifecycle.UPLOAD_MOVES}
    record_seen = {(before, after) for what, before, after in moves if what == "record"}
    assert {("rejected", "pending"), ("accepted", "voided")} <= record_seen
