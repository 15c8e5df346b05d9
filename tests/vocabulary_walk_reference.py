"""The vocabulary walker as it was before it planned each node shape once per process
(newsml_export.validation.vocabulary_check before the speed work of issue 8), kept unchanged
as the slow reference that tests/test_vocabulary_walk.py compares the fast one with: same
findings, in the same order, with the same paths and messages. Never used by the tool.
One change (in ``expand``): its memo was keyed by ``id(context)`` without keeping the context
alive, so a node's own context, once freed, could hand its id and its expansions to the next
node's context (the same key then read as the other context's term). The plans of the new
walker live on each context, which cannot happen to them.

Its original description follows.

Check every term of a JSON-LD document against the schema.org vocabulary, without a JSON-LD
processor.

Keys and ``@type`` values are expanded the way JSON-LD expansion does it with the schema.org
context (terms, ``type``/``id`` aliases, compact IRIs, ``@vocab``, keyword-like keys dropped),
then looked up in the :class:`~.vocabulary.Vocabulary` tables. On documents that use the
schema.org context this gives the same verdicts as expanding with PyLD and checking the IRIs
(``bench/vocabulary.py`` and ``tests/test_vocabulary_agreement.py`` show both), at a small
fraction of the cost: no context processing per document, no expanded copy.

Findings: ``unknown-type`` / ``unknown-property`` (errors, with a suggestion), ``pending`` and
``superseded`` (warnings), ``dropped`` (a key JSON-LD ignores: error), ``foreign`` (a term
outside schema.org: warning), ``domain`` (property not expected on the node's types: error),
``range`` (a value that fits none of the expected types: error) and ``range-text`` (text where
a node is expected, which schema.org tolerates: warning).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any

from newsml_export.validation.vocabulary import KEYWORDS, Context, Vocabulary, local, process_context

__all__ = ["Finding", "check_document", "expand_term", "literal_fits", "node_fits"]

Path = tuple[str | int, ...]
_CONTEXT_URLS = frozenset(f"{s}://schema.org{p}" for s in ("http", "https") for p in ("", "/", "/docs/jsonldcontext.json", "/docs/jsonldcontext.jsonld"))
_KEYWORD_FORM = re.compile(r"@[A-Za-z]+")
_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S*")
_DATE = re.compile(r"-?\d{4,}-\d{2}-\d{2}")
_TIME = re.compile(r"\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")
_MEMO_LIMIT = 50_000
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


@dataclass(frozen=True, slots=True)
class Finding:
    severity: str
    code: str
    term: str
    """The schema.org name (``headline``), or the full IRI of a foreign term."""
    path: Path
    message: str


class UnsupportedContext(ValueError):
    pass


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
    return any(vocab.ancestors.get(t, frozenset()) & ranges for t in types)


class _Checker:
    def __init__(self, vocab: Vocabulary, schema: Context) -> None:
        self.vocab = vocab
        self.schema = schema
        self.findings: list[Finding] = []
        self.types_by_id: dict[str, list[str]] = {}
        self.references: list[tuple[Any, Path, tuple[str | None, Any, str | None] | None]] = []
        self._expanded: dict[tuple[int, str], tuple[Context, str | None]] = {}
        self._allowed: dict[Any, bool] = vocab.memo.setdefault("allowed", {})
        self._terms: dict[Any, tuple[str | None, tuple[tuple[str, str, str, str], ...]]] = vocab.memo.setdefault("terms", {})

    def expand(self, key: str, ctx: Context) -> str | None:
        # Memoised per context: a graph repeats the same few dozen keys many times.
        memo = (id(ctx), key)
        if memo not in self._expanded:
            # Changed from the original: the context is kept with its expansions, so a node's
            # context that is freed cannot leave its id (and its expansions) to the next one.
            self._expanded[memo] = (ctx, expand_term(key, ctx))
        return self._expanded[memo][1]

    def allowed(self, prop: str, types: list[str]) -> bool:
        memo = (prop, tuple(types))
        if memo not in self._allowed:
            if len(self._allowed) > _MEMO_LIMIT:
                self._allowed.clear()
            self._allowed[memo] = self.vocab.allowed_on(prop, types)
        return self._allowed[memo]

    def add(self, severity: str, code: str, term: str, path: Path, message: str) -> None:
        self.findings.append(Finding(severity, code, term, path, message))

    # -- contexts -----------------------------------------------------------------------------

    def context(self, raw: Any, active: Context) -> Context:
        for item in raw if isinstance(raw, list) else [raw]:
            if item is None:
                active = Context({}, None, frozenset())
            elif isinstance(item, str):
                if item not in _CONTEXT_URLS:
                    raise UnsupportedContext(f"remote context {item!r} is not available offline")
                active = self.schema if not active.terms else Context(
                    {**active.terms, **self.schema.terms}, self.schema.vocab, active.prefixes | self.schema.prefixes)
            elif isinstance(item, dict):
                try:
                    active = process_context(item, active)
                except ValueError as exc:
                    raise UnsupportedContext(str(exc)) from None
            else:
                raise UnsupportedContext(f"a @context entry of type {type(item).__name__}")
        return active

    # -- terms --------------------------------------------------------------------------------

    def term(self, iri: str | None, key: str, path: Path, kind: str, node_types: list[str]) -> str | None:
        """Check one term; return its schema.org name when it is a known one."""
        memo = (iri, key if iri is None else "", kind, tuple(node_types))
        verdict = self._terms.get(memo)
        if verdict is None:
            if len(self._terms) > _MEMO_LIMIT:  # hostile input cannot grow it without bound
                self._terms.clear()
            verdict = self._terms[memo] = self._judge(iri, key, kind, node_types)
        name, findings = verdict
        for severity, code, term, message in findings:
            self.findings.append(Finding(severity, code, term, path, message))
        return name

    def _judge(self, iri: str | None, key: str, kind: str, node_types: list[str]) -> tuple[str | None, tuple[tuple[str, str, str, str], ...]]:
        if iri is None:
            return None, (("error", "dropped", key, f"{key!r} is ignored by JSON-LD processors (not a keyword, not a term)"),)
        name = local(iri)
        if name is None:
            return None, (("warning", "foreign", iri, f"{iri!r} is not a schema.org term"),)
        known = self.vocab.ancestors if kind == "type" else self.vocab.properties
        if name not in known:
            candidates = self._candidates(kind, node_types)
            close = get_close_matches(name, candidates, n=1, cutoff=0.75) or get_close_matches(name, list(known), n=1, cutoff=0.75)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            return None, (("error", f"unknown-{kind}", name, f"{name!r} is not a schema.org {self.vocab.version} {kind}{hint}"),)
        findings = []
        pending = name in self.vocab.pending_classes if kind == "type" else self.vocab.properties[name].pending
        if pending:
            findings.append(("warning", "pending", name, f"{name!r} is a pending schema.org term (may change)"))
        replaced = self.vocab.superseded_classes.get(name) if kind == "type" else self.vocab.properties[name].superseded_by
        if replaced:
            findings.append(("warning", "superseded", name, f"{name!r} is superseded by {replaced!r}"))
        return name, tuple(findings)

    def _candidates(self, kind: str, node_types: list[str]) -> list[str]:
        if kind == "type" or not node_types:
            return list(self.vocab.ancestors if kind == "type" else self.vocab.properties)
        return [p for p in self.vocab.properties if self.vocab.allowed_on(p, node_types)]

    # -- walking ------------------------------------------------------------------------------

    def top(self, value: Any, ctx: Context, path: Path) -> None:
        if isinstance(value, list):
            for index, item in enumerate(value):
                self.top(item, ctx, path + (index,))
        elif isinstance(value, dict):
            self.node(value, ctx, path)

    def node(self, value: dict[str, Any], ctx: Context, path: Path) -> list[str]:
        if "@context" in value:
            ctx = self.context(value["@context"], ctx)
        type_key = next((k for k in value if self.expand(k, ctx) == "@type"), None)
        types: list[str] = []
        if type_key is not None:
            raw_types = value[type_key]
            for index, item in enumerate(raw_types if isinstance(raw_types, list) else [raw_types]):
                item_path = path + ((type_key, index) if isinstance(raw_types, list) else (type_key,))
                if not isinstance(item, str):
                    self.add("error", "invalid-type", str(item), item_path, "@type values must be strings")
                    continue
                name = self.term(expand_term(item, ctx), item, item_path, "type", [])
                if name is not None:
                    types.append(name)
        for key, item in value.items():
            if key == type_key or key == "@context":
                continue
            iri = self.expand(key, ctx)
            if iri == "@id":
                if isinstance(item, str) and types:
                    known = self.types_by_id.setdefault(item, [])
                    known.extend(t for t in types if t not in known)
            elif iri in ("@graph", "@included"):
                self.top(item, ctx, path + (key,))
            elif iri == "@reverse" and isinstance(item, dict):
                for rkey, ritem in item.items():
                    self.term(expand_term(rkey, ctx), rkey, path + (key, rkey), "property", [])
                    self.values(ritem, ctx, path + (key, rkey), None)
            elif iri is not None and iri.startswith("@"):
                continue
            else:
                name = self.term(iri, key, path + (key,), "property", types)
                info = self.vocab.properties.get(name) if name else None
                if name and types and not self.allowed(name, types):
                    expected = ", ".join(sorted(info.domains))  # type: ignore[union-attr]
                    self.add("error", "domain", name, path + (key,), f"{name!r} is not expected on {'/'.join(types)} (domain: {expected})")
                coercion = ctx.terms.get(key, (None, None))[1]
                self.values(item, ctx, path + (key,), (name, info, coercion))
        return types

    def values(self, item: Any, ctx: Context, path: Path, prop: tuple[str | None, Any, str | None] | None) -> None:
        if isinstance(item, list):
            for index, value in enumerate(item):
                self.value(value, ctx, path + (index,), prop)
        else:
            self.value(item, ctx, path, prop)

    def value(self, value: Any, ctx: Context, value_path: Path, prop: tuple[str | None, Any, str | None] | None) -> None:
        if isinstance(value, dict) and ("@list" in value or "@set" in value):
            self.values(value.get("@list", value.get("@set")), ctx, value_path + ("@list" if "@list" in value else "@set",), prop)
        elif isinstance(value, dict) and "@value" not in value:
            if set(value) <= {"@id", "id"}:
                self.references.append((value.get("@id", value.get("id")), value_path, prop))
            else:
                types = self.node(value, ctx, value_path)
                self.range_of_node(types, value_path, prop)
        else:
            literal = value["@value"] if isinstance(value, dict) else value
            if prop is not None and prop[2] in ("@id", "@vocab") and isinstance(literal, str) and not isinstance(value, dict):
                self.references.append((literal, value_path, prop))
            else:
                self.range_of_literal(literal, value_path, prop)

    # -- ranges -------------------------------------------------------------------------------

    def range_of_literal(self, literal: Any, path: Path, prop: tuple[str | None, Any, str | None] | None) -> None:
        if prop is None or prop[1] is None or not prop[1].ranges or (prop[1].takes_text and isinstance(literal, str)):
            return
        name, info = prop[0], prop[1]
        fits = literal_fits(literal, info.ranges, self.vocab)
        if fits is None and isinstance(literal, str):
            self.add("warning", "range-text", name, path, f"{name!r} expects {_expected(info)}; text is tolerated")  # type: ignore[arg-type]
        elif not fits:
            self.add("error", "range", name, path, f"{literal!r:.60} does not fit {name!r} (expected {_expected(info)})")  # type: ignore[arg-type]

    def range_of_node(self, types: list[str], path: Path, prop: tuple[str | None, Any, str | None] | None) -> None:
        if prop is None or prop[1] is None or not prop[1].ranges or not types:
            return
        if not node_fits(types, prop[1].ranges, self.vocab):
            self.add("error", "range", prop[0], path, f"a {'/'.join(types)} does not fit {prop[0]!r} (expected {_expected(prop[1])})")  # type: ignore[arg-type]

    def range_of_reference(self, iri: Any, path: Path, prop: tuple[str | None, Any, str | None] | None) -> None:
        if prop is None or prop[1] is None or not prop[1].ranges:
            return
        ranges = prop[1].ranges
        if "URL" in ranges:
            return  # any IRI is a URL, whatever the node it names is
        types = self.types_by_id.get(iri) if isinstance(iri, str) else None
        if types:
            self.range_of_node(types, path, prop)
        elif not ranges - self.vocab.datatypes:
            self.add("error", "range", prop[0], path, f"a reference does not fit {prop[0]!r} (expected {_expected(prop[1])})")  # type: ignore[arg-type]


def _expected(info: Any) -> str:
    return " or ".join(sorted(info.ranges))


def check_document(document: Any, vocab: Vocabulary, schema: Context) -> list[Finding]:
    """Every finding for one parsed JSON-LD document. Raises :class:`UnsupportedContext` when
    the document's context is not one this checker can apply offline."""
    checker = _Checker(vocab, schema)
    checker.top(document, Context({}, None, frozenset()), ())
    # References are checked last, when the types of every node with an @id are known.
    for iri, path, prop in checker.references:
        checker.range_of_reference(iri, path, prop)
    return checker.findings

