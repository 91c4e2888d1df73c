"""The institution registry as record validation sees it: the one ``ValidationContext`` of the program.

The entry form (the copy it holds in memory), the records service and the
import (the local registry in the database) and the reference platform (its
own registry) all check entries against institutions the same way, so they
share this adapter: a day to judge dates by, and a source of stored
Institution objects by code. Each code is looked up and turned into an
``InstitutionInfo`` at most once, so a list of 20,000 rows naming one school
asks the database once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from clerk_app.domain.institutions import to_info
from clerk_app.domain.validation import InstitutionInfo

Lookup = Callable[[str], Mapping[str, Any] | None]


class Registry:
    """Today and the institutions validation may ask about; implements ``ValidationContext``."""

    def __init__(self, lookup: Lookup, today: date) -> None:
        self.today = today
        self._lookup = lookup
        self._known: dict[str, InstitutionInfo | None] = {}

    @classmethod
    def of(cls, payloads: Mapping[str, Mapping[str, Any]], today: date) -> Registry:
        """Over stored Institution objects already at hand, by code."""
        return cls(payloads.get, today)

    def institution(self, code: str) -> InstitutionInfo | None:
        if code not in self._known:
            payload = self._lookup(code)
            self._known[code] = to_info(payload) if payload else None
        return self._known[code]
