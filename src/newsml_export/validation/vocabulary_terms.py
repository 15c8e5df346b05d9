"""The term-level rules of the vocabulary check (:mod:`.vocabulary_check`): how a key expands
with a context, what a term's verdict is, and whether a literal or a node fits a property's
expected types."""

from __future__ import annotations

import math
import re
from difflib import get_close_matches
from typing import Any

from .vocabulary import KEYWORDS, Context, Vocabulary, local

__all__ = ["expand_term", "judge", "literal_fits", "node_fits"]

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


def judge(vocab: Vocabulary, iri: str | None, key: str, kind: str,
          node_types: list[str]) -> tuple[str | None, tuple[tuple[str, str, str, str], ...]]:
    """A term's verdict (:data:`.vocabulary_plan.Verdict`): its schema.org name (None when
    unknown or foreign) and its findings, wherever it occurs; ``kind`` is ``type`` or
    ``property``."""
    if iri is None:
        return None, (("error", "dropped", key, f"{key!r} is ignored by JSON-LD processors (not a keyword, not a term)"),)
    name = local(iri)
    if name is None:
        return None, (("warning", "foreign", iri, f"{iri!r} is not a schema.org term"),)
    known = vocab.ancestors if kind == "type" else vocab.properties
    if name not in known:
        candidates = _candidates(vocab, kind, node_types)
        close = get_close_matches(name, candidates, n=1, cutoff=0.75) or get_close_matches(name, list(known), n=1, cutoff=0.75)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return None, (("error", f"unknown-{kind}", name, f"{name!r} is not a schema.org {vocab.version} {kind}{hint}"),)
    findings = []
    pending = name in vocab.pending_classes if kind == "type" else vocab.properties[name].pending
    if pending:
        findings.append(("warning", "pending", name, f"{name!r} is a pending schema.org term (may change)"))
    replaced = vocab.superseded_classes.get(name) if kind == "type" else vocab.properties[name].superseded_by
    if replaced:
        findings.append(("warning", "superseded", name, f"{name!r} is superseded by {replaced!r}"))
    return name, tuple(findings)


def _candidates(vocab: Vocabulary, kind: str, node_types: list[str]) -> list[str]:
    if kind == "type" or not node_types:
        return list(vocab.ancestors if kind == "type" else vocab.properties)
    return [p for p in vocab.properties if vocab.allowed_on(p, node_types)]
