"""The vendor's ``sdtapi`` SAM interface through ctypes: ``sdtapi.dll`` (stdcall) on Windows, ``libsdtapi.so`` (cdecl) on Linux.

The calls (DOMAIN.md, "At the counter"): ``SDT_OpenPort(port)``,
``SDT_StartFindIDCard(port, manage[8], 1)`` (0x9F: a card is there),
``SDT_SelectIDCard(port, manage[8], 1)``, ``SDT_ReadBaseMsg(port, text, &text_len,
photo, &photo_len, 1)`` and ``SDT_ClosePort(port)``; every other call answers
0x90 on success. What the other answers mean for the clerk:

- no library, or no port answering among USB 1001–1016 and serial 1–16: no reader;
- 0x80 when finding: no card on the reader (not a problem);
- a port error (0x01–0x05) while reading: the reader was unplugged;
- 0x81 (select failed) or 0x41 (read failed): the card left before it was read;
- the SAM's own failures (0x10–0x33, 0x47, 0x60, 0x66): a SAM fault, with its code;
- anything else, or a message of the wrong length: unreadable.

The photo (1024 bytes of WLT) becomes a picture only through the vendor's
decoder library, whose ``GetBmp(wlt_path, 2)`` writes a bitmap beside the file
it is given: both live in a private temporary folder (``tempfile``, mode 0700)
for the moment it takes, are read into memory and deleted at once.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from clerk_app.devices.reader import AUTO_PORT, PROBED_PORTS, SDTAPI, ReaderUnavailable
from clerk_app.domain.id_card import BASE_MESSAGE_BYTES, PHOTO_BYTES, CardRead, parse_base_message
from clerk_app.domain.problems import problem

log = logging.getLogger("clerk_app.devices")

OK, FOUND, NO_CARD, SELECT_FAILED, READ_FAILED = 0x90, 0x9F, 0x80, 0x81, 0x41
PORT_ERRORS = frozenset({0x01, 0x02, 0x03, 0x04, 0x05})
SAM_ERRORS = frozenset({0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x47, 0x60, 0x66})
DEFAULT_LIBRARY = "sdtapi.dll" if sys.platform == "win32" else "libsdtapi.so"


def load_library(path: str) -> Any:
    """The vendor's library with the platform's calling convention (stdcall on Windows, cdecl elsewhere)."""
    name = path or DEFAULT_LIBRARY
    try:
        if sys.platform == "win32":
            library = ctypes.WinDLL(name)  # type: ignore[attr-defined,unused-ignore]
        else:
            library = ctypes.CDLL(name)
    except OSError as error:
        raise ReaderUnavailable(problem("card_no_library", None, path=name, detail=str(error) or type(error).__name__)) from None
    byte_buffer = ctypes.POINTER(ctypes.c_ubyte)
    uint_pointer = ctypes.POINTER(ctypes.c_uint)
    signatures: dict[str, list[Any]] = {
        "SDT_OpenPort": [ctypes.c_int],
        "SDT_ClosePort": [ctypes.c_int],
        "SDT_StartFindIDCard": [ctypes.c_int, byte_buffer, ctypes.c_int],
        "SDT_SelectIDCard": [ctypes.c_int, byte_buffer, ctypes.c_int],
        "SDT_ReadBaseMsg": [ctypes.c_int, byte_buffer, uint_pointer, byte_buffer, uint_pointer, ctypes.c_int],
    }
    for function, arguments in signatures.items():
        try:
            call = getattr(library, function)
        except AttributeError:
            missing = f"缺少 {function}"
            raise ReaderUnavailable(problem("card_no_library", None, path=name, detail=(missing, f"no {function}"))) from None
        call.argtypes = arguments
        call.restype = ctypes.c_int
    return library


class SdtApiReader:
    kind = SDTAPI

    def __init__(self, library: str, port: int, today: Callable[[], date], *, decoder: str = "") -> None:
        self._path = library
        self._wanted = port
        self._today = today
        self._decoder_path = decoder
        self._lib: Any = None
        self._decoder: Any = None
        self.port: int | None = None

    def open(self) -> None:
        self._lib = load_library(self._path)
        for port in (PROBED_PORTS if self._wanted == AUTO_PORT else (self._wanted,)):
            if self._lib.SDT_OpenPort(port) == OK:
                self.port = port
                break
        else:
            tried = "USB 1001–1016、串口 1–16" if self._wanted == AUTO_PORT else f"端口 {self._wanted}"
            tried_en = "USB 1001-1016, serial 1-16" if self._wanted == AUTO_PORT else f"port {self._wanted}"
            raise ReaderUnavailable(problem("card_no_reader", None, detail=(f"已试过 {tried}", f"tried {tried_en}")))
        if self._decoder_path:
            try:
                self._decoder = ctypes.CDLL(self._decoder_path) if sys.platform != "win32" else ctypes.WinDLL(self._decoder_path)  # type: ignore[attr-defined,unused-ignore]
            except OSError:
                log.warning("photo decoder could not be loaded; cards are read without the photo")
                self._decoder = None

    def read(self) -> CardRead | None:
        if self._lib is None or self.port is None:
            raise ReaderUnavailable(problem("card_no_reader", None, detail=("阅读器未打开", "not open")))
        manage = (ctypes.c_ubyte * 8)()
        found = self._lib.SDT_StartFindIDCard(self.port, manage, 1)
        if found == NO_CARD:
            return None
        if found != FOUND:
            return self._failed(found)
        selected = self._lib.SDT_SelectIDCard(self.port, manage, 1)
        if selected != OK:
            return self._failed(selected)
        text = (ctypes.c_ubyte * (BASE_MESSAGE_BYTES * 2))()
        photo = (ctypes.c_ubyte * (PHOTO_BYTES * 2))()
        text_len, photo_len = ctypes.c_uint(0), ctypes.c_uint(0)
        answer = self._lib.SDT_ReadBaseMsg(self.port, text, ctypes.byref(text_len), photo, ctypes.byref(photo_len), 1)
        if answer != OK:
            return self._failed(answer)
        if text_len.value != BASE_MESSAGE_BYTES or photo_len.value > len(photo):
            lengths = f"{text_len.value} 字节", f"{text_len.value} bytes"
            return CardRead(refusal=problem("card_unreadable", None, detail=lengths))
        picture = self._picture(bytes(photo)[: photo_len.value]) if photo_len.value else None
        return parse_base_message(bytes(text)[: text_len.value], self._today(), picture)

    def close(self) -> None:
        if self._lib is not None and self.port is not None:
            self._lib.SDT_ClosePort(self.port)
        self.port = None

    def _failed(self, code: int) -> CardRead:
        shown = f"0x{code:02X}"
        if code in PORT_ERRORS:
            self.port = None
            raise ReaderUnavailable(problem("card_no_reader", None, detail=(f"阅读器无应答（{shown}）", f"no answer, {shown}")))
        if code in (SELECT_FAILED, READ_FAILED):
            return CardRead(refusal=problem("card_removed", None, code=shown))
        if code in SAM_ERRORS:
            return CardRead(refusal=problem("card_sam_fault", None, code=shown))
        return CardRead(refusal=problem("card_unreadable", None, detail=(f"代码 {shown}", f"code {shown}")))

    def _picture(self, wlt: bytes) -> bytes | None:
        """The decoded photo (a bitmap) in memory; the files the decoder needs exist only for the call."""
        if self._decoder is None:
            return None
        with tempfile.TemporaryDirectory(prefix="clerk-app-card-") as folder:  # mode 0700: this user only
            source = Path(folder) / "photo.wlt"
            source.write_bytes(wlt)
            try:
                result = self._decoder.GetBmp(str(source).encode(), 2)
                bitmap = source.with_suffix(".bmp")
                return bitmap.read_bytes() if result == 1 and bitmap.is_file() else None
            except (OSError, AttributeError):
                log.warning("the photo could not be decoded")
                return None
