"""The CJK faces of papers: Song (Ming) faces only, Windows' SimSun first, then the shipped AR PL SungtiL GB and AR PL UMing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from clerk_app.printing import fonts


@pytest.fixture
def fresh_font_chains() -> Iterator[None]:
    saved = list(fonts._chain)
    fonts._chain.clear()
    yield
    fonts._chain[:] = saved


def test_the_shipped_faces_draw_common_rare_and_minority_names_each_in_one_face_and_name_what_they_cannot() -> None:
    assert fonts.pick("阿依古丽·买买提 张三") == "ClerkSongShipped"
    # SungtiL GB holds GB 2312 only: a name with 堃 or 喆 is set wholly in UMing, not half in each face.
    assert fonts.runs("王堃喆") == [("ClerkMingShipped", "王堃喆")]
    assert fonts.runs("刘䶮") == [("ClerkMingShipped", "刘䶮")]  # CJK extension A
    # A character no shipped face has (extension A's 㐂, extension B's 𠀀) stops the print, named.
    with pytest.raises(fonts.MissingGlyphs) as missing:
        fonts.runs("刘㐂与𠀀")
    assert missing.value.characters == ["㐂", "𠀀"]


def test_the_song_faces_ship_with_their_licence_and_are_small_enough_to_bundle() -> None:
    for (_name, path, _index), licence_name in ((fonts.SONG, "LICENSE-arphic-gbsn00lp.txt"), (fonts.FALLBACK, "LICENSE-arphic-uming.txt")):
        assert path.stat().st_size < 25 * 1024 * 1024
        licence = (path.parent / licence_name).read_text(encoding="utf-8")
        assert "ARPHIC PUBLIC LICENSE" in licence and "copy and distribute verbatim copies of this Font" in licence


def test_windows_simsun_is_preferred_when_present(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_font_chains: None) -> None:
    # A stand-in for C:\Windows\Fonts holding SimSun (a TrueType collection like the real one).
    shutil.copy(fonts.FALLBACK[1], tmp_path / "simsun.ttc")
    monkeypatch.setattr(fonts, "system_font_dir", lambda: tmp_path)
    assert [face.name for face in fonts.chain()] == ["ClerkSong", "ClerkSongShipped", "ClerkMingShipped"]
    assert fonts.pick("张三") == "ClerkSong"
