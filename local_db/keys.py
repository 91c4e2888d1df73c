"""The data folder's database key: made once, kept in the OS keyring, recoverable with the supervisor's code.

Each data folder (the working one, the training one) has its own random
256-bit key. The key itself lives only in the operating system's keyring
(Windows Credential Manager, Secret Service on Linux) under ``SERVICE`` and the
folder's random key id. Beside the database a small JSON file, ``clerk.key``,
holds that key id and, once a supervisor was given a recovery code, the key
wrapped by the code: scrypt (slow, memory-hard; salt and cost stored with it)
derives a key-encryption key from the code's 40 digits, and AES-256-GCM seals
the database key with the key id as associated data. The file never holds the
key itself, and nothing here logs a key or a code.

A recovery code is 40 decimal digits (132 bits) in ten groups of four: digits
are read aloud unambiguously in Chinese, and a group of four is what one says
in one breath. On a new PC (or after the keyring was lost) ``unlock`` unwraps
the key with the code and stores it in this PC's keyring. Without the key and
without the code the data cannot be read by anyone.

Keys read from the keyring are cached per process by key id (Secret Service
over D-Bus takes milliseconds per call); ``forget_cached_keys`` drops them.
"""

from __future__ import annotations

import base64
import contextlib
import hmac
import json
import os
import secrets
import sys
import tempfile
from dataclasses import dataclass
from hashlib import scrypt
from pathlib import Path
from typing import Any

import keyring
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from keyring.errors import KeyringError, NoKeyringError

from local_db.errors import DatabaseKeyFileMissing, DatabaseKeyMissing, DatabaseKeyringUnavailable, WrongRecoveryCode
from local_db.sqlite_files import KEY_BYTES, fsync_directory, owner_only

SERVICE = "clerk-app 数据库密钥"
KEY_FILE = "clerk.key"
CODE_DIGITS = 40
CODE_GROUP = 4
# scrypt's cost; the values used are stored with each wrapped key, so a change here never locks out an old slip.
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1

_cache: dict[str, bytes] = {}


def forget_cached_keys() -> None:
    """Drop the keys this process read from the keyring (the next open asks the keyring again)."""
    _cache.clear()


@dataclass(frozen=True)
class KeyFile:
    key_id: str
    recovery: dict[str, Any] | None = None  # {"kdf", "n", "r", "p", "salt", "nonce", "wrapped"}: base64 texts


def key_file_path(data_dir: Path) -> Path:
    return Path(data_dir) / KEY_FILE


