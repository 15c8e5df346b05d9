"""Google Search's Article structured-data recommendations, as warnings.

Google (Article, NewsArticle, BlogPosting structured data, 2026-09-08) has no required
properties; it recommends ``author`` (Person or Organization, each with ``name`` and ``url`` or
``sameAs``), ``datePublished`` and ``dateModified`` in ISO 8601 with a timezone, ``headline``
(concise) and ``image``. A document missing them is still valid schema.org, so every finding
here is a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..formats._jsonld_graph import Graph, GraphNode, as_list
from ..formats._jsonld_load import article_nodes

__all__ = ["GOOGLE_TYPES", "check_articles"]

GOOGLE_TYPES = frozenset({"Article", "NewsArticle", "BlogPosting"})
_HEADLINE_LIMIT = 110
_ZONED = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})")

Finding = tuple[str, str, tuple[str | int, ...]]


def check_articles(graph: Graph) -> Iterator[Finding]:
    """(code, message, path) for every recommendation an article of ``graph`` misses."""
    for node in article_nodes(graph):
        yield from _check(graph, node)


def _check(graph: Graph, node: GraphNode) -> Iterator[Finding]:
    props = node.props
    if not set(node.types) & GOOGLE_TYPES:
        yield "google-type", f"Google's Article features read Article, NewsArticle and BlogPosting, not {'/'.join(node.types)}", node.path + ("@type",)
    headline = props.get("headline")
    if headline is None:
        yield "google-headline", "no headline", node.path
    elif isinstance(headline.value, str) and len(headline.value) > _HEADLINE_LIMIT:
        yield "google-headline", f"headline is {len(headline.value)} characters; Google may truncate titles over {_HEADLINE_LIMIT}", headline.path
    if "image" not in props:
        yield "google-image", "no image: Google recommends several high-resolution images (16x9, 4x3, 1x1)", node.path
    for term in ("datePublished", "dateModified"):
        located = props.get(term)
        if located is None:
            yield f"google-{term}", f"no {term} (ISO 8601 with a timezone)", node.path
        elif not (isinstance(located.value, str) and _ZONED.fullmatch(located.value)):
            yield "google-date-timezone", f"{term} {located.value!r} is not an ISO 8601 date-time with a timezone", located.path
    author = props.get("author")
    if author is None:
        yield "google-author", "no author: name every author shown on the page, each as its own Person or Organization", node.path
        return
    for index, value in enumerate(as_list(author.value)):
        path = author.at(index)
        yield from _check_author(graph, value, path)


def _check_author(graph: Graph, value: Any, path: tuple[str | int, ...]) -> Iterator[Finding]:
    target = graph.node_of(value)
    if target is None or not target.types:
        yield "google-author-type", "author should be a Person or Organization node, not text or an untyped node", path
        return
    if not set(target.types) & {"Person", "Organization"} and not any(t.endswith("Organization") for t in target.types):
        yield "google-author-type", f"author is a {'/'.join(target.types)}; Google expects Person or Organization", path
    name = target.props.get("name")
    if name is None:
        yield "google-author-name", "author has no name", target.path
    elif isinstance(name.value, str) and ("," in name.value or " and " in name.value):
        yield "google-author-name", f"author name {name.value!r} looks like several people: give each its own author entry", name.path
    if "url" not in target.props and "sameAs" not in target.props:
        yield "google-author-url", "author has neither url nor sameAs (a page that identifies the author)", target.path
