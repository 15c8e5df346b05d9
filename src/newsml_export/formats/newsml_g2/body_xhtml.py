"""XHTML bodies: ``<html><head><title/></head><body>`` with ``p``, ``h2`` and ``blockquote``, and
each located quote as ``<q id="...">`` (the default body, ``application/xhtml+xml``)."""

from __future__ import annotations

from lxml import etree

from ...model import Article, Quote
from .body import ReadBody, add_block, localname, quotes_by_block
from .inline import wrap, write_inline
from .names import XHTML
from .xmlbuild import escape_attr, escape_text

__all__ = ["dump_body", "read_body"]

_BLOCK_TAGS = {"paragraph": "p", "heading": "h2"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_PARAGRAPHS = {"p", "li", "dt", "dd", "pre", "figcaption", "address"}
_CONTAINERS = {"body", "div", "section", "article", "main", "header", "footer", "aside", "ul", "ol", "dl",
               "figure", "nav", "span"}
_SKIPPED = {"script", "style", "head", "template", "img", "video", "audio", "iframe", "object", "table", "hr", "br"}


def dump_body(article: Article) -> str:
    """The ``html`` element as XML text, one block a line."""
    located = quotes_by_block(article)
    parts = [f'<html xmlns="{XHTML}"><head><title>{escape_text(article.headline)}</title></head><body>\n']
    for index, block in enumerate(article.body):
        content = write_inline(block.text, located.get(index, ()), _quote_tag, "</q>")
        if block.kind == "blockquote":
            parts.append(f"<blockquote>{wrap('p', content)}</blockquote>\n")
        else:
            parts.append(wrap(_BLOCK_TAGS[block.kind], content) + "\n")
    parts.append("</body></html>")
    return "".join(parts)


def _quote_tag(quote: Quote) -> str:
    return f'<q id="{escape_attr(quote.id)}">'


def _is_quote(element: etree._Element) -> bool:
    return localname(element) == "q"


def read_body(root: etree._Element, *, preserve: bool) -> ReadBody:
    """Blocks and quotes of an XHTML body (namespaced or not: real feeds vary)."""
    result = ReadBody()
    body = next((e for e in root.iter() if localname(e) == "body"), root)
    _collect(body, result, preserve=preserve, kind=None)
    return result


def _collect(container: etree._Element, result: ReadBody, *, preserve: bool, kind: str | None) -> None:
    if container.text and container.text.strip():
        result.note("loose-text", "text outside any block element kept as a paragraph", container)
        result.blocks.append({"kind": kind or "paragraph", "text": container.text.strip()})
    for child in container:
        name = localname(child)
        if not name:
            pass
        elif name == "blockquote":
            if any(localname(c) in _PARAGRAPHS | _HEADINGS | _CONTAINERS for c in child):
                _collect(child, result, preserve=preserve, kind="blockquote")
            else:
                add_block(result, child, "blockquote", preserve=preserve, is_quote=_is_quote)
        elif name in _HEADINGS:
            add_block(result, child, kind or "heading", preserve=preserve, is_quote=_is_quote)
        elif name in _PARAGRAPHS:
            add_block(result, child, kind or "paragraph", preserve=preserve, is_quote=_is_quote)
        elif name in _CONTAINERS:
            _collect(child, result, preserve=preserve, kind=kind)
        elif name in _SKIPPED:
            if name != "br":
                result.note("body-element-skipped", f"<{name}> in the body has no place in the article model", child)
        else:
            result.note("unknown-block", f"<{name}> at block level read as a paragraph", child)
            add_block(result, child, kind or "paragraph", preserve=preserve, is_quote=_is_quote)
        if child.tail and child.tail.strip():
            result.note("loose-text", "text outside any block element kept as a paragraph", child)
            result.blocks.append({"kind": kind or "paragraph", "text": child.tail.strip()})