def read_key_file(data_dir: Path) -> KeyFile | None:
    path = key_file_path(data_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise DatabaseKeyFileMissing(str(path)) from error
    if not isinstance(data, dict) or not isinstance(data.get("key_id"), str):
        raise DatabaseKeyFileMissing(str(path))
    recovery = data.get("recovery")
    return KeyFile(data["key_id"], recovery if isinstance(recovery, dict) else None)


def write_key_file(data_dir: Path, key_file: KeyFile) -> None:
    """Replace the key file atomically: a temporary file, fsynced, renamed over it, the folder fsynced."""
    folder = Path(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    data = {"format": 1, "key_id": key_file.key_id, "recovery": key_file.recovery}
    handle, name = tempfile.mkstemp(dir=folder, prefix=".clerk.key-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(json.dumps(data, ensure_ascii=False, indent=1))
            out.flush()
            os.fsync(out.fileno())
        owner_only(name)
        os.replace(name, key_file_path(folder))
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    fsync_directory(folder)


# -- the keyring ---------------------------------------------------------------


def keyring_backend() -> keyring.backend.KeyringBackend:
    """The keyring back-end holding database keys and the platform account's secret (sync.credentials):
    one set in this process (``keyring.set_keyring``) or configured
    (``PYTHON_KEYRING_BACKEND``, keyringrc), else this platform's own (Credential Manager; Secret Service) when it
    works, else keyring's discovery.

    Discovery asks every installed back-end whether it works (D-Bus round trips for several): 0.3 s of the
    window's start before the first keystroke. The platform's own back-end, tried first, is the one it picks, and
    is set for the whole process (the platform account's secret is kept there too)."""
    try:
        if keyring.core._keyring_backend is None:  # nothing chosen yet in this process
            found = keyring.core.load_env() or keyring.core.load_config() or _platform_default()
            if found is not None:
                keyring.set_keyring(found)
        backend = keyring.get_keyring()
    except (ImportError, AttributeError, ValueError, TypeError, KeyringError) as error:  # PYTHON_KEYRING_BACKEND naming no module
        raise DatabaseKeyringUnavailable() from error
    if backend.priority <= 0 and type(backend).__module__.startswith("keyring.backends.fail"):
        raise DatabaseKeyringUnavailable()
    return backend


def _platform_default() -> keyring.backend.KeyringBackend | None:
    """This platform's own keyring back-end when it works here; None otherwise."""
    try:
        if sys.platform == "win32":
            from keyring.backends import Windows

            candidate: keyring.backend.KeyringBackend = Windows.WinVaultKeyring()
        elif sys.platform.startswith("linux"):
            from keyring.backends import SecretService

            candidate = SecretService.Keyring()  # type: ignore[no-untyped-call]
        else:
            return None
        return candidate if candidate.priority > 0 else None
    except (ImportError, RuntimeError, OSError, KeyringError):  # it says it does not work here (or cannot say)
        return None


def _keyring_get(key_id: str) -> bytes | None:
    try:
        stored = keyring_backend().get_password(SERVICE, key_id)
    except (NoKeyringError, KeyringError) as error:
        raise DatabaseKeyringUnavailable() from error
    if stored is None:
        return None
    try:
        key = bytes.fromhex(stored)
    except ValueError:
        return None
    return key if len(key) == KEY_BYTES else None


def _keyring_set(key_id: str, key: bytes) -> None:
    try:
        keyring_backend().set_password(SERVICE, key_id, key.hex())
    except (NoKeyringError, KeyringError) as error:
        raise DatabaseKeyringUnavailable() from error
    _cache[key_id] = key


def forget_key_on_this_pc(data_dir: Path) -> None:
    """Remove the folder's key from this PC's keyring and the cache (a PC handed on; tests of a lost keyring)."""
    found = read_key_file(data_dir)
    if found is None:
        return
    _cache.pop(found.key_id, None)
    with contextlib.suppress(NoKeyringError, KeyringError):  # nothing stored, or no keyring: nothing to remove
        keyring_backend().delete_password(SERVICE, found.key_id)


# -- the folder's key ------------------------------------------------------------


def folder_key(data_dir: Path, *, create: bool) -> bytes:
    """The data folder's key; with ``create``, a folder without a key file is given a new key first.

    Raises ``DatabaseKeyMissing`` (this PC's keyring lacks it), ``DatabaseKeyFileMissing`` (no key file and
    ``create`` is false) or ``DatabaseKeyringUnavailable``."""
    found = read_key_file(data_dir)
    if found is None:
        if not create:
            raise DatabaseKeyFileMissing(str(key_file_path(data_dir)))
        key_id = secrets.token_hex(16)
        key = secrets.token_bytes(KEY_BYTES)
        _keyring_set(key_id, key)  # first: a key file never names a key that was not stored
        write_key_file(data_dir, KeyFile(key_id))
        return key
    stored = _cache.get(found.key_id) or _keyring_get(found.key_id)
    if stored is None:
        raise DatabaseKeyMissing(recovery_code_issued=found.recovery is not None)
    _cache[found.key_id] = stored
    return stored


def has_key_file(data_dir: Path) -> bool:
    return key_file_path(data_dir).is_file()


def recovery_code_issued(data_dir: Path) -> bool:
    found = read_key_file(data_dir)
    return found is not None and found.recovery is not None


# -- the recovery code -------------------------------------------------------------


def new_recovery_code() -> str:
    """40 random decimal digits (132 bits)."""
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def grouped(code: str) -> str:
    """``1234 5678 …``: the code as it is printed and read aloud."""
    return " ".join(code[i : i + CODE_GROUP] for i in range(0, len(code), CODE_GROUP))


def normalised_code(text: str) -> str | None:
    """The 40 digits of a typed code (spaces, dashes and full-width digits allowed), or None if it is not one."""
    digits = "".join(str(int(ch)) for ch in text if ch.isdecimal())
    return digits if len(digits) == CODE_DIGITS else None


def _kek(code: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return scrypt(code.encode("ascii"), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024 + 128 * r * n, dklen=32)


def issue_recovery_code(data_dir: Path, key: bytes) -> str:
    """A new recovery code for the folder's ``key``, its wrapped key written to the key file (replacing any
    earlier code's); returns the code, to be shown once."""
    found = read_key_file(data_dir)
    if found is None:
        raise DatabaseKeyFileMissing(str(key_file_path(data_dir)))
    code = new_recovery_code()
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    wrapped = AESGCM(_kek(code, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)).encrypt(nonce, key, found.key_id.encode("ascii"))
    recovery = {
        "kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
        "salt": _b64(salt), "nonce": _b64(nonce), "wrapped": _b64(wrapped), "cipher": "AES-256-GCM",
    }
    write_key_file(data_dir, KeyFile(found.key_id, recovery))
    return code


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def unlock(data_dir: Path, typed_code: str) -> bytes:
    """Unwrap the folder's key with the recovery code and store it in this PC's keyring; returns the key.

    Raises ``WrongRecoveryCode``, ``DatabaseKeyMissing`` (no code was ever issued) or ``DatabaseKeyFileMissing``."""
    found = read_key_file(data_dir)
    if found is None:
        raise DatabaseKeyFileMissing(str(key_file_path(data_dir)))
    if found.recovery is None:
        raise DatabaseKeyMissing(recovery_code_issued=False)
    code = normalised_code(typed_code)
    if code is None:
        raise WrongRecoveryCode()
    wrap = found.recovery
    try:
        kek = _kek(code, base64.b64decode(wrap["salt"]), int(wrap["n"]), int(wrap["r"]), int(wrap["p"]))
        key = AESGCM(kek).decrypt(
            base64.b64decode(wrap["nonce"]), base64.b64decode(wrap["wrapped"]), found.key_id.encode("ascii")
        )
    except (InvalidTag, KeyError, ValueError, TypeError) as error:
        raise WrongRecoveryCode() from error
    if len(key) != KEY_BYTES:
        raise WrongRecoveryCode()
    stored = _cache.get(found.key_id)
    if stored is not None and not hmac.compare_digest(stored, key):
        raise WrongRecoveryCode()
    _keyring_set(found.key_id, key)
    return key
