"""Log files: rotating, in the data folder, with ID numbers and phone numbers masked, readable by their owner only."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from clerk_app.domain.masking import PersonalDataFilter
from local_db.output_paths import unlink_if_link
from local_db.sqlite_files import owner_only

_handler: logging.Handler | None = None


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path | None:
    """Send the program's logs to data_dir/logs/clerk-app.log; returns the path, or None if it cannot be written.

    Calling it again (another data folder, as tests do) replaces the previous file handler.
    """
    global _handler
    log_dir = data_dir / "logs"
    try:
        unlink_if_link(log_dir)  # a link put in the data folder is never followed: the logs stay in it
        log_dir.mkdir(parents=True, exist_ok=True)
        for path in log_dir.glob("clerk-app.log*"):
            unlink_if_link(path)
        handler = logging.handlers.RotatingFileHandler(
            log_dir / "clerk-app.log", maxBytes=5_000_000, backupCount=10, encoding="utf-8"
        )
    except OSError:
        return None
    for old in log_dir.glob("clerk-app.log*"):  # written before the owner-only umask (main sets it)
        owner_only(old)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(PersonalDataFilter())
    root = logging.getLogger()
    root.setLevel(level)
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    root.addHandler(handler)
    _handler = handler
    return log_dir / "clerk-app.log"
