"""The platform's reasons for rejecting a record, said for the clerk in Chinese.

The platform answers with the contract's error codes; the clerk sees the
catalogue's Chinese text for each code (what is wrong and how to correct
it), or the platform's own words where a code is new to this program. The
platform's original message is kept beside it for support staff.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from clerk_app.domain.problems import MESSAGES, problem


def explain(errors: Iterable[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    """Each of the platform's {field, code, message} with ``message`` in Chinese and ``platform_message`` kept."""
    explained = []
    for error in errors or ():
        code = str(error.get("code") or "")
        said = str(error.get("message") or code)
        field = error.get("field")
        # The platform names fields inside the record ("payload.sessions.0.hours"); the clerk knows the form's.
        path = str(field).removeprefix("payload.") if field else None
        if f"{code}.platform" in MESSAGES:
            found = problem(code, path, variant="platform")
        else:
            found = problem("platform_rejected", path, message=said)
        explained.append({"field": field, "code": code, "message": found.message_zh, "platform_message": said})
    return explained
