"""Build the program for the hall PCs with one command: ``py installer\\build.py`` (Linux: ``python3 installer/build.py``).

It sets up ``.venv`` with the installer tools (as ``dev.py`` does), builds the
one-folder bundle with PyInstaller from ``installer/clerk-app.spec`` into
``dist/clerk-app/``, and then, where NSIS's ``makensis`` is found (on Windows
it must be), compiles ``installer/clerk-app.nsi`` into
``dist/clerk-app-setup-VERSION.exe``. ``--bundle-only`` stops after the bundle.
The test suite calls ``bundle`` and ``installer`` directly.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "installer" / "clerk-app.spec"
NSIS_SCRIPT = ROOT / "installer" / "clerk-app.nsi"
WINDOWS = sys.platform == "win32"


def version() -> str:
    text = (ROOT / "clerk_app" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if found is None:
        raise RuntimeError("clerk_app/__init__.py has no __version__")
    return found.group(1)


def version_numbers() -> tuple[int, int, int, int]:
    """The version as Windows resources want it: four numbers (0.1.0 -> 0.1.0.0)."""
    numbers = [int(n) for n in re.findall(r"\d+", version())[:4]]
    a, b, c, d = numbers + [0] * (4 - len(numbers))
    return a, b, c, d


def bundle(dist: Path, work: Path, python: str | os.PathLike[str] = sys.executable) -> Path:
    """Run PyInstaller on the spec; returns the bundle folder (``dist/clerk-app``)."""
    subprocess.run(
        [str(python), "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work), str(SPEC)],
        cwd=ROOT,
        check=True,
    )
    return dist / "clerk-app"


def find_makensis() -> str | None:
    found = shutil.which("makensis")
    if found or not WINDOWS:
        return found
    # NSIS's own installer does not put itself on PATH (Windows reads environment names in any case).
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        candidate = Path(base or "") / "NSIS" / "makensis.exe"
        if base and candidate.exists():
            return str(candidate)
    return None


def installer(bundle_dir: Path, out: Path, makensis: str, *, compress: bool = True) -> Path:
    """Compile the NSIS script against the bundle; warnings count as errors. Returns the setup program."""
    vi_version = ".".join(map(str, version_numbers()))
    command = [makensis, "-V2", "-WX", f"-DVERSION={version()}", f"-DVIVERSION={vi_version}",
               f"-DBUNDLE={bundle_dir}", f"-DOUTFILE={out}"]
    if not compress:
        command.append("-DUNCOMPRESSED")
    subprocess.run([*command, str(NSIS_SCRIPT)], cwd=ROOT, check=True)
    return out


def folder_size(folder: Path) -> int:
    """Bytes the folder takes (links PyInstaller makes between its copies are not counted twice)."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle-only", action="store_true", help="build dist/clerk-app only, no installer")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where to put the results (default dist/)")
    options = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    import dev

    dev.ensure_environment("installer")
    dist: Path = options.dist.resolve()
    try:
        folder = bundle(dist, ROOT / "build" / "pyinstaller", dev.PYTHON)
        print(f"bundle: {folder} ({folder_size(folder) / 1e6:.0f} MB)")
        if options.bundle_only:
            return 0
        makensis = find_makensis()
        if makensis is None:
            if WINDOWS:
                print("NSIS is not installed: install it (winget install NSIS.NSIS), then run this again.")
                return 3
            print("makensis not found: no installer made (on Debian: apt-get install nsis).")
            return 0
        setup = installer(folder, dist / f"clerk-app-setup-{version()}.exe", makensis)
    except subprocess.CalledProcessError as failed:
        print(f"build failed ({failed.returncode}): {' '.join(map(str, failed.cmd))}")
        return 1
    print(f"installer: {setup} ({setup.stat().st_size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
