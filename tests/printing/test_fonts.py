"""The CJK fonts: the shipped Song face for papers, a per-character fallback to the shipped sans face, Windows' own faces first."""

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


def test_the_shipped_fonts_draw_common_and_minority_names_and_name_what_they_cannot() -> None:
    assert fonts.pick("阿依古丽·买买提 张三") == "ClerkSongShipped"
    # The Song face holds GB 2312 only: 喆 and 堃 come from the sans face, character by character.
    assert fonts.runs("张喆 王堃") == [
        ("ClerkSongShipped", "张"), ("ClerkFallback", "喆 "), ("ClerkSongShipped", "王"), ("ClerkFallback", "堃")
    ]
    with pytest.raises(fonts.MissingGlyphs) as missing:
        fonts.runs("刘䶮与𠇔")
    assert missing.value.characters == ["䶮", "𠇔"]


def test_the_song_face_ships_with_its_licence_and_is_small_enough_to_bundle() -> None:
    path = fonts.SONG[1]
    assert path.stat().st_size < 20 * 1024 * 1024
    licence = (path.parent / "LICENSE-arphic-gbsn00lp.txt").read_text(encoding="utf-8")
    assert "ARPHIC PUBLIC LICENSE" in licence and "copy and distribute verbatim copies of this Font" in licence


def test_windows_song_and_hei_are_preferred_when_present(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_font_chains: None
) -> None:
    # A stand-in for C:\Windows\Fonts holding SimSun (the face files are TrueType like the real ones).
    shutil.copy(fonts.FALLBACK[1], tmp_path / "simsun.ttc")
    monkeypatch.setattr(fonts, "system_font_dir", lambda: tmp_path)
    assert [face.name for face in fonts.chain("song")] == ["ClerkSong", "ClerkSongShipped", "ClerkFallback"]
    assert [face.name for face in fonts.chain("hei")] == ["ClerkFallback"]  # no simhei.ttf there
    assert fonts.pick("张三", "song") == "ClerkSong"
