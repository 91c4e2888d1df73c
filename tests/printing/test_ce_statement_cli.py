"""``clerk-app print ce-statement``: the command line prints the CE standing the window shows (CeStandingService)."""

from __future__ import annotations

from pathlib import Path

from tests import factories
from tests.conftest import Cli
from tests.printing import readback


def test_the_statement_counts_the_category_asked_for(cli_with_institutions: Cli, tmp_path: Path) -> None:
    cli = cli_with_institutions
    driver = factories.id_number(seq=456)
    assert cli.add("ce_hours", factories.ce_hours()).code == 0  # freight: 4 + 2.5 h
    day = factories.days_ago(5)
    session = {"course": "旅客运输服务", "hours": 3, "mode": "offline", "start_date": day, "end_date": day}
    passenger = factories.ce_hours(category="passenger", sessions=[session])
    assert cli.add("ce_hours", passenger, "--confirm-duplicate").code == 0
    out = tmp_path / "学时证明.pdf"

    newest = cli("print", "ce-statement", driver, "--issued-on", "2025-03-01", "--out", str(out))
    assert newest.code == 0, newest.out
    words = readback.text(out.read_bytes()).replace("\n", "")
    assert "经营性道路旅客运输驾驶员" in words and "本周期已计入3应完成24" in words  # the newest entry's category

    freight = cli("print", "ce-statement", driver, "--issued-on", "2025-03-01", "--category", "freight", "--out", str(out))
    assert freight.code == 0, freight.out
    words = readback.text(out.read_bytes()).replace("\n", "")
    assert "经营性道路货物运输驾驶员" in words and "本周期已计入6.5应完成24" in words and "旅客运输服务" not in words
