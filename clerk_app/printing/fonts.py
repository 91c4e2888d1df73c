"""The Chinese faces every printed page embeds, and the check that a text can be drawn at all.

A PDF that names a font without embedding it prints boxes on a computer without
Chinese fonts, so every page embeds (a subset of) a TrueType CJK face.
Official papers are set in Song (Ming) faces only (DOMAIN.md, ruling
"Documents"; issue 22: a name half Song, half sans looks altered): Windows'
SimSun where it exists, then the AR PL SungtiL GB shipped in ``resources/fonts``
(GB 2312), then AR PL UMing CN shipped beside it (``uming.ttc``, from Debian's
fonts-arphic-uming: GB 18030's and Big5's characters, CJK extension A and part
of B, so 堃, 喆, 赟 and most rare name characters), both under the Arphic Public
License (texts beside them). The screens' sans face is never used on paper.

A string is set in one face when one face has all its characters (``runs``):
the first such face in that order, so a rare name is all in UMing rather than
half in each. Only a string no single face can draw is split, character by
character, each into the first face that has it; a character no face has
raises ``MissingGlyphs``, naming it so the clerk can be told.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from clerk_app.domain.problems import Problem, problem

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
# (registered name, file, face index in a .ttc), preferred first.
SONG = ("ClerkSongShipped", FONT_DIR / "gbsn00lp.ttf", 0)  # AR PL SungtiL GB
FALLBACK = ("ClerkMingShipped", FONT_DIR / "uming.ttc", 0)  # AR PL UMing CN
WINDOWS_SONG = ("ClerkSong", "simsun.ttc", 0)  # in the Windows font folder


class MissingGlyphs(Exception):
    """No face has these characters of ``text``."""

    def __init__(self, text: str, characters: list[str]) -> None:
        super().__init__(f"no glyph for {', '.join(f'U+{ord(c):04X}' for c in characters)}")
        self.text = text
        self.characters = characters

    def problem(self, field: str | None = None) -> Problem:
        shown = "、".join(f"「{c}」(U+{ord(c):04X})" for c in self.characters)
        where = self.text if len(self.text) <= 20 else self.text[:19] + "…"
        return problem("print_glyph_missing", field, where=f"「{where}」", characters=shown)


@dataclass(frozen=True)
class Face:
    name: str  # the name registered with ReportLab
    path: Path
    cmap: frozenset[int]


def system_font_dir() -> Path | None:
    """Windows' font folder, where SimSun lives; None elsewhere."""
    if sys.platform != "win32":
        return None
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


_lock = threading.Lock()
_chain: list[Face] = []
_faces: dict[Path, Face] = {}


def _face(name: str, path: Path, index: int) -> Face:
    if path not in _faces:
        font = TTFont(name, str(path), subfontIndex=index)
        pdfmetrics.registerFont(font)
        _faces[path] = Face(name, path, frozenset(font.face.charToGlyph))
    return _faces[path]


def chain() -> tuple[Face, ...]:
    """The Song faces, preferred first, registered with ReportLab once per process."""
    with _lock:
        if not _chain:
            folder = system_font_dir()
            if folder is not None:
                name, file_name, index = WINDOWS_SONG
                path = folder / file_name
                if path.is_file():
                    with contextlib.suppress(Exception):  # a damaged or CFF system font: use the shipped ones
                        _chain.append(_face(name, path, index))
            _chain.extend((_face(*SONG), _face(*FALLBACK)))
        return tuple(_chain)


def _needs_glyph(character: str) -> bool:
    # Line breaks and other control characters are layout, not drawn.
    return unicodedata.category(character) not in {"Cc", "Cf"}


def missing(text: str, face: Face) -> list[str]:
    """Characters of ``text`` the face cannot draw, each once, in order."""
    seen: dict[str, None] = {}
    for character in text:
        if _needs_glyph(character) and ord(character) not in face.cmap:
            seen.setdefault(character, None)
    return list(seen)


def _no_face_for(text: str, faces: tuple[Face, ...]) -> MissingGlyphs:
    return MissingGlyphs(text, [c for c in missing(text, faces[-1]) if all(ord(c) not in f.cmap for f in faces)])


def runs(text: str) -> list[tuple[str, str]]:
    """``text`` as (registered face name, part) runs: all of it in the first face that has every character,
    else each character in the first face that has it.

    Spaces and layout characters stay in the run they are in; ``MissingGlyphs``
    names the characters no face can draw.
    """
    faces = chain()
    whole = next((f for f in faces if not missing(text, f)), None)
    if whole is not None:
        return [(whole.name, text)]
    result: list[tuple[str, str]] = []
    current, part = faces[0].name, ""
    for character in text:
        if _needs_glyph(character) and not character.isspace():
            face = next((f for f in faces if ord(character) in f.cmap), None)
            if face is None:
                raise _no_face_for(text, faces)
            if face.name != current and part:
                result.append((current, part))
                part = ""
            current = face.name
        part += character
    if part or not result:
        result.append((current, part))
    return result


def pick(text: str) -> str:
    """The registered name of the first face that draws every character of ``text``."""
    faces = chain()
    for face in faces:
        if not missing(text, face):
            return face.name
    # Name what no face has; if every character exists somewhere but no one face has them all, what the fallback lacks.
    error = _no_face_for(text, faces)
    raise error if error.characters else MissingGlyphs(text, missing(text, faces[-1]))
