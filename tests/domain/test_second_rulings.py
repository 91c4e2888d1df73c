"""The second set of rulings (DOMAIN.md, "Rulings, second set"), rule by rule on plain values."""

from __future__ import annotations

from datetime import date

from clerk_app.domain.ce_cycle import category_sessions
from clerk_app.domain.certificates import Certificate, first_issue, named, reissue, renewal
from clerk_app.domain.dates import application_day, entered_day_in_range
from clerk_app.domain.duplicates import repeated_sessions
from clerk_app.domain.institutions import status_since, to_info, validate_institution
from clerk_app.domain.masking import mask_name
from clerk_app.domain.text import normalize_name

FREIGHT = "freight"


def test_the_application_day_is_the_cst_date_of_the_first_entered_at() -> None:
    assert application_day("2026-12-18T23:30:00+08:00") == date(2026, 12, 18)
    assert application_day("2026-12-18T16:30:00+00:00") == date(2026, 12, 19)  # already the 19th in China
    assert entered_day_in_range(date(2026, 10, 22), date(2026, 12, 21))  # 60 days before
    assert not entered_day_in_range(date(2026, 10, 21), date(2026, 12, 21))  # 61
    assert not entered_day_in_range(date(2026, 12, 22), date(2026, 12, 21))  # after the platform's day


def test_what_is_issued_carries_valid_from_and_its_paper_number() -> None:
    first = first_issue("220102199003071235", FREIGHT, date(2025, 12, 1))
    assert (first.valid_from, first.valid_until, first.paper_no) == (date(2025, 12, 1), date(2031, 12, 1), 1)
    lost = reissue(first, date(2027, 3, 1))
    assert (lost.issued_on, lost.valid_from, lost.valid_until, lost.paper_no) == (date(2027, 3, 1), date(2025, 12, 1), date(2031, 12, 1), 2)
    renewed = renewal(lost, date(2031, 11, 1))
    assert (renewed.valid_from, renewed.valid_until, renewed.paper_no) == (date(2031, 12, 1), date(2037, 12, 1), 3)
    # A 1.1 certificate sent no valid_from: it stays unknown (the window never invents it).
    older = Certificate.from_dict({"certificate_no": "X", "category": FREIGHT, "issued_on": "2025-12-01", "valid_until": "2031-12-20"})
    assert older.valid_from is None and "valid_from" not in older.as_dict()


def test_a_certificate_is_named_by_its_printed_number_or_the_holders_id_number() -> None:
    serial = Certificate("JLHY2021000123", FREIGHT, date(2021, 3, 1), date(2021, 3, 1), date(2027, 3, 1))
    holder = "220102198506011133"
    assert named([serial], "jlhy2021000123", holder, FREIGHT) is serial
    assert named([serial], holder, holder, FREIGHT) is serial
    assert named([serial], "220102198506011134", holder, FREIGHT) is None
    assert named([serial], holder, holder, "passenger") is None


def test_an_institution_s_status_applies_from_status_since_and_1_1_entries_from_updated_at() -> None:
    entry = {"code": "JLCE0003", "name": "示例", "kind": "continuing_education", "status": "suspended",
             "updated_at": "2026-12-01T09:00:00+08:00", "status_since": "2026-12-01"}
    info = to_info(entry)
    assert not info.inactive_on(date(2026, 11, 30)) and info.inactive_on(date(2026, 12, 1))
    older = dict(entry, updated_at="2026-11-20T20:00:00+00:00")
    older.pop("status_since")
    assert status_since(older) == date(2026, 11, 21)  # its updated_at date in China Standard Time


def test_platform_entries_are_held_to_the_contract_not_the_windows_typing_limits() -> None:
    entry = {"code": "JLCE0002", "name": "示例", "kind": "continuing_education", "status": "active",
             "updated_at": "2025-01-05T09:00:00+08:00", "address": "长" * 500, "head": "很长的负责人姓名" * 10}
    assert validate_institution(entry, from_platform=True)[1] == []
    assert {p.field for p in validate_institution(entry)[1]} == {"address", "head"}
    too_long_code = dict(entry, code="C" * 33)  # beyond the contract itself: cannot be stored
    assert [p.code for p in validate_institution(too_long_code, from_platform=True)[1]] == ["too_long"]


def test_a_session_held_by_another_entry_is_found_and_counted_once() -> None:
    session = {"course": "安全驾驶", "hours": 12, "mode": "offline", "start_date": "2026-06-01", "end_date": "2026-06-01"}
    mine = {"category": FREIGHT, "institution_code": "jlce0001", "sessions": [session]}
    theirs = {"record_id": "r1", "category": FREIGHT, "institution_code": "JLCE0001",
              "sessions": [dict(session, course=" 安全驾驶", hours=12.0)]}
    [found] = repeated_sessions(mine, [theirs])
    assert found.other == "r1"
    assert repeated_sessions(mine, [dict(theirs, category="passenger")]) == []
    assert repeated_sessions(mine, [dict(theirs, sessions=[dict(session, end_date="2026-06-02")])]) == []
    assert len(list(category_sessions([mine, theirs], FREIGHT))) == 1


def test_the_name_dot_look_alikes_become_the_middle_dot_and_the_public_page_masks_a_name() -> None:
    for dot in "\u30fb\u2022\u2027\uff65\u2219\u00b7":
        assert normalize_name(f"艾尔肯{dot}吐尔逊") == "艾尔肯·吐尔逊"
    assert mask_name("张三") == "张*" and mask_name("艾尔肯·吐尔逊") == "艾**·***"
