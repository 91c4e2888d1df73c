"""The command line's input gate: what no command may ever be handed.

Some input is refused by no rule because it breaks the code before a rule can
look at it: JSON nested hundreds of levels deep (the parser and every walk over
the value recurse), integers with thousands of digits (Python refuses to
convert more than 4,300, and no field needs more than a few dozen), NaN and
Infinity (not JSON, and they cannot be written back as JSON), lone UTF-16
surrogates such as ``"\\ud800"`` (they cannot be encoded, so output stopped
half-way), and command-line arguments that are not valid UTF-8 (Python hands
them over as surrogate escapes). Each is refused here with a Chinese (and
English) message and exit 2 before any command runs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from itertools import accumulate, pairwise

from clerk_app.domain.problems import Problem, problem

MAX_DEPTH = 32
MAX_NUMBER_CHARS = 40

_SURROGATE = re.compile("[\ud800-\udfff]")
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


class _Refused(ValueError):
    def __init__(self, refusal: Problem) -> None:
        super().__init__(refusal.code)
        self.problem = refusal


def has_surrogate(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def check_arguments(argv: Sequence[str]) -> Problem | None:
    """A Problem for the first argument that did not arrive as valid UTF-8 (or holds a lone surrogate)."""
    for position, argument in enumerate(argv, start=1):
        if has_surrogate(argument):
            return problem("argument_not_utf8", None, position=position)
    return None


def language(argv: Sequence[str]) -> str:
    """The ``--lang`` asked for, read before the arguments are parsed (a refused argument stops the parser)."""
    english = "--lang=en" in argv or any(a == "--lang" and b == "en" for a, b in pairwise(argv))
    return "en" if english else "zh"


def parse_json(text: str) -> tuple[object | None, Problem | None]:
    """The JSON value in ``text``, or the Problem that refuses it; never raises for any text."""
    if has_surrogate(text):
        return None, problem("text_lone_surrogate", "json")
    if _depth(text) > MAX_DEPTH:
        return None, problem("json_too_deep", "json", limit=MAX_DEPTH)
    try:
        value = json.loads(text, parse_int=_integer, parse_float=_number, parse_constant=_constant)
        _check_strings(value)
    except _Refused as refused:
        return None, refused.problem
    except json.JSONDecodeError as error:
        return None, problem("malformed_json", "json", line=error.lineno, column=error.colno)
    except (RecursionError, ValueError):  # a parser limit we did not foresee: still a refusal, not a crash
        return None, problem("json_too_deep", "json", limit=MAX_DEPTH)
    return value, None


def _depth(text: str) -> int:
    """How deep the brackets nest outside strings (malformed text is left to the parser to name)."""
    steps = (1 if bracket in "[{" else -1 for bracket in _BRACKET.findall(_STRING.sub("", text)))
    return max(accumulate(steps, initial=0))


def _too_long() -> _Refused:
    return _Refused(problem("json_number_too_long", "json", limit=MAX_NUMBER_CHARS))


def _integer(digits: str) -> int:
    if len(digits) > MAX_NUMBER_CHARS:
        raise _too_long()
    return int(digits)


def _number(digits: str) -> float:
    value = float(digits)
    if len(digits) > MAX_NUMBER_CHARS or value in (float("inf"), float("-inf")):
        raise _too_long()
    return value


def _constant(name: str) -> float:
    raise _too_long()


def _check_strings(value: object) -> None:
    """Escaped lone surrogates (``"\\ud800"``) appear only after parsing: look at every key and string."""
    if isinstance(value, str):
        if has_surrogate(value):
            raise _Refused(problem("text_lone_surrogate", "json"))
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_strings(key)
            _check_strings(item)
    elif isinstance(value, list):
        for item in value:
            _check_strings(item)


def dumps(value: object) -> str:
    """``value`` as indented JSON text that can always be written whole (surrogates escaped, never raw)."""
    text = json.dumps(value, ensure_ascii=False, indent=2, default=str)
    if has_surrogate(text):
        text = json.dumps(value, ensure_ascii=True, indent=2, default=str)
    return text
