"""The schema.org vocabulary as compact lookup tables, and the JSON-LD context that names it.

Built once per process from the installed official files (``newsml-export schemas install``):
class → all its superclasses, property → domains / ranges / status, which classes are data
types. The checker (:mod:`.vocabulary_check`) needs nothing else, which is why it is fast.

IRIs are compared in the ``http://schema.org/`` namespace the context expands to; the
vocabulary file writes ``https://schema.org/`` and is normalised on load.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..schemas import find_official

__all__ = ["NS", "Context", "PropertyInfo", "Vocabulary", "installed", "local", "schema_context", "vocabulary",
           "vocabulary_and_context"]

NS = "http://schema.org/"
_HTTPS = "https://schema.org/"
KEYWORDS = frozenset({
    "@base", "@container", "@context", "@direction", "@graph", "@id", "@import", "@included", "@index",
    "@json", "@language", "@list", "@nest", "@none", "@prefix", "@propagate", "@protected", "@reverse",
    "@set", "@type", "@value", "@version", "@vocab",
})


def local(iri: str) -> str | None:
    """``http(s)://schema.org/X`` → ``X``; anything else → None."""
    for ns in (NS, _HTTPS):
        if iri.startswith(ns):
            return iri[len(ns):]
    return None


@dataclass(frozen=True, slots=True)
class PropertyInfo:
    domains: frozenset[str]
    ranges: frozenset[str]
    pending: bool
    superseded_by: str | None
    takes_text: bool = False
    """Text (or a subclass such as URL) is among the ranges: any string fits."""


@dataclass(frozen=True)
class Vocabulary:
    version: str
    ancestors: dict[str, frozenset[str]]
    """Every class → itself and all its superclasses."""
    properties: dict[str, PropertyInfo]
    pending_classes: frozenset[str]
    superseded_classes: dict[str, str]
    datatypes: frozenset[str]
    """Text, URL, Date, DateTime, Number, Integer, Boolean ... (data types and their subclasses)."""
    text_types: frozenset[str]
    """Text and its subclasses (URL, CssSelectorType ...)."""
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)
    """Verdicts on terms, shared by every check in the process (the vocabulary never changes)."""

    def allowed_on(self, prop: str, types: list[str]) -> bool:
        info = self.properties[prop]
        if not info.domains:
            return True
        return any(self.ancestors.get(t, frozenset()) & info.domains for t in types)


@dataclass(frozen=True)
class Context:
    """A processed JSON-LD context: term → (IRI or None when mapped to null, type coercion)."""

    terms: dict[str, tuple[str | None, str | None]]
    vocab: str | None
    prefixes: frozenset[str]
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)
    """What the checker worked out once for this context (:mod:`.vocabulary_check`): it lives
    as long as the context, for the process when it is the installed schema.org context."""


def _ids(node: dict[str, Any], key: str) -> list[str]:
    value = node.get(key)
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [item["@id"].split(":", 1)[1] for item in items if isinstance(item, dict) and item.get("@id", "").startswith("schema:")]


@lru_cache(maxsize=2)
def _build_vocabulary(path: Path, version: str) -> Vocabulary:
    graph = json.loads(path.read_text(encoding="utf-8"))["@graph"]
    parents: dict[str, list[str]] = {}
    properties: dict[str, PropertyInfo] = {}
    pending, superseded, datatype_roots = set(), {}, set()
    for node in graph:
        if not node["@id"].startswith("schema:"):
            continue
        name = node["@id"][len("schema:"):]
        types = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        is_pending = (node.get("schema:isPartOf") or {}).get("@id") == "https://pending.schema.org"
        replaced = _ids(node, "schema:supersededBy")
        if "rdf:Property" in types:
            properties[name] = PropertyInfo(
                frozenset(_ids(node, "schema:domainIncludes")), frozenset(_ids(node, "schema:rangeIncludes")),
                is_pending, replaced[0] if replaced else None,
            )
        elif "rdfs:Class" in types:
            parents[name] = _ids(node, "rdfs:subClassOf")
            if "schema:DataType" in types:
                datatype_roots.add(name)
            if is_pending:
                pending.add(name)
            if replaced:
                superseded[name] = replaced[0]
    ancestors: dict[str, frozenset[str]] = {}

    def closure(name: str, seen: frozenset[str] = frozenset()) -> frozenset[str]:
        if name not in ancestors:
            result = {name}
            for parent in parents.get(name, []):
                if parent not in seen:
                    result |= closure(parent, seen | {name})
            ancestors[name] = frozenset(result)
        return ancestors[name]

    for name in parents:
        closure(name)
    datatypes = frozenset(n for n, a in ancestors.items() if a & (datatype_roots | {"DataType"}))
    text_types = frozenset(n for n, a in ancestors.items() if "Text" in a)
    properties = {name: PropertyInfo(p.domains, p.ranges, p.pending, p.superseded_by, bool(p.ranges & text_types))
                  for name, p in properties.items()}
    return Vocabulary(version, ancestors, properties, frozenset(pending), superseded, datatypes, text_types)


