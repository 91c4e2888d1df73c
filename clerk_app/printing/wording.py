"""How values read on paper: the one date style, and the hall that issues a paper named in words.

Every printed document writes dates one way, 2025年12月1日: the form of
GB/T 9704 (党政机关公文格式), months and days not padded with a zero
(DOMAIN.md, ruling "Documents"), and names the hall and the issuing authority
in words from the hall settings, never by their codes; both live here so no
document drifts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from clerk_app.domain.lifecycle import State


def date_text(value: date | str) -> str:
    """2025年12月1日 (GB/T 9704: no zero before a month or day), from a date or an ISO date text (a value that is
    not one is printed as it is). Every date on every paper is written by this function."""
    if isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(value[:10])
        except ValueError:
            return value
    return f"{day.year}年{day.month}月{day.day}日"


def span_text(start: date | str, end: date | str, *, lines: bool = False) -> str:
    """A period from one day to another: 2026年11月20日至2032年11月19日 (``lines``: broken after 至, for a narrow cell)."""
    return f"{date_text(start)}至{chr(10) if lines else ''}{date_text(end)}"


@dataclass(frozen=True)
class Hall:
    """The hall a paper comes from, as the hall settings name it (``hall.*``, ``window.code``)."""

    code: str
    name: str  # 长春市朝阳区政务服务中心
    authority: str  # 发证机关, e.g. 长春市道路运输管理局
    window: str  # the window's number in the hall
    phone: str = ""  # 咨询电话 printed for the driver (hall.phone); "" when the hall has set none

    @property
    def counter(self) -> str:
        """The hall and window in words: 长春市朝阳区政务服务中心 3号窗口 (the codes when no name is set)."""
        where = self.name or f"服务大厅 {self.code}"
        return f"{where} {self.window.lstrip('0') or self.window}号窗口" if self.window else where


PRACTICE_CLERK = "练习"


@dataclass(frozen=True)
class People:
    """The people a paper names, by operator ID: their registered names, never a login.

    On a practice paper (training mode) a login with no registered name (the
    practice login ``training``) is named 练习, so no paper names a login.
    """

    names: Mapping[str, str] = field(default_factory=dict)
    practice: bool = False

    def name(self, operator_id: str) -> str:
        if not operator_id:
            return ""
        return self.names.get(operator_id) or (PRACTICE_CLERK if self.practice else operator_id)


# Where a record stands, in the words a driver reads on the receipt (办理进度), by its state as listed.
PROGRESS = {
    State.PENDING: "已受理。登记信息由本窗口报送吉林省道路运输从业资格平台，您无需另行办理。",
    State.SENDING: "已受理。登记信息已报送吉林省道路运输从业资格平台，正等待平台确认。",
    State.ACCEPTED: "已办结。吉林省道路运输从业资格平台已接收登记信息。",
    State.REJECTED: "平台未接收登记信息（原因见下）。本窗口将核对更正后重新报送；需要您补交材料时，窗口会与您联系。",
    State.VOIDED: "本登记已作废（原因见下），不再办理。",
}
