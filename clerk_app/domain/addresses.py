"""Which platform addresses the window may talk to: https anywhere, plain http only to this computer.

Records carry ID numbers, so a mistyped ``http://`` address must never send
them across a network in clear. The setting refuses such an address, and the
platform client checks again before every request in case a value got into
the database some other way. A pure rule, so both the settings service and
``sync`` call it without either importing the other.
"""

from __future__ import annotations

import ipaddress
import unicodedata
from urllib.parse import urlsplit

LOOPBACK_NAMES = frozenset({"localhost"})


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _unseen(character: str) -> bool:
    """A line break, a space or a character that is not shown (control, format, separator)."""
    return character.isspace() or unicodedata.category(character)[0] in "CZ"


def address_refusal(url: str) -> tuple[str, str] | None:
    """(Chinese, English) reason why ``url`` may not be used, or None when it may."""
    # Checked before parsing: urlsplit silently drops CR, LF and tab, so "https://pla\r\ntform…"
    # would pass here and then fail at every request as if the platform were offline.
    if any(_unseen(character) for character in url):
        return (
            "平台地址中含有换行、空格或看不见的控制字符（常见于复制粘贴）；请清空这一项后手工重新输入地址",
            "the platform address contains a line break, a space or an invisible control character "
            "(often from copying and pasting); clear it and type the address again",
        )
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        _ = parts.port  # raises ValueError for a malformed port
    except ValueError:
        host, parts = "", urlsplit("")
    if parts.scheme not in ("https", "http") or not host:
        return (
            "平台地址应以 https:// 开头，例如 https://platform.example.gov.cn/api/v1",
            "the platform address must start with https://, e.g. https://platform.example.gov.cn/api/v1",
        )
    if parts.scheme == "http" and not is_loopback(host):
        return (
            "不加密的 http:// 地址只能用于本机（127.0.0.1）练习平台；上报数据含身份证号，必须使用 https:// 地址",
            "plain http:// is only allowed to this computer (127.0.0.1); records carry ID numbers, so use https://",
        )
    return None
