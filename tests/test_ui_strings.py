"""Every Chinese string the window shows goes through Qt's translator, where lupdate can find it.

The rule, read from the source of ``ui/`` with ``ast``: a string literal holding Chinese
(an ideograph, or CJK / full-width punctuation such as 、，：（）) must be the text argument
of ``tr()``, ``translate()``, ``QT_TRANSLATE_NOOP()`` or ``QT_TR_NOOP()``, or a docstring.
Comments are not literals, and log messages are written in English, so neither needs a rule.
The ideographic space (U+3000) alone is layout, not language. The domain's own words reach
the screen through ``ui.words.word()`` and ``domain_en.ts``; its messages through the
catalogue in ``clerk_app/domain/problems.py``, which speaks both languages.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

UI = Path(__file__).resolve().parents[1] / "ui"
CHINESE = re.compile(r"[\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]")
# Where in a translating call the source text sits: tr(text), translate(context, text)…
TEXT_ARGUMENT = {"tr": 0, "QT_TR_NOOP": 0, "translate": 1, "QT_TRANSLATE_NOOP": 1}
# Chinese shown on purpose in every language, and why.
ALLOWED = {
    "中文（简体）": "the language picker names each language in itself, so a clerk can always find Chinese again",
}


def untranslated(source: str) -> list[tuple[int, str]]:
    """(line, text) of every Chinese literal in ``source`` that lupdate cannot see."""
    tree = ast.parse(source)
    # lupdate does not look inside f-strings: a tr() there is as invisible as no tr() at all.
    in_f_strings = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for inner in ast.walk(node)}
    seen: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                seen.add(id(first.value))
        elif isinstance(node, ast.Call) and id(node) not in in_f_strings:
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            position = TEXT_ARGUMENT.get(name or "")
            if position is not None and len(node.args) > position:
                seen.add(id(node.args[position]))
    return sorted(
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in seen
        and CHINESE.search(node.value) and node.value not in ALLOWED
    )


def test_every_chinese_string_in_the_window_is_translatable() -> None:
    found = [
        f"ui/{path.name}:{line}: {text!r}"
        for path in sorted(UI.glob("*.py"))
        for line, text in untranslated(path.read_text(encoding="utf-8"))
    ]
    assert not found, "Chinese the English window cannot translate (wrap it in self.tr() or translate()):\n" + "\n".join(
        found
    )


def test_the_rule_sees_what_lupdate_cannot() -> None:
    source = '''
def f(self, lang):
    """说明文字：文档字符串不算。"""
    self.setWindowTitle(self.tr("打印"))
    QCoreApplication.translate("ctx", "关闭")
    QT_TRANSLATE_NOOP("words", "学时")
    self.setToolTip("本机没有安装打印机")
    label = "是" if lang != "en" else "yes"
    parts = "、".join(x)
    gap = "\u3000"
    title = f"{self.tr('回执号')} {number}"
'''
    assert untranslated(source) == [(7, "本机没有安装打印机"), (8, "是"), (9, "、"), (11, "回执号")]


def chosen_by_language(source: str) -> list[int]:
    """Lines choosing text by language by hand: ``a if lang == "en" else b`` (choosing the language code
    itself is fine), or a Problem's ``message_zh``/``message_en`` instead of ``message(lang)``."""
    codes = {"en", "zh", "zh_CN"}
    return sorted({
        node.lineno
        for node in ast.walk(ast.parse(source))
        if (
            isinstance(node, ast.IfExp) and isinstance(node.test, ast.Compare)
            and any(isinstance(c, ast.Constant) and c.value == "en" for c in (node.test.left, *node.test.comparators))
            and not all(isinstance(b, ast.Constant) and b.value in codes for b in (node.body, node.orelse))
        )
        or (isinstance(node, ast.Attribute) and node.attr in ("message_zh", "message_en"))
    })


def test_no_text_is_chosen_by_language_inline() -> None:
    found = [f"ui/{p.name}:{line}" for p in sorted(UI.glob("*.py")) for line in chosen_by_language(p.read_text("utf-8"))]
    assert not found, "text picked by language by hand; use self.tr() or problem.message(lang):\n" + "\n".join(found)
    assert chosen_by_language('x = en if self.ctx.lang == "en" else zh\ny = "en" if s == "en" else "zh"\nz = p.message_zh\n') == [1, 3]
