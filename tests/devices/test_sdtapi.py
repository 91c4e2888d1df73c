"""The real ctypes path to the vendor's sdtapi library, against a fake libsdtapi.so compiled here with gcc.

Each way a read goes wrong at a counter (no reader, no card, a SAM fault, a card taken away mid-read, garbage,
a number whose check digit fails) ends in a plain Chinese reason and no card: nothing is filled from a bad read.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import pytest

from clerk_app.devices.reader import AUTO_PORT, ReaderUnavailable
from clerk_app.devices.sdtapi import SdtApiReader
from clerk_app.domain.id_card import encode_base_message
from tests.devices import cards

pytestmark = pytest.mark.skipif(sys.platform != "linux" or shutil.which("gcc") is None,
                                reason="the fake sdtapi library is a Linux .so compiled with gcc (Linux only, gcc needed)")

HERE = Path(__file__).parent
TODAY = date(2026, 12, 8)


def compile_library(source: str, folder: Path) -> Path:
    library = folder / f"lib{Path(source).stem}.so"
    subprocess.run(["gcc", "-shared", "-fPIC", "-O1", "-o", library, HERE / source], check=True)
    return library


@pytest.fixture(scope="module")
def libraries(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("sdtapi")
    return compile_library("fake_sdtapi.c", folder), compile_library("fake_wlt.c", folder)


class Desk:
    """The fake reader's script: which port it sits on, what each call answers, the bytes of the card."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.control = folder / "control.txt"
        self.message = folder / "message.bin"
        monkeypatch.setenv("FAKE_SDT_CONTROL", str(self.control))
        monkeypatch.setenv("FAKE_SDT_MESSAGE", str(self.message))

    def script(self, *, port: int = 1001, open_rc: int = 0x90, find: int = 0x9F, select: int = 0x90, read: int = 0x90,
               text_len: int = 256, photo_len: int = 1024) -> None:
        self.control.write_text(f"{port} {open_rc} {find} {select} {read} {text_len} {photo_len}\n")

    def card(self, data: bytes, photo: bytes = b"WLT" * 341 + b"!") -> None:
        self.message.write_bytes(data + photo)


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Desk:
    found = Desk(tmp_path, monkeypatch)
    found.script()
    found.card(encode_base_message("resident", cards.resident()))
    return found


def reader(libraries: tuple[Path, Path], port: int = AUTO_PORT, *, photo: bool = False) -> SdtApiReader:
    sdtapi, wlt = libraries
    return SdtApiReader(str(sdtapi), port, lambda: TODAY, decoder=str(wlt) if photo else "")


