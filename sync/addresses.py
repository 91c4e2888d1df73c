"""Which platform addresses the window may talk to: https anywhere, plain http only to this computer.

Records carry ID numbers, so a mistyped ``http://`` address must never send
them across a network in clear. The setting refuses such an address, and the
client checks again before every request in case a value got into the
database some other way.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

LOOPBACK_NAMES = frozenset({"localhost"})


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def address_refusal(url: str) -> tuple[str, str] | None:
    """(Chinese, English) reason why ``url`` may not be used, or None when it may."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a malformed port
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
