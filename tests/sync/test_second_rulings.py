"""Issue 19's eight findings, each through the route it took: window -> upload -> platform, two windows -> one
platform, print -> PDF read back. Days are pinned through the program's clock (clerk_app.clock), which the window
and the in-process reference platform both read; the platform holds domain-cases-2.json's seed (contract 1.2)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from clerk_app import clock
from clerk_app.printing import qualifications
from clerk_app.printing.service import PrintService
from clerk_app.printing.wording import date_text
from clerk_app.services.ce_standing import CeStandingService
from clerk_app.services.platform import PlatformService
from clerk_app.services.records import RecordService
from clerk_app.services.settings import SettingsService
from local_db import platform_cache
from local_db.database import Database
from sync.credentials import SERVICE
from sync.reference_platform import Account, ReferencePlatform
from sync.reference_platform.seed import parse_seed
from tests.conftest import set_up_window
from tests.keyring_session import MemoryKeyring
from tests.printing import readback
from tests.sync.conftest import ACCOUNT, HALL, SECRET, engine

CASES = json.loads((Path(__file__).resolve().parents[2].parent / "shared" / "domain-cases-2.json").read_text(encoding="utf-8"))
SEED = CASES["platform"]["seed"]
RENEWING = "220102197903151178"  # 换三: valid 2019-12-20 .. 2025-12-20, every CE cycle complete
CE_DRIVER = "220102198806061730"  # 暂停前: valid 2022-01-10 .. 2028-01-10
SERIAL_HOLDER = "220102198506011133"  # 周序: certificate JLHY2021000123


def pin(monkeypatch: pytest.MonkeyPatch, day: str) -> None:
    """The program's clock (window and platform alike) at 10:00 CST on ``day``."""
    moment = datetime.fromisoformat(f"{day}T10:00:00+08:00")
    monkeypatch.setattr(clock, "now", lambda: moment)


@pytest.fixture
def province(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ReferencePlatform]:
    pin(monkeypatch, "2026-12-18")
    server = ReferencePlatform(tmp_path / "platform.sqlite3", [Account(ACCOUNT, SECRET, HALL)], seed=parse_seed(SEED))
    server.start(port=0)
    yield server
    server.close()


def open_window(tmp_path: Path, window_code: str, platform: ReferencePlatform, keys: MemoryKeyring) -> Database:
    """A window of the hall (its own data folder and window number), pointed at the platform, its registry refreshed."""
    database = Database(tmp_path / f"window-{window_code}").open(write=True, operator="tester")
    set_up_window(database)
    settings = SettingsService(database)
    settings.set("window.code", window_code, operator="tester")
    settings.set("platform.url", platform.url, operator="tester")
    settings.set("platform.account", ACCOUNT, operator="tester")
    keys.set_password(SERVICE, ACCOUNT, SECRET)
    PlatformService(database, operator="tester").refresh_registry()
    return database


@pytest.fixture
def window(tmp_path: Path, province: ReferencePlatform, memory_keyring: MemoryKeyring) -> Iterator[Database]:
    database = open_window(tmp_path, "01", province, memory_keyring)
    yield database
    database.close()


def application(person: str, name: str, **payload: Any) -> dict[str, Any]:
    return {"id_number": person, "name": name, "licence_no": person, "licence_class": "A2"} | payload


def ce_entry(person: str, name: str, certificate_no: str, institution: str, course: str, hours: float, day: str) -> dict[str, Any]:
    session = {"course": course, "hours": hours, "mode": "offline", "start_date": day, "end_date": day}
    return {
        "id_number": person, "name": name, "qualification_cert_no": certificate_no, "category": "freight",
        "institution_code": institution, "sessions": [session],
    }


def saved(window: Database, kind: str, payload: dict[str, Any]) -> str:
    outcome = RecordService(window).add(kind, payload, operator="tester", confirm_duplicate=True)
    assert outcome.ok, [p.message_zh for p in outcome.errors]
    assert outcome.record_id is not None
    return outcome.record_id


def uploaded(window: Database) -> Any:
    summary = engine(window).run()
    assert not summary.flagged, summary.flagged
    return summary


# -- 1. 有效期限 after a renewal and a reissue, and from an older platform ---------------------------------------


