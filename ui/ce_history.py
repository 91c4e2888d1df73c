"""The CE form's cycle panel: where the driver stands in the current cycle, known as soon as the ID number is typed.

DOMAIN.md ("The CE cycle at the counter"). When the ID number is complete
the panel shows what this window knows at once, then asks the platform (on a
worker thread) for the driver's certificates and the CE hours accepted
anywhere, which ``PlatformService.look_up_person`` keeps for offline use, and
shows the cycle again. The figures are ``CeStandingService``'s, the same the
CE statement prints. Offline it says how old its cached figures are; when no
certificate is known it asks for the 初次领证日期 typed from the paper
certificate, and counts from that as soon as it is typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from clerk_app.domain.lifecycle import State
from clerk_app.services.ce_standing import (
    FROM_CACHE,
    FROM_ENTRY,
    FROM_PLATFORM,
    FROM_TYPED,
    OTHER_WINDOWS,
    THIS_WINDOW,
    CeStanding,
)
from clerk_app.services.platform import PlatformService, PlatformStop
from ui import print_actions
from ui.context import AppContext
from ui.tasks import run_task


@dataclass(frozen=True)
class Asked:
    """What the panel shows the standing for."""

    id_number: str
    category: str | None
    typed: date | None  # the 初次领证日期 typed in the form
    exclude: str | None  # the record being corrected


@dataclass(frozen=True)
class Answer:
    asked: Asked
    standing: CeStanding
    asked_platform: bool
    offline_reason: str | None  # why the platform could not be asked (None: it answered, or was not asked)
    seq: int = 0  # the order the questions were put in: a slower answer to an older one is not shown


def typed_day(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


_MISSING = "\0"  # marks the line saying what is missing
# The hours still missing, as the window shows what needs the clerk (the colours of QLabel#resultBad).
SHORTFALL = '<span style="background-color:#fbe9e7; color:#8c1d18; font-weight:bold;">%1</span>'


def _hours(value: float) -> str:
    return f"{value:g}"


class CeCyclePanel(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self._ctx = ctx
        self._asked: Asked | None = None
        self._looked_up: str | None = None  # the ID number the platform was last asked about
        self._platform_said: dict[str, str | None] = {}  # ID number -> why the platform could not be asked (None: it answered)
        self._shown: Answer | None = None
        self._seq = self._online_seq = 0
        self.standing: CeStanding | None = None
        self.text = QLabel()
        self.text.setObjectName("derived")
        self.text.setTextFormat(Qt.TextFormat.RichText)  # what is missing stands out (SHORTFALL)
        self.text.setWordWrap(True)
        self.print_button = QPushButton(self.tr("打印学时证明"))
        self.print_button.setAutoDefault(False)
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_statement)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.text)
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addStretch(1)
        column.addLayout(row)

    def clear(self) -> None:
        """No (complete) ID number: nothing shown; the next one typed is asked of the platform again."""
        self._asked = self._shown = None
        self._looked_up = None
        self.standing = None
        self.text.setText("")
        self.print_button.setEnabled(False)

    def show_for(self, id_number: str, *, category: str | None, typed: date | None, exclude: str | None) -> None:
        """Show the standing (again only if something it depends on changed); the platform is asked once per ID number."""
        asked = Asked(id_number, category, typed, exclude)
        if asked == self._asked:
            return
        self._asked = asked
        said = (id_number in self._platform_said, self._platform_said.get(id_number))
        self._seq += 1
        local = self._seq
        run_task(lambda: self._standing(asked, None, said, local), self._show)
        if self._looked_up != id_number:
            self._looked_up = id_number
            platform = self._platform()
            if platform is not None:
                self._seq += 1
                online = self._online_seq = self._seq
                run_task(lambda: self._standing(asked, platform, seq=online), self._show, self._failed)

    def _platform(self) -> PlatformService | None:
        return self._ctx.platform if self._ctx.settings.get("platform.url") else None

    def _standing(
        self, asked: Asked, platform: PlatformService | None, said: tuple[bool, str | None] = (True, None), seq: int = 0
    ) -> Answer:
        """On a worker thread: ask the platform (when given), then count. ``said``: whether the platform was asked
        about this person before, and why it could not answer then (for a count made again without asking)."""
        asked_platform, reason = said if platform is None else (True, None)
        if platform is not None:
            try:
                platform.look_up_person(asked.id_number)
            except PlatformStop as stop:
                reason = stop.problem.message(self._ctx.lang)
        standing = self._ctx.services.ce_standing().standing(
            asked.id_number,
            category=asked.category,
            typed_first_issued_on=asked.typed,
            exclude_record=asked.exclude,
            online=asked_platform and reason is None,
        )
        return Answer(asked, standing, asked_platform, reason, seq)

    def _failed(self, _error: BaseException) -> None:
        self.text.setText(self.tr("暂时无法统计此人已有学时。"))

    def _show(self, answer: Answer) -> None:
        if answer.seq == self._online_seq:  # the platform's answer (a local count only repeats what it knew)
            self._platform_said[answer.asked.id_number] = answer.offline_reason
        current = self._asked
        if answer.asked != current:
            if current is not None and answer.seq == self._online_seq and current.id_number == answer.asked.id_number:
                # The platform answered about this driver after the clerk typed on: count again with its answer.
                self._asked = None
                self.show_for(current.id_number, category=current.category, typed=current.typed, exclude=current.exclude)
            return  # typed on meanwhile: a newer answer is coming
        if self._shown is not None and answer.seq < self._shown.seq:
            return  # the quick local count arrived after the platform's answer to a later question
        self._shown = answer
        self.standing = answer.standing
        self.text.setText("<br>".join(self._lines(answer)))
        self.print_button.setEnabled(answer.standing.summary is not None)

    def _lines(self, answer: Answer) -> list[str]:
        """The panel's lines as rich text: each escaped, what is missing in this cycle highlighted."""
        return [
            SHORTFALL.replace("%1", escape(line[1:])) if line.startswith(_MISSING) else escape(line).replace("\n", "<br>")
            for line in self._plain_lines(answer)
        ]

    def _plain_lines(self, answer: Answer) -> list[str]:
        standing = answer.standing
        lines: list[str] = []
        summary = standing.summary
        if summary is not None and standing.first_issued_on is not None:
            sources = {
                FROM_PLATFORM: self.tr("据省平台的证书"),
                FROM_CACHE: self.tr("据本机缓存的证书"),
                FROM_TYPED: self.tr("据填写的初次领证日期"),
                FROM_ENTRY: self.tr("据此前录入的初次领证日期"),
            }
            lines.append(
                self.tr("本周期 %1 至 %2（初次领证日期 %3，%4）")
                .replace("%1", summary.cycle_start.isoformat())
                .replace("%2", summary.cycle_end.isoformat())
                .replace("%3", standing.first_issued_on.isoformat())
                .replace("%4", sources.get(standing.anchor_source or "", ""))
            )
            typed = answer.asked.typed
            if typed is not None and standing.anchor_source in (FROM_PLATFORM, FROM_CACHE) and typed != standing.first_issued_on:
                # The platform refuses a typed date that contradicts its record (certificate_mismatch): say so now.
                lines.append(self.tr("注意：填写的初次领证日期 %1 与证书记录不符，请核对纸质证书。").replace("%1", typed.isoformat()))
        else:
            lines.append(self.tr("不知道此人的初次领证日期，无法按周期统计：请在「初次领证日期」填写纸质证书上的日期。"))
        by_mode = self.tr("%1 %2 学时（本窗口 %3，其他窗口 %4）")
        modes = [
            by_mode.replace("%1", label)
            .replace("%2", _hours(standing.hours(mode=mode)))
            .replace("%3", _hours(standing.hours(mode=mode, source=THIS_WINDOW)))
            .replace("%4", _hours(standing.hours(mode=mode, source=OTHER_WINDOWS)))
            for mode, label in (("offline", self.tr("面授")), ("online", self.tr("网络")))
        ]
        lines.append(self.tr("；").join(modes))
        if summary is not None:
            counted = self.tr("已计入 %1 / %2 学时").replace("%1", _hours(summary.credited_hours)).replace(
                "%2", _hours(standing.rule.hours_required)
            )
            if summary.complete:
                lines.append(counted + self.tr("，已满足本周期要求。"))
            else:
                missing = self.tr("，还差 %1 学时").replace("%1", _hours(summary.missing_hours))
                if summary.missing_offline_hours:
                    missing += self.tr("（其中面授还差 %1 学时）").replace("%1", _hours(summary.missing_offline_hours))
                lines.append(_MISSING + counted + missing + self.tr("。"))
        lines.append(self._sources_line(answer))
        return lines

    def _sources_line(self, answer: Answer) -> str:
        standing = answer.standing
        waiting = sum(s.hours for s in standing.in_cycle() if s.source == THIS_WINDOW and s.state in (State.PENDING, State.SENDING))
        parts: list[str] = []
        cached = self.tr("据本机缓存的省平台数据（%1 读取）").replace("%1", _moment(standing.platform_read_at or ""))
        if answer.asked_platform and answer.offline_reason is None:
            parts.append(self.tr("省平台数据 %1 读取").replace("%1", _moment(standing.platform_read_at or "")))
        else:
            if answer.asked_platform:
                parts.append(self.tr("未连上省平台"))
            elif self._platform() is not None:
                parts.append(self.tr("正在向省平台查询此人的证书和学时…"))
            else:
                parts.append(self.tr("未设置省平台"))
            if standing.platform_read_at:
                parts.append(cached)
            elif answer.asked_platform or self._platform() is None:
                parts.append(self.tr("只计本窗口录入的学时"))
        if waiting:
            parts.append(self.tr("本窗口待上传的 %1 学时已计入").replace("%1", _hours(waiting)))
        if standing.left_out:
            parts.append(self.tr("%n 条本窗口录入被省平台退回，未计入", "", standing.left_out))
        line = self.tr("；").join(parts) + (self.tr("。") if parts else "")
        return f"{line}\n{answer.offline_reason}" if answer.offline_reason else line  # why, in the catalogue's words

    def print_statement(self) -> None:
        asked = self._asked
        if asked is not None and self.standing is not None and self.standing.summary is not None:
            print_actions.ce_statement(self, self._ctx, asked.id_number, category=self.standing.category, issued_on=asked.typed)


def _moment(text: str) -> str:
    """2026-12-01T14:20:05.123+08:00 as 2026-12-01 14:20."""
    return text[:16].replace("T", " ")
