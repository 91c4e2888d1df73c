"""The window account's secret, kept only in the operating system's keyring.

On Windows that is the Credential Manager entry of the Windows user who ran
``clerk-app login``; a scheduled upload running as that same user reads it
without any file. There is deliberately no plaintext fallback: when no
keyring back-end works, ``KeyringUnavailable`` says so and the caller asks
for the secret each time.
"""

from __future__ import annotations

import keyring
from keyring.errors import KeyringError, NoKeyringError

from clerk_app.domain.problems import Problem, problem
from local_db.errors import DatabaseKeyringUnavailable
from local_db.keys import keyring_backend

SERVICE = "clerk-app 吉林道路运输平台"


class KeyringUnavailable(Exception):
    """No working keyring back-end on this computer (nothing was stored or read)."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or "no working keyring back-end")
        self.problem: Problem = problem("keyring_unavailable")


def _backend() -> keyring.backend.KeyringBackend:
    """The same back-end as the database keys (local_db.keys: this platform's own, without keyring's discovery)."""
    try:
        return keyring_backend()
    except DatabaseKeyringUnavailable as error:
        raise KeyringUnavailable(type(error.__cause__ or error).__name__) from None


def store_secret(account: str, secret: str) -> None:
    try:
        _backend().set_password(SERVICE, account, secret)
    except (NoKeyringError, KeyringError) as error:
        raise KeyringUnavailable(type(error).__name__) from None


def load_secret(account: str) -> str | None:
    try:
        return _backend().get_password(SERVICE, account)
    except (NoKeyringError, KeyringError) as error:
        raise KeyringUnavailable(type(error).__name__) from None

