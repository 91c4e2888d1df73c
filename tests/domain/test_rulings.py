"""Each ruling of DOMAIN.md "Rulings (December 2026)" on its own, with the Chinese a clerk reads.

Beside the product owner's case file (test_domain_cases.py): one test per rule,
so that a broken rule is named by the test that fails.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from clerk_app.domain.ce_cycle import (
    CeRule,
    category_sessions,
    cycle_anchor,
    cycle_summary,
    renewal_ce_problem,
)
from clerk_app.domain.certificates import (
    Certificate,
    first_issue,
    first_issue_problem,
    reissue,
    reissue_problem,
    renewal,
    renewal_problem,
    renewal_window,
)
from clerk_app.domain.dates import add_years, age_on
from clerk_app.domain.duplicates import ExistingRecord, classify_duplicates
from clerk_app.domain.id_number import IdNumber, parse_id_number
from clerk_app.domain.institutions import filing_flag, validate_institution
from clerk_app.domain.licences import APPLICATION_LICENCE_CLASSES, covers
from clerk_app.domain.problems import Problem
from clerk_app.domain.validation import validate_record
from tests.domain.support import (
    REGISTRY,
    TODAY,
    ce_hours,
    id_number,
    qualification_application,
    session,
    training_completion,
    transition_case,
)

FREIGHT = "freight"


def refused(kind: str, payload: dict[str, object], **options: int) -> list[Problem]:
    checked = validate_record(kind, payload, REGISTRY, **options)
    assert not checked.ok, f"{kind} was accepted: {checked.payload}"
    return checked.errors


def one(problems: list[Problem], code: str) -> Problem:
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, [(p.field, p.code) for p in problems]
    return found[0]


# -- Numbers and text -----------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["jl-b2-001", "ＪＬ－Ｂ２－００１", " JL-B2\u3000-001 ", "jl-B2-001"])
def test_a_certificate_number_is_stored_in_its_one_canonical_form(typed: str) -> None:
    checked = validate_record("training_completion", training_completion(certificate_no=typed), REGISTRY)
    assert checked.ok and checked.payload["certificate_no"] == "JL-B2-001"


def test_an_old_lower_case_version_still_matches_its_certificate() -> None:
    # Versions stored before the rulings are never rewritten; they are compared in canonical form on reading.
    old = ExistingRecord(
        "r1", "training_completion", training_completion(id_number=id_number(seq=1), certificate_no="jl-b2- 001"),
        datetime(2025, 6, 1), False,
    )
    mine = validate_record("training_completion", training_completion(certificate_no="JL-B2-001"), REGISTRY).payload
    errors, _ = classify_duplicates("training_completion", mine, [old], TODAY)
    assert [e.code for e in errors] == ["duplicate_certificate_no"]
    assert "已用在另一个人的登记上" in errors[0].message_zh


def test_free_text_keeps_chinese_punctuation() -> None:
    note = "已通过（科目一），未领证；待核实：“是”。"
    checked = validate_record("transition_case", transition_case(note=note), REGISTRY)
    assert checked.ok and checked.payload["note"] == note
    institution, problems = validate_institution(
        {"code": "jldt 9", "name": "长春市示例驾校（虚构）", "kind": "driver_training", "status": "active"}
    )
    assert not problems and institution["name"] == "长春市示例驾校（虚构）" and institution["code"] == "JLDT9"


def test_free_text_makes_full_width_letters_digits_and_space_half_width() -> None:
    checked = validate_record("transition_case", transition_case(note="\u3000Ｂ２驾驶证　１２号（补）"), REGISTRY)
    assert checked.payload["note"] == "B2驾驶证 12号（补）"


def test_an_id_number_born_before_1900_is_refused() -> None:
    problem = parse_id_number(id_number(birth="18990505"), TODAY)
    assert isinstance(problem, Problem) and problem.code == "invalid_id_number"
    assert "早于 1900 年" in problem.message_zh


@pytest.mark.parametrize("region", ["810000", "820000", "830000"])
def test_residence_permits_of_hong_kong_macau_and_taiwan_residents_are_accepted(region: str) -> None:
    parsed = parse_id_number(id_number(region=region, birth="19900101"), TODAY)
    assert isinstance(parsed, IdNumber)


@pytest.mark.parametrize("phone", ["10012345678", "11012345678", "12012345678"])
def test_a_mobile_number_starts_with_13_to_19(phone: str) -> None:
    problem = one(refused("training_completion", training_completion(phone=phone)), "invalid_phone")
    assert "以 13 至 19 开头" in problem.message_zh
    assert validate_record("training_completion", training_completion(phone="19912345678"), REGISTRY).ok


# -- Licence classes that cover the trained class ---------------------------------------------


def test_the_national_table_of_covered_classes() -> None:
    assert covers("A2", "A2") and covers("A1", "B2") and covers("A2", "B2") and covers("B2", "B2")
    assert not covers("A1", "A2") and not covers("B1", "B2") and not covers("B2", "A2") and not covers("C1", "B2")
    assert covers("D", "F") and covers("C1", "C4") and not covers("C4", "C1")


def test_only_a1_a2_and_b2_can_ever_match_a_freight_completion() -> None:
    every_class = ["A1", "A2", "A3", "B1", "B2", "C1", "C2", "C3", "C4", "C5", "C6", "D", "E", "F", "M", "N", "P"]
    matching = [c for c in every_class if covers(c, "A2") or covers(c, "B2")]
    assert tuple(matching) == APPLICATION_LICENCE_CLASSES == ("A1", "A2", "B2")
    problem = one(refused("qualification_application", qualification_application(licence_class="C1")), "invalid_licence_class")
    assert problem.field == "licence_class" and "只能是 A1、A2 或 B2" in problem.message_zh


# -- Dates and ages ---------------------------------------------------------------------------


def test_no_date_before_2000_or_after_today() -> None:
    early = one(refused("training_completion", training_completion(training_start="1999-12-31")), "date_out_of_range")
    assert early.field == "training_start" and "早于 2000-01-01" in early.message_zh
    late = one(refused("training_completion", training_completion(assessment_date="2025-07-01")), "date_in_future")
    assert "晚于今天" in late.message_zh


def test_a_trainee_is_at_least_18_on_the_training_start_date() -> None:
    young = training_completion(id_number=id_number(birth="20070302"))  # 17 on 2025-03-01
    problem = one(refused("training_completion", young), "age_out_of_range")
    assert problem.field == "training_start" and "未满 18 周岁" in problem.message_zh
    assert validate_record("training_completion", training_completion(id_number=id_number(birth="20070301")), REGISTRY).ok


def test_a_first_issue_is_at_most_the_age_limit_on_the_day() -> None:
    sixty = qualification_application(id_number=id_number(birth="19650630"))  # 60 on TODAY
    sixty_one = qualification_application(id_number=id_number(birth="19640630"))
    assert validate_record("qualification_application", sixty, REGISTRY).ok
    problem = one(refused("qualification_application", sixty_one), "age_out_of_range")
    assert "超过初次申领从业资格证的年龄上限 60 周岁" in problem.message_zh
    # The ceiling is a setting (qualification.max_age), and reissue and renewal are not limited.
    assert validate_record("qualification_application", sixty_one, REGISTRY, max_age=65).ok
    reissued = {**sixty_one, "kind_of_request": "reissue", "previous_certificate_no": sixty_one["id_number"]}
    del reissued["completion_certificate_no"]
    assert validate_record("qualification_application", reissued, REGISTRY).ok


def test_a_transition_case_needs_its_exam_or_registration_date() -> None:
    problem = one(refused("transition_case", transition_case(event_date=None)), "missing_field")
    assert problem.field == "event_date" and "考试或报名日期" in problem.message_zh


def test_a_transition_event_is_on_or_before_the_exam_channel_closed() -> None:
    assert validate_record("transition_case", transition_case(event_date="2020-12-31"), REGISTRY).ok
    problem = one(refused("transition_case", transition_case(event_date="2021-01-01")), "date_out_of_range")
    assert "2020-12-31 停考" in problem.message_zh


@pytest.mark.parametrize(("situation", "said"), [("registered_not_examined", "报名日期"), ("examined_failed", "考试日期")])
def test_a_transition_case_is_at_least_18_on_its_date(situation: str, said: str) -> None:
    young = transition_case(id_number=id_number(birth="20030601"), situation=situation, event_date="2020-11-01")
    problem = one(refused("transition_case", young), "age_out_of_range")
    assert problem.field == "event_date" and said in problem.message_zh and "17 岁" in problem.message_zh


def test_ages_are_whole_years_and_29_february_follows_add_years() -> None:
    # Second rulings: born on 29 February, N years old on 28 February of a common year (add_years' day).
    assert age_on(date(2000, 2, 29), date(2018, 2, 27)) == 17
    assert age_on(date(2000, 2, 29), date(2018, 2, 28)) == 18 == age_on(date(2000, 2, 29), add_years(date(2000, 2, 29), 18))
    assert age_on(date(2008, 2, 29), date(2028, 2, 28)) == 19  # a leap year: the birthday is 29 February
    assert age_on(date(2008, 2, 29), date(2028, 2, 29)) == 20
    assert age_on(date(1965, 12, 19), date(2026, 12, 18)) == 60


def test_one_way_to_add_years_29_february_becomes_28_february() -> None:
    assert add_years(date(2020, 2, 29), 6) == date(2026, 2, 28)
    assert add_years(date(2020, 2, 29), 4) == date(2024, 2, 29)
    assert add_years(date(2026, 2, 28), -6) == date(2020, 2, 28)


# -- Continuing-education filings ---------------------------------------------------------


@pytest.mark.parametrize(("mode", "level"), [("online", "county"), ("online", "city"), ("offline", "provincial"), ("offline", "ministry")])
def test_a_filing_recorded_at_the_window_has_the_level_of_its_mode(mode: str, level: str) -> None:
    payload = {
        "code": "JLCE9", "name": "示例", "kind": "continuing_education", "status": "active",
        "filing": {"level": level, "mode": mode, "filing_no": "备1", "filed_on": "2024-01-01"},
    }
    _, problems = validate_institution(payload)
    problem = one(problems, "filing_level_mismatch")
    assert "备案" in problem.message_zh and ("县级或市级" in problem.message_zh or "省级或部级" in problem.message_zh)
    # From the platform it is kept, and shown flagged.
    stored, problems = validate_institution(payload, from_platform=True)
    assert not problems and stored["filing"]["level"] == level
    flag = filing_flag(stored)
    assert flag is not None and flag.code == "filing_level_mismatch"


def test_a_session_is_in_the_institutions_filed_mode() -> None:
    online_here = ce_hours(sessions=[session(mode="online")])  # JLCE0001 is filed offline
    problem = one(refused("ce_hours", online_here), "mode_not_filed")
    assert problem.field == "sessions.0.mode" and "备案的是线下继续教育，不能登记网络学时" in problem.message_zh
    offline_there = ce_hours(institution_code="JLCE0003", sessions=[session(mode="offline")])  # filed online
    assert "不能登记面授学时" in one(refused("ce_hours", offline_there), "mode_not_filed").message_zh


def test_a_session_does_not_start_before_the_filing() -> None:
    early = ce_hours(sessions=[session(start_date="2025-01-09", end_date="2025-01-10")])  # filed 2025-01-10
    problem = one(refused("ce_hours", early), "date_before_filing")
    assert problem.field == "sessions.0.start_date" and "早于机构「吉林示例继续教育中心」的备案日期（2025-01-10）" in problem.message_zh


# -- Qualification certificates: first issue, reissue, renewal ------------------------------


def test_a_first_issue_runs_six_years_from_the_day() -> None:
    issued = first_issue("220102199003071235", FREIGHT, date(2025, 12, 1))
    assert (issued.first_issued_on, issued.issued_on, issued.valid_until) == (date(2025, 12, 1), date(2025, 12, 1), date(2031, 12, 1))


def test_no_first_issue_while_a_valid_certificate_is_held() -> None:
    held = first_issue("220102199003071235", FREIGHT, date(2021, 1, 1))
    problem = first_issue_problem([held], FREIGHT, date(2025, 12, 1))
    assert problem is not None and problem.code == "already_certified" and "补发" in problem.message_zh
    assert first_issue_problem([held], "passenger", date(2025, 12, 1)) is None
    assert first_issue_problem([held], FREIGHT, date(2027, 1, 2)) is None  # expired by then


def test_a_reissue_keeps_number_first_issue_and_validity() -> None:
    held = Certificate("220102199205207890", FREIGHT, date(2020, 6, 10), date(2020, 6, 10), date(2026, 6, 10))
    paper = reissue(held, date(2025, 12, 1))
    assert paper == Certificate(
        "220102199205207890", FREIGHT, date(2020, 6, 10), date(2025, 12, 1), date(2026, 6, 10), "valid", date(2020, 6, 10), 2
    )
    assert reissue_problem(held, date(2025, 12, 1)) is None
    for gone in (None, Certificate("X", FREIGHT, date(2019, 1, 1), date(2019, 1, 1), date(2025, 1, 1), "expired")):
        problem = reissue_problem(gone, date(2025, 12, 1))
        assert problem is not None and problem.code == "no_such_certificate" and "补发须提供" in problem.message_zh


def test_a_renewal_is_allowed_from_90_days_before_until_a_year_after() -> None:
    held = Certificate("220102198511124562", FREIGHT, date(2019, 12, 20), date(2019, 12, 20), date(2025, 12, 20))
    assert renewal_window(held.valid_until) == (date(2025, 9, 21), date(2026, 12, 20))
    assert renewal_problem(held, date(2025, 9, 21)) is None and renewal_problem(held, date(2026, 12, 20)) is None
    early = renewal_problem(held, date(2025, 9, 20))
    assert early is not None and early.code == "renewal_out_of_window" and "从 2025-09-21 起才能办理" in early.message_zh
    late = renewal_problem(held, date(2026, 12, 21))
    assert late is not None and late.code == "renewal_out_of_window" and "超过到期后一年" in late.message_zh


def test_a_renewal_runs_from_the_old_end_and_keeps_the_first_issue() -> None:
    held = Certificate("220102198511124562", FREIGHT, date(2019, 12, 20), date(2019, 12, 20), date(2025, 12, 20))
    renewed = renewal(held, date(2025, 12, 1))
    assert (renewed.first_issued_on, renewed.issued_on, renewed.valid_until) == (date(2019, 12, 20), date(2025, 12, 1), date(2031, 12, 20))


def test_the_completion_certificate_is_needed_only_for_a_first_issue() -> None:
    first = qualification_application(completion_certificate_no=None)
    assert one(refused("qualification_application", first), "missing_field").field == "completion_certificate_no"
    for request in ("reissue", "renewal"):
        without = qualification_application(kind_of_request=request, completion_certificate_no=None)
        problem = one(refused("qualification_application", without), "missing_field")
        assert problem.field == "previous_certificate_no" and "原从业资格证号" in problem.message_zh
        given = {**without, "previous_certificate_no": " ２２０１０２１９８５０３１２１２３０ "}
        checked = validate_record("qualification_application", given, REGISTRY)
        assert checked.ok and checked.payload["previous_certificate_no"] == "220102198503121230"


# -- The CE cycle at the counter ------------------------------------------------------------


def test_hours_count_against_the_certificate_of_their_category() -> None:
    entries = [
        {"category": "freight", "sessions": [session(hours=10)]},
        {"category": "passenger", "sessions": [session(hours=14)]},
    ]
    freight = cycle_summary(category_sessions(entries, "freight"), date(2024, 1, 1), TODAY, CeRule())
    assert freight.offline_hours == 10 and freight.missing_hours == 14


def test_cycles_run_from_the_first_issue_and_a_reissue_does_not_move_them() -> None:
    reissued = {"first_issued_on": "2020-06-10", "issued_on": "2025-03-01", "valid_until": "2026-06-10"}
    anchor = cycle_anchor(reissued)
    assert anchor == date(2020, 6, 10)
    summary = cycle_summary([], anchor, TODAY, CeRule())
    assert (summary.cycle_start, summary.cycle_end) == (date(2024, 6, 10), date(2026, 6, 9))


def test_a_renewal_needs_every_cycle_of_the_ending_validity_complete_and_says_what_is_missing() -> None:
    held = Certificate("X", FREIGHT, date(2019, 11, 1), date(2019, 11, 1), date(2025, 11, 1), "expired")
    sessions = [session(hours=10, start_date="2024-05-05", end_date="2024-05-05")]
    problem = renewal_ce_problem(sessions, held.first_issued_on, held.validity_start, held.valid_until, CeRule())
    assert problem is not None and problem.code == "ce_incomplete"
    said = problem.message_zh
    assert "2019-11-01 至 2021-10-31 已计 0 学时，还差 24 学时" in said
    assert "2023-11-01 至 2025-10-31 已计 10 学时，还差 14 学时" in said
    full = [session(hours=24, start_date=f"{y}-05-05", end_date=f"{y}-05-05") for y in (2020, 2022, 2024)]
    assert renewal_ce_problem(full, held.first_issued_on, held.validity_start, held.valid_until, CeRule()) is None


def test_the_clerk_may_type_the_first_issue_date_of_the_paper_certificate() -> None:
    checked = validate_record("ce_hours", ce_hours(qualification_first_issued_on="２０２０－０６－１０"), REGISTRY)
    assert checked.ok and checked.payload["qualification_first_issued_on"] == "2020-06-10"
    late = one(refused("ce_hours", ce_hours(qualification_first_issued_on="2025-07-01")), "date_in_future")
    assert "初次领证日期" in late.message_zh


# -- Text the rules refuse (issue 16) -------------------------------------------------------


@pytest.mark.parametrize("bad", ["张\u2028三", "张\u2029三", "张\ufdd0三", "张\U0001fffe三", "\u3164", "\u2800\u2800", "张\u3164三"])
def test_names_with_line_separators_noncharacters_or_fillers_are_refused(bad: str) -> None:
    problem = one(refused("training_completion", training_completion(name=bad)), "control_characters")
    assert "看不见的控制字符" in problem.message_zh


def test_a_name_of_combining_marks_only_looks_blank_and_is_refused() -> None:
    problem = one(refused("training_completion", training_completion(name="\u0301\u0302")), "blank_text")
    assert "看起来是空白" in problem.message_zh


@pytest.mark.parametrize("bad", ["JL-B2\u2028001", "220102\u2029198503121230"])
def test_numbers_with_line_separators_are_refused_not_silently_joined(bad: str) -> None:
    field = "id_number" if bad.startswith("2201") else "certificate_no"
    problems = refused("training_completion", training_completion(**{field: bad}))
    assert one(problems, "control_characters").field == field


def test_a_registry_entry_updated_in_the_far_future_is_refused() -> None:
    payload = {"code": "JLDT9", "name": "示例", "kind": "driver_training", "status": "active", "updated_at": "9999-12-31T00:00:00+08:00"}
    _, problems = validate_institution(payload, from_platform=True)
    assert "远在将来" in one(problems, "timestamp_in_future").message_zh
