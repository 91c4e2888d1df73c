"""Regenerate the window's translation sources and compile them: the one command after changing UI text.

    .venv/bin/python resources/translations/update.py          # update the .ts sources, then compile
    .venv/bin/python resources/translations/update.py --check  # also fail if a string is untranslated

Chinese is the source language, so only English needs translating:
  - ``clerk_en.ts``: every ``tr()`` / ``translate()`` / ``QT_TRANSLATE_NOOP`` string in ``ui/``,
    found by ``pyside6-lupdate`` (existing translations are kept; vanished strings dropped);
  - ``domain_en.ts``: the domain's own words (record kinds, licence classes, choices, field and
    setting labels, from ``ui.words.domain_words()``), which lupdate cannot see because the
    domain holds no Qt. Their English starts from the domain's own English where it has one.
Translate the ``type="unfinished"`` entries (Qt Linguist, or by hand), run this again, and
``pyside6-lrelease`` compiles both into the shipped ``clerk_en.qm``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
UI_TS = "clerk_en.ts"
DOMAIN_TS = "domain_en.ts"
QM = "clerk_en.qm"


def _tool(name: str) -> str:
    found = BIN / name
    return str(found) if found.exists() else name


def run_lupdate(folder: Path) -> None:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").glob("*.py"))
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources, "-ts", str(folder / UI_TS), "-silent",
         "-source-language", "zh_CN", "-target-language", "en", "-no-obsolete", "-locations", "relative"],
        cwd=ROOT, check=True,
    )


def _translations(path: Path) -> dict[tuple[str, str], str]:
    if not path.exists():
        return {}
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.text and translation.get("type") != "unfinished":
                found[(name, message.findtext("source", ""))] = translation.text
    return found


def write_domain_ts(folder: Path) -> None:
    from ui.words import CONTEXT, domain_words

    extracted = _sources(folder / UI_TS, CONTEXT)
    kept = _translations(folder / DOMAIN_TS)
    root = ET.Element("TS", version="2.1", language="en", sourcelanguage="zh_CN")
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for source, english in sorted(domain_words().items()):
        if source in extracted:
            continue  # already extracted from a QT_TRANSLATE_NOOP in ui/
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = source
        translation = ET.SubElement(message, "translation")
        text = kept.get((CONTEXT, source)) or english
        if text:
            translation.text = text
        else:
            translation.set("type", "unfinished")
    ET.indent(root)
    (folder / DOMAIN_TS).write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + ET.tostring(root, encoding="unicode") + "\n",
        encoding="utf-8",
    )


def _sources(path: Path, context_name: str) -> set[str]:
    if not path.exists():
        return set()
    return {
        message.findtext("source", "")
        for context in ET.parse(path).getroot().iter("context")
        if context.findtext("name") == context_name
        for message in context.iter("message")
    }


def unfinished(folder: Path) -> list[str]:
    missing = []
    for path in (folder / UI_TS, folder / DOMAIN_TS):
        for context in ET.parse(path).getroot().iter("context"):
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation is None or translation.get("type") in ("unfinished",):
                    missing.append(f"{path.name} [{context.findtext('name')}] {message.findtext('source')}")
    return missing


def run_lrelease(folder: Path) -> None:
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(folder / UI_TS), str(folder / DOMAIN_TS), "-qm", str(folder / QM)],
        check=True,
    )


def update(folder: Path = HERE) -> list[str]:
    """Bring the .ts files in ``folder`` up to date with the sources and compile them; the untranslated strings."""
    run_lupdate(folder)
    write_domain_ts(folder)
    run_lrelease(folder)
    return unfinished(folder)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="exit 1 when any string has no English yet")
    args = parser.parse_args()
    missing = update()
    for line in missing:
        print("untranslated:", line)
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    sys.exit(main())
