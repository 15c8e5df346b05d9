"""JSON Schema ``pattern`` values, spelled so that jsonschema-rs's regular-expression engine
matches exactly the strings Python's ``re.search`` matches (what ``jsonschema`` does, and what
the model means).

The engines differ in a few places (see :mod:`.json_schema`): ``\\s`` (U+FEFF, U+001C-U+001F),
``\\d`` (digits of other scripts), ``$`` (Python's also matches before a final newline) and
``.`` (ECMA-262 stops at U+2028/U+2029 too). A pattern made only of what both read alike, plus
``\\s``, ``\\S``, ``.``, a leading ``^`` and a final ``$``, is rewritten with those spelled out:
``\\s`` as the explicit class of Python's whitespace, ``.`` as ``[^\\n]``, ``$`` as ``\\n?$``.
Anything else (``\\d``, ``\\w``, groups with ``?``, a ``$`` or ``^`` elsewhere, a class that
another engine would read as a set operation ...) is left to Python: :func:`engine_neutral`
returns None, and the caller checks that pattern with ``re`` (1 us a string, against 0.1 us).
``tests/test_json_schema.py`` compares both engines on every character for each rewritten
pattern of the bundled schemas.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["engine_neutral"]

# Escapes of characters that are syntax: read as the character itself by every engine.
_SYNTAX = frozenset("\\.^$*+?()[]{}|/-")
_QUANTIFIER = re.compile(r"\{\d+(,\d*)?\}")


@lru_cache(maxsize=1)
def _spaces() -> str:
    """Python's ``\\s`` on str, as the body of a character class (``\\uXXXX`` escapes). Unicode
    has no whitespace outside the Basic Multilingual Plane (a test checks it on this Python)."""
    return "".join(f"\\u{code:04x}" for code in range(0x10000) if chr(code).isspace())


def engine_neutral(pattern: str) -> str | None:
    """``pattern`` in a spelling jsonschema-rs reads as Python does, or None."""
    out: list[str] = []
    index, end = 0, len(pattern)
    in_class = False
    while index < end:
        char = pattern[index]
        if char == "\\":
            escaped = pattern[index + 1:index + 2]
            if escaped == "s":
                out.append(_spaces() if in_class else f"[{_spaces()}]")
            elif escaped == "S" and not in_class:
                out.append(f"[^{_spaces()}]")
            elif escaped and escaped in _SYNTAX:
                out.append(char + escaped)
            else:
                return None
            index += 2
            continue
        if in_class:
            if char == "[" or pattern.startswith(("&&", "--", "~~"), index):
                return None  # a nested class or a set operation to Rust's regex, literal to Python
            in_class = char != "]"
            out.append(char)
        elif char == "[":
            start = index + 2 if pattern[index + 1:index + 2] == "^" else index + 1
            if pattern[start:start + 1] == "]":
                return None  # "[]..." is a literal "]" to Python, an empty class to ECMA-262
            out.append(pattern[index:start])
            in_class = True
            index = start
            continue
        elif char == "^":
            if index:
                return None
            out.append(char)
        elif char == "$":
            if index != end - 1:
                return None
            out.append("\\n?$")  # Python's $ also matches before a final newline
        elif char == ".":
            out.append("[^\\n]")
        elif char == "(" and pattern[index + 1:index + 2] == "?":
            return None
        elif char == "{":
            quantifier = _QUANTIFIER.match(pattern, index)
            if quantifier is None:
                return None  # a literal brace to Python, an error to Rust's regex
            out.append(quantifier.group())
            index = quantifier.end()
            continue
        else:
            out.append(char)
        index += 1
    return None if in_class else "".join(out)
