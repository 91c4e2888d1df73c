"""How the window looks and speaks: the shipped Chinese font, the translation, the style sheet.

The hall PCs may lack a Chinese font (and this build machine has none), so the
WenQuanYi Micro Hei shipped in ``resources/fonts`` is registered with Qt and
made the application font: the window never depends on the system's fonts.
The interface's source strings are Chinese; ``resources/translations/clerk_en.qm``
turns them into English when the ``ui.language`` setting says ``en``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

import resources

log = logging.getLogger("ui")

RESOURCES = Path(resources.__file__).resolve().parent
FONT_FILE = RESOURCES / "fonts" / "wqy-microhei.ttc"
TRANSLATIONS = RESOURCES / "translations"

STYLE_SHEET = """
QWidget { font-size: 10.5pt; }
QLabel#banner { background: #b3261e; color: white; font-weight: bold; padding: 4px; }
QLabel#who { color: #1d3b5c; font-weight: bold; }
QLabel#fieldError { color: #b3261e; }
QLabel#derived { color: #44546a; }
QLabel#alert { background: #fbe9e7; color: #8c1d18; font-weight: bold; }
QLabel#resultOk { background: #e3f1e4; color: #1e5b25; padding: 6px; border: 1px solid #9bc49f; }
QLabel#resultBad { background: #fbe9e7; color: #8c1d18; padding: 6px; border: 1px solid #e0a59f; }
QLabel#title { font-size: 14pt; font-weight: bold; color: #1d3b5c; }
QLineEdit[invalid="true"], QComboBox[invalid="true"] { border: 1px solid #b3261e; background: #fff6f5; }
QListWidget#nav { background: #f1f4f8; border: none; font-size: 11pt; }
QListWidget#nav::item { padding: 10px 8px; }
QListWidget#nav::item:selected { background: #1d3b5c; color: white; }
QStatusBar QLabel { padding: 0 8px; }
"""


def register_fonts(app: QApplication) -> None:
    font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("the shipped Chinese font %s could not be loaded", FONT_FILE)
        return
    font = QFont(families[0])
    font.setPointSizeF(10.5)
    app.setFont(font)


_installed: list[QTranslator] = []


def install_translation(app: QApplication, language: str) -> QTranslator | None:
    """Load the English translation when asked; Chinese needs none (it is the source).

    A translation installed before is removed first, so asking for zh_CN after en really
    brings Chinese back (tests switch languages in one process).
    """
    while _installed:
        app.removeTranslator(_installed.pop())
    if language != "en":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        # Qt's own words (the OK/Cancel/Yes/No of standard buttons, edit menus) in Chinese too.
        qt_words = QTranslator(app)
        if qt_words.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_words)
            _installed.append(qt_words)
        return None
    translator = QTranslator(app)
    if translator.load(str(TRANSLATIONS / "clerk_en.qm")):
        app.installTranslator(translator)
        _installed.append(translator)
        QLocale.setDefault(QLocale(QLocale.Language.English))
        return translator
    log.warning("English translation missing in %s; the window stays Chinese", TRANSLATIONS)
    return None


def apply(app: QApplication, language: str) -> None:
    register_fonts(app)
    app.setStyleSheet(STYLE_SHEET)
    install_translation(app, language)