def test_a_card_is_read_with_its_photo_decoded_in_memory_only(libraries, desk, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    device = reader(libraries, photo=True)
    device.open()
    assert device.port == 1001
    read = device.read()
    assert read is not None and read.refusal is None and read.card is not None
    assert (read.card.name, read.card.id_number, read.card.card_type) == ("王卡读", cards.id_number(), "resident")
    assert read.card.photo is not None and read.card.photo.startswith(b"BM-fake-photo:WLT")
    assert list(private.iterdir()) == []  # the .wlt and the bitmap were deleted at once
    device.close()


def test_ports_are_probed_usb_first_then_serial(libraries, desk) -> None:  # type: ignore[no-untyped-def]
    desk.script(port=3)
    device = reader(libraries)
    device.open()
    assert device.port == 3
    desk.script(port=1016)
    device = reader(libraries)
    device.open()
    assert device.port == 1016


def test_no_reader_on_any_port(libraries, desk) -> None:  # type: ignore[no-untyped-def]
    desk.script(port=4242)
    with pytest.raises(ReaderUnavailable) as raised:
        reader(libraries).open()
    assert raised.value.problem.code == "card_no_reader"
    assert "USB 1001–1016" in raised.value.problem.message_zh and "USB 线" in raised.value.problem.message_zh


def test_a_set_port_is_the_only_one_tried(libraries, desk) -> None:  # type: ignore[no-untyped-def]
    desk.script(port=1002)
    with pytest.raises(ReaderUnavailable) as raised:
        reader(libraries, port=1001).open()
    assert "端口 1001" in raised.value.problem.message_zh


def test_no_library(tmp_path) -> None:  # type: ignore[no-untyped-def]
    device = SdtApiReader(str(tmp_path / "libsdtapi.so"), AUTO_PORT, lambda: TODAY)
    with pytest.raises(ReaderUnavailable) as raised:
        device.open()
    assert raised.value.problem.code == "card_no_library" and "设置" in raised.value.problem.message_zh


def test_no_card_is_no_problem(libraries, desk) -> None:  # type: ignore[no-untyped-def]
    device = reader(libraries)
    device.open()
    desk.script(find=0x80)
    assert device.read() is None


@pytest.mark.parametrize(
    ("answers", "code", "words"),
    [
        ({"find": 0x60}, "card_sam_fault", "安全模块"),
        ({"read": 0x66}, "card_sam_fault", "0x66"),
        ({"select": 0x81}, "card_removed", "移开"),
        ({"read": 0x41}, "card_removed", "没有读完"),
        ({"text_len": 100}, "card_unreadable", "100 字节"),
    ],
)
def test_a_bad_read_fills_nothing(libraries, desk, answers, code, words) -> None:  # type: ignore[no-untyped-def]
    device = reader(libraries)
    device.open()
    desk.script(**answers)
    read = device.read()
    assert read is not None and read.card is None
    assert read.refusal is not None and read.refusal.code == code and words in read.refusal.message_zh


@pytest.mark.parametrize("seed", range(20))
def test_garbage_bytes_are_refused(libraries, desk, seed) -> None:  # type: ignore[no-untyped-def]
    noise = random.Random(seed).randbytes(256)
    if seed % 2:  # the resident card's type marker, garbage in the fields
        noise = noise[:248] + " ".encode("utf-16-le") + noise[250:]
    device = reader(libraries)
    device.open()
    desk.card(noise)
    read = device.read()
    assert read is not None and read.card is None and read.refusal is not None
    assert "没有填入任何内容" in read.refusal.message_zh


def test_a_check_digit_that_fails(libraries, desk) -> None:  # type: ignore[no-untyped-def]
    good = cards.id_number()
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    desk.card(encode_base_message("resident", cards.resident(id_number=bad)))
    device = reader(libraries)
    device.open()
    read = device.read()
    assert read is not None and read.card is None and read.refusal is not None
    assert read.refusal.code == "card_bad_id_number" and "校验码" in read.refusal.message_zh
    assert bad not in read.refusal.message_zh


def test_a_reader_unplugged_while_in_use(libraries, desk) -> None:  # type: ignore[no-untyped-def]
    device = reader(libraries)
    device.open()
    desk.script(find=0x02)
    with pytest.raises(ReaderUnavailable) as raised:
        device.read()
    assert "无应答" in raised.value.problem.message_zh


def test_the_three_card_types(libraries, desk) -> None:  # type: ignore[no-untyped-def]
    device = reader(libraries)
    device.open()
    permit = cards.resident(id_number=cards.id_number(region="810000"), name="陈港人")
    desk.card(encode_base_message("residence_permit", permit))
    read = device.read()
    assert read is not None and read.card is not None and read.card.card_type == "residence_permit"
    foreigner = {"name_en": "SMITH JOHN", "sex": "1", "id_number": "USA310068030125", "nation": "USA", "name": "史密斯",
                 "valid_from": "20170101", "valid_to": "20270101", "birth": "19680301"}
    desk.card(encode_base_message("foreign_permanent", foreigner))
    read = device.read()
    assert read is not None and read.card is None and read.refusal is not None
    assert "旧版外国人永久居留证" in read.refusal.message_zh and "负责人" in read.refusal.message_zh


def test_an_expired_card_is_read_with_a_warning(libraries, desk) -> None:  # type: ignore[no-untyped-def]
    desk.card(encode_base_message("resident", cards.resident(valid_to="20201231")))
    device = reader(libraries)
    device.open()
    read = device.read()
    assert read is not None and read.card is not None
    assert [w.code for w in read.warnings] == ["card_expired"] and "2020-12-31" in read.warnings[0].message_zh
