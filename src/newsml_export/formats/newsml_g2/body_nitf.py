"""NITF 3.6 bodies (``application/nitf+xml``): ``nitf/body/body.content`` with ``p``, ``hl2`` and
``bq/block/p``, and each located quote as ``<q id="..." quote-source="speaker name">``."""

from __future__ import annotations

from lxml import etree

from ...model import Article, Quote
from .body import ReadBody, add_block, localname, quotes_by_block
from .inline import wrap, write_inline
from .names import NITF
from .xmlbuild import escape_attr, escape_text

__all__ = ["dump_body", "read_body"]

_PARAGRAPHS = {"p", "li", "pre", "dd", "dt"}
_HEADINGS = {"hl1", "hl2"}
_CONTAINERS = {"block", "ul", "ol", "dl", "body.content"}


def dump_body(article: Article) -> str:
    """The ``nitf`` element as XML text, one block a line."""
    located = quotes_by_block(article)
    names = {entity.id: entity.name for entity in article.entities()}

    def quote_tag(quote: Quote) -> str:
        if quote.speaker_id is None:
            return f'<q id="{escape_attr(quote.id)}">'
        return f'<q id="{escape_attr(quote.id)}" quote-source="{escape_attr(names[quote.speaker_id])}">'

    parts = [f'<nitf xmlns="{NITF}"><body><body.head><hedline><hl1>{escape_text(article.headline)}</hl1></hedline>'
             "</body.head><body.content>\n"]
    for index, block in enumerate(article.body):
        content = write_inline(block.text, located.get(index, ()), quote_tag, "</q>")
        if block.kind == "blockquote":
            parts.append(f"<bq><block>{wrap('p', content)}</block></bq>\n")
        else:
            parts.append(wrap("hl2" if block.kind == "heading" else "p", content) + "\n")
    parts.append("</body.content></body></nitf>")
    return "".join(parts)


def _is_quote(element: etree._Element) -> bool:
    return localname(element) == "q"


def read_body(root: etree._Element, *, preserve: bool) -> ReadBody:
    result = ReadBody()
    body = next((e for e in root if localname(e) == "body"), None)
    if body is None:
        result.note("nitf-without-body", "the NITF document has no <body>", root)
        return result
    for part in body:
        name = localname(part)
        if name == "body.content":
            _collect(part, result, preserve=preserve, kind=None)
        elif name == "body.head":
            extra = sorted({localname(c) for c in part if localname(c) and localname(c) != "hedline"})
            if extra:
                result.note("nitf-head-not-mapped", f"body.head parts not mapped: {', '.join(extra)}", part)
        elif name == "body.end" and len(part):
            result.note("nitf-end-not-mapped", "body.end (tagline, bibliography) is not mapped", part)
    return result


def _collect(container: etree._Element, result: ReadBody, *, preserve: bool, kind: str | None,
             speaker: str | None = None) -> None:
    """Blocks of ``container``; in a ``bq`` whose ``@quote-source`` names a speaker, each block is
    also a block quote of that speaker."""
    for child in container:
        name = localname(child)
        if not name:
            continue
        if name == "bq":
            _collect(child, result, preserve=preserve, kind="blockquote",
                     speaker=(child.get("quote-source") or "").strip() or speaker)
        elif name in _HEADINGS | _PARAGRAPHS:
            add_block(result, child, kind or ("heading" if name in _HEADINGS else "paragraph"), preserve=preserve,
                      is_quote=_is_quote, source_attr="quote-source", speaker=speaker)
        elif name in _CONTAINERS:
            _collect(child, result, preserve=preserve, kind=kind, speaker=speaker)
        elif name == "credit":
            result.note("nitf-credit-not-mapped", "a block quote's <credit> is not mapped", child)
        else:
            result.note("body-element-skipped", f"NITF <{name}> has no place in the article model", child)
