"""schema.org ``NewsArticle`` JSON-LD: ``dump`` an Article, ``load`` one back.

``dump`` writes exactly ``"@context": "https://schema.org"`` and one ``@graph`` (see
``docs/mapping.md``; the table is in ``_jsonld_table``). Output bytes are API: keys come out in
a fixed order, two-space indented, UTF-8, ending in a newline. With ``html=True`` the same JSON
is wrapped in a ``<script type="application/ld+json">`` block, with ``<``, ``>``, ``&``, U+2028
and U+2029 written as ``\\u003c``-style escapes so the page cannot be broken out of.

``load`` / ``load_all`` read this tool's output losslessly and third-party JSON-LD leniently (a
single node or a ``@graph``, http/https contexts, nested nodes or ``@id`` references, an HTML
page with one or more blocks). What they cannot map is added to ``report``. Partners of
:func:`newsml_export.formats.newsml_g2.dump` / ``load``.
"""

from __future__ import annotations

import functools
from typing import Any

from ..errors import ArticleError
from ..model import Article
from ..readers.metadata import Document, article_from_document
from ..validation.report import Issue, Report
from ..xmlchars import check_exportable
from ._json_text import dumps_indented
from ._jsonld_dump import build_document
from ._jsonld_graph import Graph
from ._jsonld_html import embed
from ._jsonld_load import article_nodes, read_article
from ._jsonld_source import read_documents

__all__ = ["dump", "load", "load_all", "to_document"]


def to_document(article: Article) -> dict[str, Any]:
    """The JSON-LD document as data (what :func:`dump` serialises)."""
    return build_document(article)


def dump(article: Article, *, html: bool = False) -> bytes:
    """One article as JSON-LD (or, with ``html``, as a safe HTML script block). Partner of
    :func:`load`."""
    check_exportable(article)  # the one rule for what XML 1.0 forbids (xmlchars.py), in both formats
    text = dumps_indented(build_document(article))
    return (embed(text) if html else text + "\n").encode("utf-8")  # the model admits no lone surrogates


def load(data: bytes | str, *, source: str = "<input>", report: Report | None = None) -> Article:
    """Exactly one article from JSON-LD or an HTML page; an error when there is none or more
    than one. Partner of :func:`dump`."""
    articles = load_all(data, source=source, report=report)
    if len(articles) != 1:
        raise ArticleError([Issue("error", "article-count", f"holds {len(articles)} articles, expected exactly one", "", None, source, "jsonld-import")])
    return articles[0]


def load_all(data: bytes | str, *, source: str = "<input>", report: Report | None = None) -> list[Article]:
    """Every article (Article, NewsArticle and its subtypes, BlogPosting ...) in a JSON-LD
    document or in all the JSON-LD blocks of an HTML page, in document order."""
    articles: list[Article] = []
    for document in read_documents(data, source):
        graph = Graph(document.document.data, source=source, report=report, line_of=document.line_of)
        for node in article_nodes(graph):
            graph.used.add(node.order)
            fields = read_article(graph, node)
            # Problems with the article are reported at its node's line in the input.
            line = functools.partial(document.line_of, node.path)
            articles.append(article_from_document(Document(fields, source, line=line)))
        for node in graph.top:
            if node.order not in graph.used:
                graph.note("info", "unmapped-node", f"a {'/'.join(node.types) or 'untyped'} node that no article refers to: not read", node.path)
    return articles

