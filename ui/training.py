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
from datetime import date
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


def practice_cards(today: date) -> list[dict[str, str]]:
    """The practice deck for the simulated ID-card reader: the practice drivers as cards (their certificates are on
    the practice platform), two new drivers for a first issue, an expired card and a card that cannot be read, so new
    staff learn the real motions and meet the real messages."""
    from stdnum.cn import ric

    from sync.reference_platform.practice_seed import practice_seed

    def card(name: str, id_number: str, label: str, *, valid_to: str = "") -> dict[str, str]:
        birth = id_number[6:14]
        return {
            "label": label, "card_type": "resident", "name": name, "sex": "1" if int(id_number[16]) % 2 else "2",
            "nation": "01", "birth": birth, "address": "吉林省长春市练习区示例路 1 号（虚构）", "id_number": id_number,
            "office": "长春市公安局练习分局（虚构）", "valid_from": f"{today.year - 5}0101",
            "valid_to": valid_to or f"{today.year + 15}0101",
        }

    def new_driver(birth: str, seq: int) -> str:
        body = f"220102{birth}{seq:03d}"
        return body + ric.calc_check_digit(body + "0")

    holders = [card(str(q["name"]), str(q["id_number"]), f"{q['name']}（已持证）") for q in practice_seed(today).qualifications]
    return [
        card("练习丁", new_driver("19900215", 911), "练习丁（初次申领）"),
        card("练习戊", new_driver("19880706", 922), "练习戊（初次申领）"),
        *holders,
        card("练习己", new_driver("19750910", 933), "练习己（证件已过期）", valid_to=f"{today.year - 1}0101"),
        {"label": "读卡失败（练习）", "base_message_hex": "00" * 100},
    ]


def stop(training: Training) -> None:
    if training.platform is not None:
        training.platform.stop()
