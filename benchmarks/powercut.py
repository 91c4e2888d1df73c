"""Power-cut benchmark: many cuts at random moments under a working window, and what was checked after each.

    python3 dev.py bench powercut [--cuts N] [--per-folder N] [--seed N]

The same cuts as tests/powercut (a FUSE disk that keeps only what was synced;
saves, corrections, imports, uploads to a reference platform on loopback and
backup rotation in a child process; after each cut the program starts on what
is left and everything it acknowledged is checked), 500 by default, on a fresh
data folder every ``--per-folder`` cuts (the disk keeps the folder in memory).
Prints the count of cuts, of acknowledged saves (each checked after every
later cut on its folder) and the time per cut. Needs /dev/fuse, fusermount3
and a keyring for the child processes (a private Secret Service is started).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import keyring_session  # noqa: E402
from tests.powercut import cuts  # noqa: E402
from tests.powercut.disk import unavailable  # noqa: E402


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cuts", type=int, default=500)
    parser.add_argument("--per-folder", type=int, default=50, help="cuts on one data folder before a fresh one")
    parser.add_argument("--seed", type=int, default=20261208)
    options = parser.parse_args(argv)
    reason = unavailable()
    if reason:
        print(f"powercut: cannot run here: {reason}")
        return 2
    private = keyring_session.start()
    try:
        if keyring_session.CHILD_KEYRING_MISSING:
            print(f"powercut: cannot run here: {keyring_session.CHILD_KEYRING_MISSING}")
            return 2
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        with tempfile.TemporaryDirectory(prefix="clerk-powercut-") as work:
            try:
                figures = cuts.run(Path(work), options.cuts, seed=options.seed, per_folder=options.per_folder,
                                   progress=lambda f: print(f"  {f.cuts} cuts, {f.saves} saves acknowledged", flush=True))
            except cuts.PowerCutLoss as loss:
                print(f"powercut: LOST: {loss}")
                return 1
    finally:
        if private is not None:
            private.stop()
    per_cut = figures.seconds / max(figures.cuts, 1)
    print(f"cuts: {figures.cuts} ({figures.cut_during_start} while the program was starting), "
          f"{per_cut:.1f} s per cut, {figures.seconds / 60:.1f} min in all")
    print(f"acknowledged saves checked: {figures.saves} saves and corrections "
          f"({figures.save_checks} look-ups over all cuts), {figures.backups} daily backups; none lost")
    print(f"under way at the cuts: {figures.imports} lists imported, {figures.uploads} upload runs "
          f"({figures.accepted} versions accepted by the platform)")
    print(f"what the cuts dropped: unsynced writes in {figures.lost_files} files, "
          f"unsynced entries in {figures.lost_folders} folders")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
