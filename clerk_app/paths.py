"""Where the window's data lives: --data-dir, else CLERK_APP_DATA_DIR, else the OS user data folder."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "clerk-app"
APP_AUTHOR = "JilinRoadTransport"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit)
    from_env = os.environ.get("CLERK_APP_DATA_DIR")
    if from_env:
        return Path(from_env)
    return user_data_path(APP_NAME, APP_AUTHOR)
