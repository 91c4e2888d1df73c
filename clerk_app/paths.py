"""Where the window's data lives: --data-dir, else CLERK_APP_DATA_DIR, else the OS user data folder."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

from local_db.errors import DatabaseProblem

APP_NAME = "clerk-app"
APP_AUTHOR = "JilinRoadTransport"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit)
    from_env = os.environ.get("CLERK_APP_DATA_DIR")
    if from_env:
        return Path(from_env)
    return user_data_path(APP_NAME, APP_AUTHOR)


TRAINING_FOLDER = "training"


def training_dir(folder: Path) -> Path:
    """The training database's folder, DATA_DIR/training, made if missing; never the production database's.

    Real paths are compared, so ``training`` as a link to the data folder (or to any folder holding the production
    database) is refused: otherwise the real database would be marked as training, with a practice hall, a practice
    platform and no password asked from then on.
    """
    folder = Path(folder)
    candidate = folder / TRAINING_FOLDER
    production = os.path.realpath(folder)
    real = os.path.realpath(candidate)
    refused = os.path.islink(candidate) or real == production or Path(real) in Path(production).parents
    database = folder / "clerk.sqlite3"
    if not refused and candidate.is_dir() and database.exists():
        try:
            refused = os.path.samefile(candidate / database.name, database)
        except OSError:
            refused = False
    if refused:
        raise DatabaseProblem(
            "training_folder_refused",
            f"培训模式的练习数据目录 {candidate} 是一个链接或就是正式数据所在的目录，不能使用：否则正式数据库会被当成练习库。"
            "请删除这个链接（或改名），再打开培训模式。",
            f"The training folder {candidate} is a link or is the production data folder itself, so it is not used: "
            "the real database would become the practice one. Remove or rename that link, then start training mode again.",
        )
    candidate.mkdir(parents=True, exist_ok=True)
    return candidate