@lru_cache(maxsize=2)
def _build_context(path: Path) -> Context:
    raw = json.loads(path.read_text(encoding="utf-8"))["@context"]
    return process_context(raw, Context({}, None, frozenset()))


def process_context(raw: dict[str, Any], active: Context) -> Context:
    """Apply a context object (term definitions, @vocab) to ``active``. Raises ValueError for
    what this checker does not model (scoped contexts, @import ...)."""
    terms = dict(active.terms)
    vocab = active.vocab
    prefixes = set(active.prefixes)
    if "@vocab" in raw:
        vocab = raw["@vocab"]
    pending = {k: v for k, v in raw.items() if not k.startswith("@")}
    unsupported = set(raw) & {"@import", "@propagate"}
    if unsupported:
        raise ValueError(f"context keyword {sorted(unsupported)[0]} is not supported")

    def expand(value: str) -> str | None:
        # Term definitions may use prefixes defined in the same context.
        if ":" in value:
            prefix, suffix = value.split(":", 1)
            if not suffix.startswith("//") and prefix in pending and isinstance(pending[prefix], str):
                return pending[prefix] + suffix
            if not suffix.startswith("//") and prefix in terms and prefix in prefixes:
                return (terms[prefix][0] or "") + suffix
            return value
        if value in pending and isinstance(pending[value], str) and value != pending[value]:
            return expand(pending[value])
        return (vocab or "") + value if vocab else None

    for term, definition in pending.items():
        if definition is None:
            terms[term] = (None, None)
        elif isinstance(definition, str):
            terms[term] = (definition if definition.startswith("@") else expand(definition), None)
            if definition.endswith(("/", "#", ":", "?", "[", "]", "@")):
                prefixes.add(term)
        elif isinstance(definition, dict):
            if set(definition) - {"@id", "@type", "@language", "@container"}:
                raise ValueError(f"term definition of {term!r} uses features this checker does not model")
            iri = definition.get("@id", term)
            coercion = definition.get("@type")
            if isinstance(coercion, str) and not coercion.startswith("@"):
                coercion = expand(coercion)
            terms[term] = (None if iri is None else (iri if iri.startswith("@") else expand(iri)), coercion)
        else:
            raise ValueError(f"term definition of {term!r} is not a string or object")
    return Context(terms, vocab, frozenset(prefixes))


def installed() -> tuple[Path, Path] | None:
    vocab_path = find_official("schemaorg-vocabulary")
    context_path = find_official("schemaorg-context")
    if vocab_path is None or context_path is None:
        return None
    return vocab_path, context_path


def vocabulary() -> Vocabulary | None:
    """The installed vocabulary (built once per process), or None when it is not installed."""
    both = vocabulary_and_context()
    return None if both is None else both[0]


def schema_context() -> Context | None:
    both = vocabulary_and_context()
    return None if both is None else both[1]


def vocabulary_and_context() -> tuple[Vocabulary, Context] | None:
    """Both, from one look at what is installed (each look stats and checks the files)."""
    from ..schemas import official_artifacts

    paths = installed()
    if paths is None:
        return None
    version = next(a.version for a in official_artifacts() if a.name == "schemaorg-vocabulary")
    return _build_vocabulary(paths[0], version), _build_context(paths[1])
