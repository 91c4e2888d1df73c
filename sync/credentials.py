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

SERVICE = "clerk-app 吉林道路运输平台"


class KeyringUnavailable(Exception):
    """No working keyring back-end on this computer (nothing was stored or read)."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or "no working keyring back-end")
        self.problem: Problem = problem("keyring_unavailable")


def _backend() -> keyring.backend.KeyringBackend:
    try:
        backend = keyring.get_keyring()
    except (ImportError, AttributeError, ValueError, TypeError, KeyringError) as error:  # PYTHON_KEYRING_BACKEND naming no module
        raise KeyringUnavailable(type(error).__name__) from None
    # The "fail" back-end (and a chainer with nothing in it) means nothing usable was found.
    if backend.priority <= 0 and type(backend).__module__.startswith("keyring.backends.fail"):
        raise KeyringUnavailable(type(backend).__name__)
    return backend


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

