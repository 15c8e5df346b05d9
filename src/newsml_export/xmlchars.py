"""The one rule for characters XML 1.0 forbids: refused with their position, on every path.

XML 1.0 (§2.2 ``Char``) cannot carry C0 control characters other than tab, line feed and
carriage return, nor U+FFFE, U+FFFF or lone surrogates, not even as ``&#11;``. An article that
held one could not be written as NewsML-G2, so no article may hold one:

- every reader refuses input that carries one (:class:`DecodeError` with the input, line,
  field and the character's position): scraped text, YAML/JSON documents (escaped too, e.g.
  ``"\\u000b"``), JSON-LD and its HTML script blocks; XML input cannot carry them at all;
- the model refuses them in every string (pydantic error → :class:`ArticleError`);
- both exporters refuse an article that skipped validation (``model_construct``,
  ``model_copy(update=...)``) with :class:`ExportError`, before writing anything;
- a batch records such an article in ``errors.jsonl`` and writes nothing for it.

Nothing is ever replaced or dropped silently. Other discouraged but legal characters (C1
controls, DEL, non-characters such as U+FDD0) are not part of this rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

__all__ = ["FORBIDDEN", "article_problems", "check_exportable", "describe", "encode_text", "find_forbidden", "refuse_in_text"]

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def find_forbidden(value: str) -> tuple[int, str] | None:
    """``(position, character)`` of the first character XML 1.0 forbids in ``value``, if any."""
    match = FORBIDDEN.search(value)
    return None if match is None else (match.start(), match.group())


def describe(char: str, position: int | None = None, *, fix: str = "remove it from the input", unit: str = "position") -> str:
    """``character U+000B at position 3 is not allowed: ...``; ``position`` is 0-based in a
    value, or a 1-based ``column`` when ``unit`` says so."""
    where = "" if position is None else f" at {unit} {position}"
    return f"character U+{ord(char):04X}{where} is not allowed: XML 1.0 cannot carry it ({fix})"


def refuse_in_text(text: str, source: str) -> None:
    """Raise :class:`DecodeError` at the line and column of the first forbidden character of a
    whole input text (scraped text, a YAML or JSON document)."""
    from .errors import DecodeError

    bad = FORBIDDEN.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise DecodeError(describe(bad.group(), column, unit="column"), source=source, line=line, column=column)


_SURROGATE = re.compile("[\ud800-\udfff]")


def encode_text(text: str, source: str) -> bytes:
    """A ``str`` input as UTF-8, refusing lone surrogates (which no encoding can carry) with
    their line and column."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        bad = _SURROGATE.search(text)
        assert bad is not None
        refuse_in_text(text[: bad.end()], source)
        raise


def check_exportable(article: Any, *, prefix: str = "") -> None:
    """Raise :class:`ExportError` for the first forbidden character of ``article``: what the
    exporters run first, for articles built without validation."""
    from .errors import ExportError

    for path, position, char in article_problems(article):
        raise ExportError(f"{prefix}{path}: {describe(char, position, fix='remove it from the article')}")


def article_problems(value: Any, path: str = "") -> Iterator[tuple[str, int, str]]:
    """``(field path, position, character)`` for every string of a model object (an Article or
    any part of it) holding a forbidden character, in field order. Paths read like
    ``body[2].text`` (the readers' ``format_path``)."""
    if isinstance(value, str):
        found = find_forbidden(value)
        if found is not None:
            yield path, found[0], found[1]
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from article_problems(item, f"{path}[{index}]")
    elif hasattr(value, "__pydantic_fields__"):
        for name in type(value).__pydantic_fields__:
            yield from article_problems(getattr(value, name), f"{path}.{name}" if path else name)
