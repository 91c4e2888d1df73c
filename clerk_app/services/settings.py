"""The window's settings: declared once here, validated, stored in the database, audited.

Each setting has a key, a default, a Chinese label and a parser that turns the
text a clerk or script typed into the stored value (raising ``SettingRefused``
with a Chinese message when it cannot). Secrets are never settings: the window
account's secret lives in the OS keyring only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clerk_app import clock
from clerk_app.devices.reader import AUTO_PORT, BACKENDS, NONE, PROBED_PORTS
from clerk_app.domain.addresses import address_refusal
from clerk_app.domain.ce_cycle import CeRule
from clerk_app.domain.problems import Problem, problem
from clerk_app.domain.scan_codes import pattern_refusal
from clerk_app.domain.text import free_text, has_control_characters
from clerk_app.domain.validation import DEFAULT_MAX_AGE
from clerk_app.printing.offsets import parse_offsets
from clerk_app.services.operators import supervisor_refusal
from local_db import settings_store
from local_db.database import Database


class SettingRefused(Exception):
    def __init__(self, refusal: Problem) -> None:
        super().__init__(refusal.message_en)
        self.problem = refusal


def _pattern(regex: str, hint_zh: str, hint_en: str) -> Callable[[str], Any]:
    compiled = re.compile(regex)

    def parse(text: str) -> str:
        value = text.strip().upper()
        if not compiled.fullmatch(value):
            raise ValueError(hint_zh, hint_en)
        return value

    return parse


def _boolean(text: str) -> bool:
    value = text.strip().lower()
    if value in {"1", "true", "yes", "on", "是", "开"}:
        return True
    if value in {"0", "false", "no", "off", "否", "关"}:
        return False
    raise ValueError("请填写 on 或 off（开/关）", "use on or off")


def _ce_rule(text: str) -> dict[str, Any]:
    try:
        return CeRule.from_dict(json.loads(text)).to_dict()
    except (ValueError, TypeError, KeyError) as error:
        if isinstance(error, ValueError) and len(error.args) == 2:  # the rule's own refusal, in Chinese and English
            raise
        raise ValueError(
            '请填写 JSON，例如 {"hours_required": 24, "cycle_years": 2, "max_online_hours": 18, "min_offline_hours": 6}',
            f"give JSON such as {{\"hours_required\": 24, ...}} ({error})",
        ) from error


def _whole_number(low: int, high: int, ask: tuple[str, str], out_of_range: tuple[str, str]) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise ValueError(*ask) from None
        if not low <= value <= high:
            raise ValueError(*out_of_range)
        return value

    return parse


_minutes = _whole_number(
    0, 480,
    ("请填写分钟数（整数，0 表示不锁定）", "give whole minutes (0 = never lock)"),
    ("分钟数应在 0 到 480 之间", "minutes must be between 0 and 480"),
)
_max_age = _whole_number(
    18, 100,
    ("请填写周岁数（整数），如 60", "give whole years, such as 60"),
    ("年龄上限应在 18 到 100 周岁之间", "the age limit must be between 18 and 100"),
)
_batch_size = _whole_number(
    1, 500,
    ("请填写每批条数（1–500 的整数）", "give a whole number from 1 to 500"),
    ("每批条数应在 1 到 500 之间", "the batch size must be between 1 and 500"),
)


def _language(text: str) -> str:
    value = text.strip()
    if value not in {"zh_CN", "en"}:
        raise ValueError("语言只能是 zh_CN 或 en", "language must be zh_CN or en")
    return value


def _platform_url(text: str) -> str:
    value = text.strip().rstrip("/")
    refusal = address_refusal(value) if value else None
    if refusal is not None:
        raise ValueError(*refusal)
    return value


def _account(text: str) -> str:
    value = text.strip()
    if not re.fullmatch(r"[0-9A-Za-z_.@-]{1,64}", value):
        raise ValueError("窗口账号应为 1–64 位字母、数字或 _ . @ -", "1-64 letters, digits or _ . @ -")
    return value


def _ca_bundle(text: str) -> str:
    value = text.strip()
    if value and not Path(value).is_file():
        raise ValueError(
            f"找不到证书文件 {value}；请填写本大厅 CA 证书（PEM 格式）文件的完整路径，留空表示使用系统证书", "no such certificate file"
        )
    return value


def _words(text: str) -> str:
    value = free_text(text)
    if not 2 <= len(value) <= 50 or has_control_characters(value):
        raise ValueError("请填写 2–50 个字的全称，如 长春市朝阳区政务服务中心", "give the full name, 2-50 characters")
    return value


def _reader_backend(text: str) -> str:
    value = text.strip().lower()
    if value not in BACKENDS:
        raise ValueError("请选择 none（无阅读器）、sdtapi（身份证阅读器）或 simulator（模拟）", "use none, sdtapi or simulator")
    return value


def _reader_port(text: str) -> int:
    value = text.strip() or "0"
    if not value.isdecimal() or (int(value) != AUTO_PORT and int(value) not in PROBED_PORTS):
        raise ValueError("端口应为 0（自动查找）、1001–1016（USB）或 1–16（串口）", "0 (find it), 1001-1016 (USB) or 1-16 (serial)")
    return int(value)


def _file_or_empty(text: str) -> str:
    value = text.strip()
    if value and not Path(value).is_file():
        raise ValueError(f"找不到文件 {value}；请填写完整路径，或留空", "no such file")
    return value


def _folder_or_empty(text: str) -> str:
    value = text.strip()
    if value and not Path(value).is_dir():
        raise ValueError(f"找不到文件夹 {value}；请填写完整路径，或留空", "no such folder")
    return value


def _scan_pattern(text: str) -> str:
    value = text.strip()
    refusal = pattern_refusal(value) if value else None
    if refusal is not None:
        raise ValueError(*refusal)
    return value


def _phone(text: str) -> str:
    value = " ".join(free_text(text).split())
    if value and not re.fullmatch(r"[0-9][0-9 ()（）\-、/转]{4,39}", value):
        raise ValueError(
            "请填写大厅的咨询电话，如 0431-88886666（可写多个，用“、”隔开；分机用“转”），留空则回执上不印",
            "give the hall's enquiry number, such as 0431-88886666 (several separated by 、; an extension after 转); empty: none",
        )
    return value


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    label_zh: str
    parse: Callable[[str], Any]


SPECS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        # The hall has no usable default: "" is unset, and records are not saved until a supervisor sets all four.
        SettingSpec(
            "hall.code",
            "",
            "服务大厅代码",
            _pattern(r"[0-9A-Z]{2,12}", "大厅代码应为 2–12 位数字或大写字母，如 220102", "2-12 digits or capital letters"),
        ),
        SettingSpec("hall.name", "", "服务大厅名称", _words),
        SettingSpec("hall.authority", "", "发证机关", _words),
        SettingSpec("hall.phone", "", "咨询电话（印在回执上）", _phone),
        SettingSpec(
            "window.code",
            "",
            "窗口编号",
            _pattern(r"[0-9A-Z]{1,8}", "窗口编号应为 1–8 位数字或大写字母，如 03", "1-8 digits or capital letters"),
        ),
        SettingSpec("ce.rule", CeRule().to_dict(), "继续教育学时规则", _ce_rule),
        SettingSpec("qualification.max_age", DEFAULT_MAX_AGE, "初次申领从业资格证的年龄上限（周岁）", _max_age),
        SettingSpec("ui.idle_lock_minutes", 10, "无操作自动锁定（分钟）", _minutes),
        SettingSpec("ui.language", "zh_CN", "界面语言", _language),
        SettingSpec("upload.auto", True, "联网时自动上传", _boolean),
        SettingSpec("upload.batch_size", 500, "每批上传条数（最多 500）", _batch_size),
        SettingSpec("platform.url", "", "省平台地址（https://…；http 仅限本机练习平台）", _platform_url),
        SettingSpec("platform.account", "", "窗口账号（密钥只存在系统钥匙串中）", _account),
        SettingSpec("platform.ca_bundle", "", "本大厅 CA 证书文件（留空用系统证书）", _ca_bundle),
        SettingSpec("printer.offsets", {}, "各打印机套打偏移（毫米）", parse_offsets),
        SettingSpec("print.certificate_stock", False, "资格证用预印证书纸（只打印填写内容）", _boolean),
        SettingSpec("reader.backend", NONE, "身份证阅读器", _reader_backend),
        SettingSpec("reader.library", "", "阅读器驱动（sdtapi）位置（留空用系统默认）", _file_or_empty),
        SettingSpec("reader.port", AUTO_PORT, "阅读器端口（0 为自动查找）", _reader_port),
        SettingSpec("reader.photo_decoder", "", "证件照片解码库位置（留空不显示照片）", _file_or_empty),
        SettingSpec("reader.simulator_folder", "", "模拟卡文件夹（留空用练习卡）", _folder_or_empty),
        SettingSpec("scan.ecert_pattern", "", "电子证照二维码格式（正则表达式，含 certificate_no 分组；留空不识别）", _scan_pattern),
    )
}


# Checked again where they are used, with their own message: the address by the platform client
# (upload_address_refused), the CA file when the connection is made (a file gone since is no bad setting).
_CHECKED_WHERE_USED = frozenset({"platform.url", "platform.ca_bundle"})


def checked(key: str, value: Any) -> Any:
    """A stored value as the setting's own rule would have made it; ``SettingUnreadable`` naming the key otherwise
    (one bad value in the file is a message, never an exit 70)."""
    spec = SPECS.get(key)
    if spec is None or value == spec.default:
        return value
    if isinstance(spec.default, bool) != isinstance(value, bool) or type(value) is not type(spec.default):
        raise settings_store.SettingUnreadable(key, "类型不对", "it has the wrong type")
    if key in _CHECKED_WHERE_USED:
        return value
    text = ("on" if value else "off") if isinstance(value, bool) else value if isinstance(value, str) else json.dumps(value)
    try:
        same = spec.parse(text) == value
    except (ValueError, TypeError, KeyError, AttributeError):
        same = False
    if not same:
        raise settings_store.SettingUnreadable(key)
    return value


HALL_KEYS = ("hall.code", "hall.name", "hall.authority", "window.code")
# What training mode sets instead (a practice hall; receipts and papers from it are not real).
TRAINING_HALL = {"hall.code": "PX0000", "hall.name": "培训练习大厅", "hall.authority": "培训练习（无效）", "window.code": "01"}


def hall_missing(values: dict[str, Any]) -> list[str]:
    """The labels of the hall settings still unset in ``values`` (stored values; absent = unset)."""
    return [SPECS[key].label_zh for key in HALL_KEYS if not values.get(key)]


class SettingsService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, key: str) -> Any:
        spec = self._spec(key)
        with self._db.read() as session:
            return checked(key, settings_store.values_of(session, [key]).get(key, spec.default))

    def all(self) -> dict[str, Any]:
        with self._db.read() as session:
            stored = settings_store.all_values(session)
        return {key: checked(key, stored.get(key, spec.default)) for key, spec in SPECS.items()}

    def set(self, key: str, text: str, *, operator: str) -> Any:
        """Parse ``text`` for ``key``, store it and audit the change; returns the stored value."""
        spec = self._spec(key)
        try:
            value = spec.parse(text)
        except ValueError as error:
            hint_zh, hint_en = (*error.args, str(error))[:2]
            raise SettingRefused(problem("invalid_setting", key, label=spec.label_zh, hint_zh=hint_zh, hint_en=hint_en)) from None
        with self._db.write() as session:
            refusal = supervisor_refusal(session, operator, ("修改设置", "change settings"))
            if refusal:
                raise SettingRefused(refusal)
            try:
                old = settings_store.values_of(session, [key]).get(key, spec.default)
            except settings_store.SettingUnreadable:  # setting it again is the way back from a value changed in the file
                old = None
            settings_store.put(session, key, value, old=old, at=clock.now_text(), operator=operator)
        return value

    def hall_missing(self) -> list[str]:
        """The hall settings a supervisor must still set before the first entry ([] when the hall is set up)."""
        with self._db.read() as session:
            return hall_missing(settings_store.values_of(session, HALL_KEYS))

    def mark_training(self) -> None:
        """Mark this database as the training one (nobody proves who they are there) and give it a practice hall."""
        with self._db.write() as session:
            stored = settings_store.values_of(session, [settings_store.TRAINING_KEY, *HALL_KEYS])
            at = clock.now_text()
            if stored.get(settings_store.TRAINING_KEY) is not True:
                settings_store.put(session, settings_store.TRAINING_KEY, True, old=None, at=at, operator="training")
            for key, value in TRAINING_HALL.items():
                if not stored.get(key):
                    settings_store.put(session, key, value, old=None, at=at, operator="training")

    @staticmethod
    def _spec(key: str) -> SettingSpec:
        spec = SPECS.get(key)
        if spec is None:
            raise SettingRefused(problem("unknown_setting", key, known=", ".join(sorted(SPECS))))
        return spec
