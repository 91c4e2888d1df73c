"""Rulings that involve the window's own state: the age ceiling is a setting, and a refusal names it."""

from __future__ import annotations

from clerk_app.services.records import RecordService
from clerk_app.services.settings import SettingRefused, SettingsService
from local_db.database import Database
from tests import factories


def test_the_first_issue_age_ceiling_is_the_qualification_max_age_setting(db: Database, records: RecordService) -> None:
    person = factories.id_number(birth="19600115", seq=333)
    application = factories.qualification_application(id_number=person, licence_no=person)
    refused = records.add("qualification_application", application, operator="tester")
    assert [e.code for e in refused.errors] == ["age_out_of_range"]
    assert "超过初次申领从业资格证的年龄上限 60 周岁" in refused.errors[0].message_zh

    settings = SettingsService(db)
    assert settings.get("qualification.max_age") == 60
    settings.set("qualification.max_age", "70", operator="tester")
    assert records.add("qualification_application", application, operator="tester").ok
    for bad in ("17", "101", "六十"):
        try:
            settings.set("qualification.max_age", bad, operator="tester")
        except SettingRefused as refusal:
            assert "年龄上限" in refusal.problem.message_zh or "周岁" in refusal.problem.message_zh
        else:
            raise AssertionError(f"{bad} was accepted")
