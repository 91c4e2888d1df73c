"""Time as the hall sees it: China Standard Time (UTC+8, no daylight saving)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

CST = timezone(timedelta(hours=8), "CST")


def now() -> datetime:
    return datetime.now(CST)


def now_text() -> str:
    """RFC 3339 with offset, to the millisecond, as stored and sent."""
    return now().isoformat(timespec="milliseconds")


def today() -> date:
    return now().date()
