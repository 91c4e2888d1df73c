"""Opening the window, or saying in one line why it cannot be opened.

Without a display Qt would abort with a trace the clerk cannot read, so the
display is checked first, and a fatal message from Qt's platform plugin is
turned into a one-line explanation: on Linux, when the machine has a desktop
but the plugin (``libqxcb.so``) cannot load because a system library is
missing (libxcb-cursor0 is the usual one), the line names the library and the
package to install, read from ``ldd`` on the plugin; with no display at all it
points to the command line.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from clerk_app.display import display_available
from clerk_app.domain.problems import problem

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)
_PLUGIN = re.compile(r'platform plugin "([\w-]+)"')


def missing_libraries(ldd_output: str) -> list[str]:
    """The libraries ``ldd`` could not find, in its order, each once ("libxcb-cursor.so.0")."""
    return list(dict.fromkeys(_NOT_FOUND.findall(ldd_output)))


def debian_package(library: str) -> str:
    """The Debian/Ubuntu package that holds a library, by the distribution's naming rule:
    libxcb-cursor.so.0 -> libxcb-cursor0, libxkbcommon-x11.so.0 -> libxkbcommon-x11-0."""
    base, _, version = library.partition(".so")
    version = version.lstrip(".").split(".")[0]
    if not version:
        return base
    return f"{base}-{version}" if base[-1:].isdigit() else f"{base}{version}"


def plugin_libraries_missing(plugin: Path) -> list[str]:
    """What ``ldd`` says the plugin lacks; empty when it lacks nothing or ldd cannot tell."""
    ldd = shutil.which("ldd")
    if ldd is None or not plugin.is_file():
        return []
    try:
        found = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    return missing_libraries(found.stdout + found.stderr)


def why_no_window(qt_message: str, lang: str, plugins: Path | None) -> str:
    """The line said when Qt gives up on its platform plugin (``plugins``: Qt's plugin folder)."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and sys.platform.startswith("linux"):
        return problem("no_display").message(lang)
    named = _PLUGIN.search(qt_message)
    if plugins is not None and sys.platform.startswith("linux"):
        plugin = plugins / "platforms" / f"libq{named.group(1) if named else 'xcb'}.so"
        missing = plugin_libraries_missing(plugin)
        if missing:
            packages = " ".join(dict.fromkeys(debian_package(library) for library in missing))
            return problem("qt_library_missing", libraries=", ".join(missing), packages=packages).message(lang)
    detail = " ".join(qt_message.split())
    return problem("qt_platform_failed", detail=detail[:160] + ("…" if len(detail) > 160 else "")).message(lang)


def _exit_on_fatal_qt_message(lang: str) -> None:
    from PySide6.QtCore import QLibraryInfo, QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if kind == QtMsgType.QtFatalMsg:
            plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
            print(why_no_window(message, lang, plugins), file=sys.stderr)
            os._exit(3)
        print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def launch(args: argparse.Namespace) -> int:
    # Said before Qt is loaded, so in the command line's language (--lang), from the domain's catalogue.
    lang = getattr(args, "lang", "zh")
    if not display_available():
        print(problem("no_display").message(lang), file=sys.stderr)
        return 3
    _exit_on_fatal_qt_message(lang)
    from ui.app import run

    return run(args)
