"""The practice deck of the simulated ID-card reader: training mode's practice drivers as cards.

So that new staff learn the real motions (a card laid on the reader fills the
form) and meet the real messages, the deck holds the practice drivers who
hold certificates on the practice platform (reissue, renewal), two new
drivers for a first issue, an expired card and a card that cannot be read.
All made up; their dates follow the day training runs.
"""

from __future__ import annotations

from datetime import date

from stdnum.cn import ric

HOLDS_A_CERTIFICATE = "（已持证）"
ADDRESS = "吉林省长春市练习区示例路 1 号（虚构）"
OFFICE = "长春市公安局练习分局（虚构）"


def practice_cards(today: date) -> list[dict[str, str]]:
    """The practice deck for the simulated ID-card reader: the practice drivers as cards (their certificates are on
    the practice platform), two new drivers for a first issue, an expired card and a card that cannot be read, so new
    staff learn the real motions and meet the real messages."""
    from sync.reference_platform.practice_seed import practice_seed

    def card(name: str, id_number: str, label: str, *, valid_to: str = "") -> dict[str, str]:
        birth = id_number[6:14]
        return {
            "label": label, "card_type": "resident", "name": name, "sex": "1" if int(id_number[16]) % 2 else "2",
            "nation": "01", "birth": birth, "address": ADDRESS, "id_number": id_number,
            "office": OFFICE, "valid_from": f"{today.year - 5}0101",
            "valid_to": valid_to or f"{today.year + 15}0101",
        }

    def new_driver(birth: str, seq: int) -> str:
        body = f"220102{birth}{seq:03d}"
        return body + ric.calc_check_digit(body + "0")

    holders = [card(str(q["name"]), str(q["id_number"]), f"{q['name']}{HOLDS_A_CERTIFICATE}") for q in practice_seed(today).qualifications]
    return [
        card("练习丁", new_driver("19900215", 911), "练习丁（初次申领）"),
        card("练习戊", new_driver("19880706", 922), "练习戊（初次申领）"),
        *holders,
        card("练习己", new_driver("19750910", 933), "练习己（证件已过期）", valid_to=f"{today.year - 1}0101"),
        {"label": "读卡失败（练习）", "base_message_hex": "00" * 100},
    ]
