"""A working OS keyring for the test session, reachable from this process and from the programs it starts.

The database key lives in the OS keyring, so every test that opens a data
folder needs one, and the crash tests' children, the command-line subprocess
tests and the frozen bundle's self-check need the same one. On Linux a private
D-Bus session bus and a gnome-keyring-daemon (Secret Service) are started for
the session, with their files under a temporary folder (the developer's own
keyring is never touched), and ``DBUS_SESSION_BUS_ADDRESS`` is set for this
process and its children. Elsewhere (Windows: Credential Manager) the
platform's keyring is used as it is. Where neither works, an in-process memory
back-end is set and ``CHILD_KEYRING_MISSING`` says why child-process tests skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import fail

from local_db.keys import SERVICE as DATABASE_KEYS

CHILD_KEYRING_MISSING: str | None = None
"""Why programs started by the tests have no keyring (None: they have one)."""


class MemoryKeyring(KeyringBackend):
    """A keyring back-end whose store is this process's memory.

    Given ``database_keys_from`` (the back-end it replaces), the data folders' database keys stay there: a test
    that swaps the keyring for the platform's secret does not lose the key of the window it works on."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, database_keys_from: KeyringBackend | None = None) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}
        self._database_keys = database_keys_from

    def get_password(self, service: str, username: str) -> str | None:
        if self._database_keys is not None and service == DATABASE_KEYS:
            return self._database_keys.get_password(service, username)
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if self._database_keys is not None and service == DATABASE_KEYS:
            self._database_keys.set_password(service, username, password)
        else:
            self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self._database_keys is not None and service == DATABASE_KEYS:
            self._database_keys.delete_password(service, username)
        else:
            self.store.pop((service, username), None)


class NoKeyringButDatabaseKeys(fail.Keyring):
    """No keyring for the platform's secret (every call fails as keyring's "fail" back-end does), while the data
    folders' database keys stay in the back-end it replaces: "no keyring" tests are about the window's account."""

    def __init__(self, database_keys_from: KeyringBackend) -> None:
        super().__init__()
        self._database_keys = database_keys_from

    def get_password(self, service: str, username: str) -> str | None:
        if service == DATABASE_KEYS:
            return self._database_keys.get_password(service, username)
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        if service == DATABASE_KEYS:
            self._database_keys.set_password(service, username, password)
        else:
            super().set_password(service, username, password)


class PrivateKeyring:
    def __init__(self, folder: Path | None = None) -> None:
        self.kept = folder is not None  # a benchmark's keyring kept with the databases it reuses (--keep)
        self.folder = folder if folder is not None else Path(tempfile.mkdtemp(prefix="clerk-test-keyring-"))
        self.folder.mkdir(parents=True, exist_ok=True)
        self.processes: list[subprocess.Popen[bytes]] = []
        self.previous_address = os.environ.get("DBUS_SESSION_BUS_ADDRESS")

    def start(self) -> None:
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, preexec_fn=_die_with_parent,
        )
        self.processes.append(bus)
        assert bus.stdout is not None
        address = bus.stdout.readline().decode().strip()
        if not address:
            raise OSError("dbus-daemon gave no address")
        env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=address)
        for name in ("data", "runtime", "config"):
            (self.folder / name).mkdir(mode=0o700, exist_ok=True)
        env.update(
            XDG_DATA_HOME=str(self.folder / "data"),
            XDG_RUNTIME_DIR=str(self.folder / "runtime"),
            XDG_CONFIG_HOME=str(self.folder / "config"),
            HOME=str(self.folder),
        )
        daemon = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
            preexec_fn=_die_with_parent,
        )
        self.processes.append(daemon)
        assert daemon.stdin is not None
        daemon.stdin.write(b"test-keyring")  # the private keyring's own password, then end of input
        daemon.stdin.close()
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
        deadline = time.monotonic() + 10
        while True:  # the daemon takes its name on the bus a moment after it starts
            probe = subprocess.run(
                [sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=30, env=os.environ.copy()
            )
            if probe.returncode == 0:
                break
            if time.monotonic() > deadline or daemon.poll() is not None:
                raise OSError(f"no Secret Service on the private bus: {probe.stderr.strip()[-300:]}")
            time.sleep(0.1)
        keyring.set_keyring(keyring.core.load_keyring("keyring.backends.SecretService.Keyring"))

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        if self.previous_address is None:
            os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
        else:
            os.environ["DBUS_SESSION_BUS_ADDRESS"] = self.previous_address
        if not self.kept:
            shutil.rmtree(self.folder, ignore_errors=True)


def _die_with_parent() -> None:
    """In the daemon's child process before exec: the kernel ends it when the test process dies, even by SIGKILL."""
    import ctypes
    import signal

    libc = ctypes.CDLL(None)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


_PROBE = """
import keyring
from keyring.backends import SecretService
backend = SecretService.Keyring()
backend.set_password("clerk-app test probe", "probe", "ok")
assert backend.get_password("clerk-app test probe", "probe") == "ok"
"""


def start(folder: Path | None = None) -> PrivateKeyring | None:
    """Make a keyring work for this session; returns what to stop at its end (None: nothing was started).

    ``folder`` keeps the keyring's file there (and unlocks it again next time), for benchmarks that reuse their
    databases; by default it lives in a temporary folder removed at the end."""
    global CHILD_KEYRING_MISSING
    if sys.platform != "linux":
        return None  # Windows' Credential Manager (or macOS' Keychain) works in every process of the user
    missing = [tool for tool in ("dbus-daemon", "gnome-keyring-daemon") if shutil.which(tool) is None]
    private = PrivateKeyring(folder)
    try:
        if missing:
            raise OSError(f"{', '.join(missing)} not installed (python3 dev.py installs them)")
        private.start()
    except (OSError, subprocess.SubprocessError) as error:
        private.stop()
        CHILD_KEYRING_MISSING = f"no keyring for child processes: {error}"
        keyring.set_keyring(MemoryKeyring())
        return None
    return private
