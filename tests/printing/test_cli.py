"""clerk-app print ...: the public command line, run in-process like a hall's script."""

from __future__ import annotations

import json
from pathlib import Path

from tests import factories
from tests.conftest import Cli
from tests.printing import readback
from tests.printing.conftest import qualification


def test_print_receipt_to_a_file_and_again_as_a_reprint(cli_with_institutions: Cli, tmp_path: Path) -> None:
    cli = cli_with_institutions
    receipt_no = cli.add("training_completion", factories.training_completion()).json["receipt_no"]
    out = tmp_path / "回执.pdf"

    first = cli("print", "receipt", receipt_no, "--out", str(out))
    assert first.code == 0, first.out
    assert first.json == {"document": "receipt", "title": f"受理回执 {receipt_no}", "pages": 1, "reprint": 0, "out": str(out)}
    assert receipt_no in readback.text(out.read_bytes())
    again = cli("print", "receipt", receipt_no, "--out", str(out))
    assert again.json["reprint"] == 1 and "补打（第1次）" in readback.text(out.read_bytes())


def test_print_certificates_from_json_on_stdin_as_one_job(cli: Cli, tmp_path: Path) -> None:
    certs = [qualification(), qualification(certificate_no="JL2201202611000124", id_number=factories.id_number(seq=125), name="李四")]
    out = tmp_path / "证书.pdf"
    result = cli("print", "certificate", "--json", "-", "--out", str(out), stdin=json.dumps(certs, ensure_ascii=False))
    assert result.code == 0, result.out
    assert result.json["pages"] == 2 and readback.page_count(out.read_bytes()) == 2


def test_refusals_say_what_to_do_and_write_nothing(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    cases = [
        (("print", "receipt", "220102-03-20261124-9999", "--out", str(out)), 2, "not_found"),
        (("print", "day-report", "--date", "2026-13-01", "--out", str(out)), 2, "print_invalid_date"),
        (("print", "day-report"), 2, "print_no_destination"),
        (("print", "filing-form", "JLCE0001", "--out", str(tmp_path / "no" / "x.pdf")), 2, "print_out_unwritable"),
        (("print", "day-report", "--printer", "不存在的打印机"), 3, "print_printer_not_found"),
    ]
    for args, code, error in cases:
        result = cli(*args)
        assert (result.code, result.json["errors"][0]["code"]) == (code, error), args
    assert not out.exists()


def test_offsets_from_a_measured_test_page(cli: Cli) -> None:
    assert cli("print", "offsets", "证书打印机").json == {"printer": "证书打印机", "x_mm": 0.0, "y_mm": 0.0}
    measured = cli("print", "offsets", "证书打印机", "--measured", "21.5", "19")
    assert measured.json == {"printer": "证书打印机", "x_mm": -1.5, "y_mm": 1.0}
    refused = cli("print", "offsets", "证书打印机", "--set", "50", "0")
    assert refused.code == 2 and refused.json["errors"][0]["code"] == "invalid_setting"
