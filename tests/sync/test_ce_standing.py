"""The CE cycle at the counter (DOMAIN.md rulings): the platform's certificates and hours, cached, merged with this window's.

Against the reference platform on loopback: a driver certified and trained at
other windows gets the cycle and the hours from the platform, and keeps them
when the platform is gone; an entry made here and accepted there counts once;
a typed 初次领证日期 places the cycle when nothing else is known.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import text as sql

from clerk_app import clock
from clerk_app.domain.dates import add_years
from clerk_app.services.ce_standing import (
    FROM_CACHE,
    FROM_PLATFORM,
    FROM_TYPED,
    OTHER_WINDOWS,
    THIS_WINDOW,
    CeStandingService,
)
from clerk_app.services.platform import PlatformService, PlatformStop
from clerk_app.services.records import RecordService
from local_db.database import Database
from sync.reference_platform import ReferencePlatform
from tests import factories
from tests.sync.conftest import engine

DRIVER = factories.id_number(seq=731)


def certified_elsewhere(platform: ReferencePlatform, person: str = DRIVER, *, first_issued_on: date | None = None) -> date:
    """The province knows the person's freight certificate and 10 h (6 in a classroom, 4 online) from another window."""
    first = first_issued_on or add_years(clock.today(), -1)
    certificate = {
        "certificate_no": person, "category": "freight", "name": "周远方", "id_number": person,
        "first_issued_on": first.isoformat(), "issued_on": first.isoformat(),
        "valid_until": add_years(first, 6).isoformat(), "status": "valid",
    }
    sessions: list[dict[str, Any]] = [
        {
            "course": "道路运输安全法规", "hours": 6, "mode": "offline",
            "start_date": factories.days_ago(60), "end_date": factories.days_ago(60),
        },
        {"course": "节能驾驶", "hours": 4, "mode": "online", "start_date": factories.days_ago(50), "end_date": factories.days_ago(49)},
    ]
    entry = {"id_number": person, "category": "freight", "institution_code": "JLCE0001", "sessions": sessions}
    platform.store.seed([certificate], [entry], clock.now_text())
    return first


def test_the_cycle_and_hours_known_only_on_the_platform_are_fetched_kept_and_known_offline(
    window: Database, platform: ReferencePlatform
) -> None:
    first = certified_elsewhere(platform)
    service = CeStandingService(window)
    assert service.standing(DRIVER).summary is None  # nothing known here yet

    read_at = PlatformService(window).look_up_person(DRIVER)
    online = service.standing(DRIVER, online=True)
    assert online.first_issued_on == first and online.anchor_source == FROM_PLATFORM
    assert online.summary is not None and online.summary.credited_hours == 10 and online.summary.missing_hours == 14
    assert online.hours(source=OTHER_WINDOWS, mode="offline") == 6 and online.hours(source=OTHER_WINDOWS, mode="online") == 4
    assert online.name == "周远方" and online.platform_read_at == read_at

    platform.close()  # the network is gone: the cache answers
    with pytest.raises(PlatformStop):
        PlatformService(window).look_up_person(DRIVER)
    offline = service.standing(DRIVER)
    assert offline.anchor_source == FROM_CACHE and offline.summary == online.summary and offline.platform_read_at == read_at


def test_an_entry_made_here_and_accepted_there_counts_once_and_pending_ones_count_too(
    window: Database, platform: ReferencePlatform
) -> None:
    certified_elsewhere(platform)
    records = RecordService(window)
    here = factories.ce_hours(id_number=DRIVER, name="周远方", qualification_cert_no=DRIVER)
    saved = records.add("ce_hours", here, operator="tester")
    assert saved.ok, saved.errors
    engine(window).run(end_of_day=False)  # accepted: now the platform lists it too
    detail = records.get(str(saved.record_id))
    assert detail is not None and detail.summary.upload_state == "accepted"
    pending = factories.ce_hours(
        id_number=DRIVER, name="周远方", qualification_cert_no=DRIVER,
        sessions=[
            {"course": "应急处置", "hours": 3, "mode": "offline", "start_date": factories.days_ago(3), "end_date": factories.days_ago(3)}
        ],
    )
    assert records.add("ce_hours", pending, operator="tester", confirm_duplicate=True).ok

    PlatformService(window).look_up_person(DRIVER)
    standing = CeStandingService(window).standing(DRIVER, online=True)
    # 10 from another window; 6.5 accepted from here (listed by the platform too, counted once); 3 pending here.
    assert standing.hours(source=OTHER_WINDOWS) == 10
    assert standing.hours(source=THIS_WINDOW) == 9.5
    assert standing.summary is not None and standing.summary.credited_hours == 19.5
    # Correcting the accepted entry: its old version is left out of the count, here and from the platform.
    corrected = CeStandingService(window).standing(DRIVER, exclude_record=saved.record_id)
    assert corrected.hours(source=THIS_WINDOW) == 3 and corrected.hours(source=OTHER_WINDOWS) == 10


def test_a_typed_first_issue_date_places_the_cycle_when_nothing_else_is_known(window: Database) -> None:
    records = RecordService(window)
    assert records.add("ce_hours", factories.ce_hours(), operator="tester").ok
    service = CeStandingService(window)
    unknown = service.standing(factories.id_number(seq=456))
    assert unknown.summary is None and unknown.hours() == 6.5
    typed = service.standing(factories.id_number(seq=456), typed_first_issued_on=date(2025, 3, 1))
    assert typed.anchor_source == FROM_TYPED
    assert typed.summary is not None and typed.summary.cycle_start == date(2025, 3, 1) and typed.summary.missing_hours == 17.5


def test_an_entry_the_platform_sent_back_is_not_counted_and_is_said_to_be_left_out(window: Database) -> None:
    records = RecordService(window)
    saved = records.add("ce_hours", factories.ce_hours(qualification_first_issued_on="2025-03-01"), operator="tester")
    assert saved.ok, saved.errors
    with window.write() as session:  # what the upload engine writes when the platform refuses it
        session.execute(sql("UPDATE outbox SET state = 'rejected', errors = '[]' WHERE record_id = :id"), {"id": saved.record_id})
        session.execute(sql("UPDATE records SET upload_state = 'rejected' WHERE record_id = :id"), {"id": saved.record_id})
    standing = CeStandingService(window).standing(factories.id_number(seq=456))
    assert standing.left_out == 1 and standing.hours() == 0
    assert standing.summary is not None and standing.summary.missing_hours == 24  # the date typed on it still places the cycle
