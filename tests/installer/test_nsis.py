"""The Windows installer's uninstaller keeps the hall's data and its key, and says so (in Chinese).

Read from installer/clerk-app.nsi, and compiled in seconds against a stand-in bundle where makensis exists
(the real bundle is packed by tests/installer/test_bundle.py, which takes minutes).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from installer import build

SCRIPT = build.NSIS_SCRIPT.read_text(encoding="utf-8")


def _expand(text: str, defines: dict[str, str]) -> str:
    """``${NAME}`` replaced by its define, as makensis does (defines within defines too)."""
    for _ in range(3):
        text = re.sub(r"\$\{(\w+)\}", lambda m: defines.get(m.group(1), m.group(0)), text)
    return text


def _defines() -> dict[str, str]:
    return dict(re.findall(r'^!define (\w+) "(.*)"$', SCRIPT, re.MULTILINE))


def _uninstall_section() -> list[str]:
    body = SCRIPT.split('Section "Uninstall"', 1)[1].split("SectionEnd", 1)[0]
    return [line.strip() for line in body.splitlines() if line.strip() and not line.strip().startswith(";")]


def test_the_uninstaller_removes_only_the_program_files() -> None:
    removals = [line for line in _uninstall_section() if line.split()[0] in {"Delete", "RMDir", "DeleteRegKey"}]

    assert removals, "the Uninstall section removes nothing?"
    allowed = ("$INSTDIR", "$SMPROGRAMS\\${PRODUCT}", "$DESKTOP\\${PRODUCT}.lnk", "HKLM")
    for line in removals:
        target = line.split(None, 1)[1].replace("/r ", "").strip('"')
        assert target.startswith(allowed), f"the uninstaller removes {target}"
        assert "APPDATA" not in target.upper() and "clerk.key" not in target


def test_the_uninstaller_says_the_data_and_the_key_are_kept() -> None:
    defines = _defines()
    confirm = _expand(defines["MUI_UNCONFIRMPAGE_TEXT_TOP"], defines)
    finished = re.search(r'Function un\.onUninstSuccess.*?MessageBox \w+ "(.*?)"', SCRIPT, re.DOTALL)
    assert finished is not None, "no message after uninstalling"
    for message in (confirm, _expand(finished.group(1), defines)):
        assert "不会删除" in message
        assert r"%LOCALAPPDATA%\JilinRoadTransport\clerk-app" in message  # where the data folder is
        assert "clerk.key" in message and "Windows 凭据管理器" in message  # the key file and where the key is


def test_the_script_compiles(tmp_path: Path) -> None:
    makensis = build.find_makensis()
    if makensis is None:
        pytest.skip("makensis is not installed (Debian package nsis; dev.py test installs it as root)")
    stand_in = tmp_path / "bundle"
    (stand_in / "_internal").mkdir(parents=True)
    (stand_in / "clerk-app.exe").write_bytes(b"MZ")

    setup = build.installer(stand_in, tmp_path / "clerk-app-setup.exe", makensis, compress=False)

    assert setup.read_bytes()[:2] == b"MZ"
