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
from clerk_app.domain.problems import problem


def _exit_on_fatal_qt_message(no_display: str) -> None:
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if kind == QtMsgType.QtFatalMsg:
            print(no_display, file=sys.stderr)
            os._exit(3)
        print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def launch(args: argparse.Namespace) -> int:
    # Said before Qt is loaded, so in the command line's language (--lang), from the domain's catalogue.
    no_display = problem("no_display").message(getattr(args, "lang", "zh"))
    if not display_available():
        print(no_display, file=sys.stderr)
        return 3
    _exit_on_fatal_qt_message(no_display)
    from ui.app import run

    return run(args)
