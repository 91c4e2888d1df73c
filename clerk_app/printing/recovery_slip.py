"""The recovery-code slip: the database's recovery code on paper, for the hall's safe.

One A5 landscape page (the certificate's paper): the hall and window, the date,
the 40 digits in ten groups of four, large, and what the code is for. It is
printed once, at set-up or when a supervisor issues a new code; the program
keeps no copy of it (nor of the code).
"""

from __future__ import annotations

from datetime import date

from clerk_app.printing import certificate
from clerk_app.printing.page import Marks, Sheet
from clerk_app.printing.wording import date_text

GROUPS_PER_LINE = 5


def render(code_grouped: str, *, hall: str, issued_on: date, issued_by: str, key_id: str) -> bytes:
    """The slip's PDF for the recovery code ``code_grouped`` (``1234 5678 …``); ``key_id`` names the key it opens
    (as the data folder's clerk.key does: matching a slip to a folder), never the key itself."""
    sheet = Sheet(certificate.PAGE, title="数据库恢复码", marks=Marks())
    sheet.start_page()
    width = sheet.width / 2.834645669  # points to mm
    sheet.text(width / 2, 20, "窗口数据库恢复码", size=18, align="center", bold=True)
    sheet.text(width / 2, 29, "机密 · 请放入大厅保险柜保管 · 不要拍照、不要存入电脑", size=10.5, align="center")
    sheet.text(20, 42, f"大厅及窗口：{hall or '（生成时尚未设置）'}    密钥编号：{key_id[:8]}", size=10.5, fit_mm=width - 40)
    sheet.text(20, 49, f"生成日期：{date_text(issued_on)}    负责人：{issued_by}", size=10.5)
    groups = code_grouped.split()
    sheet.box(15, 56, width - 30, 34, width=0.8)
    for line, start in enumerate(range(0, len(groups), GROUPS_PER_LINE)):
        sheet.text(width / 2, 70 + line * 13, "   ".join(groups[start : start + GROUPS_PER_LINE]), size=20, align="center")
    notes = [
        "用途：本窗口的数据（姓名、身份证号、电话等）在电脑上是加密保存的，密钥存放在本电脑的系统钥匙串中。",
        "换电脑、重装系统或钥匙串丢失后，需由负责人输入本恢复码解锁（窗口程序会提示，或运行 clerk-app unlock）。",
        "没有密钥也没有本恢复码，数据和用同一密钥做的备份都无法读取。生成新恢复码后，本纸条即作废，请销毁。",
    ]
    for number, note in enumerate(notes):
        sheet.text(15, 102 + number * 7, note, size=8.5, fit_mm=width - 30)
    return sheet.finish()
