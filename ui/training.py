"""Training mode (``clerk-app --training``): practice on a separate database against a local platform.

New staff must be able to try everything, upload included, without touching
real entries or the real platform. So the window opens DATA_DIR/training/
instead of the real database and starts the reference platform on 127.0.0.1
with a training account whose secret is made up at each start and handed to
the upload client directly (never stored, never in the keyring). A banner on
every screen says it is training.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from ui.context import AppContext, Training

ACCOUNT = "training-window"
HALL = "PX0000"


def prepare(folder: Path) -> tuple[Path, Training]:
    """The training data folder, and the reference platform started on loopback."""
    from clerk_app import clock
    from clerk_app.paths import training_dir as checked_training_dir
    from sync.reference_platform import Account, ReferencePlatform
    from sync.reference_platform.practice_seed import practice_seed

    training_dir = checked_training_dir(Path(folder))  # refused when it is (a link to) the production folder
    secret = secrets.token_urlsafe(24)
    # Practice drivers already holding certificates, so that reissue and renewal can be tried too.
    seed = practice_seed(clock.today())
    platform = ReferencePlatform(training_dir / "platform.sqlite3", [Account(ACCOUNT, secret, HALL)], seed=seed)
    url = platform.start(port=0)
    return training_dir, Training(platform_url=url, account=ACCOUNT, secret=secret, platform=platform)


def set_up(ctx: AppContext, training: Training) -> None:
    """Mark the training database (nobody proves who they are there), give it its practice hall, and point it
    at the local platform (its settings, not the real ones)."""
    ctx.settings.mark_training()
    values = {"hall.code": HALL, "platform.url": training.platform_url, "platform.account": training.account}
    for key, value in values.items():
        if ctx.settings.get(key) != value:
            ctx.settings.set(key, value, operator="training")


def in_use(ctx: AppContext) -> bool:
    """Whether this window practises: training mode, or the practice hall or the practice platform's account in
    its settings (a database set up for practice, or pointed at the practice platform, is practice too)."""
    return ctx.training is not None or ctx.settings.get("hall.code") == HALL or ctx.settings.get("platform.account") == ACCOUNT


def stop(training: Training) -> None:
    if training.platform is not None:
        training.platform.stop()
