"""The personal-data census (issue 20): a working day in a fresh data folder, then every file the program wrote is
searched for the day's ID numbers, names and phone numbers. None may be found in plain text, except in files a user
exported on purpose (the refused-rows workbook, PDFs printed to a file), which are written outside the searched
folders here and listed as such.

The day: the window set up, entries, a correction, an import, prints, an upload to the reference platform on
loopback, a backup, a restore, and a training session (the training database). TMPDIR points at a folder of the
test, so the program's temporary files are searched too. The reference platform stands for the province's server
and keeps its own database elsewhere."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from clerk_app.services.records import RecordService
from clerk_app.services.settings import SettingsService
from local_db.database import Database
from sync.reference_platform import ReferencePlatform
from tests import factories
from tests.conftest import Cli
from tests.db_files import raw_connection
from tests.importing.lists import ASSESSED, END, HEADINGS, SCHOOL, START, write_xlsx
from tests.sync.conftest import ACCOUNT, HALL, SECRET, MemoryKeyring

PEOPLE = [  # (ID number, name, phone): long distinct names, so a chance match in random bytes is out of question
    (factories.id_number(seq=401, birth="19790421"), "欧阳明月星辰", "13904311234"),
    (factories.id_number(seq=402, birth="19880910"), "司马长风浩然", "13604325678"),
    (factories.id_number(seq=403, birth="19920115"), "阿依古丽·买买提江", "15804319876"),
    (factories.id_number(seq=404, birth="19850601"), "上官云飞扬帆", "18643121212"),
]


def _needles() -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for id_number, name, phone in PEOPLE:
        found[f"id {id_number}"] = id_number.encode()
        found[f"name {name}"] = name.encode("utf-8")
        found[f"name16 {name}"] = name.encode("utf-16-le")
        found[f"phone {phone}"] = phone.encode()
        found[f"id16 {id_number}"] = id_number.encode("utf-16-le")
    return found


def _files(*folders: Path) -> list[Path]:
    return sorted(p for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own temporary folder for the program's temporary files."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)  # gettempdir() reads TMPDIR again
    return temp


def test_a_working_day_leaves_no_personal_data_in_plain_text(
    day: Path, cli_with_institutions: Cli, platform: ReferencePlatform, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    cli = cli_with_institutions
    data = cli.data_dir
    exported = tmp_path / "exported-on-purpose"
    exported.mkdir()
    # entries
    ids = []
    for id_number, name, phone in PEOPLE[:2]:
        saved = cli.add("training_completion", factories.training_completion(
            id_number=id_number, name=name, phone=phone, certificate_no=f"JL-B2-2026-{id_number[-4:]}"))
        assert saved.code == 0, saved.out
        ids.append(saved.json["record_id"])
    case = cli.add("transition_case", factories.transition_case(id_number=PEOPLE[2][0], name=PEOPLE[2][1]))
    assert case.code == 0, case.out
    # a correction
    corrected = factories.training_completion(
        id_number=PEOPLE[0][0], name=PEOPLE[0][1], phone=PEOPLE[0][2], certificate_no=f"JL-B2-2026-{PEOPLE[0][0][-4:]}",
        vehicle_class="A2")
    fixed = cli("correct", ids[0], "--json", "-", "--reason", "准驾车型录错", stdin=json.dumps(corrected, ensure_ascii=False))
    assert fixed.code == 0, fixed.out
    # an import, one row refused (its workbook exported on purpose)
    listing = write_xlsx(tmp_path / "school-list.xlsx", [
        HEADINGS,
        [1, PEOPLE[3][1], PEOPLE[3][0], "B2", "full", SCHOOL, "C-404", START, END, ASSESSED, PEOPLE[3][2]],
        [2, PEOPLE[1][1], "not-an-id-number", "B2", "full", SCHOOL, "C-405", START, END, ASSESSED, None],
    ])
    imported = cli("import", str(listing), "--json", "--export-refused", str(exported / "refused.xlsx"))
    assert imported.code in (0, 1) and imported.json["summary"]["imported"] == 1, imported.out
    # prints (to files: exported on purpose)
    receipt = cli("print", "receipt", case.json["receipt_no"], "--out", str(exported / "receipt.pdf"))
    assert receipt.code == 0, receipt.out
    report = cli("print", "day-report", "--out", str(exported / "day.pdf"))
    assert report.code == 0, report.out
    # an upload to the platform on loopback
    assert cli("config", "set", "platform.url", platform.url).code == 0
    assert cli("config", "set", "hall.code", HALL).code == 0
    assert cli("login", "--account", ACCOUNT, stdin=SECRET + "\n").code == 0
    uploaded = cli("upload", "--json")
    assert uploaded.code in (0, 1) and uploaded.json["accepted"] >= 1, uploaded.out
    # a backup, and a restore of it
    made = cli("backup", "--json")
    assert made.code == 0, made.out
    restored = cli("restore", made.json["backup"], "--json")
    assert restored.code == 0, restored.out
    assert cli("check", "--json").code in (0, 1)
    # a training session: the training database, its own key
    training = Database(data / "training").open(write=True, operator="training")
    try:
        SettingsService(training).mark_training()
        SettingsService(training).set("hall.code", "PX0000", operator="training")
        from clerk_app.services.institutions import InstitutionService

        InstitutionService(training).add(factories.DRIVING_SCHOOL, operator="training")
        practice = RecordService(training).add("transition_case", factories.transition_case(
            id_number=PEOPLE[3][0], name=PEOPLE[3][1]), operator="training")
        assert practice.ok, practice.errors
        training.backup_now()
    finally:
        training.close()

    assert sorted(p.name for p in exported.iterdir()) == ["day.pdf", "receipt.pdf", "refused.xlsx"]
    searched = _files(data, day)
    assert any(p.name == "clerk.sqlite3" for p in searched) and any("backups" in p.parts for p in searched)
    assert any(p.parent.name == "logs" for p in searched) and any("training" in p.parts for p in searched)
    leaks = {
        str(path.relative_to(tmp_path)): sorted(label for label, needle in _needles().items() if needle in path.read_bytes())
        for path in searched
    }
    assert {path: found for path, found in leaks.items() if found} == {}

    # The search finds what is there: the same database exported in the clear holds every person of the day.
    control = tmp_path / "control-plaintext.sqlite3"
    connection = raw_connection(data / "clerk.sqlite3")
    connection.execute("ATTACH DATABASE ? AS plain KEY ''", (str(control),))
    connection.execute("SELECT sqlcipher_export('plain')")
    connection.execute("DETACH DATABASE plain")
    connection.close()
    plain = control.read_bytes()
    assert all(needle in plain for label, needle in _needles().items() if label.startswith(("id ", "name ")))
