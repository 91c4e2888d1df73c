"""Every picture in this folder, remade by one command, then made small enough for git.

    python3 dev.py screenshots        (or: QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_all.py)

Each maker beside this file runs in a process of its own (each opens its own
application and reference platform): make_first_run_shots.py (00a-00c, a new
window's first minutes), make_screenshots.py (01-18 and the English en-*),
make_counter_shots.py (19-21, the CE cycle and the certificate),
make_state_shots.py (30-53, the states a clerk meets) and
make_reader_shots.py (60-63, the ID-card reader and scans). Qt draws offscreen at
1366×768 with the program's bundled CJK font (``QT_QPA_PLATFORM=offscreen``
unless a platform is set, so no display is needed); then every picture is
stored with a palette of at most 256 colours (Pillow), which keeps screen
pictures sharp at a fraction of the size. The practice windows' databases are
encrypted with keys kept in the OS keyring: on Linux the makers get the
private Secret Service the tests use (tests/keyring_session.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
MAKERS = (
    "make_first_run_shots.py", "make_screenshots.py", "make_counter_shots.py", "make_state_shots.py", "make_reader_shots.py"
)


def shrink(picture: Path) -> tuple[int, int]:
    """Store ``picture`` with a palette of its own (256 colours at most); (bytes before, bytes after)."""
    before = picture.stat().st_size
    with Image.open(picture) as image:
        if image.mode == "P":
            return before, before
        paletted = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    paletted.save(picture, optimize=True)
    return before, picture.stat().st_size


def main(out: Path) -> int:
    sys.path.insert(0, str(HERE.parents[1]))
    from tests import keyring_session

    private = keyring_session.start()  # the makers' practice databases keep their keys there
    try:
        return _make(out)
    finally:
        if private is not None:
            private.stop()


def _make(out: Path) -> int:
    # The makers' practice windows and platforms live in temporary folders: one for the whole run, removed after it.
    with tempfile.TemporaryDirectory(prefix="clerk-screenshots-") as scratch:
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"), "TMPDIR": scratch}
        for maker in MAKERS:
            print(f"== {maker}", flush=True)
            code = subprocess.call([sys.executable, str(HERE / maker), str(out)], env=env)
            if code:
                print(f"{maker} failed ({code})", file=sys.stderr)
                return code
    for picture in sorted(out.glob("*.png")):
        before, after = shrink(picture)
        if after != before:
            print(f"{picture.name}: {before // 1024} KB -> {after // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE))
