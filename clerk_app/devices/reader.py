"""The ID-card reader as the window sees it: one small interface, two back-ends, no widgets.

``CardReader.open()`` finds the reader (or raises ``ReaderUnavailable`` with a
plain reason), ``read()`` answers ``None`` while no card lies on it, else one
``CardRead`` (a card, or why nothing may be filled from it), and ``close()``
lets the port go. The real back-end is the vendor's ``sdtapi`` library through
ctypes (``clerk_app.devices.sdtapi``); the simulator (``clerk_app.devices.simulator``)
holds cards as JSON files or training mode's practice deck. Which one, and the
library, port and photo decoder, is the supervisor's choice in the settings
(``ReaderConfig.from_settings``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from clerk_app.domain.id_card import CardRead
from clerk_app.domain.problems import Problem

NONE, SDTAPI, SIMULATOR = "none", "sdtapi", "simulator"
BACKENDS = (NONE, SDTAPI, SIMULATOR)
AUTO_PORT = 0
# The settings a reader is made from (a change to any of them makes the window open the reader again).
SETTING_KEYS = ("reader.backend", "reader.library", "reader.port", "reader.photo_decoder", "reader.simulator_folder")
# Where a reader may be, probed in this order: USB ports 1001–1016, then serial ports 1–16.
PROBED_PORTS = (*range(1001, 1017), *range(1, 17))


class ReaderUnavailable(Exception):
    """The reader cannot be used (no library, no reader on any port, unplugged): the plain reason."""

    def __init__(self, reason: Problem) -> None:
        super().__init__(reason.message_en)
        self.problem = reason


class CardReader(Protocol):
    kind: str  # SDTAPI or SIMULATOR

    def open(self) -> None: ...

    def read(self) -> CardRead | None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class ReaderConfig:
    backend: str = NONE
    library: str = ""  # the vendor's sdtapi library; empty: the platform's usual name on the search path
    port: int = AUTO_PORT  # AUTO_PORT: probe PROBED_PORTS
    decoder: str = ""  # the vendor's WLT photo decoder library; empty: no photo
    folder: str = ""  # the simulator's folder of card files; empty: the practice deck

    @classmethod
    def from_settings(cls, values: Mapping[str, Any]) -> ReaderConfig:
        return cls(
            backend=str(values.get("reader.backend") or NONE),
            library=str(values.get("reader.library") or ""),
            port=int(values.get("reader.port") or AUTO_PORT),
            decoder=str(values.get("reader.photo_decoder") or ""),
            folder=str(values.get("reader.simulator_folder") or ""),
        )


def make_reader(config: ReaderConfig, today: Callable[[], date], deck: list[dict[str, str]] | None = None) -> CardReader | None:
    """The reader the settings ask for (None: no reader at this window); ``deck``: the practice cards of
    training mode, used by the simulator when no folder is set."""
    if config.backend == SDTAPI:
        from clerk_app.devices.sdtapi import SdtApiReader

        return SdtApiReader(config.library, config.port, today, decoder=config.decoder)
    if config.backend == SIMULATOR:
        from clerk_app.devices.simulator import SimulatedReader

        if config.folder:
            return SimulatedReader.from_folder(Path(config.folder), today)
        return SimulatedReader(deck or [], today)
    return None
