"""Frozen bundle benchmark: how long the build takes, how big the bundle is, how fast the frozen program starts.

    python3 dev.py bench bundle [--keep DIR] [--runs N] [--installer]

Prints:
  - the PyInstaller build time of ``installer/clerk-app.spec`` (``--keep DIR``
    builds into DIR once and reuses it);
  - the bundle's size on disk and its number of files; with ``--installer``,
    the compile time and size of the lzma-compressed setup program (NSIS);
  - ``clerk-app --version``, frozen next to the source install
    (``.venv/bin/clerk-app``), median of N fresh processes;
  - window start: from launching the program (fresh data folder) to its first
    window being shown on an X server (Xvfb), frozen next to the source
    install, median of N (needs Xvfb and xwininfo);
  - ``clerk-app self-check`` wall time, frozen.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from shutil import which

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from installer import build  # noqa: E402

SOURCE_PROGRAM = ROOT / ".venv" / "bin" / "clerk-app"
WINDOW_LINE = re.compile(r'^\s*(0x[0-9a-f]+) "[^"]*": \("clerk-app" ')


def _env(data: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "CLERK_APP_DATA_DIR": str(data), "LC_ALL": "C.UTF-8", **extra}
    env.pop("QT_QPA_PLATFORM", None)
    return env


def _timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


@contextmanager
def _x_server() -> Iterator[str]:
    """A private Xvfb; yields its DISPLAY."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp", "-noreset"],
        pass_fds=(write,), stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as numbers:
        display = f":{numbers.readline().strip()}"
    try:
        yield display
    finally:
        server.terminate()
        server.wait()


def _window_shown(display: str) -> bool:
    env = {**os.environ, "DISPLAY": display}
    tree = subprocess.run(["xwininfo", "-root", "-tree"], env=env, capture_output=True, text=True).stdout
    for line in tree.splitlines():
        found = WINDOW_LINE.match(line)
        if found:
            info = subprocess.run(["xwininfo", "-id", found.group(1)], env=env, capture_output=True, text=True).stdout
            if "IsViewable" in info:
                return True
    return False


def _window_start(program: Path, display: str, folder: Path) -> float:
    data = Path(tempfile.mkdtemp(dir=folder))
    start = time.perf_counter()
    process = subprocess.Popen([str(program)], env=_env(data, DISPLAY=display), stdout=subprocess.DEVNULL)
    try:
        while not _window_shown(display):
            if process.poll() is not None:
                raise RuntimeError(f"{program} ended ({process.returncode}) before showing a window")
            if time.perf_counter() - start > 60:
                raise RuntimeError(f"{program} showed no window within 60 s")
            time.sleep(0.01)
        return time.perf_counter() - start
    finally:
        process.terminate()
        process.wait()


def _median(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms (min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description="frozen bundle benchmark")
    parser.add_argument("--keep", type=Path, help="build the bundle here once and reuse it")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--installer", action="store_true", help="also compile the lzma setup program (minutes)")
    args = parser.parse_args()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())  # other work on the machine inflates every figure
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, python {platform.python_version()}, load {load}", flush=True)

    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as scratch:
        folder = Path(scratch)
        dist = args.keep or folder / "dist"
        program = dist / "clerk-app" / "clerk-app"
        if not program.exists():
            start = time.perf_counter()
            build.bundle(dist, folder / "work")
            print(f"build (PyInstaller, one folder): {time.perf_counter() - start:.0f} s", flush=True)
        bundle = program.parent
        files = sum(1 for path in bundle.rglob("*") if path.is_file())
        print(f"bundle: {build.folder_size(bundle) / 1e6:.0f} MB on disk, {files} files", flush=True)
        if args.installer and build.find_makensis():
            start = time.perf_counter()
            setup = build.installer(bundle, folder / "clerk-app-setup.exe", str(build.find_makensis()))
            print(f"installer (NSIS, lzma): {setup.stat().st_size / 1e6:.0f} MB, compiled in "
                  f"{time.perf_counter() - start:.0f} s", flush=True)

        data = folder / "data"
        for name, command in (("frozen", program), ("source", SOURCE_PROGRAM)):
            runs = [_timed([str(command), "--version"], _env(data)) for _ in range(args.runs)]
            print(f"--version, {name}: {_median(runs)}", flush=True)
        if which("Xvfb") and which("xwininfo"):
            with _x_server() as display:
                for name, command in (("frozen", program), ("source", SOURCE_PROGRAM)):
                    runs = [_window_start(command, display, folder) for _ in range(args.runs)]
                    print(f"window shown, {name}: {_median(runs)}", flush=True)
        else:
            print("window start: not measured (Xvfb and xwininfo are needed)")
        seconds = _timed([str(program), "self-check"], _env(data, QT_QPA_PLATFORM="offscreen"))
        print(f"self-check, frozen: {seconds:.1f} s", flush=True)


if __name__ == "__main__":
    main()
