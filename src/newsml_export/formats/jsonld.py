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
import json
import re
from typing import Any

import orjson

from ..errors import ArticleError
from ..model import Article
from ..readers.articles import article_from_document
from ..readers.metadata import Document
from ..validation.report import Issue, Report
from ..xmlchars import check_exportable
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
    return dump_with_document(article, html=html)[0]


def dump_with_document(article: Article, *, html: bool = False) -> tuple[bytes, dict[str, Any]]:
    """What :func:`dump` writes, and the document it wrote (for the exporter to validate)."""
    check_exportable(article)  # the one rule for what XML 1.0 forbids (xmlchars.py), in both formats
    document = build_document(article)
    text = json_text(document)
    return (embed(text.decode("utf-8")).encode("utf-8") if html else text + b"\n"), document


_ORJSON = (orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME
           | orjson.OPT_PASSTHROUGH_SUBCLASS)
# Indented, every number and every null ends its line (a string or a key cannot: its closing
# quote follows), so in the reversed text each float (a number with "." or an exponent) and
# each null comes right after a newline, or a newline and a comma.
_FLOAT_OR_NULL = re.compile(rb"\n,?([0-9][0-9+-]*[.eE]|llun)")


def json_text(value: Any) -> bytes:
    """The UTF-8 of ``json.dumps(value, ensure_ascii=False, indent=2)``, written by orjson.

    ``json.dumps`` leaves its C encoder when ``indent`` is set (0.2-0.4 ms for a seed-sized
    graph); orjson writes the same text (tests/test_json_text.py) in about 0.01 ms, but for
    floats: NaN and the infinities become ``null``, and some floats are spelled differently
    (``0.00005`` for ``5e-05``). So every float of the output must be its own ``repr`` (finding
    them costs 0.03 ms more), and an output with a null (None, or a float that is not finite)
    or a value orjson does not write as ``json.dumps`` would (a key that is not a string, an
    integer past 64 bits, a subclass of a built-in type, a lone surrogate ...) is written by
    ``json.dumps`` itself. Output bytes are API."""
    try:
        text = orjson.dumps(value, option=_ORJSON)
    except orjson.JSONEncodeError:
        return _json_dumps(value)
    backwards = b"\n" + text[::-1]
    for match in _FLOAT_OR_NULL.finditer(backwards):
        end = backwards.find(b" ", match.start(1))  # indentation, or ": ", precedes the token
        token = backwards[match.start(1):end if end >= 0 else len(backwards)][::-1]
        if token == b"null" or float.__repr__(float(token)).encode("ascii") != token:
            return _json_dumps(value)
    return text


def _json_dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8")  # the model admits no lone surrogates


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
    for document in read_documents(data, source, report):
        graph = Graph(document.document.data, source=source, report=report, line_of=document.line_of)
        for node in article_nodes(graph):
            graph.used.add(node.order)
            fields = read_article(graph, node)
            # Problems with the article are reported at its node's line in the input.
            line = functools.partial(document.line_of, node.path)
            articles.append(article_from_document(Document(fields, source, line=line)))
        for node in graph.top:
            if graph.canonical(node).order not in graph.used:
                graph.note("info", "unmapped-node", f"a {'/'.join(node.types) or 'untyped'} node that no article refers to: not read", node.path)
    return articles

