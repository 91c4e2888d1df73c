"""The domain's own words on screen (kinds, classes, choices, field and setting labels), through Qt's translator.

The domain keeps its vocabulary in Chinese and imports no Qt, so lupdate
cannot find those words in ``ui/``. The window shows each of them through
``word()``, in the ``words`` context; ``domain_words()`` lists them all, and
``resources/translations/update.py`` writes them into ``domain_en.ts`` beside
the strings lupdate extracts. UI tables of fixed words (column titles, upload
states) are marked with ``QT_TRANSLATE_NOOP("words", …)`` so lupdate finds them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from clerk_app.domain import kinds, lifecycle
from clerk_app.domain.id_card import CARD_TYPE_LABELS
from clerk_app.domain.problems import FIELD_LABELS
from clerk_app.services.settings import SPECS

CONTEXT = "words"


def word(text: object) -> str:
    """``text`` (a Chinese word of the domain or of a marked UI table) in the window's language.

    Takes ``object`` because PySide's stubs type ``QT_TRANSLATE_NOOP`` as returning one; it returns the string.
    """
    return QCoreApplication.translate(CONTEXT, str(text))


def outcome_label(outcome: str) -> str:
    """What became (or would become) of an imported row: 可导入, 不能导入…, in the window's language."""
    from clerk_app.importing.service import OUTCOME_LABELS  # the import's module, loaded when first needed

    return word(OUTCOME_LABELS[outcome][0])


def domain_words() -> dict[str, str]:
    """Every domain word the window shows, with the domain's own English where it has one (else "")."""
    found: dict[str, str] = {}
    tables = (
        kinds.KIND_LABELS_ZH, kinds.LICENCE_CLASSES, kinds.TRAINING_SCOPES, kinds.CE_CATEGORIES,
        kinds.SESSION_MODES, kinds.REQUEST_KINDS, kinds.SITUATIONS, kinds.INSTITUTION_KINDS,
        kinds.INSTITUTION_STATUSES, kinds.FILING_LEVELS, kinds.FILING_MODES,
    )
    for table in tables:
        for text in table.values():
            found.setdefault(text, "")
    for code, text in kinds.INSTITUTION_KINDS.items():
        found[text] = kinds.INSTITUTION_KINDS_EN[code]
    for zh, en in FIELD_LABELS.values():
        found.setdefault(zh, en[:1].upper() + en[1:])
    for spec in SPECS.values():
        found.setdefault(spec.label_zh, "")
    for zh, en in CARD_TYPE_LABELS.values():
        found.setdefault(zh, en[:1].upper() + en[1:])
    from clerk_app.importing.service import OUTCOME_LABELS
    from clerk_app.printing.service import DOCUMENTS

    for zh, en in OUTCOME_LABELS.values():
        found.setdefault(zh, en[:1].upper() + en[1:])
    for text in DOCUMENTS.values():
        found.setdefault(text, "")
    for state in lifecycle.State:
        found[lifecycle.label(state)] = lifecycle.label(state, "en")
    return found
