"""Where things are in a JSON text: lines found after parsing, only when an error needs one."""

from __future__ import annotations

import json
import re
from bisect import bisect_left

__all__ = ["JsonLocator", "deep_place"]

Path = tuple[str | int, ...]

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
_LINE_BREAK = re.compile("\n")


class JsonLocator:
    """Lines of the parts of a JSON text, found lazily.

    A container is scanned once, the first time a path goes through it: each member's key is
    read and each value skipped by the C JSON decoder (``raw_decode``), recording where every
    child starts. A lookup then costs one step per level of its path, and a document with no
    issue is never scanned at all. Only valid JSON gets here (it was parsed first).
    """

    def __init__(self, text: str) -> None:
        self._text = text
        # container start → child → (where its line is read: the key for a member, where its value starts)
        self._children: dict[int, dict[str | int, tuple[int, int]]] = {}
        self._line_breaks: list[int] | None = None  # offsets of every "\n", once a line is asked for

    def line_of(self, path: Path) -> int | None:
        line_at = value_at = _skip(self._text, 0)
        for part in path:
            child = self._children_of(value_at).get(part)
            if child is None:
                break
            line_at, value_at = child
        # Counting line breaks from the start for each lookup made many issues in one big
        # document quadratic (100,000 warnings in 8.7 MB: 137 s); a search of their offsets is not.
        if self._line_breaks is None:
            self._line_breaks = [match.start() for match in _LINE_BREAK.finditer(self._text)]
        return bisect_left(self._line_breaks, line_at) + 1

    def _children_of(self, start: int) -> dict[str | int, tuple[int, int]]:
        if start not in self._children:
            self._children[start] = self._scan(start)
        return self._children[start]

    def _scan(self, start: int) -> dict[str | int, tuple[int, int]]:
        text, children = self._text, {}
        opener = text[start:start + 1]
        if opener not in ("{", "["):
            return children
        position, index = _skip(text, start + 1), 0
        while position < len(text) and text[position] not in "]}":
            if opener == "{":
                key_at = position
                key, position = _DECODER.raw_decode(text, position)
                position = _skip(text, _skip(text, position) + 1)  # past the colon
                children[key] = (key_at, position)  # a member's line is its key's, as in YAML
            else:
                children[index] = (position, position)
                index += 1
            _, position = _DECODER.raw_decode(text, position)
            position = _skip(text, position)
            if text[position:position + 1] == ",":
                position = _skip(text, position + 1)
        return children


def _skip(text: str, position: int) -> int:
    return _WHITESPACE.match(text, position).end()  # type: ignore[union-attr]


def deep_place(text: str, limit: int) -> tuple[int | None, int | None]:
    """Line and column where brackets first nest deeper than ``limit`` (JSON and flow YAML),
    by a scan that stops there: run only once a document is known to be too deep."""
    depth, in_string, escaped = 0, False, False
    for index, char in enumerate(text):
        if in_string:
            escaped, in_string = (False, True) if escaped else (char == "\\", char != '"')
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)
        elif char in "]}":
            depth -= 1
    return None, None
