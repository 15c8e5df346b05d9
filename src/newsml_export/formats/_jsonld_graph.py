"""Reading a JSON-LD document as a graph of nodes, the way publishers write it.

Lenient: keys may be plain terms, ``schema:`` compact IRIs or full schema.org IRIs (http or
https), ``type``/``id`` aliases; ``@type`` may be a list; nodes may be nested or referenced by
``@id``. Every node keeps its JSON pointer (as a path tuple) so the loader can say where what it
could not map sits.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..validation.report import Issue, Report
from ._jsonld_table import CONTEXT_URLS

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


@dataclass
class GraphNode:
    data: dict[str, Any]
    path: Path
    order: int
    props: dict[str, Located] = field(default_factory=dict)
    """Properties by schema.org local name (keywords other than @id/@type excluded)."""

    @property
    def id(self) -> str | None:
        value = self.data.get("@id", self.data.get("id"))
        return value if isinstance(value, str) else None

    @property
    def types(self) -> list[str]:
        raw = self.data.get("@type", self.data.get("type"))
        return [local_name(t) for t in as_list(raw) if isinstance(t, str)] if raw is not None else []


class Graph:
    """Every node object of one JSON-LD document, indexed by ``@id``."""

    def __init__(self, value: Any, *, source: str, report: Report | None, line_of: Any) -> None:
        self.source = source
        self.report = report
        self._line_of = line_of
        self.nodes: list[GraphNode] = []
        self.top: list[GraphNode] = []
        self.by_id: dict[str, GraphNode] = {}
        self._by_identity: dict[int, GraphNode] = {}
        self.used: set[int] = set()
        """``order`` of every node a reader mapped (the rest is reported as unmapped)."""
        self._check_context(value)
        for node_value, path in self._top_level(value):
            node = self._collect(node_value, path)
            if node is not None:
                self.top.append(node)

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
        node = GraphNode(value, path, len(self.nodes))
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
        if node.id is not None and (set(value) - {"@id", "id"}) and node.id not in self.by_id:
            self.by_id[node.id] = node
        return node

    def node_of(self, value: Any) -> GraphNode | None:
        """The node a value denotes: itself when it is a node object with content, the indexed
        definition when it is an ``{"@id": ...}`` reference."""
        if not isinstance(value, dict):
            return None
        node = self._by_identity.get(id(value))
        if node is not None and node.id is not None and not (set(node.data) - {"@id", "id"}):
            node = self.by_id.get(node.id, node)
        if node is not None:
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


def _is_schema_org(context: Any) -> bool:
    if isinstance(context, str):
        return context in CONTEXT_URLS
    if isinstance(context, dict):
        return context.get("@vocab") in ("http://schema.org/", "https://schema.org/")
    if isinstance(context, list):
        return bool(context) and any(_is_schema_org(c) for c in context)
    return False
