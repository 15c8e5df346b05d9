"""Reading a JSON-LD document as a graph of nodes, the way publishers write it.

Lenient: keys may be plain terms, ``schema:`` compact IRIs or full schema.org IRIs (http or
https), ``type``/``id`` aliases; ``@type`` may be a list; nodes may be nested or referenced by
``@id``. Every node keeps its JSON pointer (as a path tuple) so the loader can say where what it
could not map sits.

Node objects that share an ``@id`` are one node, as in JSON-LD's node map (JSON-LD 1.1 API
§7.2): WordPress/Yoast writes an author inline as ``{"@id": X, "name": ...}`` and again in full
in the ``@graph``. Their types and properties are merged into the first description; a list is
the union of the values, and two different single values are a conflict, reported, of which
the first said by a description typed as an article is read, else the first in document order:
a page and its article sharing one ``@id`` must not give the article the page's teaser or date.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..validation.report import Issue, Report
from ._jsonld_table import ARTICLE_TYPES, CONTEXT_URLS

__all__ = ["Graph", "GraphNode", "Located", "as_list", "first", "local_name", "pointer"]

Path = tuple[str | int, ...]
_PREFIXES = ("schema:", "http://schema.org/", "https://schema.org/")
_ALIASES = {"type": "@type", "id": "@id"}


@lru_cache(maxsize=4096)
def local_name(key: str) -> str:
    """``schema:headline`` / ``https://schema.org/headline`` → ``headline``; aliases → keywords."""
    if key in _ALIASES:
        return _ALIASES[key]
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix):]
    return key


def pointer(path: Path) -> str:
    """RFC 6901 JSON pointer of ``path``."""
    text = "/".join(map(str, path))
    if "~" not in text and text.count("/") == len(path) - 1:  # no part to escape: the common case
        return "/" + text if path else ""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def first(value: Any) -> Any:
    """The value, or the first of a list (None for an empty one)."""
    return (value[0] if value else None) if isinstance(value, list) else value


@dataclass
class Located:
    """A property value and where it is."""

    value: Any
    path: Path
    item_paths: tuple[Path, ...] | None = None
    """Where each item is, when the list was merged from several descriptions of one ``@id``."""

    def at(self, index: int | None) -> Path:
        """The path of item ``index`` of a list value (of the value itself for None or a single value)."""
        if index is None or not isinstance(self.value, list):
            return self.path
        return self.item_paths[index] if self.item_paths is not None else self.path + (index,)


@dataclass
class GraphNode:
    data: dict[str, Any]
    """The node object as written (the first, when several describe one ``@id``)."""
    path: Path
    order: int
    props: dict[str, Located] = field(default_factory=dict)
    """Properties by schema.org local name (keywords other than @id/@type excluded)."""
    types: list[str] = field(default_factory=list)
    """``@type`` local names (of every description of the ``@id``)."""

    @property
    def id(self) -> str | None:
        value = self.data.get("@id", self.data.get("id"))
        return value if isinstance(value, str) else None

    @property
    def is_reference(self) -> bool:
        """``{"@id": ...}`` and nothing else: a pointer to a node described elsewhere."""
        return self.id is not None and not (set(self.data) - {"@id", "id"})


