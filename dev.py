"""Set up and run the project with nothing but Python 3.11+ and pip.

    python3 dev.py start [clerk-app options]   set up, then open the window (or run a command)
    python3 dev.py test [pytest options]       set up, then run the whole test suite headless

Also: ``python3 dev.py bench NAME`` runs benchmarks/NAME.py, ``python3 dev.py lock``
regenerates constraints.txt from pyproject.toml, ``python3 dev.py screenshots`` remakes
every picture in docs/screenshots (offscreen, no display needed), ``python3 dev.py
check-windows`` asks the package index whether every pinned dependency the hall
PCs install has a Windows wheel (installer/windows_wheels.py).

Set-up makes ``.venv`` beside this file and installs the project into it, pinned
by ``constraints.txt``; it is skipped while pyproject.toml and constraints.txt
are unchanged. On Debian-like machines run as root (CI), the test set-up also
installs the few system packages the tests use (see SYSTEM_PACKAGES_FOR_TESTS).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
CONSTRAINTS = ROOT / "constraints.txt"

# Debian packages some tests need; installed only where apt-get runs as root.
# nsis: makensis checks the Windows installer script; gnome-keyring (with dbus-daemon's dbus-run-session): a real
# Secret Service keyring for the processes the tests start; fuse3: the power-cut file system.
SYSTEM_PACKAGES_FOR_TESTS: tuple[str, ...] = ("nsis", "gnome-keyring", "dbus-daemon", "fuse3")
# The tests build the frozen bundle (tests/installer), so they need the installer extra too.
TEST_EXTRAS = "test,installer"


def _run(*command: str | Path, env: dict[str, str] | None = None) -> int:
    return subprocess.call([str(part) for part in command], cwd=ROOT, env=env)


def _check(*command: str | Path) -> None:
    code = _run(*command)
    if code:
        sys.exit(f"dev.py: command failed ({code}): {' '.join(map(str, command))}")


def ensure_environment(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs under whatever python3 the machine has
        sys.exit("dev.py: Python 3.11 or newer is needed.")
    if not PYTHON.exists():
        print("dev.py: creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    inputs = (ROOT / "pyproject.toml").read_bytes() + CONSTRAINTS.read_bytes() + extras.encode()
    digest = hashlib.sha256(inputs).hexdigest()
    stamp = VENV / f".setup-{extras or 'app'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    print("dev.py: installing dependencies (first run, or they changed) ...", flush=True)
    _check(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    target = f".[{extras}]" if extras else "."
    _check(PYTHON, "-m", "pip", "install", "--quiet", "-c", CONSTRAINTS, "-e", target)
    stamp.write_text(digest)


def ensure_system_packages() -> None:
    missing = [p for p in SYSTEM_PACKAGES_FOR_TESTS if not _dpkg_installed(p)]
    if not missing:
        return
    if not (shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0):
        print(f"dev.py: cannot install {' '.join(missing)} here; tests that need them will say so.", flush=True)
        return
    print(f"dev.py: installing system packages {' '.join(missing)} ...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    _run("apt-get", "update", "-qq", env=env)
    _run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing, env=env)


def _dpkg_installed(package: str) -> bool:
    if not shutil.which("dpkg-query"):
        return False
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True, check=False
    )
    return "install ok installed" in result.stdout


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"start", "test", "bench", "lock", "screenshots", "check-windows"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "start":
        ensure_environment("")
        return _run(BIN / "clerk-app", *rest)
    if command == "test":
        ensure_environment(TEST_EXTRAS)
        ensure_system_packages()
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
        return _run(PYTHON, "-m", "pytest", *rest, env=env)
    if command == "screenshots":  # every picture in docs/screenshots, remade offscreen (docs/screenshots/make_all.py)
        ensure_environment(TEST_EXTRAS)
        return _run(PYTHON, ROOT / "docs" / "screenshots" / "make_all.py", *rest)
    if command == "check-windows":  # a win_amd64 wheel for CPython 3.11 of every pin Windows installs
        ensure_environment(TEST_EXTRAS)
        return _run(PYTHON, ROOT / "installer" / "windows_wheels.py", *rest)
    if command == "bench":
        ensure_environment(TEST_EXTRAS)
        if not rest:
            print("benchmarks:", ", ".join(sorted(p.stem for p in (ROOT / "benchmarks").glob("*.py"))))
            return 2
        return _run(PYTHON, ROOT / "benchmarks" / f"{rest[0]}.py", *rest[1:])
    ensure_environment(TEST_EXTRAS)
    _check(PYTHON, "-m", "pip", "install", "--quiet", "uv")
    return _run(
        PYTHON, "-m", "uv", "pip", "compile", "pyproject.toml", "--all-extras", "--universal",
        "--python-version", "3.11", "--quiet", "-o", CONSTRAINTS,
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
