"""Opening the window, or saying in one line why it cannot be opened.

Without a display Qt would abort with a trace the clerk cannot read, so the
display is checked first, and a fatal message from Qt's platform plugin is
turned into the same one-line explanation.
"""

from __future__ import annotations

import argparse
import os
import sys

from clerk_app.display import display_available

NO_DISPLAY = (
    "无法打开窗口：这台电脑当前没有可用的显示器（图形界面）。"
    "请在有桌面的电脑上运行，或使用命令行：clerk-app --help"
)


def _exit_on_fatal_qt_message() -> None:
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if kind == QtMsgType.QtFatalMsg:
            print(NO_DISPLAY, file=sys.stderr)
            os._exit(3)
        print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def launch(args: argparse.Namespace) -> int:
    if not display_available():
        print(NO_DISPLAY, file=sys.stderr)
        return 3
    _exit_on_fatal_qt_message()
    from ui.app import run

    return run(args)
