"""A simulated ID-card reader: cards as JSON files in a folder, or training mode's practice deck.

A card file holds the card's fields as the reader's base message carries them
(``card_type``: resident, foreign_permanent or residence_permit; ``name``,
``sex`` 1/2, ``nation``, ``birth`` and ``valid_from``/``valid_to`` as YYYYMMDD or
长期, ``address``, ``id_number``, ``office``), or ``base_message_hex``: the raw
256 bytes a reader returned. A card is placed on the simulated reader
(``place``) and taken away (``take_away``); ``read`` passes it through the same
base-message parsing as a real read, so the simulator teaches and tests the
real motions and the real refusals.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path

from clerk_app.devices.reader import SIMULATOR, ReaderUnavailable
from clerk_app.domain.id_card import CardRead, encode_base_message, parse_base_message, unreadable
from clerk_app.domain.problems import problem

MAX_CARD_FILE_BYTES = 64 * 1024


class SimulatedReader:
    kind = SIMULATOR

    def __init__(self, deck: list[dict[str, str]], today: Callable[[], date], *, folder: Path | None = None) -> None:
        self.deck = deck
        self._today = today
        self._folder = folder
        self._lock = threading.Lock()
        self._placed: Mapping[str, str] | None = None

    @classmethod
    def from_folder(cls, folder: Path, today: Callable[[], date]) -> SimulatedReader:
        return cls([], today, folder=folder)

    def open(self) -> None:
        if self._folder is None:
            return
        if not self._folder.is_dir():
            shown = str(self._folder)
            raise ReaderUnavailable(problem("card_no_reader", None, detail=(f"模拟卡文件夹 {shown} 不存在", f"no folder {shown}")))
        deck = []
        for path in sorted(self._folder.glob("*.json")):
            if path.stat().st_size > MAX_CARD_FILE_BYTES:
                continue
            try:
                card = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, ValueError):
                card = {"base_message_hex": "", "label": path.stem}
            if isinstance(card, dict):
                deck.append({str(k): str(v) for k, v in card.items()} | {"label": str(card.get("label") or path.stem)})
        self.deck = deck

    def place(self, card: Mapping[str, str]) -> None:
        """Lay a card on the reader (its next ``read`` answers it)."""
        with self._lock:
            self._placed = dict(card)

    def take_away(self) -> None:
        with self._lock:
            self._placed = None

    def read(self) -> CardRead | None:
        with self._lock:
            card = self._placed
        if card is None:
            return None
        if "base_message_hex" in card:
            try:
                data = bytes.fromhex(card["base_message_hex"])
            except ValueError:
                return unreadable("模拟卡的内容不是十六进制", "the simulated card is not hex")
            return parse_base_message(data, self._today())
        fields = {key: value for key, value in card.items() if key not in ("card_type", "label")}
        card_type = card.get("card_type", "resident")
        try:
            data = encode_base_message(card_type, fields)
        except ValueError:
            return unreadable("不认识的证件类型", "unknown card type")
        return parse_base_message(data, self._today())

    def close(self) -> None:
        self.take_away()