class Graph:
    """Every node object of one JSON-LD document, indexed by ``@id``."""

    def __init__(self, value: Any, *, source: str, report: Report | None, line_of: Any) -> None:
        self.source = source
        self.report = report
        self._line_of = line_of
        self.nodes: list[GraphNode] = []
        self.top: list[GraphNode] = []
        self.by_id: dict[str, GraphNode] = {}
        """The node of each ``@id``: its first description, holding what every one says."""
        self._by_identity: dict[int, GraphNode] = {}
        self.used: set[int] = set()
        """``order`` of every node a reader mapped (the rest is reported as unmapped)."""
        self._check_context(value)
        for node_value, path in self._top_level(value):
            node = self._collect(node_value, path)
            if node is not None:
                self.top.append(node)
        descriptions: dict[str, list[GraphNode]] = {}
        for node in self.nodes:  # in document order, so the first description is the one kept
            if node.id is not None and not node.is_reference:
                descriptions.setdefault(node.id, []).append(node)
        for node_id, group in descriptions.items():
            self.by_id[node_id] = group[0]
            if len(group) > 1:
                self._merge(group)

    # -- issues -------------------------------------------------------------------------------

    def note(self, severity: str, code: str, message: str, path: Path) -> None:
        if self.report is None:
            return
        line = self._line_of(path)
        self.report.add(Issue(severity, code, message, pointer(path), line, self.source, "jsonld-import"))  # type: ignore[arg-type]

    # -- structure ----------------------------------------------------------------------------

    def _top_level(self, value: Any) -> Iterator[tuple[Any, Path]]:
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield from self._top_level_item(item, (index,))
        else:
            yield from self._top_level_item(value, ())

    def _top_level_item(self, value: Any, path: Path) -> Iterator[tuple[Any, Path]]:
        if isinstance(value, dict) and "@graph" in value:
            if isinstance(value.get("@context"), (str, dict, list)) and path:
                self._check_context(value)
            for index, item in enumerate(as_list(value["@graph"])):
                yield item, path + ("@graph", index)
            extra = sorted(k for k in value if k not in ("@context", "@graph", "@id", "id"))
            for key in extra:
                self.note("warning", "unmapped-property", f"{key!r} beside @graph describes the graph itself, not an article: not read", path + (key,))
        else:
            yield value, path

    def _collect(self, value: Any, path: Path) -> GraphNode | None:
        if not isinstance(value, dict) or "@value" in value or "@list" in value or "@set" in value:
            return None
        known = self._by_identity.get(id(value))
        if known is not None:
            return known
        raw_type = value.get("@type", value.get("type"))
        types = [local_name(t) for t in as_list(raw_type) if isinstance(t, str)] if raw_type is not None else []
        node = GraphNode(value, path, len(self.nodes), types=types)
        self.nodes.append(node)
        self._by_identity[id(value)] = node
        for key, item in value.items():
            name = local_name(key)
            if name.startswith("@"):
                continue
            node.props[name] = Located(item, path + (key,))
            # Only objects can be nodes: literals are not visited (most values are literals).
            if isinstance(item, list):
                for index, element in enumerate(item):
                    if isinstance(element, dict):
                        self._collect(element, path + (key, index))
            elif isinstance(item, dict):
                self._collect(item, path + (key,))
        return node

    def _merge(self, group: list[GraphNode]) -> None:
        """Put what every description of one ``@id`` says into the first (in one pass per
        property, with values compared by key, so a document repeating an ``@id`` many times
        costs linear time)."""
        into = group[0]
        # Descriptions typed as an article first (stable sort: else document order), so what
        # the article says wins over what a page sharing its @id says.
        ranked = sorted(group, key=lambda node: not ARTICLE_TYPES.intersection(node.types))
        into.types = list(dict.fromkeys(t for node in group for t in node.types))
        said: dict[str, list[Located]] = {}
        for node in ranked:
            for name, located in node.props.items():
                said.setdefault(name, []).append(located)
        for name, places in said.items():
            first = places[0]
            if len(places) == 1:
                into.props[name] = first
            elif not any(isinstance(p.value, list) for p in places):
                into.props[name] = first
                for other in places[1:]:
                    if _key(other.value) != _key(first.value):
                        self.note("warning", "conflicting-values",
                                  f"@id {into.id!r} is described more than once with different {name!r} values: "
                                  f"the one at {pointer(first.path)} is read, this one is not", other.path)
            else:  # a list says "these values": the union of every description's
                seen: set[object] = set()
                values: list[Any] = []
                paths: list[Path] = []
                for located in places:
                    for index, item in enumerate(as_list(located.value)):
                        key = _key(item)
                        if key not in seen:
                            seen.add(key)
                            values.append(item)
                            paths.append(located.at(index))
                into.props[name] = Located(values, first.path, tuple(paths))

    def canonical(self, node: GraphNode) -> GraphNode:
        """The node that holds everything said about ``node``'s ``@id`` (``node`` without one)."""
        return self.by_id.get(node.id, node) if node.id is not None else node

    def node_of(self, value: Any) -> GraphNode | None:
        """The node a value denotes: the node of its ``@id`` (a reference or a description of
        it), else the node object itself."""
        if not isinstance(value, dict):
            return None
        node = self._by_identity.get(id(value))
        if node is not None:
            node = self.canonical(node)
            self.used.add(node.order)
        return node

    def _check_context(self, value: Any) -> None:
        if not isinstance(value, dict):
            return
        context = value.get("@context")
        if context is None:
            self.note("warning", "context-missing", "no @context: keys are read as schema.org terms", ())
        elif not _is_schema_org(context):
            self.note("warning", "context-unknown", f"@context {context!r:.80} is not schema.org's: keys are read as schema.org terms", ("@context",))


def _key(value: Any) -> object:
    """What a value says, hashable: a reference to (or description of) an ``@id`` is that id;
    other objects and arrays are their canonical JSON."""
    if isinstance(value, dict):
        ref = value.get("@id", value.get("id"))
        if isinstance(ref, str):
            return ("@id", ref)
    if isinstance(value, (dict, list)):
        return ("json", json.dumps(value, sort_keys=True, default=str))
    return (type(value).__name__ if isinstance(value, bool) else "value", value)


def _is_schema_org(context: Any) -> bool:
    if isinstance(context, str):
        return context in CONTEXT_URLS
    if isinstance(context, dict):
        return context.get("@vocab") in ("http://schema.org/", "https://schema.org/")
    if isinstance(context, list):
        return bool(context) and any(_is_schema_org(c) for c in context)
    return False
