"""Whether this machine has a display Qt can draw on.

Asked by the window's launcher (``ui.launch``: no display, no window, one line
instead of Qt's abort) and by the self-check's print step (no display: Qt's
offscreen platform, so printing is still proved). A fact about the
environment, so it lives below both rather than in the window's package.
"""

from __future__ import annotations

import os
import sys


def display_available() -> bool:
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
