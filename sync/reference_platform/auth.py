"""Window accounts and bearer tokens of the reference platform.

Secrets are kept only as salted PBKDF2 hashes in memory (never in a file or
the platform's database); tokens live in memory too, with an expiry, so a
restart logs every window out, as a real platform restart may.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

_ITERATIONS = 20_000  # enough to make a leaked hash costly; fast enough for 50 windows logging in at once


@dataclass(frozen=True)
class Session:
    """Who a live token speaks for: the account and the device (window) it logged in from."""

    account: str
    device_id: str
    hall: str


@dataclass(frozen=True)
class Account:
    name: str
    secret: str
    hall: str = "220100"

    def __repr__(self) -> str:  # the secret never reaches a log through a repr
        return f"Account(name={self.name!r}, hall={self.hall!r})"


def _hash(secret: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", secret.encode(), salt, _ITERATIONS)


class Tokens:
    def __init__(self, accounts: Sequence[Account], ttl_s: float) -> None:
        self.ttl_s = ttl_s
        self._accounts: dict[str, tuple[bytes, bytes, str]] = {}
        for account in accounts:
            salt = secrets.token_bytes(16)
            self._accounts[account.name] = (salt, _hash(account.secret, salt), account.hall)
        self._lock = threading.Lock()
        self._issued: dict[str, tuple[Session, float]] = {}  # token -> (session, expires at, monotonic)
        self._dummy_salt = secrets.token_bytes(16)

    def check(self, name: str, secret: str) -> str | None:
        """The account's hall code for a right secret; None otherwise."""
        known = self._accounts.get(name)
        # An unknown account costs the same hashing as a known one, so timing tells nothing.
        salt, expected, hall = known or (self._dummy_salt, b"", "")
        if not hmac.compare_digest(_hash(secret, salt), expected) or known is None:
            return None
        return hall

    def issue(self, session: Session) -> tuple[str, int]:
        """(token, seconds it lives) for a session whose secret was checked."""
        token = secrets.token_urlsafe(32)
        now = time.monotonic()
        with self._lock:
            self._issued = {t: v for t, v in self._issued.items() if v[1] > now}
            self._issued[token] = (session, now + self.ttl_s)
        return token, max(1, int(self.ttl_s))

    def session(self, token: str) -> Session | None:
        """The session a live token belongs to."""
        with self._lock:
            found = self._issued.get(token)
        if found is None or found[1] <= time.monotonic():
            return None
        return found[0]

    def expire_all(self) -> None:
        with self._lock:
            self._issued = {t: (name, float("-inf")) for t, (name, _) in self._issued.items()}
