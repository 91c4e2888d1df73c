"""What an ID-card reader hands over, as a domain value: parsed, checked, or refused with a plain reason.

DOMAIN.md ("At the counter: cards, scans, lists"): the reader's base message is
256 bytes of UCS-2LE in fixed fields; the card-type character at bytes 248–249
says which of three cards it is (a space: the resident ID card; ``I``: the
foreigner's permanent residence card; ``J``: the Hong Kong, Macau and Taiwan
residents' residence permit). The ID number is checked with the same rule as a
typed one (``id_number.parse_id_number``); a number that fails, a field that is
not text, a date that is no date: the read is refused and nothing is filled.
An expired card is read with a warning. The address and the photo are handed
to the window to show, never to store: ``FILLED_FROM_CARD`` lists the only
values that may go into an entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from clerk_app.domain.id_number import parse_id_number
from clerk_app.domain.kinds import RECORD_LIMITS
from clerk_app.domain.problems import Problem, problem
from clerk_app.domain.text import free_text, has_control_characters, normalize_name

BASE_MESSAGE_BYTES = 256
PHOTO_BYTES = 1024
TYPE_OFFSET = 248

RESIDENT, FOREIGNER, RESIDENCE_PERMIT = "resident", "foreign_permanent", "residence_permit"
CARD_TYPES = {" ": RESIDENT, "I": FOREIGNER, "J": RESIDENCE_PERMIT}
CARD_TYPE_LABELS = {
    RESIDENT: ("居民身份证", "resident ID card"),
    FOREIGNER: ("外国人永久居留身份证", "foreigner's permanent residence card"),
    RESIDENCE_PERMIT: ("港澳台居民居住证", "Hong Kong, Macau and Taiwan residence permit"),
}

# (field, bytes), in the order they lie in the base message.
RESIDENT_LAYOUT = (
    ("name", 30), ("sex", 2), ("nation", 4), ("birth", 16), ("address", 70),
    ("id_number", 36), ("office", 30), ("valid_from", 16), ("valid_to", 16),
)
FOREIGNER_LAYOUT = (
    ("name_en", 120), ("sex", 2), ("id_number", 30), ("nation", 6), ("name", 30),
    ("valid_from", 16), ("valid_to", 16), ("birth", 16), ("version", 4), ("office", 8),
)
LAYOUTS = {RESIDENT: RESIDENT_LAYOUT, RESIDENCE_PERMIT: RESIDENT_LAYOUT, FOREIGNER: FOREIGNER_LAYOUT}

# The entry fields a card may fill; nothing else read from a card is kept.
FILLED_FROM_CARD = ("name", "id_number", "licence_no", "qualification_cert_no")
NO_END = "长期"  # a card valid without end


@dataclass(frozen=True)
class IdCard:
    card_type: str
    name: str
    id_number: str  # canonical
    sex: str  # male / female
    birth_date: date
    valid_from: date | None
    valid_to: date | None  # None: 长期
    address: str = field(default="", repr=False)  # shown, never stored
    office: str = ""
    photo: bytes | None = field(default=None, repr=False)  # the decoded picture, shown and never kept


@dataclass(frozen=True)
class CardRead:
    """One read: the card, or why nothing may be filled from it; warnings (an expired card) beside a card."""

    card: IdCard | None = None
    refusal: Problem | None = None
    warnings: tuple[Problem, ...] = ()


def unreadable(detail_zh: str, detail_en: str) -> CardRead:
    return CardRead(refusal=problem("card_unreadable", None, detail=(detail_zh, detail_en)))


def parse_base_message(data: bytes, today: date, photo: bytes | None = None) -> CardRead:
    """The reader's base message (256 bytes UCS-2LE) as a card, or the refusal."""
    if len(data) < BASE_MESSAGE_BYTES:
        return unreadable(f"只读到 {len(data)} 字节，应为 {BASE_MESSAGE_BYTES} 字节", f"{len(data)} bytes of {BASE_MESSAGE_BYTES}")
    try:
        marker = data[TYPE_OFFSET : TYPE_OFFSET + 2].decode("utf-16-le")
    except UnicodeDecodeError:
        marker = "?"
    card_type = CARD_TYPES.get(marker if marker.strip() else " ")
    if card_type is None:
        return unreadable("不认识的证件类型", "unknown card type")
    fields: dict[str, str] = {}
    offset = 0
    for name, size in LAYOUTS[card_type]:
        try:
            text = data[offset : offset + size].decode("utf-16-le")
        except UnicodeDecodeError:
            return unreadable("证件信息不是有效的文字", "the card's text is not valid UCS-2")
        fields[name] = text.rstrip(" \x00")
        offset += size
    if card_type == FOREIGNER and not fields["name"]:
        fields["name"] = fields["name_en"]
    return card_from_fields(card_type, fields, today, photo)