def test_1_the_certificate_prints_its_validity_as_the_platform_sent_it(window: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    saved(window, "qualification_application", application(RENEWING, "换三", kind_of_request="renewal", previous_certificate_no=RENEWING))
    saved(window, "qualification_application", application(SERIAL_HOLDER, "周序", kind_of_request="reissue",
                                                            previous_certificate_no="JLHY2021000123"))
    assert uploaded(window).accepted == 2
    printed = readback.text(PrintService(window).certificates([RENEWING, "JLHY2021000123"], operator="tester").pdf)
    printed = printed.replace("\n", "").replace(" ", "")
    assert f"{date_text('2025-12-20')}至{date_text('2031-12-20')}" in printed  # the renewal: from the old valid_until
    assert f"{date_text('2021-03-01')}至{date_text('2027-03-01')}" in printed  # the reissue: validity unchanged
    assert f"{date_text('2026-12-18')}至" not in printed  # never from the paper's issue date

    # A 1.1 platform sends no valid_from: the paper says what it knows, and the clerk is told why.
    cached = qualifications.by_certificate_no(window, RENEWING)
    assert cached is not None
    older = {k: v for k, v in cached.items() if k not in ("valid_from", "paper_no")}
    paper = readback.text(PrintService(window).certificates_from([older], operator="tester").pdf).replace("\n", "").replace(" ", "")
    assert f"至{date_text('2031-12-20')}" in paper and f"{date_text('2026-12-18')}至" not in paper
    note = qualifications.validity_note(older)
    assert note is not None and "起始日期" in note.message_zh


# -- 2. judged on the application day, not the day the batch arrives -----------------------------------------------


def test_2_a_renewal_and_a_first_issue_are_judged_on_the_day_the_driver_applied(
    window: Database, province: ReferencePlatform, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = "22010219651220133X"  # 60 on 2026-12-18, 61 from 2026-12-20
    saved(window, "training_completion", {
        "id_number": old, "name": "老六", "institution_code": "JLDT0001", "training_scope": "full", "vehicle_class": "B2",
        "certificate_no": "JL-B2-OLD60", "training_start": "2026-09-01", "training_end": "2026-10-20", "assessment_date": "2026-10-25",
    })
    saved(window, "qualification_application", application(old, "老六", licence_class="B2", completion_certificate_no="JL-B2-OLD60"))
    # the last day but two of the renewal window (it closes 2026-12-20)
    saved(window, "qualification_application", application(RENEWING, "换三", kind_of_request="renewal", previous_certificate_no=RENEWING))
    pin(monkeypatch, "2026-12-28")  # the window was offline for ten days
    summary = uploaded(window)
    assert (summary.accepted, summary.rejected) == (3, 0)
    with window.read() as session:
        renewed = platform_cache.qualification_by_certificate_no(session, RENEWING)
        issued = platform_cache.qualification_by_certificate_no(session, old)
    assert renewed is not None and issued is not None
    assert renewed["issued_on"] == issued["issued_on"] == "2026-12-28"  # dated the platform's day of acceptance
    assert (renewed["valid_from"], renewed["valid_until"], renewed["paper_no"]) == ("2025-12-20", "2031-12-20", 2)


def test_2_a_record_entered_more_than_60_days_before_the_platform_s_day_is_refused(
    window: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved(window, "qualification_application", application(RENEWING, "换三", kind_of_request="renewal", previous_certificate_no=RENEWING))
    pin(monkeypatch, "2027-02-17")  # 61 days later
    summary = engine(window).run()
    assert summary.rejected == 1
    [version] = RecordService(window).list()[0:1]
    detail = RecordService(window).get(version.record_id)
    assert detail is not None and detail.versions[-1].platform_errors[0]["code"] == "entered_at_out_of_range"


# -- 3. the same CE paper at two windows is counted once -------------------------------------------------------


def test_3_the_same_session_at_a_second_window_is_refused_and_counted_once(
    tmp_path: Path, window: Database, province: ReferencePlatform, memory_keyring: MemoryKeyring
) -> None:
    paper = ce_entry("220102198408081517", "重五", "220102198408081517", "JLCE0001", "安全驾驶", 12, "2026-06-01")
    saved(window, "ce_hours", paper)
    assert uploaded(window).accepted == 1
    second = open_window(tmp_path, "02", province, memory_keyring)
    try:
        PlatformService(second, operator="tester").look_up_person("220102198408081517")  # the CE form asks first
        refused = RecordService(second).add("ce_hours", paper, operator="tester", confirm_duplicate=True)
        assert [p.code for p in refused.errors] == ["duplicate_ce_session"] and refused.record_id is None
        assert "安全驾驶" in refused.errors[0].message_zh
        # Sent anyway (a window that never looked the driver up): the platform refuses it, naming window 01.
        client = PlatformService(second).client()
        try:
            record = {"record_id": "5f0c1a2e-0000-4000-8000-000000000003", "version": 1, "kind": "ce_hours", "op": "upsert",
                      "entered_at": clock.now_text(), "applied_on": "2026-12-18", "entered_by": "tester", "payload": paper}
            batch_id = "5f0c1a2e-0000-4000-8000-0000000000b3"
            body = {"batch_id": batch_id, "device_id": f"{HALL}-02", "operator_id": "tester",
                    "created_at": clock.now_text(), "records": [record]}
            [result] = client.post_batch(batch_id, json.dumps(body, ensure_ascii=False))["results"]
        finally:
            client.close()
        assert result["status"] == "rejected" and result["errors"][0]["code"] == "duplicate_ce_session"
        assert f"{HALL}-01" in result["errors"][0]["message"] and "2026-12-18" in result["errors"][0]["message"]
        standing = CeStandingService(second).standing("220102198408081517", category="freight")
        assert sum(s.hours for s in standing.sessions) == 12
    finally:
        second.close()


def test_3_a_session_only_pending_at_this_window_is_a_near_duplicate_to_confirm(window: Database) -> None:
    first = ce_entry(CE_DRIVER, "暂停前", CE_DRIVER, "JLCE0001", "应急处置", 6, "2026-05-01")
    saved(window, "ce_hours", first)
    again = dict(first, sessions=first["sessions"] + [{"course": "法规", "hours": 2, "mode": "offline",
                                                      "start_date": "2026-05-03", "end_date": "2026-05-03"}])
    asked = RecordService(window).add("ce_hours", again, operator="tester")
    assert [p.code for p in asked.errors] == ["possible_duplicate"] and asked.record_id is None
    saved(window, "ce_hours", again)  # confirmed
    standing = CeStandingService(window).standing(CE_DRIVER, category="freight")
    assert sum(s.hours for s in standing.sessions) == 8  # the session held twice counts once


# -- 4. hours entered before a suspension stand ----------------------------------------------------------------


def test_4_hours_entered_before_the_institution_was_suspended_are_uploaded_and_accepted(
    window: Database, province: ReferencePlatform, monkeypatch: pytest.MonkeyPatch
) -> None:
    pin(monkeypatch, "2026-11-20")
    active = dict(next(i for i in SEED["institutions"] if i["code"] == "JLCE0003"), status="active")
    active.pop("status_since")
    province.set_institution(active)
    PlatformService(window, operator="tester").refresh_registry()
    saved(window, "ce_hours", ce_entry(CE_DRIVER, "暂停前", CE_DRIVER, "JLCE0003", "应急处置", 6, "2026-05-01"))
    pin(monkeypatch, "2026-12-05")
    province.set_institution(active | {"status": "suspended", "status_since": "2026-12-01"})
    summary = engine(window).run()
    assert (summary.accepted, summary.rejected, summary.flagged) == (1, 0, [])
    refused = RecordService(window).add("ce_hours", ce_entry(CE_DRIVER, "暂停前", CE_DRIVER, "JLCE0003", "应急处置", 6, "2026-05-02"),
                                        operator="tester")
    assert [p.code for p in refused.errors] == ["institution_inactive"]


# -- 5. a certificate named by the holder's ID number ---------------------------------------------------------


def test_5_a_certificate_is_found_by_its_serial_or_the_holders_id_number(window: Database) -> None:
    saved(window, "qualification_application", application(SERIAL_HOLDER, "周序", kind_of_request="reissue",
                                                            previous_certificate_no=SERIAL_HOLDER))
    wrong_day = ce_entry(SERIAL_HOLDER, "周序", SERIAL_HOLDER, "JLCE0001", "安全驾驶", 2, "2025-05-14")
    saved(window, "ce_hours", wrong_day | {"qualification_first_issued_on": "2021-03-02"})
    saved(window, "ce_hours", ce_entry(SERIAL_HOLDER, "周序", "JLHY2021000123", "JLCE0001", "职业道德", 2, "2025-05-15")
          | {"qualification_first_issued_on": "2021-03-02"})
    summary = engine(window).run()
    assert (summary.accepted, summary.rejected) == (1, 2)
    details = [RecordService(window).get(r.record_id) for r in RecordService(window).list(kind="ce_hours")]
    codes = [d.versions[-1].platform_errors[0]["code"] for d in details if d is not None]
    assert codes == ["certificate_mismatch", "certificate_mismatch"]  # caught for both namings
    [listed] = PlatformService(window).look_up_certificate("JLHY2021000123")  # as a scanned QR code names it
    assert (listed["id_number"], listed["paper_no"]) == (SERIAL_HOLDER, 2)
    cached = qualifications.by_certificate_no(window, "JLHY2021000123")
    assert cached is not None and cached["paper_no"] == 2  # kept for offline use: the lost paper is not


# -- 6. print ce-statement asks the platform first --------------------------------------------------------------


def test_6_the_ce_statement_command_asks_the_platform_first(
    tmp_path: Path, window: Database, province: ReferencePlatform, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clerk_app.cli.main import main

    driver = "220102198408081517"
    saved(window, "ce_hours", ce_entry(driver, "重五", driver, "JLCE0001", "安全驾驶", 12, "2026-06-01"))
    assert uploaded(window).accepted == 1  # accepted from window 01; window 02 has never looked the driver up
    open_window(tmp_path, "02", province, memory_keyring).close()
    monkeypatch.setenv("CLERK_APP_OPERATOR", "tester")
    folder = str(tmp_path / "window-02")
    offline = tmp_path / "offline.pdf"
    assert main(["--data-dir", folder, "print", "ce-statement", driver, "--offline", "--out", str(offline)]) != 0
    assert not offline.exists()  # with --offline only the cache is used: it knows nothing of this driver
    online = tmp_path / "statement.pdf"
    assert main(["--data-dir", folder, "print", "ce-statement", driver, "--out", str(online)]) == 0
    words = readback.text(online.read_bytes())
    assert "安全驾驶" in words and "12" in words  # the platform was asked first, as the window's button does


# -- 7. 29 February --------------------------------------------------------------------------------------------


def test_7_someone_born_on_29_february_is_18_on_28_february_of_a_common_year(window: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    pin(monkeypatch, "2026-04-26")
    saved(window, "training_completion", {
        "id_number": "220102200802291336", "name": "闰小", "institution_code": "JLDT0001", "training_scope": "full",
        "vehicle_class": "B2", "certificate_no": "JL-B2-LEAP1", "training_start": "2026-02-28", "training_end": "2026-04-20",
        "assessment_date": "2026-04-25",
    })
    assert uploaded(window).accepted == 1


# -- 8. dots, institutions list, the registry refresh, one listing per certificate ---------------------------------


def test_8_a_long_platform_entry_is_stored_and_a_lost_paper_is_not_listed(
    window: Database, province: ReferencePlatform, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pin(monkeypatch, "2026-12-19")
    long_entry = dict(next(i for i in SEED["institutions"] if i["code"] == "JLCE0002"), status="revoked", status_since="2026-12-19",
                      address="长春市南关区示例路9号" + "附" * 300)
    province.set_institution(long_entry)
    city = next(i for i in SEED["institutions"] if i["code"] == "JLCE0001")
    province.set_institution(city | {"filing": city["filing"] | {"mode": "online"}})  # a city filing an online school
    PlatformService(window, operator="tester").refresh_registry()
    with window.read() as session:
        from local_db import institution_store

        stored = institution_store.payload_of(session, "JLCE0002")
    assert stored is not None and stored["status"] == "revoked" and len(stored["address"]) > 300
    saved(window, "training_completion", {
        "id_number": "220102198808113215", "name": "艾尔肯∙吐尔逊", "institution_code": "JLDT0001", "training_scope": "full",
        "vehicle_class": "A2", "certificate_no": "JL-A2-DOT1", "training_start": "2025-09-01", "training_end": "2025-10-20",
        "assessment_date": "2025-10-25",
    })
    [entry] = RecordService(window).list(kind="training_completion")
    assert entry.name == "艾尔肯·吐尔逊"
    saved(window, "qualification_application", application(SERIAL_HOLDER, "周序", kind_of_request="reissue",
                                                            previous_certificate_no="JLHY2021000123"))
    uploaded(window)
    client = PlatformService(window).client()
    try:
        listed = client.qualifications(SERIAL_HOLDER)
    finally:
        client.close()
    assert [(q["certificate_no"], q["paper_no"]) for q in listed] == [("JLHY2021000123", 2)]

    # institutions list tells what the institutions screen tells: filing flags and listing gaps, text and JSON.
    from clerk_app.cli.main import main

    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path / "window-01"), "institutions", "list", "--json"]) == 0
    items = {i["code"]: i for i in json.loads(capsys.readouterr().out)["items"]}
    assert items["JLCE0002"]["listing_gaps"] == ["training_scale", "enrollment_method"]
    assert items["JLDT0001"]["listing_gaps"] == [] and items["JLDT0001"]["filing_flag"] is None
    assert items["JLCE0001"]["filing_flag"]["code"] == "filing_level_mismatch"
    assert main(["--data-dir", str(tmp_path / "window-01"), "institutions", "list"]) == 0
    text = capsys.readouterr().out
    assert "JLCE0002" in text and "【名录缺项】培训规模、报名方式" in text and "revoked（2026-12-19 起）" in text
    assert "【备案存疑】网络继续教育机构应由省级或部级备案" in text
