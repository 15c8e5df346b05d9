"""The term-level rules of the vocabulary check (:mod:`.vocabulary_check`): how a key expands
with a context, and whether a literal or a node fits a property's expected types."""

from __future__ import annotations

import math
import re
from typing import Any

from .vocabulary import KEYWORDS, Context, Vocabulary

__all__ = ["expand_term", "literal_fits", "node_fits"]

_KEYWORD_FORM = re.compile(r"@[A-Za-z]+")
_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S*")
_DATE = re.compile(r"-?\d{4,}-\d{2}-\d{2}")
_TIME = re.compile(r"\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def expand_term(key: str, ctx: Context) -> str | None:
    """The IRI a key or ``@type`` value expands to (vocabulary-relative); None when dropped."""
    if key in KEYWORDS:
        return key
    if _KEYWORD_FORM.fullmatch(key):
        return None
    if key in ctx.terms:
        return ctx.terms[key][0]
    if ":" in key:
        prefix, suffix = key.split(":", 1)
        if prefix == "_" or suffix.startswith("//"):
            return key
        if prefix in ctx.prefixes and ctx.terms.get(prefix, (None,))[0]:
            return ctx.terms[prefix][0] + suffix  # type: ignore[operator]
        if _ABSOLUTE.fullmatch(key):
            return key
    return ctx.vocab + key if ctx.vocab else None


def literal_fits(value: Any, ranges: frozenset[str], vocab: Vocabulary) -> bool | None:
    """Whether a JSON literal fits the expected types; None when only nodes are expected."""
    datatypes = ranges & vocab.datatypes
    if not datatypes:
        return None
    if isinstance(value, bool):
        return "Boolean" in datatypes
    if isinstance(value, (int, float)):
        if datatypes & vocab.text_types or datatypes & {"Number", "Float"}:
            return True
        return "Integer" in datatypes and math.isfinite(value) and float(value).is_integer()
    if not isinstance(value, str):
        return False
    if datatypes & vocab.text_types:
        return True
    text = value.strip()
    checks = {
        "Date": lambda: bool(_DATE.fullmatch(text)),
        "DateTime": lambda: bool(re.fullmatch(_DATE.pattern + r"([T ]" + _TIME.pattern + ")?", text)),
        "Time": lambda: bool(_TIME.fullmatch(text)),
        "Number": lambda: bool(_NUMBER.fullmatch(text)),
        "Float": lambda: bool(_NUMBER.fullmatch(text)),
        "Integer": lambda: bool(re.fullmatch(r"[+-]?\d+", text)),
        "Boolean": lambda: text in ("true", "false"),
    }
    return any(checks.get(t, lambda: False)() for t in datatypes)


def node_fits(types: list[str], ranges: frozenset[str], vocab: Vocabulary) -> bool:
    for name in types:
        ancestors = vocab.ancestors.get(name)
        if ancestors is not None and not ancestors.isdisjoint(ranges):
            return True
    return False
