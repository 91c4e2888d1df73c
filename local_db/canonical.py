"""The one canonical JSON form, used for stored payloads and for audit hashes.

Sorted keys, no insignificant white space, UTF-8 text kept as is: the same
content always gives the same bytes, so a hash over it is stable.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def sha256_text(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()