def card_from_fields(card_type: str, fields: Mapping[str, str], today: date, photo: bytes | None = None) -> CardRead:
    """A card from its fields as text (the reader's, or a simulated card's): checked as the window checks
    a typed entry, so nothing a bad read produced is ever filled in."""
    if card_type not in CARD_TYPE_LABELS:
        return unreadable("不认识的证件类型", "unknown card type")
    values = {key: str(value) for key, value in fields.items()}
    if any(has_control_characters(value) for value in values.values()):
        return unreadable("证件信息中有无法显示的字符", "the card's text holds control characters")
    name = normalize_name(values.get("name", ""))
    if not name or len(name) > RECORD_LIMITS["name"]:
        return unreadable("没有读到姓名", "no name was read")
    parsed = parse_id_number(values.get("id_number", ""), today)
    if isinstance(parsed, Problem):
        if parsed == problem("invalid_id_number", "id_number", variant="foreign_15"):
            return CardRead(refusal=parsed)  # the old foreigner's card: its own message, to the supervisor
        return CardRead(refusal=problem("card_bad_id_number", None, reason=(parsed.message_zh, parsed.message_en)))
    birth = _card_date(values.get("birth", ""))
    valid_from = _card_date(values.get("valid_from", ""))
    ends = values.get("valid_to", "").strip()
    valid_to = None if ends == NO_END else _card_date(ends)
    if birth is None or valid_from is None or (valid_to is None and ends != NO_END):
        return unreadable("证件上的日期无法识别", "a date on the card cannot be read")
    if birth != parsed.birth_date:
        return unreadable("出生日期与证件号码不一致", "the birth date does not match the number")
    card = IdCard(
        card_type=card_type,
        name=name,
        id_number=parsed.canonical,
        sex=parsed.sex,
        birth_date=birth,
        valid_from=valid_from,
        valid_to=valid_to,
        address=free_text(values.get("address", "")),
        office=free_text(values.get("office", "")),
        photo=photo,
    )
    warnings = (problem("card_expired", None, date=valid_to.isoformat()),) if valid_to is not None and valid_to < today else ()
    return CardRead(card=card, warnings=warnings)


def _card_date(text: str) -> date | None:
    value = text.strip()
    if len(value) != 8 or not value.isdecimal():
        return None
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None


def encode_base_message(card_type: str, fields: Mapping[str, str]) -> bytes:
    """The base message a reader would return for these fields (simulated cards and the test library)."""
    markers = {kind: char for char, kind in CARD_TYPES.items()}
    if card_type not in markers:
        raise ValueError(card_type)
    marker = markers[card_type]
    data = b"".join(str(fields.get(name, "")).ljust(size // 2)[: size // 2].encode("utf-16-le") for name, size in LAYOUTS[card_type])
    data += " ".encode("utf-16-le") * ((TYPE_OFFSET - len(data)) // 2)
    return (data + marker.encode("utf-16-le")).ljust(BASE_MESSAGE_BYTES, b"\x00")
