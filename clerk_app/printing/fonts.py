"""The Chinese fonts every printed page embeds, and the check that a text can be drawn at all.

A PDF that names a font without embedding it prints boxes on a computer without
Chinese fonts, so every page embeds (a subset of) a TrueType CJK font.
Official papers are set in a Song face (DOMAIN.md, ruling "Documents"): Windows'
SimSun where it exists, else the AR PL SungtiL GB shipped in ``resources/fonts``
(Arphic Public License, text beside it). That face holds GB 2312 only, so each
character it lacks (堃, 喆 and other name characters) is drawn in the shipped
WenQuanYi Micro Hei (Apache-2.0), which is the last face of every style.

A font that lacks a character would silently draw an empty box. So every
string is split into runs, each character going to the first face of the
style that holds it (``runs``); a character no face holds raises
``MissingGlyphs``, naming it so the clerk can be told.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from clerk_app.domain.problems import Problem, problem

Style = Literal["song", "hei"]

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
FALLBACK = ("ClerkFallback", FONT_DIR / "wqy-microhei.ttc", 0)
SONG = ("ClerkSongShipped", FONT_DIR / "gbsn00lp.ttf", 0)  # AR PL SungtiL GB
# (registered name, file name in the Windows font folder, face index in a .ttc)
WINDOWS_FACES: dict[Style, tuple[str, str, int]] = {
    "song": ("ClerkSong", "simsun.ttc", 0),
    "hei": ("ClerkHei", "simhei.ttf", 0),
}


class MissingGlyphs(Exception):
    """No font of the style has these characters of ``text``."""

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
    """Windows' font folder, where SimSun and SimHei live; None elsewhere."""
    if sys.platform != "win32":
        return None
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


_lock = threading.Lock()
_chains: dict[Style, tuple[Face, ...]] = {}
_faces: dict[Path, Face] = {}


def _face(name: str, path: Path, index: int) -> Face:
    if path not in _faces:
        font = TTFont(name, str(path), subfontIndex=index)
        pdfmetrics.registerFont(font)
        _faces[path] = Face(name, path, frozenset(font.face.charToGlyph))
    return _faces[path]


def chain(style: Style) -> tuple[Face, ...]:
    """The faces of a style, preferred first, registered with ReportLab once per process."""
    with _lock:
        if style not in _chains:
            faces = []
            folder = system_font_dir()
            if folder is not None:
                name, file_name, index = WINDOWS_FACES[style]
                path = folder / file_name
                if path.is_file():
                    with contextlib.suppress(Exception):  # a damaged or CFF system font: use the shipped one
                        faces.append(_face(name, path, index))
            if style == "song":
                faces.append(_face(*SONG))
            faces.append(_face(*FALLBACK))
            _chains[style] = tuple(faces)
        return _chains[style]


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


def runs(text: str, style: Style = "song") -> list[tuple[str, str]]:
    """``text`` as (registered face name, part) runs: each character in the first face of ``style`` that has it.

    Spaces and layout characters stay in the run they are in; ``MissingGlyphs``
    names the characters no face of the style can draw.
    """
    faces = chain(style)
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


def pick(text: str, style: Style = "song") -> str:
    """The registered name of the first face of ``style`` that draws every character of ``text``."""
    faces = chain(style)
    for face in faces:
        if not missing(text, face):
            return face.name
    # Name what no face has; if every character exists somewhere but no one face has them all, what the fallback lacks.
    error = _no_face_for(text, faces)
    raise error if error.characters else MissingGlyphs(text, missing(text, faces[-1]))
