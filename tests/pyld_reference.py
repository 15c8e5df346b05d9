"""The reference the fast vocabulary check is measured against: expand with PyLD (offline,
the installed schema.org context served for every spelling of its URL, as in
schemaorg-notes.md §6.1), then check every expanded IRI with the same vocabulary tables and
the same domain/range rules. Only expansion differs, which is what the agreement test and the
benchmark (bench/vocabulary.py) compare.

Needs the ``test`` extra (PyLD). Used by tests and the benchmark only, never by the tool.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from typing import Any

from pyld import jsonld
from pyld.documentloader.frozen import FrozenDocumentLoader

from newsml_export.formats._jsonld_table import CONTEXT_URLS
from newsml_export.validation.vocabulary import installed, local, schema_context, vocabulary
from newsml_export.validation.vocabulary_check import _Checker

__all__ = ["Verdicts", "fast_verdicts", "pyld_verdicts"]

Verdicts = tuple[frozenset[tuple[str, str]], int]
"""The set of (finding code, term) and the number of dropped keys."""


@lru_cache(maxsize=1)
def _loader() -> FrozenDocumentLoader:
    paths = installed()
    assert paths is not None, "the official schema.org files must be installed"
    context = json.loads(paths[1].read_text(encoding="utf-8"))
    return FrozenDocumentLoader({url: context for url in CONTEXT_URLS})


def pyld_verdicts(document: Any, base: str = "https://example.org/") -> Verdicts:
    dropped: list[Any] = []
    expanded = jsonld.expand(document, {"documentLoader": _loader(), "base": base}, on_property_dropped=dropped.append)
    checker = _Checker(vocabulary(), schema_context())  # type: ignore[arg-type]
    _index(expanded, checker)
    _walk(expanded, checker)
    return frozenset((f.code, f.term) for f in checker.findings if f.code != "dropped"), len(dropped)


def fast_verdicts(document: Any) -> Verdicts:
    from newsml_export.validation.vocabulary_check import check_document

    findings = check_document(document, vocabulary(), schema_context())  # type: ignore[arg-type]
    counts = Counter(f.code for f in findings)
    return frozenset((f.code, f.term) for f in findings if f.code != "dropped"), counts["dropped"]


def _known_types(node: dict[str, Any], checker: _Checker) -> list[str]:
    return [n for t in node.get("@type", []) if (n := local(t)) and n in checker.vocab.ancestors]


def _index(value: Any, checker: _Checker) -> None:
    if isinstance(value, list):
        for item in value:
            _index(item, checker)
    elif isinstance(value, dict) and "@value" not in value:
        if "@id" in value and value.get("@type"):
            types = checker.types_by_id.setdefault(value["@id"], [])
            types.extend(t for t in _known_types(value, checker) if t not in types)
        for key, item in value.items():
            if key not in ("@id", "@type"):
                _index(item, checker)


def _walk(value: Any, checker: _Checker) -> None:
    for node in value if isinstance(value, list) else [value]:
        if isinstance(node, dict) and "@value" not in node:
            _node(node, checker)


def _node(node: dict[str, Any], checker: _Checker) -> list[str]:
    types = []
    for iri in node.get("@type", []):
        name = checker.term(iri, iri, (), "type", [])
        if name is not None:
            types.append(name)
    for key, values in node.items():
        if key in ("@graph", "@included"):
            _walk(values, checker)
        elif key == "@reverse":
            for prop, nodes in values.items():
                checker.term(prop, prop, (), "property", [])
                for item in nodes:
                    _values(item, checker, None)
        elif not key.startswith("@"):
            name = checker.term(key, key, (), "property", types)
            info = checker.vocab.properties.get(name) if name else None
            if name and types and not checker.vocab.allowed_on(name, types):
                checker.add("error", "domain", name, (), "")
            for item in values:
                _values(item, checker, (name, info, None))
    return types


def _values(item: dict[str, Any], checker: _Checker, prop: Any) -> None:
    if "@list" in item or "@set" in item:
        for sub in item.get("@list", item.get("@set")):
            _values(sub, checker, prop)
    elif "@value" in item:
        checker.range_of_literal(item["@value"], (), prop)
    elif set(item) == {"@id"}:
        checker.range_of_reference(item["@id"], (), prop)
    else:
        checker.range_of_node(_node(item, checker), (), prop)
