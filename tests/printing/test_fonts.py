"""The CJK font: the shipped fallback works everywhere, Windows' own faces are preferred where present."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from clerk_app.printing import fonts


@pytest.fixture
def fresh_font_chains() -> Iterator[None]:
    saved = dict(fonts._chains)
    fonts._chains.clear()
    yield
    fonts._chains.clear()
    fonts._chains.update(saved)


def test_the_shipped_font_draws_common_and_minority_names_and_names_what_it_cannot() -> None:
    assert fonts.pick("阿依古丽·买买提 张喆 王堃") == "ClerkFallback"
    with pytest.raises(fonts.MissingGlyphs) as missing:
        fonts.pick("刘䶮与𠇔")
    assert missing.value.characters == ["䶮", "𠇔"]


def test_windows_song_and_hei_are_preferred_when_present(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_font_chains: None
) -> None:
    # A stand-in for C:\Windows\Fonts holding SimSun (the face files are TrueType like the real ones).
    shutil.copy(fonts.FALLBACK[1], tmp_path / "simsun.ttc")
    monkeypatch.setattr(fonts, "system_font_dir", lambda: tmp_path)
    assert [face.name for face in fonts.chain("song")] == ["ClerkSong", "ClerkFallback"]
    assert [face.name for face in fonts.chain("hei")] == ["ClerkFallback"]  # no simhei.ttf there
    assert fonts.pick("张三", "song") == "ClerkSong"
