"""Cards for the reader's tests: the fields of a resident card, with a valid ID number unless told otherwise."""

from __future__ import annotations

from stdnum.cn import ric


def id_number(birth: str = "19850614", seq: int = 321, region: str = "220102") -> str:
    body = f"{region}{birth}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


def resident(**overrides: str) -> dict[str, str]:
    card = {
        "card_type": "resident",
        "name": "王卡读",
        "sex": "1",
        "nation": "01",
        "birth": "19850614",
        "address": "吉林省长春市南关区读卡路 1 号",
        "id_number": id_number(),
        "office": "长春市公安局南关分局",
        "valid_from": "20200101",
        "valid_to": "20400101",
    }
    return card | overrides
