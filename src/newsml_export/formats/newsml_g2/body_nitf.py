"""NITF 3.6 bodies (``application/nitf+xml``): ``nitf/body/body.content`` with ``p``, ``hl2`` and
``bq/block/p``, and each located quote as ``<q id="..." quote-source="speaker name">``."""

from __future__ import annotations

from lxml import etree

from ...model import Article, Quote
from .body import ReadBody, add_block, localname, quotes_by_block
from .inline import write_inline
from .names import NITF, nitf
from .xmlbuild import checked

__all__ = ["dump_body", "read_body"]

_PARAGRAPHS = {"p", "li", "pre", "dd", "dt"}
_HEADINGS = {"hl1", "hl2"}
_CONTAINERS = {"block", "ul", "ol", "dl", "body.content"}


def dump_body(article: Article) -> etree._Element:
    root = etree.Element(nitf("nitf"), nsmap={None: NITF})
    body = etree.SubElement(root, nitf("body"))
    head = etree.SubElement(body, nitf("body.head"))
    hedline = etree.SubElement(head, nitf("hedline"))
    etree.SubElement(hedline, nitf("hl1")).text = checked(article.headline, "headline")
    content = etree.SubElement(body, nitf("body.content"))
    located = quotes_by_block(article)
    names = {entity.id: entity.name for entity in article.entities()}

    def make_quote(parent: etree._Element, quote: Quote) -> etree._Element:
        element = etree.SubElement(parent, nitf("q"), {"id": quote.id})
        if quote.speaker_id is not None:
            element.set("quote-source", checked(names[quote.speaker_id], f"speaker {quote.speaker_id}"))
        return element

    content.text = "\n"
    for index, block in enumerate(article.body):
        if block.kind == "blockquote":
            outer = etree.SubElement(content, nitf("bq"))
            element = etree.SubElement(etree.SubElement(outer, nitf("block")), nitf("p"))
            outer.tail = "\n"
        else:
            element = etree.SubElement(content, nitf("hl2" if block.kind == "heading" else "p"))
            element.tail = "\n"
        write_inline(element, block.text, located.get(index, []), make_quote, f"body[{index}].text")
    return root


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


def _collect(container: etree._Element, result: ReadBody, *, preserve: bool, kind: str | None) -> None:
    for child in container:
        name = localname(child)
        if not name:
            continue
        if name == "bq":
            _collect(child, result, preserve=preserve, kind="blockquote")
        elif name in _HEADINGS:
            add_block(result, child, kind or "heading", preserve=preserve, is_quote=_is_quote, source_attr="quote-source")
        elif name in _PARAGRAPHS:
            add_block(result, child, kind or "paragraph", preserve=preserve, is_quote=_is_quote, source_attr="quote-source")
        elif name in _CONTAINERS:
            _collect(child, result, preserve=preserve, kind=kind)
        elif name == "credit":
            result.note("nitf-credit-not-mapped", "a block quote's <credit> is not mapped", child)
        else:
            result.note("body-element-skipped", f"NITF <{name}> has no place in the article model", child)
