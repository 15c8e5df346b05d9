"""Metadata sidecars and canonical article documents (YAML or JSON), read into a
:class:`Document` (data, and the line of each field); :mod:`.articles` makes the Article.

YAML is read with a safe loader that builds only plain data (no object construction), keeps
timestamps as strings (the model parses dates, in one place), reads ``no``/``on`` as strings
(``language: no`` is Norwegian, not ``False``) and refuses aliases, so an alias bomb cannot
expand. Every node's line is remembered, so a problem found later by the JSON Schema or the
model is reported as ``file:line: field.path: message``.

Both syntaxes are bounded by :mod:`newsml_export.limits` (``document_bytes``, and ``depth``:
YAML while composing, before the recursive composer can run deep; JSON once parsed), and a
string holding a character XML 1.0 forbids, escaped or not, is refused with its field and
position (:mod:`newsml_export.xmlchars`).

Most documents have nothing wrong with them, and proving it value by value cost more than
parsing. JSON given as bytes (what files and batches hold) is therefore checked by what can
only say "fine" or "look closer" (see :func:`_read_json`); looking closer runs the very same
checks as before, so the errors are theirs (``tests/test_document_reader.py`` compares with
the reader as it was on 600 broken and valid inputs). Lines are found only for an error.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Mapping
from typing import Any

import yaml

from ..errors import DecodeError, UnsafeInputError
from ..limits import current_limits, too_big, too_deep
from ..xmlchars import describe, escapes_forbidden, find_forbidden, refuse_in_text
from .json_lines import JsonLocator, deep_place
from .text import refuse_empty

__all__ = ["Document", "format_path", "parse_document"]

Path = tuple[str | int, ...]


class _TooDeep(yaml.MarkedYAMLError):
    pass


class _SafeDataLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-like scalars, no aliases and bounded nesting."""

    def __init__(self, stream: str, max_depth: int = 1_000) -> None:
        super().__init__(stream)
        self._depth = 0
        self._max_depth = max_depth

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                None, None, "aliases (*name) are not allowed in article metadata", event.start_mark
            )
        if not self.check_event(yaml.SequenceStartEvent, yaml.MappingStartEvent):
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > self._max_depth:
            raise _TooDeep(None, None, "too deep", self.peek_event().start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# Copy the resolvers, then keep timestamps as strings and only true/false as booleans.
_SafeDataLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_SafeDataLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class Document:
    """Parsed data plus where each part of it came from."""

    def __init__(self, data: Any, source: str, lines: Mapping[Path, int] | None = None, *, json_text: str | None = None,
                 line: Callable[[], int | None] | None = None) -> None:
        self.data = data
        self.source = source
        self.strings_checked = False
        """Whether every string and key of ``data`` is known to hold no character XML 1.0
        forbids (set by :func:`parse_document`, which refuses them)."""
        self._lines = dict(lines or {})
        # JSON lines are found only when asked for (most documents have no issue), by
        # scanning just the containers on the way to the part asked about.
        self._json = JsonLocator(json_text) if json_text is not None else None
        self._line = line
        """Where the whole document is in a larger input (a JSON-LD node), asked for only when needed."""

    def line_of(self, path: Path) -> int | None:
        """The line of the deepest part of ``path`` that exists in the document."""
        if self._json is not None:
            return self._json.line_of(path)
        for depth in range(len(path), -1, -1):
            line = self._lines.get(tuple(path[:depth]))
            if line is not None:
                return line
        return self._line() if self._line is not None else None


def parse_document(data: bytes | str, source: str, *, syntax: str | None = None) -> Document:
    """Parse YAML or JSON (``syntax`` "yaml"/"json", else guessed from ``source``'s suffix)."""
    limits = current_limits()
    size = len(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    if size > limits.document_bytes:
        raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
        raise too_big("document", size, "document_bytes", source, raw)
    text = _decode(data, source)
    refuse_empty(text, source)
    syntax = syntax or ("json" if source.lower().endswith(".json") else "yaml")
    if syntax == "json" and isinstance(data, bytes):
        document = _read_json(data, text, source, limits.depth)
    else:
        refuse_in_text(text, source)  # raw; escaped ones ("\u000b") are found in the values below
        try:
            document = _parse_json(text, source) if syntax == "json" else _parse_yaml(text, source)
        except RecursionError:  # json.loads recurses; the depth limit is checked once parsed
            raise _recursed(syntax.upper(), source, text, limits.depth) from None
        _check_values(document, syntax, text)
    document.strings_checked = True
    return document


def _recursed(what: str, source: str, text: str, limit: int) -> UnsafeInputError:
    """The error when the parser ran out of recursion: past the depth limit where the brackets
    say so, else past the parser's own bound (Python's recursion limit)."""
    line, column = deep_place(text, limit)
    return too_deep(what, source, line, column, reader_bound=None if line is not None else "Python's parser")


_NOT_OPENING = bytes(byte for byte in range(256) if byte not in b"{[")


def _read_json(data: bytes, text: str, source: str, limit: int) -> Document:
    """What the other syntaxes get (raw characters refused, parsed, values checked), with the
    same errors, for much less when nothing is wrong (most documents): JSON parses only when
    no raw control character is in it (strict mode) and UTF-8 bytes cannot carry a lone
    surrogate, so of the raw characters XML forbids only U+FFFE/U+FFFF are left to look for;
    a string can get another only from an escape; and the depth is within the limit when
    there are fewer brackets than the limit or, counted level by level, the containers say
    so. Otherwise, or after a parse error, the checks run as for the other syntaxes, in the
    same order (raw characters before parse errors)."""
    try:
        document = _parse_json(text, source)
    except RecursionError:
        refuse_in_text(text, source)
        raise _recursed("JSON", source, text, limit) from None
    except DecodeError:
        refuse_in_text(text, source)
        raise
    if "\ufffe" in text or "\uffff" in text:
        refuse_in_text(text, source)  # raises
    # Opening brackets, strings' too, bound the depth: kept by one C pass over the bytes
    # (UTF-8 has these only as themselves).
    within = len(data.translate(None, _NOT_OPENING)) <= limit or _within_depth(document.data, limit)
    if not within or escapes_forbidden(text):  # then the values are searched one by one
        _check_values(document, "json", text)
    return document


def _within_depth(value: Any, limit: int) -> bool:
    """Whether the containers of ``value`` (parsed JSON) nest at most ``limit`` deep, the top
    one counting 1, as :func:`_check_values` counts."""
    level: list[Any] = [value] if type(value) is dict or type(value) is list else []
    depth = 0
    while level:
        depth += 1
        if depth > limit:
            return False
        deeper: list[Any] = []
        for container in level:
            for item in container.values() if type(container) is dict else container:
                if type(item) is dict or type(item) is list:
                    deeper.append(item)
        level = deeper
    return True


def _check_values(document: Document, syntax: str, text: str) -> None:
    """Depth (JSON; YAML was bounded while composing) and forbidden characters, keys included,
    without recursion: the data may be as deep as the parser allowed."""
    max_depth = current_limits().depth
    stack: list[tuple[Any, Path, int]] = [(document.data, (), 0)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, str):
            found = find_forbidden(value)
            if found is not None:
                raise DecodeError(describe(found[1], found[0]), source=document.source,
                                  line=document.line_of(path), path=format_path(path) or "(the document)")
            continue
        if not isinstance(value, (dict, list)):
            continue
        if depth + 1 > max_depth:
            line, column = deep_place(text, max_depth) if syntax == "json" else (document.line_of(path), None)
            raise too_deep(syntax.upper(), document.source, line, column)
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in reversed(list(items)):
            found = find_forbidden(key) if isinstance(key, str) else None
            if found is not None:
                raise DecodeError("in a key, " + describe(found[1], found[0]), source=document.source,
                                  line=document.line_of(path), path=format_path(path) or "(the document)")
            stack.append((item, path + (key,), depth + 1))


def _decode(data: bytes | str, source: str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DecodeError(f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", source=source, line=line) from None


def _parse_yaml(text: str, source: str) -> Document:
    try:
        loader = _SafeDataLoader(text, current_limits().depth)
    except yaml.reader.ReaderError as exc:  # characters YAML does not admit (DEL, C1 controls)
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise DecodeError(f"invalid YAML: character U+{exc.character:04X} at column {column} is not allowed in YAML",
                          source=source, line=line, column=column) from None
    try:
        node = loader.get_single_node()
        value = loader.construct_document(node) if node is not None else None
    except _TooDeep as exc:
        mark = exc.problem_mark
        raise too_deep("YAML", source, mark.line + 1 if mark else None, mark.column + 1 if mark else None) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise DecodeError(
            f"invalid YAML: {problem}", source=source, line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None
        ) from None
    except yaml.YAMLError as exc:
        raise DecodeError(f"invalid YAML: {exc}", source=source, line=1) from None
    finally:
        loader.dispose()
    lines: dict[Path, int] = {}
    if node is not None:
        _record_lines(node, (), lines, source)
    return Document(value, source, lines)


def _record_lines(node: yaml.Node, path: Path, lines: dict[Path, int], source: str) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        keys: set[object] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in keys:
                raise DecodeError(f"duplicate key {key!r}", source=source, line=key_node.start_mark.line + 1, path=format_path(path))
            keys.add(key)
            _record_lines(value_node, path + (key,), lines, source)
            lines[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, path + (index,), lines, source)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    members = dict(pairs)  # built in C; the pairs are walked only when a key repeats
    if len(members) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r}")
            seen.add(key)
    return members


def _parse_json(text: str, source: str) -> Document:
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise DecodeError(f"invalid JSON: {exc.msg}", source=source, line=exc.lineno, column=exc.colno) from None
    except ValueError as exc:  # a duplicate key, or an integer too long for Python to convert
        raise _located_value_error(exc, text, source) from None
    return Document(value, source, json_text=text)


def _located_value_error(exc: ValueError, text: str, source: str) -> DecodeError:
    """json gives no position for these: find it (only ever run on failure)."""
    if str(exc).startswith("duplicate key"):
        try:
            loader = _SafeDataLoader(text, current_limits().depth)
            try:
                node = loader.get_single_node()
            finally:
                loader.dispose()
            if node is not None:
                _record_lines(node, (), {}, source)  # raises at the duplicate, with line and path
        except DecodeError as located:
            return DecodeError(f"invalid JSON: {located.message}", source=source, line=located.line, path=located.path)
        except (yaml.YAMLError, RecursionError):
            pass
        return DecodeError(f"invalid JSON: {exc}", source=source, path="(the document)")
    digits = re.search(r"\d{%d,}" % (sys.get_int_max_str_digits() + 1), text)
    line = text.count("\n", 0, digits.start()) + 1 if digits else None
    return DecodeError(f"invalid JSON: {exc}", source=source, line=line, path=None if line else "(the document)")


def format_path(path: Path) -> str:
    """``("people", 0, "same_as", 0)`` → ``people[0].same_as[0]``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
